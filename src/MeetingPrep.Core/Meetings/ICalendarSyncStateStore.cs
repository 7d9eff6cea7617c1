namespace MeetingPrep.Core.Meetings;

/// <summary>
/// Where an incremental calendar sync resumes: Graph's opaque delta link and the window it was opened for
/// (the window is encoded in the link, so a different window needs a fresh round).
/// </summary>
public sealed record CalendarSyncState(string DeltaLink, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, DateTimeOffset UpdatedAt);

/// <summary>Persists one <see cref="CalendarSyncState"/> per user.</summary>
public interface ICalendarSyncStateStore
{
    Task<CalendarSyncState?> GetAsync(string tenantId, string userId, CancellationToken cancellationToken);

    Task SaveAsync(string tenantId, string userId, CalendarSyncState state, CancellationToken cancellationToken);

    Task DeleteAsync(string tenantId, string userId, CancellationToken cancellationToken);
}
