using System.Security.Claims;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;
using MeetingPrep.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MeetingPrep.Web.Api;

/// <summary>
/// The briefing API used by the Outlook pane, the demo page and tools. Every endpoint acts for the signed-in user only,
/// and a meeting is only ever answered for when it is in that user's own calendar and they attend it.
/// </summary>
public static class BriefingApi
{
    /// <summary>Longest window one meetings request may ask for.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    /// <summary>How far from today a meetings window may lie.</summary>
    public static readonly TimeSpan MaxDistance = TimeSpan.FromDays(5 * 365);

    /// <summary>Longest item key feedback may name (keys are record ids such as <c>case:4471</c>).</summary>
    public const int MaxItemKeyLength = 512;

    /// <summary>Longest feedback comment kept.</summary>
    public const int MaxCommentLength = 2000;

    public static IEndpointRouteBuilder MapBriefingApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(MeetingPrepClaims.UserPolicy);
        api.MapGet("/me/meetings", GetMeetingsAsync);
        api.MapGet("/meetings/{id}/briefing", GetBriefingAsync);
        api.MapGet("/me/recipe", GetRecipeAsync);
        api.MapPut("/me/recipe", PutRecipeAsync);
        api.MapPost("/meetings/{id}/feedback", PostFeedbackAsync);
        api.MapGet("/me/feedback", GetFeedbackAsync);
        api.MapDelete("/me/feedback/{id:long}", DeleteFeedbackAsync);

