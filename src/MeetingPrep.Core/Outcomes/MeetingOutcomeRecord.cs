namespace MeetingPrep.Core.Outcomes;

/// <summary>
/// One external meeting of one user followed for the outcome report: whether it was briefed (and if not, why), the
/// snapshot of its accounts when it started, and the one taken <c>Report:OutcomeDays</c> later (null until then).
/// </summary>
/// <param name="NotBriefedReason">
/// A fixed word: the rule that skipped it ("muted", "category", "external_off"...), "before_install" (the rules would have
/// briefed it, but the user installed the bot only after it started) or "not_delivered" (it was eligible but no briefing
/// reached the user before it started). Null when briefed.
/// </param>
public sealed record MeetingOutcomeRecord(
    string TenantId,
    string UserId,
    string MeetingId,
    DateTimeOffset MeetingStart,
    bool Briefed,
    string? NotBriefedReason,
    AccountSnapshot AtMeeting,
    AccountSnapshot? After = null)
{
    public const string BeforeInstall = "before_install";

    public const string NotDelivered = "not_delivered";
}
