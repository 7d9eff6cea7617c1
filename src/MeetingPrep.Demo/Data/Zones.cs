namespace MeetingPrep.Demo.Data;

/// <summary>Time-zone arithmetic the demo needs: wall-clock to instant (gap-safe) and finding daylight-saving changes.</summary>
internal static class Zones
{
    public static TimeZoneInfo Find(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : throw new InvalidOperationException($"Time zone '{id}' is not known on this machine (tzdata/ICU missing?).");

    /// <summary>The instant of a local wall-clock time; a time inside a spring-forward gap moves one hour later, as Outlook does.</summary>
    public static DateTimeOffset At(TimeZoneInfo zone, DateOnly date, int hour, int minute)
    {
        var local = new DateTime(date.Year, date.Month, date.Day, hour, minute, 0, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        var offset = zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>Instants in (from, to] where the zone's UTC offset changes, found by a daily scan refined to the minute.</summary>
    public static IReadOnlyList<DateTimeOffset> Transitions(TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var result = new List<DateTimeOffset>();
        var previous = from;
        var previousOffset = zone.GetUtcOffset(previous);
        for (var t = from.AddDays(1); t <= to.AddDays(1); t = t.AddDays(1))
        {
            var offset = zone.GetUtcOffset(t);
            if (offset != previousOffset)
            {
                // Binary search inside the day for the first instant with the new offset.
                var lo = previous;
                var hi = t;
                while (hi - lo > TimeSpan.FromMinutes(1))
                {
                    var mid = lo + ((hi - lo) / 2);
                    if (zone.GetUtcOffset(mid) == previousOffset)
                    {
                        lo = mid;
                    }
                    else
                    {
                        hi = mid;
                    }
                }

                var instant = new DateTimeOffset(hi.UtcDateTime.Ticks - (hi.UtcDateTime.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
                if (instant > from && instant <= to)
                {
                    result.Add(instant);
                }

                previousOffset = offset;
            }

            previous = t;
        }

        return result;
    }
}
