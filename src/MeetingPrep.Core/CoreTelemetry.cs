using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace MeetingPrep.Core;

/// <summary>
/// The engine's spans and instruments (README, "Telemetry"): a briefing with a child per source gathered and one for the
/// writer, a delivery tick, and the counters operators ask about. Tags are fixed words and counts only: never a mail, a
/// note, a subject, a name or an address.
/// </summary>
public static class CoreTelemetry
{
    public const string Name = "MeetingPrep.Core";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> BriefingsWritten =
        Meter.CreateCounter<long>("meetingprep.briefings.written", description: "Briefings written, by writer and meeting kind");

    private static readonly Histogram<double> BriefingDuration =
        Meter.CreateHistogram<double>("meetingprep.briefing.duration", "ms", "Time to a briefing: sources gathered and lines written");

    private static readonly Histogram<double> SourceDuration =
        Meter.CreateHistogram<double>("meetingprep.source.duration", "ms", "One source's answer time, by source and outcome");

    private static readonly Counter<long> SourceFailures =
        Meter.CreateCounter<long>("meetingprep.source.failures", description: "A source left out of a briefing, by source and kind of failure");

    private static readonly Counter<long> Deliveries =
        Meter.CreateCounter<long>("meetingprep.deliveries", description: "Proactive deliveries by outcome (sent, failed, no_conversation)");

    private static readonly Histogram<double> DeliveryLag =
        Meter.CreateHistogram<double>("meetingprep.delivery.lag", "s", "How long after its send time (start minus lead time) a briefing was sent");

    private static readonly Counter<long> DeliveriesSkipped =
        Meter.CreateCounter<long>("meetingprep.deliveries.skipped", description: "Meetings whose send time came but got no briefing, by reason");

    /// <summary>Outcome tag of a source that answered.</summary>
    public const string SourceOk = "ok";

    /// <summary>"extractive" or "llm": the model's name stays out of the tag (it is in the briefing's footer and the LLM meter).</summary>
    internal static string WriterKind(string writer) =>
        writer == Briefings.Writing.ExtractiveBriefingWriter.WriterName ? "extractive" : "llm";

    internal static Activity? StartBriefing(bool external) =>
        Source.StartActivity("briefing")?.SetTag("meetingprep.meeting.kind", external ? "external" : "internal");

    internal static Activity? StartGather(string source) =>
        Source.StartActivity($"gather {source}")?.SetTag("meetingprep.source", source);

    internal static Activity? StartWrite() => Source.StartActivity("write");

    internal static Activity? StartDeliveryTick(string scope) =>
        Source.StartActivity("delivery tick")?.SetTag("meetingprep.tick.scope", scope);

    internal static void SourceAnswered(Activity? activity, string source, string outcome, TimeSpan elapsed)
    {
        activity?.SetTag("meetingprep.source.outcome", outcome);
        var sourceTag = new KeyValuePair<string, object?>("source", source);
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome);
        SourceDuration.Record(elapsed.TotalMilliseconds, sourceTag, outcomeTag);
        if (outcome != SourceOk)
        {
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
            SourceFailures.Add(1, sourceTag, new KeyValuePair<string, object?>("kind", outcome));
        }
    }

    internal static void BriefingWritten(string writer, bool external, int unavailableSources, TimeSpan elapsed)
    {
        var writerTag = new KeyValuePair<string, object?>("writer", writer);
        var kindTag = new KeyValuePair<string, object?>("meeting.kind", external ? "external" : "internal");
        BriefingsWritten.Add(1, writerTag, kindTag, new KeyValuePair<string, object?>("complete", unavailableSources == 0));
        BriefingDuration.Record(elapsed.TotalMilliseconds, writerTag, kindTag);
    }

    internal static void Delivered(string outcome, TimeSpan? lag)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        Deliveries.Add(1, tag);
        if (lag is { } value)
        {
            DeliveryLag.Record(Math.Max(0, value.TotalSeconds));
        }
    }

    internal static void Skipped(string reason) =>
        DeliveriesSkipped.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
