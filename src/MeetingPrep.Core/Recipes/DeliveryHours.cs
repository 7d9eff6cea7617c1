using System.Globalization;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Recipes;

/// <summary>
/// When proactive messages may reach a user, in their own time: the morning digest (opt-in, at a chosen local time on
/// working days) and quiet hours (no proactive card at all). All times are local wall-clock times in
/// <see cref="TimeZone"/>, so they follow daylight saving: 08:00 is 08:00 in winter and in summer.
/// </summary>
public sealed record DeliveryHours
{
    /// <summary>A digest that could not go out at its time (host down, quiet hours) is still sent this long after it; later, not that day.</summary>
    public static readonly TimeSpan DigestLateness = TimeSpan.FromHours(3);

    /// <summary>IANA or Windows time zone id; null means the user's own (from Teams at install, else UTC).</summary>
    public string? TimeZone { get; init; }

    public IReadOnlyList<DayOfWeek> WorkingDays { get; init; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Whether the morning digest (the day's briefed meetings, one line each) is sent. Off unless the user opts in.</summary>
    public bool Digest { get; init; }

    /// <summary>Local time of the digest on each working day.</summary>
    public TimeOnly DigestAt { get; init; } = new(8, 0);

    /// <summary>Start of the quiet hours (local); none when null. May wrap midnight (22:00–07:00).</summary>
    public TimeOnly? QuietFrom { get; init; }

    /// <summary>End of the quiet hours (local); none when null.</summary>
    public TimeOnly? QuietUntil { get; init; }

    /// <summary>The zone the user's hours are in: the recipe's, else the user's own.</summary>
    public TimeZoneInfo ZoneFor(UserRef user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return TimeZone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : user.ResolveTimeZone();
    }

    /// <summary>The user as seen in their hours' zone (cards written for them show times there).</summary>
    public UserRef InZone(UserRef user) => TimeZone is { Length: > 0 } && ZoneFor(user) is var zone && zone != user.ResolveTimeZone() ? user with { TimeZone = zone.Id } : user;

    /// <summary>When the quiet hours holding <paramref name="now"/> end, or null when <paramref name="now"/> is not in quiet hours.</summary>
    public DateTimeOffset? QuietEnd(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (QuietFrom is not { } from || QuietUntil is not { } until || from == until)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(now, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var quiet = from < until ? time >= from && time < until : time >= from || time < until;
        if (!quiet)
        {
            return null;
        }

        var endDay = DateOnly.FromDateTime(local.DateTime);
        if (from > until && time >= from)
        {
            endDay = endDay.AddDays(1);
        }

        return ToInstant(endDay, until, zone);
    }

    /// <summary>
    /// The local day whose digest is due at <paramref name="now"/>: a working day whose digest time has come, at most
    /// <see cref="DigestLateness"/> ago. Null when the digest is off or none is due.
    /// </summary>
    public DateOnly? DigestDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!Digest)
        {
            return null;
        }

        var local = TimeZoneInfo.ConvertTime(now, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        var due = ToInstant(day, DigestAt, zone);
        return WorkingDays.Contains(day.DayOfWeek) && now >= due && now < due + DigestLateness ? day : null;
    }

    /// <summary>The instants a local day begins and ends (23 or 25 hours apart on a daylight-saving switch).</summary>
    public static (DateTimeOffset Start, DateTimeOffset End) DayBounds(DateOnly day, TimeZoneInfo zone) =>
        (ToInstant(day, TimeOnly.MinValue, zone), ToInstant(day.AddDays(1), TimeOnly.MinValue, zone));

    /// <summary>
    /// The instant a local wall-clock time happens. A time the spring switch skips (02:30) happens when the clocks jump
    /// (03:00 after it); a time the autumn switch repeats happens the first time.
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            // Skipped: the first valid minute after it is when the clocks jumped.
            do
            {
                local = local.AddMinutes(1);
            }
            while (zone.IsInvalidTime(local));

            return new DateTimeOffset(local, zone.GetUtcOffset(local));
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    /// <summary>"HH:mm" as the settings card and the API write a time of day; null when it is not one.</summary>
    public static TimeOnly? ParseTime(string? text) =>
        TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    public static string FormatTime(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
