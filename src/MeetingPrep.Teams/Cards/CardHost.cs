namespace MeetingPrep.Teams.Cards;

/// <summary>Where a card will be shown; it decides the schema version and the features used.</summary>
public enum CardHost
{
    /// <summary>Teams bot messages, tabs and the web demo: schema 1.5.</summary>
    Teams,

    /// <summary>Outlook Actionable Messages and older clients: schema 1.4, no tables or 1.5-only properties.</summary>
    Outlook,
}

public static class CardHosts
{
    /// <summary>Parses a <c>host</c> query value ("teams" or "outlook", any case); null or empty means Teams.</summary>
    public static bool TryParse(string? value, out CardHost host)
    {
        host = CardHost.Teams;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        // Enum.TryParse would also accept "1" or "Teams,Outlook"; only the two names are valid here.
        foreach (var candidate in Enum.GetValues<CardHost>())
        {
            if (string.Equals(candidate.ToString(), value.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                host = candidate;
                return true;
            }
        }

        return false;
    }
}

/// <summary>The <c>verb</c> of every <see cref="ExecuteAction"/> we emit; the bot routes invokes on these.</summary>
public static class CardVerbs
{
    public const string Refresh = "refresh";
    public const string FeedbackHelpful = "feedback.helpful";
    public const string FeedbackNotHelpful = "feedback.notHelpful";
    public const string ItemFlagWrong = "item.flagWrong";
    public const string SeriesMute = "series.mute";
    public const string SettingsOpen = "settings.open";
    public const string SettingsPreview = "settings.preview";
    public const string SettingsSave = "settings.save";
    public const string DigestOpen = "digest.open";
    public const string BriefingOpen = "briefing.open";

    /// <summary>"How this was made": the audit record of the reader's briefing of the meeting, as a card.</summary>
    public const string BriefingAudit = "briefing.audit";

    /// <summary>The whole briefing: a Teams dialog (<c>task/fetch</c>) or, in the Outlook pane, the full card in place.</summary>
    public const string BriefingFull = "briefing.full";

    /// <summary>Undoes one "wrong" flag (data <c>feedbackId</c>); answered with the settings card that lists the rest.</summary>
    public const string FeedbackUndo = "feedback.undo";

    /// <summary>Input ids whose values the client merges into <c>data</c>.</summary>
    public const string CommentInput = "comment";
    public const string ItemKeyInput = "itemKey";
}

/// <summary>Size limits for a card, in UTF-8 bytes of its compact JSON.</summary>
public sealed record CardBudget(int TargetBytes, int HardBytes)
{
    /// <summary>Aim for 12 KB; never exceed 28 KB (incoming webhooks, Workflows and older clients stop there).</summary>
    public static CardBudget Default { get; } = new(12 * 1024, 28 * 1024);

    /// <summary>A detailed briefing may use more of the room up to the hard limit: it is what the reader asked for.</summary>
    public static CardBudget Detailed { get; } = new(22 * 1024, 28 * 1024);

    /// <summary>The whole briefing in a dialog or the pane's full view: it scrolls, so all of the hard limit is usable.</summary>
    public static CardBudget Whole { get; } = new(28 * 1024, 28 * 1024);

    public static CardBudget For(Core.Recipes.BriefingLength length) => length == Core.Recipes.BriefingLength.Detailed ? Detailed : Default;
}
