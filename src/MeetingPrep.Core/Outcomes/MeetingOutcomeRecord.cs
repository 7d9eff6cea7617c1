namespace MeetingPrep.Core.Outcomes;

/// <summary>
/// One external meeting of one user followed for the outcome report: whether it was briefed (and if not, why), the
/// snapshot of its accounts when it started, and the one taken <c>Report:OutcomeDays</c> later (null until then).
/// </summary>
/// <param name="NotBriefedReason">
/// A fixed word: the rule that skipped it ("muted", "category", "external_off"...) or "not_delivered" (it was eligible but no
/// briefing reached the user before it started). Null when briefed.
/// </param>
public sealed record MeetingOutcomeRecord(
    string TenantId,
    string UserId,
    string MeetingId,
    DateTimeOffset MeetingStart,
    bool Briefed,
    string? NotBriefedReason,
    AccountSnapshot AtMeeting,
    AccountSnapshot? After = null);

/// <summary>The followed meetings, tenant-owned; ids, stages, buckets and states only.</summary>
public interface IMeetingOutcomeStore
{
    /// <summary>Adds the meeting's first snapshot; false when this user's meeting is already followed.</summary>
    Task<bool> AddAsync(MeetingOutcomeRecord record, CancellationToken cancellationToken);

    /// <summary>The ids of <paramref name="meetingIds"/> this user's meetings already followed.</summary>
    Task<IReadOnlySet<string>> FollowedAsync(string tenantId, string userId, IReadOnlyCollection<string> meetingIds, CancellationToken cancellationToken);

    /// <summary>Followed meetings (every tenant in scope) still waiting for their second snapshot that started before <paramref name="startedBefore"/>, oldest first.</summary>
    Task<IReadOnlyList<MeetingOutcomeRecord>> ListAwaitingFollowUpAsync(DateTimeOffset startedBefore, int max, CancellationToken cancellationToken);

    Task CompleteAsync(MeetingOutcomeRecord record, AccountSnapshot after, CancellationToken cancellationToken);

    /// <summary>A tenant's meetings with both snapshots whose meeting started in [from, to).</summary>
    Task<IReadOnlyList<MeetingOutcomeRecord>> ListCompletedAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Replaces every followed meeting of the tenant (the demo's seeded history at start-up).</summary>
    Task ReplaceTenantAsync(string tenantId, IReadOnlyCollection<MeetingOutcomeRecord> records, CancellationToken cancellationToken);
}
