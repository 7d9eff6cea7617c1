using System.Globalization;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Teams.Cards;

/// <summary>Dates and times as the reader reads them: their time zone, their culture's patterns.</summary>
public static class CardFormat
{
    /// <summary>
    /// <paramref name="preferred"/> (the recipe's), else the user's, as long as it speaks the card's language (English);
    /// else that language's default (<see cref="BriefingFormat.CultureFor"/>, the one home for this choice).
    /// </summary>
    public static CultureInfo ResolveCulture(string? preferred, string? userCulture) =>
        BriefingFormat.CultureFor(BriefingFormat.English, preferred, userCulture);

    /// <summary>"Thu 27 Nov, 15:00–15:45" (en-GB) or "Thu, November 27, 3:00 PM–3:45 PM" style, in the user's zone.</summary>
    public static string MeetingTime(DateTimeOffset start, DateTimeOffset end, bool isAllDay, UserRef user, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(culture);
        var zone = user.ResolveTimeZone();
        var localStart = TimeZoneInfo.ConvertTime(start, zone);
        var localEnd = TimeZoneInfo.ConvertTime(end, zone);
        var day = Day(localStart, culture);
        if (isAllDay)
        {
            // All-day events are dates, not instants: show the date as stored.
            return $"{Day(start, culture)} ({AllDay(culture)})";
        }

        var time = culture.DateTimeFormat.ShortTimePattern;
        var range = localStart.Date == localEnd.Date
            ? $"{localStart.ToString(time, culture)}–{localEnd.ToString(time, culture)}"
            : $"{localStart.ToString(time, culture)} – {Day(localEnd, culture)} {localEnd.ToString(time, culture)}";
        return $"{day}, {range}";
    }

    public static string Time(DateTimeOffset at, UserRef user, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(culture);
        var local = TimeZoneInfo.ConvertTime(at, user.ResolveTimeZone());
        return local.ToString(culture.DateTimeFormat.ShortTimePattern, culture);
    }

    public static string Day(DateTimeOffset at, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var dayName = culture.DateTimeFormat.GetAbbreviatedDayName(at.DayOfWeek);
        return $"{dayName} {at.ToString(culture.DateTimeFormat.MonthDayPattern, culture)}";
    }

    /// <summary>The zone as people know it: its IANA/Windows id (display names vary by OS and are often English only).</summary>
    public static string ZoneLabel(UserRef user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var zone = user.ResolveTimeZone();
        return zone == TimeZoneInfo.Utc && !string.Equals(user.TimeZone, "UTC", StringComparison.OrdinalIgnoreCase) ? "UTC" : user.TimeZone;
    }

    private static string AllDay(CultureInfo culture) => TeamsText.For(culture)["Time.AllDay"];
}
