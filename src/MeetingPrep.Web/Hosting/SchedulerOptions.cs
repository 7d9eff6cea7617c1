using MeetingPrep.Core.Configuration;

namespace MeetingPrep.Web.Hosting;

/// <summary>The <c>Scheduler</c> section: when proactive briefings are prepared and sent.</summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    public bool Enabled { get; set; } = true;

    /// <summary>How often upcoming meetings are scanned.</summary>
    public int IntervalMinutes { get; set; } = 5;

    /// <summary>With SQLite storage, Hangfire's own database file; empty means <c>hangfire.db</c> beside the app database.</summary>
    public string? JobDatabasePath { get; set; }

    /// <summary>
    /// How often the <c>graph-subscriptions</c> job makes sure every recipient has a live Graph change subscription and
    /// renews those past half-life (only with <c>Graph:NotificationUrl</c> set, outside the demo).
    /// </summary>
    public int SubscriptionIntervalMinutes { get; set; } = 30;

    /// <summary>
    /// How long a delivery claim is held without news from its instance before another takes it over (a dead instance's
    /// briefings wait this long). Longer than writing one briefing, or two instances would both write it.
    /// </summary>
    public int LeaseSeconds { get; set; } = 300;

    public IEnumerable<SettingProblem> Validate()
    {
        if (IntervalMinutes is < 1 or > 60)
        {
            yield return new SettingProblem($"{SectionName}:IntervalMinutes", "must be between 1 and 60");
        }

        if (SubscriptionIntervalMinutes is < 1 or > 59)
        {
            // A minute-interval cron; the shortest Graph subscription lifetime is far longer than an hour anyway.
            yield return new SettingProblem($"{SectionName}:SubscriptionIntervalMinutes", "must be between 1 and 59");
        }

        if (LeaseSeconds is < 5 or > 3600)
        {
            yield return new SettingProblem($"{SectionName}:LeaseSeconds", "must be between 5 and 3600");
        }
    }
}
