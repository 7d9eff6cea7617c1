namespace MeetingPrep.Demo;

/// <summary>What makes a demo meeting interesting to the engine and the connector (several can apply).</summary>
[Flags]
public enum DemoMeetingKind
{
    None = 0,
    External = 1 << 0,
    Internal = 1 << 1,
    Recurring = 1 << 2,
    Exception = 1 << 3,
    Cancelled = 1 << 4,
    Private = 1 << 5,
    Confidential = 1 << 6,
    AllDay = 1 << 7,
    Large = 1 << 8,
    DaylightSavingSeries = 1 << 9,
    NoBriefing = 1 << 10,
    Online = 1 << 11,
    Room = 1 << 12,
}

/// <summary>
/// One generated meeting (one occurrence for a series) as created, before any simulated change. <see cref="UserIds"/> are
/// the demo users whose calendars hold a copy (each copy has its own event id; <see cref="ICalUId"/> is shared).
/// </summary>
public sealed record DemoMeeting(
    string ICalUId,
    string? SeriesKey,
    string Subject,
    DateTimeOffset Start,
    DateTimeOffset End,
    DemoMeetingKind Kind,
    string? AccountId,
    IReadOnlyList<string> UserIds)
{
    public bool Is(DemoMeetingKind kind) => (Kind & kind) == kind;
}

[Flags]
public enum DemoThreadKind
{
    None = 0,
    MessyHtml = 1 << 0,
    LongThread = 1 << 1,
    NonEnglish = 1 << 2,
    PromptInjection = 1 << 3,
}

/// <summary>One generated mail thread: its language (IETF tag), what makes it hard, and its external participants.</summary>
public sealed record DemoThread(
    string Key,
    string Subject,
    string Language,
    DemoThreadKind Kind,
    int MessageCount,
    string? AccountId,
    IReadOnlyList<string> ExternalParticipants,
    IReadOnlyList<string> UserIds)
{
    public bool Is(DemoThreadKind kind) => (Kind & kind) == kind;
}

/// <summary>
/// How the daylight-saving series was placed: a weekly 09:00 meeting in <see cref="TimeZone"/> that spans the zone's
/// previous and next offset changes around the demo's day, so its occurrences show two UTC offsets.
/// <see cref="BothOffsetsInNext14Days"/> is true when a change falls in the coming 14 days and the series' weekday puts
/// occurrences on both sides of it inside that window.
/// </summary>
public sealed record DemoDstSeries(string SeriesKey, string TimeZone, DayOfWeek Day, DateOnly FirstDate, DateOnly LastDate, IReadOnlyList<DateTimeOffset> TransitionsCrossed, bool BothOffsetsInNext14Days);
