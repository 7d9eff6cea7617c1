using System.Diagnostics;
using System.Diagnostics.Metrics;
using MeetingPrep.Connectors.Graph.Notifications;

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
    /// <c>meetingprep.notifications.queue_depth</c>: change notifications waiting for the worker. On a meter of the host's
    /// own container, so a second host in the same process (tests) observes its own queue.
    /// </summary>
    public static void ObserveNotificationQueue(IMeterFactory meters, GraphNotificationChannel channel)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(channel);
        meters.Create(SourceName).CreateObservableGauge(
            "meetingprep.notifications.queue_depth", () => channel.Reader.Count, description: "Calendar change notifications waiting to be synced");
    }
}
