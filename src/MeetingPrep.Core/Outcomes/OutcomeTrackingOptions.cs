namespace MeetingPrep.Core.Outcomes;

/// <summary>How meetings are followed for the outcome report.</summary>
public sealed record OutcomeTrackingOptions
{
    /// <summary>The second snapshot is taken this long after the meeting started.</summary>
    public int Days { get; init; } = 14;

    /// <summary>How far back a run looks for meetings that started (wider than the job's interval, so none is missed).</summary>
    public TimeSpan Lookback { get; init; } = TimeSpan.FromHours(3);

    /// <summary>The most records of each kind read per meeting.</summary>
    public int MaxRecordsPerKind { get; init; } = 50;

    /// <summary>The most follow-ups one run takes (the rest wait for the next run).</summary>
    public int MaxFollowUpsPerRun { get; init; } = 200;

    /// <summary>Follow-ups of meetings older than this are dropped, not taken (<c>Retention:Days</c>: the purge deletes them then).</summary>
    public int RetentionDays { get; init; } = 365;
}