        // The team's defaults, under every user's own settings; only team admins change them.
        var team = app.MapGroup("/api/team").RequireAuthorization(MeetingPrepClaims.TeamAdminPolicy);
        team.MapGet("/recipe", GetTeamRecipeAsync);
        team.MapPut("/recipe", PutTeamRecipeAsync);
        return app;
    }

    internal static async Task<Results<Ok<MeetingsResponse>, ProblemHttpResult>> GetMeetingsAsync(
        ClaimsPrincipal principal, BriefingService briefings, TimeProvider time, string? from, string? to, CancellationToken cancellationToken)
    {
        var user = CurrentUser(principal);
        var now = time.GetUtcNow();
        if (!TryParseInstant(from, now, out var start) || !TryParseInstant(to, start <= now + MaxDistance ? start.AddDays(14) : start, out var end))
        {
            return TypedResults.Problem("'from' and 'to' must be ISO 8601 date-times, e.g. 2026-11-27T00:00:00Z.", statusCode: StatusCodes.Status400BadRequest);
        }

        // Far-off instants are nonsense for a calendar and overflow date arithmetic (9999-12-31 plus 14 days).
        if ((start - now).Duration() > MaxDistance || (end - now).Duration() > MaxDistance)
        {
            return TypedResults.Problem($"'from' and 'to' must lie within {MaxDistance.TotalDays / 365:0} years of today.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (end <= start || end - start > MaxWindow)
        {
            return TypedResults.Problem($"'to' must be after 'from', and the window at most {MaxWindow.TotalDays:0} days.", statusCode: StatusCodes.Status400BadRequest);
        }

        var meetings = await briefings.GetMeetingsAsync(user, start, end, cancellationToken);
        var items = meetings.Select(o => new MeetingListItem(
            o.Meeting.Id,
            o.Meeting.Subject,
            o.Meeting.Start,
            o.Meeting.End,
            o.Meeting.IsAllDay,
            o.Meeting.IsRecurring,
            o.Meeting.IsCancelled,
            o.Meeting.IsPrivate ? 0 : o.Meeting.ExternalAttendees.Count(),
            o.Meeting.IsPrivate ? 0 : o.Meeting.InternalAttendees.Count(),
            o.Eligibility.IsBriefed,
            o.Eligibility.Reason,
            o.Meeting.IsPrivate ? null : o.Meeting.JoinUrl)).ToList();
        return TypedResults.Ok(new MeetingsResponse(new UserSummary(user.Upn, user.DisplayName, user.TimeZone), start, end, items));
    }

    internal static async Task<Results<Ok<Briefing>, ProblemHttpResult>> GetBriefingAsync(
        string id, ClaimsPrincipal principal, BriefingService briefings, CancellationToken cancellationToken)
    {
        var result = await briefings.GetBriefingAsync(CurrentUser(principal), id, cancellationToken);
        return ToHttp(result.Briefing is { } briefing
            ? result with { Briefing = briefing with { AuditUrl = $"/api/me/briefings/{Uri.EscapeDataString(id)}/audit" } }
            : result);
    }

    internal static Results<Ok<Briefing>, ProblemHttpResult> ToHttp(BriefingResult result) => result.Outcome switch
    {
        BriefingOutcome.Ready => TypedResults.Ok(result.Briefing!),
        BriefingOutcome.NotBriefed => TypedResults.Problem(result.Reason, title: "No briefing for this meeting", statusCode: StatusCodes.Status422UnprocessableEntity),
        _ => TypedResults.Problem(result.Reason, title: "Forbidden", statusCode: StatusCodes.Status403Forbidden),
    };

    internal static async Task<Ok<RecipeResponse>> GetRecipeAsync(
        ClaimsPrincipal principal, BriefingService briefings, IRecipeStore store, CancellationToken cancellationToken)
    {
        var user = CurrentUser(principal);
        var own = await store.GetUserPatchAsync(user.TenantId, user.UserId, cancellationToken);
        return TypedResults.Ok(new RecipeResponse(await briefings.GetRecipeAsync(user, cancellationToken), own ?? new RecipePatch()));
    }

    internal static async Task<Results<Ok<RecipeResponse>, ProblemHttpResult>> PutRecipeAsync(
        [FromBody] RecipePatch patch, ClaimsPrincipal principal, BriefingService briefings, IRecipeStore store, IEngagementLog engagement, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (RecipeLimits.Check(patch) is { } problem)
        {
            return TypedResults.Problem(problem, title: "The recipe is too large", statusCode: StatusCodes.Status400BadRequest);
        }

        var user = CurrentUser(principal);
        await store.SaveUserPatchAsync(user.TenantId, user.UserId, patch, cancellationToken);
        await engagement.RecordAsync(new EngagementSignal(user.TenantId, user.UserId, null, null, EngagementKind.SettingsChanged, "settings", time.GetUtcNow()), cancellationToken);
        return TypedResults.Ok(new RecipeResponse(await briefings.GetRecipeAsync(user, cancellationToken), patch));
    }

    internal static async Task<Ok<RecipePatch>> GetTeamRecipeAsync(ClaimsPrincipal principal, IRecipeStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetTeamPatchAsync(CurrentUser(principal).TenantId, cancellationToken) ?? new RecipePatch());

    internal static async Task<Results<Ok<RecipePatch>, ProblemHttpResult>> PutTeamRecipeAsync(
        [FromBody] RecipePatch patch, ClaimsPrincipal principal, IRecipeStore store, CancellationToken cancellationToken)
    {
        if (RecipeLimits.Check(patch) is { } problem)
        {
            return TypedResults.Problem(problem, title: "The recipe is too large", statusCode: StatusCodes.Status400BadRequest);
        }

        await store.SaveTeamPatchAsync(CurrentUser(principal).TenantId, patch, cancellationToken);
        return TypedResults.Ok(patch);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> PostFeedbackAsync(
        string id, [FromBody] FeedbackRequest request, ClaimsPrincipal principal, BriefingService briefings, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = CurrentUser(principal);
        if (request is null || !Enum.IsDefined(request.Kind))
        {
            return TypedResults.Problem("'kind' must be helpful, notHelpful or wrong.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!MeetingIds.IsWellFormed(id))
        {
            return TypedResults.Problem(MeetingIds.Problem, statusCode: StatusCodes.Status400BadRequest);
        }

        if (request.ItemKey is { Length: > MaxItemKeyLength } || request.Comment is { Length: > MaxCommentLength })
        {
            return TypedResults.Problem($"'itemKey' may have at most {MaxItemKeyLength} characters and 'comment' at most {MaxCommentLength}.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (request.Kind == FeedbackKind.Wrong && string.IsNullOrWhiteSpace(request.ItemKey))
        {
            return TypedResults.Problem("Flagging something as wrong needs the item's key.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (request.Kind == FeedbackKind.Wrong)
        {
            // Bound to the line's record and its version; only for a briefing the user may see.
            // Stored and recorded as an engagement signal by the briefing service, bound to the line's record.
            var result = await briefings.FlagWrongAsync(user, id, request.ItemKey!, request.Comment, time.GetUtcNow(), cancellationToken);
            return result.Outcome switch
            {
                BriefingOutcome.Ready => TypedResults.NoContent(),
                BriefingOutcome.Forbidden => TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status403Forbidden),
                _ => TypedResults.Problem(result.Reason, statusCode: StatusCodes.Status422UnprocessableEntity),
            };
        }

        return await briefings.VoteAsync(user, id, request.Kind, request.ItemKey, request.Comment, time.GetUtcNow(), cancellationToken)
            ? TypedResults.NoContent()
            : TypedResults.Problem(BriefingResult.Forbidden.Reason, statusCode: StatusCodes.Status403Forbidden);
    }

    /// <summary>The user's "wrong" flags, newest first: the record each covers (kind, id, version, title) and the comment.</summary>
    internal static async Task<Ok<FeedbackList>> GetFeedbackAsync(ClaimsPrincipal principal, IFeedbackStore feedback, CancellationToken cancellationToken)
    {
        var user = CurrentUser(principal);
        return TypedResults.Ok(new FeedbackList(await feedback.GetWrongFlagsAsync(user.TenantId, user.UserId, cancellationToken)));
    }

    /// <summary>Undoes one of the user's own flags: the lines it covered come back. 404 for an id that is not theirs.</summary>
    internal static async Task<Results<NoContent, NotFound>> DeleteFeedbackAsync(long id, ClaimsPrincipal principal, IFeedbackStore feedback, CancellationToken cancellationToken)
    {
        var user = CurrentUser(principal);
        return await feedback.RemoveWrongFlagAsync(user.TenantId, user.UserId, id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    /// <summary>The authorization policy guarantees these claims; a principal without them never reaches an endpoint.</summary>
    internal static UserRef CurrentUser(ClaimsPrincipal principal) =>
        MeetingPrepClaims.ToUser(principal) ?? throw new InvalidOperationException("The user policy admitted a principal without oid/tid/upn claims.");

    private static bool TryParseInstant(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            value = fallback;
            return true;
        }

        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out value);
    }
}

public sealed record UserSummary(string Upn, string DisplayName, string TimeZone);

public sealed record MeetingListItem(
    string Id,
    string Subject,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool IsAllDay,
    bool IsRecurring,
    bool IsCancelled,
    int ExternalAttendees,
    int InternalAttendees,
    bool Briefed,
    string? Reason,
    Uri? JoinUrl);

public sealed record MeetingsResponse(UserSummary User, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<MeetingListItem> Meetings);

public sealed record RecipeResponse(BriefingRecipe Effective, RecipePatch Own);

public sealed record FeedbackRequest(FeedbackKind Kind, string? ItemKey, string? Comment);

public sealed record FeedbackList(IReadOnlyList<WrongFlag> Flags);

/// <summary>What one person may store in a recipe: enough for any real use, far from megabytes.</summary>
internal static class RecipeLimits
{
    public const int MaxListItems = 200;
    public const int MaxListItemLength = 512;
    public const int MaxInstructionsLength = 2000;
    public const int MaxCultureLength = 35;

    /// <summary>Why the patch is refused, or null when it fits.</summary>
    public static string? Check(RecipePatch? patch)
    {
        if (patch is null)
        {
            return "The body must be a recipe (a JSON object).";
        }

        foreach (var (name, list) in new[] { ("excludeCategories", patch.ExcludeCategories), ("excludeKeywords", patch.ExcludeKeywords), ("mutedSeries", patch.MutedSeries) })
        {
            if (list is not null && (list.Count > MaxListItems || list.Any(i => i is null || i.Length > MaxListItemLength)))
            {
                return $"'{name}' may hold at most {MaxListItems} entries of at most {MaxListItemLength} characters.";
            }
        }

        if (patch.Sections is { Count: > 50 })
        {
            return "'sections' may hold at most 50 entries.";
        }

        if (patch.Instructions is { Length: > MaxInstructionsLength } || patch.Culture is { Length: > MaxCultureLength })
        {
            return $"'instructions' may have at most {MaxInstructionsLength} characters and 'culture' at most {MaxCultureLength}.";
        }

        return patch.CheckDeliveryHours();
    }
}
