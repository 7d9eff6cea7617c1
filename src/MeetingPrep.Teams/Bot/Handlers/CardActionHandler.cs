using System.Text.Json;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;
using MeetingPrep.Teams.Bot.Routing;
using MeetingPrep.Teams.Bot.Schema;
using MeetingPrep.Teams.Cards;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Teams.Bot.Handlers;

/// <summary>
/// <c>adaptiveCard/action</c> invokes (Universal Actions from our cards), answered in the HTTP response: an updated card
/// for the invoking user, a short message, or an error body. Verbs are exact names (<see cref="CardVerbs"/>); an unknown
/// verb is answered as not supported.
/// </summary>
public sealed class CardActionHandler(
    IBotUserResolver users,
    BriefingService briefings,
    ICalendarSource calendar,
    IFeedbackStore feedback,
    IRecipeStore recipes,
    TimeProvider time,
    ILogger<CardActionHandler> logger)
{
    private const int MaxCommentLength = 500;

    public async Task<InvokeResponse?> OnAdaptiveCardActionAsync(TurnContext turn)
    {
        var response = await HandleAsync(turn);
        return new InvokeResponse(200, BotTurnProcessor.ToJson(response));
    }

    private async Task<AdaptiveCardInvokeResponse> HandleAsync(TurnContext turn)
    {
        AdaptiveCardInvokeValue? value = null;
        if (turn.Activity.Value is { ValueKind: JsonValueKind.Object } raw)
        {
            try
            {
                value = raw.Deserialize(BotJsonContext.Default.AdaptiveCardInvokeValue);
            }
            catch (JsonException)
            {
                value = null;
            }
        }

        var verb = value?.Action?.Verb;
        if (string.IsNullOrWhiteSpace(verb))
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The action has no verb.");
        }

        var user = await users.ResolveAsync(turn);
        if (user is null)
        {
            return AdaptiveCardInvokeResponse.Message(MessageHandler.UnknownUserText);
        }

        Log.CardAction(logger, verb, turn.Activity.Id);
        var data = value!.Action!.Data is { ValueKind: JsonValueKind.Object } d ? d : default;
        var ct = turn.CancellationToken;
        return verb switch
        {
            CardVerbs.Refresh or CardVerbs.BriefingOpen => await BriefingCardAsync(user, Text(data, "meetingId"), ct),
            CardVerbs.FeedbackHelpful => await FeedbackAsync(user, data, FeedbackKind.Helpful, ct),
            CardVerbs.FeedbackNotHelpful => await FeedbackAsync(user, data, FeedbackKind.NotHelpful, ct),
            CardVerbs.ItemFlagWrong => await FlagWrongAsync(user, data, ct),
            CardVerbs.SeriesMute => await MuteSeriesAsync(user, Text(data, "meetingId"), ct),
            CardVerbs.SettingsOpen => await SettingsCardAsync(user, ct),
            CardVerbs.SettingsPreview => await PreviewSettingsAsync(user, data, ct),
            CardVerbs.SettingsSave => await SaveSettingsAsync(user, data, ct),
            _ => AdaptiveCardInvokeResponse.Error(400, "NotSupported", "This action is not supported."),
        };
    }

    private async Task<AdaptiveCardInvokeResponse> BriefingCardAsync(UserRef user, string? meetingId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(meetingId))
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The action names no meeting.");
        }

        var result = await briefings.GetBriefingAsync(user, meetingId, ct);
        return result.Outcome == BriefingOutcome.Ready
            ? AdaptiveCardInvokeResponse.Card(BotCards.Briefing(result.Briefing!, user))
            : AdaptiveCardInvokeResponse.Message(result.Reason ?? "There is no briefing for this meeting.");
    }

    private async Task<AdaptiveCardInvokeResponse> FeedbackAsync(UserRef user, JsonElement data, FeedbackKind kind, CancellationToken ct)
    {
        var meetingId = Text(data, "meetingId");
        if (string.IsNullOrWhiteSpace(meetingId))
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The action names no meeting.");
        }

        await feedback.AddAsync(new FeedbackEntry(user.TenantId, user.UserId, meetingId, null, kind, null, time.GetUtcNow()), ct);
        return AdaptiveCardInvokeResponse.Message(kind == FeedbackKind.Helpful
            ? "Thanks! Glad it helped."
            : "Thanks for telling us. Flag the lines that are wrong, or change what you get in settings.");
    }

    private async Task<AdaptiveCardInvokeResponse> FlagWrongAsync(UserRef user, JsonElement data, CancellationToken ct)
    {
        var meetingId = Text(data, "meetingId");
        var itemKey = Text(data, CardVerbs.ItemKeyInput);
        if (string.IsNullOrWhiteSpace(meetingId) || string.IsNullOrWhiteSpace(itemKey))
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "Pick the line that is wrong.");
        }

        var comment = Text(data, CardVerbs.CommentInput)?.Trim();
        if (comment is { Length: > MaxCommentLength })
        {
            comment = comment[..MaxCommentLength];
        }

        await feedback.AddAsync(new FeedbackEntry(user.TenantId, user.UserId, meetingId, itemKey, FeedbackKind.Wrong, string.IsNullOrEmpty(comment) ? null : comment, time.GetUtcNow()), ct);

        // The flagged line is suppressed for this user from now on: show the briefing without it.
        var refreshed = await BriefingCardAsync(user, meetingId, ct);
        return refreshed.Type == AdaptiveCardInvokeResponse.CardType
            ? refreshed
            : AdaptiveCardInvokeResponse.Message("Thanks, that line will not be shown to you again.");
    }

    private async Task<AdaptiveCardInvokeResponse> MuteSeriesAsync(UserRef user, string? meetingId, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(meetingId))
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The action names no meeting.");
        }

        var meeting = await calendar.GetMeetingAsync(user, meetingId, ct);
        if (meeting is null || !meeting.Attends(user.Upn))
        {
            return AdaptiveCardInvokeResponse.Message(BriefingResult.Forbidden.Reason!);
        }

        if (meeting.SeriesId is null)
        {
            return AdaptiveCardInvokeResponse.Message("This meeting is not part of a series.");
        }

        // Muting is stored in the user's own recipe as a subject keyword, so it shows (and can be undone) in settings.
        var own = await recipes.GetUserPatchAsync(user.TenantId, user.UserId, ct) ?? new RecipePatch();
        var effective = await briefings.GetRecipeAsync(user, ct);
        var keywords = (own.ExcludeKeywords ?? effective.Meetings.ExcludeKeywords).ToList();
        if (!keywords.Contains(meeting.Subject, StringComparer.OrdinalIgnoreCase))
        {
            keywords.Add(meeting.Subject);
        }

        await recipes.SaveUserPatchAsync(user.TenantId, user.UserId, own with { ExcludeKeywords = keywords }, ct);
        return AdaptiveCardInvokeResponse.Message($"Muted: you will get no more briefings for \"{meeting.Subject}\". Undo it in settings.");
    }

    private async Task<AdaptiveCardInvokeResponse> SettingsCardAsync(UserRef user, CancellationToken ct) =>
        AdaptiveCardInvokeResponse.Card(BotCards.Settings(await briefings.GetRecipeAsync(user, ct), user));

    /// <summary>The settings card again, with a briefing of the next meeting made with the unsaved settings.</summary>
    private async Task<AdaptiveCardInvokeResponse> PreviewSettingsAsync(UserRef user, JsonElement data, CancellationToken ct)
    {
        var (patch, problems) = SettingsForm.Read(data);
        if (patch is null)
        {
            return AdaptiveCardInvokeResponse.Card(BotCards.Settings(await briefings.GetRecipeAsync(user, ct), user, problems: problems));
        }

        var recipe = await RecipeWithAsync(user, patch, ct);
        var next = await briefings.FindNextBriefedMeetingAsync(user, time.GetUtcNow(), ct);
        var preview = next is null ? null : await briefings.WriteAsync(user, next, recipe, ct);
        return AdaptiveCardInvokeResponse.Card(BotCards.Settings(recipe, user, preview));
    }

    private async Task<AdaptiveCardInvokeResponse> SaveSettingsAsync(UserRef user, JsonElement data, CancellationToken ct)
    {
        var (patch, problems) = SettingsForm.Read(data);
        if (patch is null)
        {
            // Teams keeps the user's inputs on the card; the card comes back with what to fix.
            return AdaptiveCardInvokeResponse.Card(BotCards.Settings(await briefings.GetRecipeAsync(user, ct), user, problems: problems));
        }

        await recipes.SaveUserPatchAsync(user.TenantId, user.UserId, patch, ct);
        return AdaptiveCardInvokeResponse.Message("Saved. Your next briefings use these settings.");
    }

    /// <summary>The recipe the user would have with <paramref name="own"/> as their patch: default, then team, then own.</summary>
    private async Task<BriefingRecipe> RecipeWithAsync(UserRef user, RecipePatch own, CancellationToken ct)
    {
        var recipe = BriefingRecipe.Default;
        if (await recipes.GetTeamPatchAsync(user.TenantId, ct) is { } team)
        {
            recipe = team.ApplyTo(recipe);
        }

        return own.ApplyTo(recipe);
    }

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
