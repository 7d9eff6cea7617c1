using System.Collections.Concurrent;

namespace MeetingPrep.Core.Briefings;

/// <summary>
/// The last answer of each kind of briefing source (calendar, mail, crm) in this process, so <c>/health</c> reports what a
/// dependency last did rather than what is configured. Kinds and outcomes are the telemetry's words; no content.
/// </summary>
public sealed class SourceOutcomes
{
    private readonly ConcurrentDictionary<string, SourceOutcome> _last = new(StringComparer.Ordinal);

    public void Record(string kind, string outcome, DateTimeOffset at) => _last[kind] = new SourceOutcome(kind, outcome, at);

    /// <summary>The most recent answer among <paramref name="kinds"/>, or null before any briefing asked them.</summary>
    public SourceOutcome? Latest(params string[] kinds) =>
        kinds.Select(k => _last.TryGetValue(k, out var o) ? o : null).OfType<SourceOutcome>().MaxBy(o => o.At);
}

/// <param name="Outcome"><see cref="CoreTelemetry.SourceOk"/>, timeout, transient, failed or unexpected.</param>
public sealed record SourceOutcome(string Kind, string Outcome, DateTimeOffset At)
{
    public bool IsOk => Outcome == CoreTelemetry.SourceOk;
}
