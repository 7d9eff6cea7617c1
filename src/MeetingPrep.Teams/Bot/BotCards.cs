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
    public const string Version = "1.5";

    public static JsonObject Welcome(string? userName) => Card(
        [
            Text($"Hi{(string.IsNullOrWhiteSpace(userName) ? string.Empty : " " + Escape(userName))}, I'm MeetingPrep.", size: "Large", weight: "Bolder"),
            Text("Before each client meeting I send you a short briefing: who is coming, the account, open issues, recent e-mails and talking points, each fact with its source."),
            Text("Ask me in plain words:", weight: "Bolder"),
            Text("- brief me on my next meeting\n- prep for Contoso at 3\n- who is Priya from Fabrikam\n- what is open with Fabrikam\n- last emails with Dan"),
            Text("Tune what you get with **settings** (length, lead time, which meetings), flag anything wrong on a briefing, or mute a recurring series.", isSubtle: true),
        ],
        [Execute("Settings", CardVerbs.SettingsOpen, new JsonObject())]);

    /// <summary>The briefing card from the card model (<see cref="BriefingCardRenderer"/>), as JSON for an attachment or invoke response.</summary>
    public static JsonObject Briefing(Briefing briefing, UserRef reader, CardHost host = CardHost.Teams) =>
        ToJson(BriefingCardRenderer.Render(briefing, reader, host));

    public static JsonObject Settings(BriefingRecipe effective, UserRef reader, CardHost host = CardHost.Teams, Briefing? preview = null, IReadOnlyList<string>? problems = null) =>
        ToJson(SettingsCardBuilder.Build(effective, reader, host, preview, problems));

    public static JsonObject Answer(string question, IReadOnlyList<BriefingItem> items, IReadOnlyList<Core.Sources.SourceRef> sources, string? meetingId) =>
        ToJson(AnswerCardBuilder.Build(
            new Cards.ChatAnswer(question, items.Select(i => new AnswerLine(i.Text, i.Label, i.Citations)).ToList(), sources, meetingId),
            CardHost.Teams));

    public static JsonObject ToJson(AdaptiveCard card) => (JsonObject)JsonNode.Parse(AdaptiveCardSerializer.Serialize(card))!;

    /// <summary>
    /// Source text made safe for Teams markdown (the cards' sanitizer: escapes markdown, strips bidi overrides and control
    /// characters), so "[x](evil)" or "**" from an e-mail stays literal in a chat reply.
    /// </summary>
    public static string Escape(string text) => CardText.Markdown(text, 2000);

    private static JsonObject Card(IEnumerable<JsonNode> body, IEnumerable<JsonNode> actions) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = Version,
        ["body"] = new JsonArray([.. body]),
        ["actions"] = new JsonArray([.. actions]),
        ["msteams"] = new JsonObject { ["width"] = "Full" },
    };

    private static JsonObject Text(string text, string? size = null, string? weight = null, bool isSubtle = false, string? spacing = null, string? color = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (isSubtle)
        {
            block["isSubtle"] = true;
        }

        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        return block;
    }

    private static JsonObject Execute(string title, string verb, JsonObject data) => new()
    {
        ["type"] = "Action.Execute",
        ["title"] = title,
        ["verb"] = verb,
        ["data"] = data.DeepClone(),
    };

}
