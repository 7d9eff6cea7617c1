using MeetingPrep.Core.Configuration;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Outcomes;
using MeetingPrep.Web.Security;

namespace MeetingPrep.Web.Api;

/// <summary>The <c>Report</c> section: the leaders' report's assumptions (README, "The report").</summary>
public sealed class ReportOptions
{
    public const string SectionName = "Report";

    /// <summary>A week (or a side of the outcome comparison) with fewer people than this shows no figures.</summary>
    public int MinGroupSize { get; set; } = 5;

    /// <summary>Minutes of preparation a briefing opened before its meeting is assumed to save.</summary>
    public int MinutesSavedPerBriefingOpened { get; set; } = 15;

    /// <summary>
    /// Obsolete: the report covers what <c>Retention:Days</c> keeps (the purge deletes signals and followed meetings after
    /// that anyway, so a longer window here only pretended to report further back). Still honoured when set, but only as a
    /// shorter window for the report and the outcome follow-ups, with a warning at start-up.
    /// </summary>
    public int? RetentionDays { get; set; }

    /// <summary>How many record kinds the "most flagged" list shows.</summary>
    public int TopFlaggedSources { get; set; } = 3;

    /// <summary>Days between the snapshot of a meeting's deals and cases at its start and the one it is compared with.</summary>
    public int OutcomeDays { get; set; } = 14;

    /// <summary>The open deal stages, first to last, that tell "moved forward" from "moved back" (a configured list replaces it).</summary>
    public List<string> DealStageOrder { get; set; } = [.. Core.Outcomes.DealStageOrder.Defaults];

    public IEnumerable<SettingProblem> Validate()
    {
        if (MinGroupSize is < 1 or > 1000)
        {
            yield return new SettingProblem($"{SectionName}:MinGroupSize", "must be between 1 and 1000");
        }

        if (MinutesSavedPerBriefingOpened is < 0 or > 480)
        {
            yield return new SettingProblem($"{SectionName}:MinutesSavedPerBriefingOpened", "must be between 0 and 480");
        }

        if (RetentionDays is < 1 or > 3650)
        {
            yield return new SettingProblem($"{SectionName}:RetentionDays", "must be between 1 and 3650");
        }

        if (TopFlaggedSources is < 1 or > 20)
        {
            yield return new SettingProblem($"{SectionName}:TopFlaggedSources", "must be between 1 and 20");
        }

        if (OutcomeDays is < 1 or > 90)
        {
            yield return new SettingProblem($"{SectionName}:OutcomeDays", "must be between 1 and 90");
        }

        if (DealStageOrder.Count == 0 || DealStageOrder.Any(string.IsNullOrWhiteSpace))
        {
            yield return new SettingProblem($"{SectionName}:DealStageOrder", "must list the open deal stages, first to last, none empty");
        }
    }

    /// <summary>How far back the report looks: what retention keeps, or less when the obsolete key says so.</summary>
    public int ReportDays(RetentionOptions retention)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return Math.Min(retention.Days, RetentionDays ?? retention.Days);
    }

    /// <summary>The start-up warning when the obsolete <c>Report:RetentionDays</c> is set; null otherwise.</summary>
    public string? ObsoleteRetentionWarning(RetentionOptions retention) => RetentionDays is { } days
        ? $"Setting {SectionName}:RetentionDays ({days}) is obsolete: the report covers what Retention:Days ({retention.Days}) keeps. "
            + $"It now only shortens the report's window, to {ReportDays(retention)} days. Remove it, or set Retention:Days instead."
        : null;

    public EngagementReportOptions EngagementFor(RetentionOptions retention) => new()
    {
        MinGroupSize = MinGroupSize,
        MinutesSavedPerBriefingOpened = MinutesSavedPerBriefingOpened,
        RetentionDays = ReportDays(retention),
        TopFlaggedSources = TopFlaggedSources,
    };

    public OutcomeTrackingOptions TrackingFor(RetentionOptions retention) => new() { Days = OutcomeDays, RetentionDays = ReportDays(retention) };

    public DealStageOrder Stages => new(DealStageOrder);
}
