namespace MeetingPrep.Core.Security;

/// <summary>
/// What MeetingPrep keeps about people, and the rights over it: retention (rows older than <c>Retention:Days</c> go),
/// "forget me" (all of one user's rows go) and export (a user's own rows, as they are stored).
/// </summary>
public interface IUserDataStore
{
    /// <summary>Deletes feedback, deliveries, conversation references, notification state, engagement signals, followed meetings, briefing audit records and mirrored calendar events last changed (or ended) before <paramref name="cutoff"/>.</summary>
    Task<PurgeSummary> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>Deletes every row of the user (settings and the team report opt-in, feedback, deliveries, conversations, notification state, engagement signals, followed meetings, briefing audit records, the calendar mirror).</summary>
    Task<PurgeSummary> ForgetUserAsync(string tenantId, string userId, CancellationToken cancellationToken);

    Task<UserDataExport> ExportAsync(string tenantId, string userId, CancellationToken cancellationToken);
}

/// <summary>Rows deleted, per kind.</summary>
/// <param name="Engagement">Engagement signals (delivered, opened, helpful...: ids and kinds, no content) kept for the report.</param>
/// <param name="Outcomes">Meetings followed for the report's outcome comparison (record ids, stages and states, no content).</param>
/// <param name="Audit">Briefing audit records (sources read, as whom, writer: no content).</param>
/// <param name="CalendarMirror">Mirrored calendar events (the local copy of the user's calendar window).</param>
public sealed record PurgeSummary(int Settings, int Feedback, int Deliveries, int Conversations, int NotificationState, int Engagement = 0, int Outcomes = 0, int Audit = 0, int CalendarMirror = 0)
{
    public int Total => Settings + Feedback + Deliveries + Conversations + NotificationState + Engagement + Outcomes + Audit + CalendarMirror;
}

/// <summary>Everything stored about one user. The Graph delta link is left out: it is an opaque token, not the user's data.</summary>
public sealed record UserDataExport(
    string TenantId,
    string UserId,
    string? SettingsJson,
    IReadOnlyList<ExportedFeedback> Feedback,
    IReadOnlyList<ExportedDelivery> Deliveries,
    IReadOnlyList<ExportedConversation> Conversations,
    IReadOnlyList<ExportedSubscription> Subscriptions,
    DateTimeOffset? CalendarSyncedAt)
{
    /// <summary>How each of the user's briefings was made (their audit trail), newest first.</summary>
    public IReadOnlyList<Briefings.Audit.BriefingAuditRecord> BriefingAudit { get; init; } = [];

    /// <summary>The user's external meetings followed for the outcome report (record ids, stages and states), by start.</summary>
    public IReadOnlyList<Outcomes.MeetingOutcomeRecord> Outcomes { get; init; } = [];

    /// <summary>The weekly team report opt-in, when the user (a leader) has one.</summary>
    public Engagement.TeamReportSubscription? TeamReport { get; init; }
}

public sealed record ExportedFeedback(string MeetingId, string Kind, string? ItemKey, string? Comment, DateTimeOffset At);

public sealed record ExportedDelivery(string MeetingId, DateTimeOffset MeetingStart, string Status, int Attempts, DateTimeOffset UpdatedAt);

public sealed record ExportedConversation(string ConversationId, string ConversationType, string? UserPrincipalName, string? UserName, string? Locale, string? TimeZone, DateTimeOffset UpdatedAt);

public sealed record ExportedSubscription(string Resource, DateTimeOffset Expires);
