using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Security;
using MeetingPrep.Teams.Bot.Chat;
using MeetingPrep.Teams.Bot.Routing;
using MeetingPrep.Teams.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Teams.Bot.Handlers;

/// <summary>
/// Chat for details: the user's words go to the <see cref="IChatAnswerer"/> for the user the turn maps to, and the
/// answer (text with citations, or a card) goes back as a reply. A typing indicator is sent when the answer takes more
/// than a moment.
/// </summary>
public sealed class MessageHandler(
    IBotUserResolver users,
    IChatAnswerer answerer,
    InstallationHandler installation,
    BotOptions options,
    IEngagementLog engagement,
    TimeProvider time,
    ILogger<MessageHandler> logger)
{
    public async Task<InvokeResponse?> OnMessageAsync(TurnContext turn)
    {
        var text = turn.Activity.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            // Card submits (Action.Submit) arrive as messages without text; our cards use Action.Execute instead.
            return null;
        }

        var user = await users.ResolveAsync(turn);

        // Keep the serviceUrl we reply to current for proactive messages in personal chats, with the user resolved.
        if (string.Equals(turn.Activity.Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase))
        {
            await installation.RememberAsync(turn, user);
        }

        if (user is null)
        {
            Log.UserUnmapped(logger, turn.Activity.TenantId);
            await turn.ReplyAsync(OutboundActivity.FromText(TeamsText.ForLocale(turn.Activity.Locale)["Chat.UnknownUser"]));
            return null;
        }

        if (IsForgetMe(text))
        {
            // Everything stored about them goes, this conversation's reference included: no more proactive briefings
            // until they write again.
            var forgotten = await turn.Services.GetRequiredService<IUserDataStore>().ForgetUserAsync(user.TenantId, user.UserId, turn.CancellationToken);
            Log.UserForgotten(logger, forgotten.Total, turn.Activity.Id);
            // Their language setting went with the rest: the client's locale says which language to confirm in.
            await turn.ReplyAsync(OutboundActivity.FromText(TeamsText.For(turn.Activity.Locale, user)["Chat.Forgotten"]));
            return null;
        }

        if (IsTeamReport(text))
        {
            // Only in the leader's own chat: the card's figures are for them, not for a group chat.
            var personal = string.Equals(turn.Activity.Conversation?.ConversationType, "personal", StringComparison.OrdinalIgnoreCase);
            // The card, or the refusal, in the client's language.
            var reportText = TeamsText.For(turn.Activity.Locale, user);
            var reportCard = personal && turn.Services.GetService<ITeamReportChat>() is { } reports ? await reports.CardForAsync(user, reportText, turn.CancellationToken) : null;
            await turn.ReplyAsync(reportCard is null
                ? OutboundActivity.FromText(reportText["Chat.TeamReportRefused"])
                : OutboundActivity.FromCard(reportCard, reportText["TeamReport.Title"]));
            return null;
        }

        var work = answerer.AnswerAsync(new ChatRequest(user, text, time.GetUtcNow()), turn.CancellationToken);
        var moment = Task.Delay(TimeSpan.FromMilliseconds(options.TypingAfterMilliseconds), time, turn.CancellationToken);
        if (await Task.WhenAny(work, moment) != work)
        {
            await turn.SendTypingAsync();
        }

        var answer = await work;
        Log.ChatIntent(logger, answer.Intent.ToString(), turn.Activity.Id);
        await engagement.RecordAsync(
            new EngagementSignal(user.TenantId, user.UserId, null, null, EngagementKind.QuestionAsked, answer.Intent.ToString(), time.GetUtcNow()), turn.CancellationToken);
        var reply = answer.Card is { } card
            ? OutboundActivity.FromCard(card, Summary(answer.Text))
            : OutboundActivity.FromText(answer.Text);
        await turn.ReplyAsync(reply);
        return null;
    }

    /// <summary>"team report" (English or German), asked on its own.</summary>
    internal static bool IsTeamReport(string text) =>
        text.Trim().TrimEnd('.', '!', '?').ToLowerInvariant() is "team report" or "my team report" or "teambericht";

    /// <summary>"forget me" and its plain variants, in English and German; nothing a question would contain by accident.</summary>
    internal static bool IsForgetMe(string text) =>
        text.Trim().TrimEnd('.', '!').ToLowerInvariant() is "forget me" or "delete my data" or "vergiss mich" or "lösche meine daten";

    /// <summary>The first line of the answer, as the notification preview.</summary>
    private static string Summary(string text)
    {
        var first = text.Split('\n', 2)[0];
        return first.Length <= 120 ? first : first[..119] + "…";
    }
}
