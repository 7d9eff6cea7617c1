using System.Security.Claims;
using System.Text.Json.Nodes;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Teams.Bot.Chat;
using MeetingPrep.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MeetingPrep.Web.Api;

/// <summary>A follow-up question about one meeting, asked beside it (the Outlook pane), answered by the chat answerer.</summary>
/// <param name="Question">What the user asks, at most <see cref="FollowUpApi.MaxQuestionLength"/> characters.</param>
public sealed record FollowUpQuestion(string? Question);

/// <summary>The answer: markdown with numbered citations, and the answer card when there is one.</summary>
public sealed record FollowUpAnswer(string Text, JsonObject? Card);

/// <summary>
/// <c>POST /api/meetings/{id}/ask</c>: the same answerer as the Teams chat (<see cref="IChatAnswerer"/>, extractive or
/// the model's), with the meeting as the question's context. Only for a meeting the user attends, under the API's auth.
/// </summary>
public static class FollowUpApi
{
    public const int MaxQuestionLength = 500;

    public static IEndpointRouteBuilder MapFollowUpApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api").RequireAuthorization(MeetingPrepClaims.UserPolicy)
            .MapPost("/meetings/{id}/ask", AskAsync);
        return app;
    }

    internal static async Task<Results<Ok<FollowUpAnswer>, ProblemHttpResult>> AskAsync(
        string id, [FromBody] FollowUpQuestion body, HttpRequest request, ClaimsPrincipal principal, BriefingService briefings, IChatAnswerer answerer,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!MeetingIds.IsWellFormed(id))
        {
            return TypedResults.Problem(MeetingIds.Problem, statusCode: StatusCodes.Status400BadRequest);
        }

        var question = body.Question?.Trim();
        if (string.IsNullOrEmpty(question) || question.Length > MaxQuestionLength)
        {
            return TypedResults.Problem($"'question' must have 1 to {MaxQuestionLength} characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        var user = BriefingApi.CurrentUser(principal).WithClientLanguage(request);
        var meeting = await briefings.GetBriefingAsync(user, id, cancellationToken);
        if (meeting.Outcome != BriefingOutcome.Ready)
        {
            return BriefingApi.ToHttp(meeting).Result as ProblemHttpResult
                ?? TypedResults.Problem(meeting.Reason, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var answer = await answerer.AnswerAsync(new ChatRequest(user, question, time.GetUtcNow(), id), cancellationToken);
        return TypedResults.Ok(new FollowUpAnswer(answer.Text, answer.Card));
    }
}
