using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MeetingPrep.Web.Hosting;

/// <summary>
/// The host's own activity source and meter (README, "Telemetry"), and the list of every source and meter the exporters
/// collect: the engine's (<see cref="Core.CoreTelemetry"/>), the cards' and the bot's (<see cref="Teams.TeamsTelemetry"/>),
/// the LLM writer's (<see cref="Connectors.Llm.LlmMetrics"/>).
/// </summary>
public static class Telemetry
{
    public const string SourceName = "MeetingPrep";

    public static readonly ActivitySource Source = new(SourceName);

    public static readonly Meter Meter = new(SourceName);

    public static readonly string[] ActivitySources = [SourceName, Core.CoreTelemetry.Name, Teams.TeamsTelemetry.Name];

    public static readonly string[] Meters = [SourceName, Core.CoreTelemetry.Name, Teams.TeamsTelemetry.Name, Connectors.Llm.LlmMetrics.MeterName];

    /// <summary>
    /// <c>meetingprep.jobs.queue_depth</c>: jobs waiting in the job engine's queue (accepted change notifications and each
    /// user's share of a delivery wave), read from the storage every instance shares. On a meter of the host's own
    /// container, so a second host in the same process (tests) observes its own.
    /// </summary>
    public static void ObserveJobQueue(IMeterFactory meters, Hangfire.JobStorage storage)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(storage);
        meters.Create(SourceName).CreateObservableGauge(
            "meetingprep.jobs.queue_depth", () => storage.GetMonitoringApi().EnqueuedCount("default"), description: "Jobs waiting: change notifications to sync and users' delivery shares");
    }
}
