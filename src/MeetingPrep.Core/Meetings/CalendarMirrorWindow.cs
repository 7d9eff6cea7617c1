namespace MeetingPrep.Core.Meetings;

/// <summary>
/// The calendar window the mirror keeps per user: the history a briefing looks back on (the default 90 days) and the week
/// ahead any lead time reaches. It starts at midnight UTC, so one delta link serves a whole day; a new day opens a new
/// window with one full round, which is also the mirror's daily reconciliation.
/// </summary>
public static class CalendarMirrorWindow
{
    public static readonly TimeSpan Past = TimeSpan.FromDays(90);

    public static readonly TimeSpan Ahead = TimeSpan.FromDays(7);

    public static (DateTimeOffset From, DateTimeOffset To) At(DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return (today - Past, today + Ahead);
    }
}
