using System.Text.Json.Serialization;

namespace MeetingPrep.Teams.Cards;

/// <summary>
/// The Adaptive Card root. Only the properties we emit are typed; host extensions (<c>msteams</c> for Teams,
/// <c>originator</c> for Outlook Actionable Messages) are first-class because the hosts need them.
/// </summary>
public sealed class AdaptiveCard
{
    public const string TeamsVersion = "1.5";
    public const string OutlookVersion = "1.4";

    [JsonPropertyOrder(-10)]
    public string Type { get; } = "AdaptiveCard";

    [JsonPropertyName("$schema")]
    [JsonPropertyOrder(-9)]
    public string? Schema { get; set; }

    /// <summary>Required on a top-level card; null on a card nested in <see cref="ShowCardAction"/>.</summary>
    [JsonPropertyOrder(-8)]
    public string? Version { get; set; }

    public string? FallbackText { get; set; }

    public string? Speak { get; set; }

    // No "lang": adaptivecards 3.0.6 validates it with a global regex whose lastIndex state makes every second check
    // fail, so a correct value still logs a warning; hosts take the language from the client anyway.

    public CardRefresh? Refresh { get; set; }

    public List<CardElement> Body { get; set; } = [];

    public List<CardAction>? Actions { get; set; }

    /// <summary>Teams host extension: <c>{"width":"Full"}</c>.</summary>
    [JsonPropertyName("msteams")]
    public MsTeamsCardProperties? MsTeams { get; set; }

    /// <summary>Outlook Actionable Messages: the provider id from the Actionable Email Developer Dashboard.</summary>
    public string? Originator { get; set; }
}

/// <summary>Universal Actions refresh: the client invokes <see cref="Action"/> when a listed user views the card.</summary>
public sealed class CardRefresh
{
    [JsonIgnore]
    public required ExecuteAction Action { get; set; }

    /// <summary>
    /// <see cref="Action"/> as the base type: System.Text.Json writes the <c>type</c> discriminator only when it
    /// serializes through the polymorphic base, and clients reject a refresh action without it.
    /// </summary>
    [JsonPropertyName("action")]
    [JsonInclude]
    internal CardAction PolymorphicAction => Action;

    /// <summary>Teams user MRIs (29:…) that refresh automatically; at most 60 are honoured.</summary>
    public List<string>? UserIds { get; set; }
}

public sealed class MsTeamsCardProperties
{
    public string? Width { get; set; }
}

/// <summary>
/// The <c>data</c> of every <see cref="ExecuteAction"/> we emit. The client merges input values into it, so the
/// bot reads it back with the same type (input ids such as <c>comment</c> land beside these fields).
/// </summary>
public sealed class CardActionData
{
    public string? MeetingId { get; set; }

    public string? ItemKey { get; set; }

    public string? SeriesId { get; set; }

    public string? Day { get; set; }

    /// <summary>A stored "wrong" flag, for Undo in settings.</summary>
    public string? FeedbackId { get; set; }

    /// <summary>What an <see cref="SubmitAction"/> asks for (its invoke carries no verb of its own).</summary>
    public string? Verb { get; set; }

    /// <summary>Teams' submit extension, e.g. <c>{"type": "task/fetch"}</c> to open a dialog.</summary>
    public MsTeamsSubmit? Msteams { get; set; }
}

/// <summary>The <c>msteams</c> object of an <c>Action.Submit</c>'s data.</summary>
public sealed class MsTeamsSubmit
{
    public static MsTeamsSubmit TaskFetch => new() { Type = "task/fetch" };

    public string? Type { get; set; }
}
