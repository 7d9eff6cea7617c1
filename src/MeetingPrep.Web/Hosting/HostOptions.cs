using MeetingPrep.Core.Configuration;

namespace MeetingPrep.Web.Hosting;

/// <summary>
/// The <c>Demo</c> section. The demo tenant is the embedded default in Development; in any other environment it is off,
/// and turning it on there stops start-up, so production can never serve synthetic data by accident.
/// </summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Null means "the default for this environment": on in Development, off elsewhere.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Seed for the synthetic tenant, so two runs on the same day show the same data.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Replace the demo tenant's engagement signals with a seeded history at start-up, so the report has weeks to show.</summary>
    public bool SeedEngagementHistory { get; set; } = true;

    /// <summary>
    /// A scenario pack folder to serve instead of the generated tenant (README "Scenario packs"); its <c>now</c> becomes
    /// the app's clock.
    /// </summary>
    public string? ScenarioPath { get; set; }

    /// <summary>With a scenario pack: keep the clock at the pack's <c>now</c> instead of letting it run on from there (eval).</summary>
    public bool FreezeClock { get; set; }
}

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

    /// <summary>How long delivery rows are kept after their meeting started (the daily housekeeping job deletes older ones).</summary>
    public int DeliveryRetentionDays { get; set; } = 30;

    public IEnumerable<SettingProblem> Validate()
    {
        if (DeliveryRetentionDays is < 1 or > 3650)
        {
            yield return new SettingProblem($"{SectionName}:DeliveryRetentionDays", "must be between 1 and 3650");
        }

        if (IntervalMinutes is < 1 or > 60)
        {
            yield return new SettingProblem($"{SectionName}:IntervalMinutes", "must be between 1 and 60");
        }

        if (SubscriptionIntervalMinutes is < 1 or > 59)
        {
            // A minute-interval cron; the shortest Graph subscription lifetime is far longer than an hour anyway.
            yield return new SettingProblem($"{SectionName}:SubscriptionIntervalMinutes", "must be between 1 and 59");
        }
    }
}
