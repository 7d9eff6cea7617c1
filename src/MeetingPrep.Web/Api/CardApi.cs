using System.Security.Claims;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Teams;
using MeetingPrep.Teams.Cards;
using MeetingPrep.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeetingPrep.Web.Api;

/// <summary>The briefing as an Adaptive Card for the Outlook pane, the demo page and tools, under the briefing API's rules.</summary>
public static class CardApi
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive+json";

    public static IEndpointRouteBuilder MapCardApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").RequireAuthorization(MeetingPrepClaims.UserPolicy)
            .MapGet("/meetings/{id}/card", GetCardAsync);
        return app;
    }

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetCardAsync(
        string id, string? host, HttpRequest request, ClaimsPrincipal principal, BriefingService briefings, CancellationToken cancellationToken)
    {
        if (!CardHosts.TryParse(host, out var cardHost))
        {
            return TypedResults.Problem("'host' must be 'teams' or 'outlook'.", statusCode: StatusCodes.Status400BadRequest);
        }

        var user = BriefingApi.CurrentUser(principal).WithClientLanguage(request);
        var result = await briefings.GetBriefingAsync(user, id, cancellationToken);
        var text = TeamsText.For((await briefings.GetRecipeAsync(user, cancellationToken)).Culture, user);
        var card = result.Outcome switch
        {
            BriefingOutcome.Ready => BriefingCardRenderer.Render(result.Briefing!, user, cardHost),
            BriefingOutcome.NotBriefed => StatusCards.Empty(
                result.Meeting?.Subject ?? text["Briefing.PrivateAppointment"], text.Why(result), cardHost, text: text),
            _ => null,
        };
        return card is null
            ? TypedResults.Problem(result.Reason, title: "Forbidden", statusCode: StatusCodes.Status403Forbidden)
            : TypedResults.Content(AdaptiveCardSerializer.Serialize(card), "application/json; charset=utf-8");
    }
}
