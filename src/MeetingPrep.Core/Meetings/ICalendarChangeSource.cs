using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Meetings;

/// <summary>Incremental calendar reads (Graph calendarView/delta), resuming where the previous call stopped.</summary>
public interface ICalendarChangeSource
{
    Task<CalendarChanges> SyncAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
