namespace MeetingPrep.Core.Meetings;

/// <summary>
/// Where an incremental calendar sync resumes: Graph's opaque delta link and the window it was opened for
/// (the window is encoded in the link, so a different window needs a fresh round).
/// </summary>
public sealed record CalendarSyncState(string DeltaLink, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, DateTimeOffset UpdatedAt);
