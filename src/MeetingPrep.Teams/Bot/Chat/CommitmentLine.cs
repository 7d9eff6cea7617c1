namespace MeetingPrep.Teams.Bot.Chat;

/// <summary>
/// Reads a briefing's commitment line back into who made it (we promised, they asked or made a condition) and its state,
/// from the wording the extractive writer gives it: "{who} promised|asked|made it a condition on {day}… — {state}…".
/// A line in another wording is kept whenever nothing narrower than "all commitments" was asked.
/// </summary>
public static class CommitmentLine
{
    private const string StateSeparator = " — ";

    public static bool IsPromise(string text) => Head(text).Contains(" promised on ", StringComparison.Ordinal);

    public static bool IsAsk(string text)
    {
        var head = Head(text);
        return head.Contains(" asked on ", StringComparison.Ordinal) || head.Contains(" made it a condition on ", StringComparison.Ordinal);
    }

    public static bool IsOverdue(string text) => State(text).StartsWith("overdue", StringComparison.Ordinal);

    /// <summary>Whether a line answers a question with this focus: promises, asks (and conditions), overdue ones, or all.</summary>
    public static bool Wanted(string text, CommitmentFocus focus)
    {
        var kinds = focus & (CommitmentFocus.Promises | CommitmentFocus.Asks);
        var kindOk = kinds is CommitmentFocus.All or (CommitmentFocus.Promises | CommitmentFocus.Asks)
            || (kinds == CommitmentFocus.Promises && IsPromise(text))
            || (kinds == CommitmentFocus.Asks && IsAsk(text));
        return kindOk && (!focus.HasFlag(CommitmentFocus.Overdue) || IsOverdue(text));
    }

    /// <summary>The answer's heading for a focus ("Overdue promises", "What they asked for", "Commitments").</summary>
    public static string Describe(CommitmentFocus focus)
    {
        var overdue = focus.HasFlag(CommitmentFocus.Overdue);
        return (focus & (CommitmentFocus.Promises | CommitmentFocus.Asks)) switch
        {
            CommitmentFocus.Promises => overdue ? "Overdue promises we made" : "What we promised",
            CommitmentFocus.Asks => overdue ? "Overdue requests and conditions from them" : "What they asked for or made a condition",
            _ => overdue ? "Overdue commitments" : "Commitments",
        };
    }

    private static string Head(string text)
    {
        var at = text.IndexOf(StateSeparator, StringComparison.Ordinal);
        return at < 0 ? text : text[..at];
    }

    private static string State(string text)
    {
        var at = text.IndexOf(StateSeparator, StringComparison.Ordinal);
        return at < 0 ? string.Empty : text[(at + StateSeparator.Length)..];
    }
}
