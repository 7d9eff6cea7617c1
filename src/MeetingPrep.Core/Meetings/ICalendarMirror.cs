using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Meetings;

/// <summary>
/// Each enrolled user's calendar window (<see cref="CalendarMirrorWindow"/>) kept locally by the delta sync, so the meeting,
/// its series and the history with the same people are local reads. Every call is its own unit of work in the user's
/// tenant, so a read may run beside the caller's other database work.
/// </summary>
public interface ICalendarMirror
{
    /// <summary>Where the user's mirror stands (its window and when it was last synced), or null when it was never filled.</summary>
    Task<CalendarSyncState?> GetStateAsync(UserRef user, CancellationToken cancellationToken);

    /// <summary>Mirrored occurrences overlapping [from, to), by start; cancelled ones included, like the live source.</summary>
    Task<IReadOnlyList<Meeting>> GetMeetingsAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>One mirrored occurrence by id, or null.</summary>
    Task<Meeting?> GetMeetingAsync(UserRef user, string meetingId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies one sync round and the state it ended at, together: upserts and removals, or for a full round the window's
    /// whole content (anything else of the user goes). Applied before the new delta link is kept, so a round that fails
    /// half-way is replayed from the old link.
    /// </summary>
    Task ApplyAsync(UserRef user, CalendarChanges changes, CalendarSyncState state, CancellationToken cancellationToken);
}
