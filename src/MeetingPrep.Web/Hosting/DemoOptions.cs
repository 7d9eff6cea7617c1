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
