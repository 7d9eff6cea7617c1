using MeetingPrep.Core.Configuration;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Outcomes;

namespace MeetingPrep.Web.Api;

/// <summary>The <c>Report</c> section: the leaders' report's assumptions (README, "The report").</summary>
public sealed class ReportOptions
{
    public const string SectionName = "Report";

    /// <summary>A week (or a side of the outcome comparison) with fewer people than this shows no figures.</summary>
    public int MinGroupSize { get; set; } = 5;

    /// <summary>Minutes of preparation a briefing opened before its meeting is assumed to save.</summary>
    public int MinutesSavedPerBriefingOpened { get; set; } = 15;

    /// <summary>Signals and followed meetings older than this are never reported.</summary>
    public int RetentionDays { get; set; } = 365;

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

    public EngagementReportOptions Engagement => new()
    {
        MinGroupSize = MinGroupSize,
        MinutesSavedPerBriefingOpened = MinutesSavedPerBriefingOpened,
        RetentionDays = RetentionDays,
        TopFlaggedSources = TopFlaggedSources,
    };

    public OutcomeTrackingOptions Tracking => new() { Days = OutcomeDays, RetentionDays = RetentionDays };

    public DealStageOrder Stages => new(DealStageOrder);
}
