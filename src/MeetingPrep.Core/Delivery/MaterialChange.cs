namespace MeetingPrep.Core.Delivery;

/// <summary>
/// One "what changed" line of a card updated in place. <see cref="Code"/> names the sentence, which the channel words in the
/// reader's language (<c>Change.{Code}</c> in the Teams text); <see cref="Values"/> fill it in, typed so dates and times
/// are written in the reader's culture: times are already in the viewer's zone.
/// </summary>
public sealed record MaterialChange(string Code, IReadOnlyList<object?> Values)
{
    /// <summary>The meeting moved: values the new and the old local start; <see cref="MovedDay"/> when the day changed too.</summary>
    public const string Moved = "Moved";

    public const string MovedDay = "MovedDay";

    /// <summary>New mail from the meeting's people: the senders' names.</summary>
    public const string NewEmail = "NewEmail";

    /// <summary>A case escalated, new, or raised in priority: its number, priority (and the earlier one).</summary>
    public const string CaseEscalated = "CaseEscalated";

    public const string NewCase = "NewCase";

    public const string CaseRaised = "CaseRaised";

    /// <summary>A deal's stage or close date changed: its name, the new and the old value (a date may be none).</summary>
    public const string DealStage = "DealStage";

    public const string DealCloseDate = "DealCloseDate";

    public static MaterialChange Of(string code, params object?[] values) => new(code, values);

    /// <summary>The code and values, for logs and tests (never shown to a reader).</summary>
    public override string ToString() => $"{Code}({string.Join(", ", Values.Select(v => v is IFormattable f ? f.ToString(null, System.Globalization.CultureInfo.InvariantCulture) : v is IEnumerable<string> list ? string.Join("+", list) : v?.ToString() ?? "none"))})";
}
