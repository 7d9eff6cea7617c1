namespace MeetingPrep.Core.Meetings;

/// <summary>
/// What changed in a window since the last sync. <see cref="Upserted"/> are meetings inside the window as they are now;
/// <see cref="RemovedIds"/> were deleted or moved out of the window. <see cref="IsFullSync"/> says the list is the whole
/// window (first round, new window, or the old sync state expired), so anything not in it is gone.
/// </summary>
public sealed record CalendarChanges(IReadOnlyList<Meeting> Upserted, IReadOnlyList<string> RemovedIds, bool IsFullSync);
