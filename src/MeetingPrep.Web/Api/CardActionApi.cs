using System.Security.Claims;
using System.Text.Json;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Teams.Bot.Routing;
using MeetingPrep.Teams.Bot.Handlers;
using MeetingPrep.Teams.Cards;
using MeetingPrep.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MeetingPrep.Web.Api;

/// <summary>
/// Universal Actions over HTTP for hosts that are not the bot: the Outlook pane and the demo page POST a card's
/// <c>Action.Execute</c> here and get the same answer a Teams invoke would (<c>{statusCode, type, value}</c>).
/// </summary>
public static class CardActionApi
{
    /// <summary>Largest action body accepted: a verb, a meeting id and the settings form's inputs.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapCardActionApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/cards/action", HandleAsync)
            .RequireAuthorization(MeetingPrepClaims.UserPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        return app;
    }

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> HandleAsync(
        HttpRequest request, string? host, ClaimsPrincipal principal, CardActionService actions, CancellationToken cancellationToken)
    {
        if (!CardHosts.TryParse(host, out var cardHost))
        {
            return TypedResults.Problem("'host' must be 'teams' or 'outlook'.", statusCode: StatusCodes.Status400BadRequest);
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return TypedResults.Problem("The body must be JSON: {\"verb\": \"...\", \"data\": {...}}.", statusCode: StatusCodes.Status400BadRequest);
        }

        using (body)
        {
            var root = body.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("verb", out var verb) || verb.ValueKind != JsonValueKind.String
                || string.IsNullOrWhiteSpace(verb.GetString()))
            {
                return TypedResults.Problem("The action has no verb.", statusCode: StatusCodes.Status400BadRequest);
            }

            var data = root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            if (data.ValueKind == JsonValueKind.Object && data.TryGetProperty("meetingId", out var meetingId)
                && (meetingId.ValueKind != JsonValueKind.String || !MeetingIds.IsWellFormed(meetingId.GetString())))
            {
                return TypedResults.Problem(MeetingIds.Problem, statusCode: StatusCodes.Status400BadRequest);
            }

            var response = await actions.HandleAsync(BriefingApi.CurrentUser(principal).WithClientLanguage(request), verb.GetString()!, data, cardHost, cancellationToken);
            return TypedResults.Content(BotTurnProcessor.ToJson(response)!.ToJsonString(), "application/json; charset=utf-8");
        }
    }
}
