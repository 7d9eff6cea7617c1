using System.Text.Json;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Audit;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;
using MeetingPrep.Teams.Bot.Schema;
using MeetingPrep.Teams.Cards;

namespace MeetingPrep.Teams.Bot.Handlers;

/// <summary>
/// What our cards' Universal Actions do, for any host: the bot's <c>adaptiveCard/action</c> invokes and the HTTP action
/// endpoint used by the Outlook pane and the demo page both come here, so a verb means the same everywhere.
/// The answer is an updated card for the acting user, a short message, or an error body.
/// </summary>
public sealed class CardActionService(
    BriefingService briefings,
    ICalendarSource calendar,
    IFeedbackStore feedback,
    IRecipeStore recipes,
    IEngagementLog engagement,
    IBriefingAuditLog audit,
    TimeProvider time)
{
    private const int MaxCommentLength = 500;

    /// <summary>Item keys are record ids such as <c>case:4471</c>; a longer one is not ours.</summary>
    private const int MaxItemKeyLength = 512;

    public async Task<AdaptiveCardInvokeResponse> HandleAsync(UserRef user, string verb, JsonElement data, CardHost host, CancellationToken ct) => verb switch
    {
        CardVerbs.Refresh => await BriefingCardAsync(user, Text(data, "meetingId"), host, ct, openedAs: host == CardHost.Outlook ? "pane" : "card_refresh"),
        CardVerbs.BriefingOpen => await BriefingCardAsync(user, Text(data, "meetingId"), host, ct, openedAs: "open"),
        CardVerbs.BriefingFull => await BriefingCardAsync(user, Text(data, "meetingId"), host, ct, openedAs: "full", full: true),
        CardVerbs.FeedbackHelpful => await FeedbackAsync(user, data, FeedbackKind.Helpful, ct),
        CardVerbs.FeedbackNotHelpful => await FeedbackAsync(user, data, FeedbackKind.NotHelpful, ct),
        CardVerbs.ItemFlagWrong => await FlagWrongAsync(user, data, host, ct),
        CardVerbs.SeriesMute => await MuteSeriesAsync(user, Text(data, "meetingId"), ct),
        CardVerbs.FeedbackUndo => await UndoFlagAsync(user, data, host, ct),
        CardVerbs.BriefingAudit => await AuditCardAsync(user, Text(data, "meetingId"), host, ct),
        CardVerbs.SettingsOpen => await SettingsCardAsync(user, host, ct),
        CardVerbs.SettingsPreview => await PreviewSettingsAsync(user, data, host, ct),
        CardVerbs.SettingsSave => await SaveSettingsAsync(user, data, host, ct),
        _ => AdaptiveCardInvokeResponse.Error(400, "NotSupported", "This action is not supported."),
    };

    /// <param name="openedAs">Recorded as the way the user opened the briefing (pane, card_refresh, open); null when not the user's own look.</param>
    private async Task<AdaptiveCardInvokeResponse> BriefingCardAsync(UserRef user, string? meetingId, CardHost host, CancellationToken ct, string? openedAs = null, bool full = false)
    {
        if (!MeetingIds.IsWellFormed(meetingId))
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The action names no meeting.");
        }

        var result = await briefings.GetBriefingAsync(user, meetingId, ct);
        if (openedAs is not null && result.Outcome == BriefingOutcome.Ready)
        {
            await RecordAsync(user, meetingId, result.Meeting?.Start, EngagementKind.Opened, openedAs, ct);
        }

        return result.Outcome == BriefingOutcome.Ready
            ? AdaptiveCardInvokeResponse.Card(full
                ? BotCards.ToJson(BriefingCardRenderer.RenderFull(result.Briefing!, user, host))
                : BotCards.Briefing(result.Briefing!, user, host))
            : AdaptiveCardInvokeResponse.Message((await TextForAsync(user, ct)).Why(result));
    }

    /// <summary>"How this was made": the reader's own audit records of the meeting (never another user's), newest first.</summary>
    private async Task<AdaptiveCardInvokeResponse> AuditCardAsync(UserRef user, string? meetingId, CardHost host, CancellationToken ct)
    {
        if (!MeetingIds.IsWellFormed(meetingId))
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The action names no meeting.");
        }

        var records = await audit.ListForMeetingAsync(user.TenantId, user.UserId, meetingId, ct);
        var culture = (await briefings.GetRecipeAsync(user, ct)).Culture;
        return AdaptiveCardInvokeResponse.Card(BotCards.ToJson(BriefingAuditCardBuilder.Build(meetingId, records, user, host, culture)));
    }

    private async Task<AdaptiveCardInvokeResponse> FeedbackAsync(UserRef user, JsonElement data, FeedbackKind kind, CancellationToken ct)
    {
        var meetingId = Text(data, "meetingId");
        if (!MeetingIds.IsWellFormed(meetingId))
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The action names no meeting.");
        }

        var entry = new FeedbackEntry(user.TenantId, user.UserId, meetingId, null, kind, null, time.GetUtcNow());
        await feedback.AddAsync(entry, ct);
        await engagement.RecordAsync(EngagementSignal.ForFeedback(entry), ct);
        return AdaptiveCardInvokeResponse.Message((await TextForAsync(user, ct))[kind == FeedbackKind.Helpful ? "Msg.Helpful" : "Msg.NotHelpful"]);
    }

    private async Task<AdaptiveCardInvokeResponse> FlagWrongAsync(UserRef user, JsonElement data, CardHost host, CancellationToken ct)
    {
        var meetingId = Text(data, "meetingId");
        var itemKey = Text(data, CardVerbs.ItemKeyInput);
        if (!MeetingIds.IsWellFormed(meetingId) || string.IsNullOrWhiteSpace(itemKey) || itemKey.Length > MaxItemKeyLength)
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", (await TextForAsync(user, ct))["Msg.PickLine"]);
        }

        var comment = Text(data, CardVerbs.CommentInput)?.Trim();
        if (comment is { Length: > MaxCommentLength })
        {
            comment = comment[..MaxCommentLength];
        }

        // The flag covers every line citing the same record in this version: show the briefing without them.
        var result = await briefings.FlagWrongAsync(user, meetingId, itemKey, string.IsNullOrEmpty(comment) ? null : comment, time.GetUtcNow(), ct);
        return result.Outcome == BriefingOutcome.Ready
            ? AdaptiveCardInvokeResponse.Card(BotCards.Briefing(result.Briefing!, user, host))
            : AdaptiveCardInvokeResponse.Message((await TextForAsync(user, ct)).Why(result));
    }

    private async Task<AdaptiveCardInvokeResponse> UndoFlagAsync(UserRef user, JsonElement data, CardHost host, CancellationToken ct)
    {
        if (!long.TryParse(Text(data, "feedbackId"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The action names no flag.");
        }

        // Only the user's own flags: someone else's id simply is not found.
        return await feedback.RemoveWrongFlagAsync(user.TenantId, user.UserId, id, ct)
            ? await SettingsCardAsync(user, host, ct)
            : AdaptiveCardInvokeResponse.Message((await TextForAsync(user, ct))["Msg.FlagAlreadyUndone"]);
    }

    private async Task<AdaptiveCardInvokeResponse> MuteSeriesAsync(UserRef user, string? meetingId, CancellationToken ct)
    {
        if (!MeetingIds.IsWellFormed(meetingId))
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The action names no meeting.");
        }

        var meeting = await calendar.GetMeetingAsync(user, meetingId, ct);
        if (meeting is null || !meeting.Attends(user.Upn))
        {
            return AdaptiveCardInvokeResponse.Message((await TextForAsync(user, ct)).Why(BriefingResult.Forbidden));
        }

        if (meeting.SeriesId is null)
        {
            return AdaptiveCardInvokeResponse.Message((await TextForAsync(user, ct))["Msg.NotSeries"]);
        }

        // Muting is stored in the user's own recipe by series id, so only this series is skipped and settings can undo it.
        var own = await recipes.GetUserPatchAsync(user.TenantId, user.UserId, ct) ?? new RecipePatch();
        var effective = await briefings.GetRecipeAsync(user, ct);
        var muted = (own.MutedSeries ?? effective.Meetings.MutedSeries).ToList();
        if (!muted.Contains(meeting.SeriesId, StringComparer.Ordinal))
        {
            muted.Add(meeting.SeriesId);
        }

        await recipes.SaveUserPatchAsync(user.TenantId, user.UserId, own with { MutedSeries = muted }, ct);
        await RecordAsync(user, meetingId, null, EngagementKind.SettingsChanged, "mute", ct);
        return AdaptiveCardInvokeResponse.Message(TeamsText.For(effective.Culture, user).Format("Msg.Muted", meeting.Subject));
    }

    private async Task<AdaptiveCardInvokeResponse> SettingsCardAsync(UserRef user, CardHost host, CancellationToken ct) =>
        AdaptiveCardInvokeResponse.Card(BotCards.Settings(
            await briefings.GetRecipeAsync(user, ct), user, host, flags: await feedback.GetWrongFlagsAsync(user.TenantId, user.UserId, ct)));

    /// <summary>The settings card again, with a briefing of the next meeting made with the unsaved settings.</summary>
    private async Task<AdaptiveCardInvokeResponse> PreviewSettingsAsync(UserRef user, JsonElement data, CardHost host, CancellationToken ct)
    {
        var (patch, problems) = SettingsForm.Read(data);
        if (patch is null)
        {
            return AdaptiveCardInvokeResponse.Card(BotCards.Settings(await briefings.GetRecipeAsync(user, ct), user, host, problems: problems));
        }

        var recipe = await briefings.GetRecipeWithAsync(user, patch, ct);
        var next = await briefings.FindNextBriefedMeetingAsync(user, time.GetUtcNow(), ct);
        var preview = next is null ? null : await briefings.WriteAsync(user, next, recipe, ct);
        return AdaptiveCardInvokeResponse.Card(BotCards.Settings(recipe, user, host, preview));
    }

    private async Task<AdaptiveCardInvokeResponse> SaveSettingsAsync(UserRef user, JsonElement data, CardHost host, CancellationToken ct)
    {
        var (patch, problems) = SettingsForm.Read(data);
        if (patch is null)
        {
            // Teams keeps the user's inputs on the card; the card comes back with what to fix.
            return AdaptiveCardInvokeResponse.Card(BotCards.Settings(await briefings.GetRecipeAsync(user, ct), user, host, problems: problems));
        }

        // The form carries no series ids and no section's internal-only mark: keep the user's own (muted series unless they
        // asked to unmute them all), so saving the card never resets what only the API sets.
        var own = await recipes.GetUserPatchAsync(user.TenantId, user.UserId, ct);
        // The card does not show the time zone (set through the API) either: saving it keeps the one stored.
        patch = patch with
        {
            MutedSeries = SettingsForm.UnmutesAll(data) ? [] : own?.MutedSeries,
            Sections = patch.Sections?.Select(s => s with { InternalOnly = own?.Sections?.FirstOrDefault(o => o.Kind == s.Kind)?.InternalOnly }).ToArray(),
            TimeZone = own?.TimeZone,
        };
        await recipes.SaveUserPatchAsync(user.TenantId, user.UserId, patch, ct);
        await RecordAsync(user, null, null, EngagementKind.SettingsChanged, "settings", ct);
        return AdaptiveCardInvokeResponse.Message((await TextForAsync(user, ct))["Msg.Saved"]);
    }

    /// <summary>The user's interface text: their language setting, else their Teams/Outlook locale.</summary>
    private async Task<TeamsText> TextForAsync(UserRef user, CancellationToken ct) =>
        TeamsText.For((await briefings.GetRecipeAsync(user, ct)).Culture, user);

    private Task RecordAsync(UserRef user, string? meetingId, DateTimeOffset? meetingStart, EngagementKind kind, string? detail, CancellationToken ct) =>
        engagement.RecordAsync(new EngagementSignal(user.TenantId, user.UserId, meetingId, meetingStart, kind, detail, time.GetUtcNow()), ct);

    /// <summary>A data field as text: Adaptive Card inputs send strings, numbers may arrive as numbers.</summary>
    private static string? Text(JsonElement data, string name)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
    }
}
