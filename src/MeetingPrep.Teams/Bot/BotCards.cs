using System.Text.Json.Nodes;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;
using MeetingPrep.Teams.Cards;

namespace MeetingPrep.Teams.Bot;

/// <summary>
/// The bot's Adaptive Cards (1.5, Universal Actions) as JSON. Text from sources is escaped for Teams markdown so a
/// subject or e-mail cannot inject links or formatting into our card.
/// </summary>
public static class BotCards
{
    public static JsonObject Welcome(string? userName, TeamsText? text = null) => ToJson(WelcomeCardBuilder.Build(userName, CardHost.Teams, text));

    /// <summary>The briefing card from the card model (<see cref="BriefingCardRenderer"/>), as JSON for an attachment or invoke response.</summary>
    public static JsonObject Briefing(Briefing briefing, UserRef reader, CardHost host = CardHost.Teams) =>
        ToJson(BriefingCardRenderer.Render(briefing, reader, host));

    /// <summary>The morning digest card: the day's briefed meetings, each title opening its briefing.</summary>
    public static JsonObject Digest(Core.Delivery.MeetingDigest digest, UserRef reader, CardHost host = CardHost.Teams) =>
        ToJson(DigestCardBuilder.Build(
            reader,
            digest.Day,
            [.. digest.Meetings.Select(m => new DigestEntry(m.Id, m.Subject, m.Start, m.End, m.IsAllDay, Briefed: true, Reason: null, m.JoinUrl))],
            host,
            digest.Culture));

    public static JsonObject Settings(
        BriefingRecipe effective, UserRef reader, CardHost host = CardHost.Teams, Briefing? preview = null, IReadOnlyList<string>? problems = null,
        IReadOnlyList<Core.Feedback.WrongFlag>? flags = null) =>
        ToJson(SettingsCardBuilder.Build(effective, reader, host, preview, problems, flags));

    public static JsonObject Answer(
        string question, IReadOnlyList<BriefingItem> items, IReadOnlyList<Core.Sources.SourceRef> sources, string? meetingId, TeamsText? text = null) =>
        ToJson(AnswerCardBuilder.Build(
            new Cards.ChatAnswer(question, items.Select(i => new AnswerLine(i.Text, i.Label, i.Citations, i.WrittenByModel, i.Unverified)).ToList(), sources, meetingId),
            CardHost.Teams,
            text));

    public static JsonObject ToJson(AdaptiveCard card) => (JsonObject)JsonNode.Parse(AdaptiveCardSerializer.Serialize(card))!;

    /// <summary>
    /// Source text made safe for Teams markdown (the cards' sanitizer: escapes markdown, strips bidi overrides and control
    /// characters), so "[x](evil)" or "**" from an e-mail stays literal in a chat reply.
    /// </summary>
    public static string Escape(string text) => CardText.Markdown(text, 2000);
}
