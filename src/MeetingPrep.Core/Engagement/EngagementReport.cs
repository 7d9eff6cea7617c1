using System.Globalization;

namespace MeetingPrep.Core.Engagement;

/// <summary>How the leaders' report is computed; every assumption is a setting (README, "The report").</summary>
public sealed record EngagementReportOptions
{
    /// <summary>A week with fewer people than this shows no figures, so nobody's own numbers can be read off it.</summary>
    public int MinGroupSize { get; init; } = 5;

    /// <summary>
    /// The assumption behind "preparation time saved": minutes a person would otherwise spend preparing for a meeting,
    /// counted once per briefing opened before its meeting.
    /// </summary>
    public int MinutesSavedPerBriefingOpened { get; init; } = 15;

    /// <summary>Signals older than this are deleted and never reported.</summary>
    public int RetentionDays { get; init; } = 365;

    /// <summary>How many record kinds the "most flagged" list shows.</summary>
    public int TopFlaggedSources { get; init; } = 3;
}

/// <summary>
/// One week of a team. With fewer than the minimum group size of people, <see cref="Suppressed"/> is true and every
/// figure is null. Rates are null when their denominator is zero.
/// </summary>
public sealed record EngagementWeek(
    DateOnly WeekStart,
    bool Suppressed,
    int? People,
    int? MeetingsBriefed,
    int? OpenedBeforeMeeting,
    double? ShareOpenedBeforeMeeting,
    int? HelpfulVotes,
    int? NotHelpfulVotes,
    double? HelpfulRate,
    int? LinesFlaggedWrong,
    double? WrongLinesPerBriefing,
    IReadOnlyList<FlaggedSource>? TopFlaggedSources,
    int? SettingsChanged,
    int? QuestionsAsked,
    int? MinutesSaved);

/// <summary>A kind of record (case, opportunity, note, email...) and how many lines citing it were flagged wrong.</summary>
public sealed record FlaggedSource(string Kind, int Count);

/// <summary>
/// The engagement part of the leaders' report: per ISO week (Monday, UTC) of the signals' time, computed from the stored
/// signals alone. A meeting counts once per person however many times it was opened or rated.
/// </summary>
public static class EngagementReport
{
    public static IReadOnlyList<EngagementWeek> Compute(IEnumerable<EngagementSignal> signals, EngagementReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(options);
        var all = signals.ToList();

        // When each briefing's meeting starts, from its delivery (the card knows it too when opened there).
        var starts = new Dictionary<(string, string), DateTimeOffset>();
        foreach (var s in all.Where(s => s.MeetingId is not null && s.MeetingStart is not null))
        {
            starts.TryAdd((s.UserId, s.MeetingId!), s.MeetingStart!.Value);
        }

        return all
            .GroupBy(s => WeekOf(s.At))
            .OrderBy(g => g.Key)
            .Select(g => Week(g.Key, g.ToList(), all, starts, options))
            .ToList();
    }

    /// <summary>The Monday (UTC) of the ISO week holding <paramref name="at"/>.</summary>
    public static DateOnly WeekOf(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return DateOnly.FromDateTime(ISOWeek.ToDateTime(ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)), DayOfWeek.Monday));
    }

    private static EngagementWeek Week(
        DateOnly week, List<EngagementSignal> inWeek, List<EngagementSignal> all, Dictionary<(string, string), DateTimeOffset> starts, EngagementReportOptions options)
    {
        var people = inWeek.Select(s => s.UserId).Distinct(StringComparer.Ordinal).Count();
        if (people < options.MinGroupSize)
        {
            return new EngagementWeek(week, true, null, null, null, null, null, null, null, null, null, null, null, null, null);
        }

        var briefed = inWeek.Where(s => s.Kind == EngagementKind.Delivered && s.MeetingId is not null)
            .Select(s => (s.UserId, MeetingId: s.MeetingId!)).Distinct().ToList();

        // Opened before the meeting: any look at it (this week's delivery, opened at any time) before it started.
        var openedBefore = briefed.Count(b => starts.TryGetValue(b, out var start)
            && all.Any(s => s.Kind == EngagementKind.Opened && s.UserId == b.UserId && s.MeetingId == b.MeetingId && s.At < start));

        // The last vote per person and meeting counts.
        var votes = inWeek.Where(s => s.Kind is EngagementKind.Helpful or EngagementKind.NotHelpful && s.MeetingId is not null)
            .GroupBy(s => (s.UserId, s.MeetingId))
            .Select(v => v.OrderBy(s => s.At).Last().Kind)
            .ToList();
        var helpful = votes.Count(k => k == EngagementKind.Helpful);
        var notHelpful = votes.Count - helpful;

        var wrong = inWeek.Where(s => s.Kind == EngagementKind.FlaggedWrong).ToList();
        var top = wrong.GroupBy(s => s.Detail ?? "other", StringComparer.Ordinal)
            .Select(g => new FlaggedSource(g.Key, g.Count()))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Kind, StringComparer.Ordinal)
            .Take(options.TopFlaggedSources)
            .ToList();

        return new EngagementWeek(
            week,
            false,
            people,
            briefed.Count,
            openedBefore,
            Rate(openedBefore, briefed.Count),
            helpful,
            notHelpful,
            Rate(helpful, votes.Count),
            wrong.Count,
            Rate(wrong.Count, briefed.Count),
            top,
            inWeek.Count(s => s.Kind == EngagementKind.SettingsChanged),
            inWeek.Count(s => s.Kind == EngagementKind.QuestionAsked),
            openedBefore * options.MinutesSavedPerBriefingOpened);
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
