namespace MeetingPrep.Core.Meetings;

/// <summary>Persists one <see cref="CalendarSyncState"/> per user.</summary>
public interface ICalendarSyncStateStore
{
    Task<CalendarSyncState?> GetAsync(string tenantId, string userId, CancellationToken cancellationToken);

    Task SaveAsync(string tenantId, string userId, CalendarSyncState state, CancellationToken cancellationToken);

    Task DeleteAsync(string tenantId, string userId, CancellationToken cancellationToken);
}
