using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MeetingPrep.Web.Hosting;

/// <summary>The host's own activity source and meter, for briefing and delivery spans and counters.</summary>
public static class Telemetry
{
    public const string SourceName = "MeetingPrep";

    public static readonly ActivitySource Source = new(SourceName);

    public static readonly Meter Meter = new(SourceName);
}
