using System.Text.Json.Nodes;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Teams.Bot;

/// <summary>Universal Action verbs our cards use; the invoke handler routes on exactly these.</summary>
public static class CardVerbs
{
    public const string Refresh = "refresh";
    public const string FeedbackHelpful = "feedback.helpful";
    public const string FeedbackNotHelpful = "feedback.notHelpful";
    public const string FlagWrong = "item.flagWrong";
    public const string MuteSeries = "series.mute";
    public const string SettingsOpen = "settings.open";
    public const string SettingsSave = "settings.save";
}

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

    public static JsonObject Briefing(Briefing briefing, UserRef reader)
    {
        var format = BriefingFormat.For(briefing.Recipe.Culture ?? reader.Culture, reader.ResolveTimeZone());
        var meeting = briefing.Meeting;
        var when = meeting.IsAllDay
            ? format.Local(meeting.Start).ToString("ddd d MMM", format.Culture) + ", all day"
            : $"{format.Local(meeting.Start).ToString("ddd d MMM", format.Culture)}, {format.Time(meeting.Start)}–{format.Time(meeting.End)}";
        var body = new List<JsonNode>
        {
            Text(Escape(meeting.Subject), size: "Large", weight: "Bolder"),
            Text($"{when} · {meeting.ExternalAttendeeCount} external, {meeting.InternalAttendeeCount} internal", isSubtle: true, spacing: "None"),
        };
        var flaggable = new JsonArray();
        foreach (var section in briefing.Sections)
        {
            body.Add(Text(Escape(section.Title), weight: "Bolder", spacing: "Medium"));
            foreach (var item in section.Items)
            {
                var cites = string.Concat(item.Citations.Select(c => $"[{briefing.CitationNumber(c)}]"));
                var label = item.Label == ItemLabel.Inference ? " _(inference)_" : string.Empty;
                body.Add(Text($"- {Escape(item.Text)} {cites}{label}", spacing: "Small"));
                flaggable.Add(new JsonObject { ["title"] = Shorten(item.Text, 80), ["value"] = item.Key });
            }
        }

        if (briefing.Sources.Count > 0)
        {
            body.Add(Text("Sources", weight: "Bolder", spacing: "Medium"));
            for (var i = 0; i < briefing.Sources.Count; i++)
            {
                var source = briefing.Sources[i];
                var title = Escape(source.Title);
                var link = source.Url is { } url && url.Scheme == Uri.UriSchemeHttps ? $"[{title}]({url.AbsoluteUri})" : title;
                body.Add(Text($"[{i + 1}] {link}", size: "Small", spacing: "None"));
            }
        }

        if (briefing.Unavailable.Count > 0)
        {
            body.Add(Text("Unavailable: " + Escape(string.Join("; ", briefing.Unavailable.Select(u => $"{u.Source} ({u.Reason})"))), isSubtle: true, color: "Warning"));
        }

        var data = new JsonObject { ["meetingId"] = meeting.Id };
        var actions = new List<JsonNode>
        {
            Execute("Helpful", CardVerbs.FeedbackHelpful, data),
            Execute("Not helpful", CardVerbs.FeedbackNotHelpful, data),
            Execute("Refresh", CardVerbs.Refresh, data),
        };
        if (flaggable.Count > 0)
        {
            actions.Add(new JsonObject
            {
                ["type"] = "Action.ShowCard",
                ["title"] = "Flag something wrong",
                ["card"] = new JsonObject
                {
                    ["type"] = "AdaptiveCard",
                    ["body"] = new JsonArray(
                        new JsonObject { ["type"] = "Input.ChoiceSet", ["id"] = "itemKey", ["label"] = "Which line is wrong?", ["isRequired"] = true, ["choices"] = flaggable },
                        new JsonObject { ["type"] = "Input.Text", ["id"] = "comment", ["label"] = "What is wrong (optional)", ["isMultiline"] = true, ["maxLength"] = 500 }),
                    ["actions"] = new JsonArray(Execute("Flag as wrong", CardVerbs.FlagWrong, data)),
                },
            });
        }

        if (meeting.SeriesId is not null)
        {
            actions.Add(Execute("Mute this series", CardVerbs.MuteSeries, data));
        }

        var card = Card(body, actions);
        card["refresh"] = new JsonObject { ["action"] = Execute("Refresh", CardVerbs.Refresh, data) };
        return card;
    }

    public static JsonObject Settings(BriefingRecipe effective, RecipePatch own, string? saved = null)
    {
        var body = new List<JsonNode>
        {
            Text("Your briefing settings", size: "Large", weight: "Bolder"),
        };
        if (saved is not null)
        {
            body.Add(Text(Escape(saved), color: "Good"));
        }

        body.Add(new JsonObject
        {
            ["type"] = "Input.ChoiceSet",
            ["id"] = "length",
            ["label"] = "Length",
            ["value"] = effective.Length.ToString(),
            ["choices"] = new JsonArray(
                Choice("Brief", nameof(BriefingLength.Brief)),
                Choice("Standard", nameof(BriefingLength.Standard)),
                Choice("Detailed", nameof(BriefingLength.Detailed))),
        });
        body.Add(new JsonObject { ["type"] = "Input.Number", ["id"] = "leadTimeMinutes", ["label"] = "Send how many minutes before the meeting", ["min"] = 5, ["max"] = 1440, ["value"] = effective.LeadTimeMinutes });
        body.Add(Toggle("includeInternal", "Also brief internal meetings", effective.Meetings.Internal));
        body.Add(Toggle("includeRecurring", "Brief recurring meetings", effective.Meetings.Recurring));
        body.Add(new JsonObject
        {
            ["type"] = "Input.Text",
            ["id"] = "excludeKeywords",
            ["label"] = "Skip meetings whose subject contains (comma-separated; muted series are here)",
            ["value"] = string.Join(", ", own.ExcludeKeywords ?? effective.Meetings.ExcludeKeywords),
            ["maxLength"] = 1000,
        });
        return Card(body, [Execute("Save", CardVerbs.SettingsSave, new JsonObject())]);
    }

    /// <summary>Escapes Teams markdown in source text, so "[x](evil)" or "**" from an e-mail stays literal.</summary>
    public static string Escape(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is '\\' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '`' or '<' or '>' or '~' or '|')
            {
                builder.Append('\\');
            }

            builder.Append(ch is '\r' or '\n' ? ' ' : ch);
        }

        return builder.ToString();
    }

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

    private static JsonObject Choice(string title, string value) => new() { ["title"] = title, ["value"] = value };

    private static JsonObject Toggle(string id, string title, bool value) => new()
    {
        ["type"] = "Input.Toggle",
        ["id"] = id,
        ["title"] = title,
        ["value"] = value ? "true" : "false",
        ["valueOn"] = "true",
        ["valueOff"] = "false",
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
