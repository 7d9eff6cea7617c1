using System.Diagnostics;
using System.Globalization;

namespace MeetingPrep.Benchmarks;

/// <summary>How many times to run each measurement; --quick trades precision for a run under a minute.</summary>
internal sealed record RunSettings(bool Quick)
{
    public int Warmup(int full) => Quick ? Math.Max(1, full / 5) : full;

    public int Iterations(int full) => Quick ? Math.Max(3, full / 5) : full;
}

/// <summary>Median and p95 of one measured operation, and what it allocated per operation.</summary>
internal sealed record Stats(string Name, TimeSpan Median, TimeSpan P95, long AllocatedBytesPerOp, int Iterations)
{
    public double MedianMs => Median.TotalMilliseconds;
}

/// <summary>One line of the final table: a candidate, the baseline measured beside it in the same run, and extra figures.</summary>
internal sealed record Row(Stats Candidate, Stats Baseline, string Note);

/// <summary>
/// A small measuring loop: warm-up runs (JIT, connection pools, caches), then N timed runs, one at a time.
/// Synchronous work counts allocations on the current thread; async work may hop threads, so it counts the whole
/// process (precise), which includes anything running beside it (e.g. the in-process fake Graph server).
/// </summary>
internal static class Measure
{
    public static Stats Sync(string name, int warmup, int iterations, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (var i = 0; i < warmup; i++)
        {
            action();
        }

        Settle();
        var times = new TimeSpan[iterations];
        long allocated = 0;
        for (var i = 0; i < iterations; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        return Summarize(name, times, allocated);
    }

    public static async Task<Stats> Async(string name, int warmup, int iterations, Func<CancellationToken, Task> action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(action);
        for (var i = 0; i < warmup; i++)
        {
            await action(cancellationToken);
        }

        Settle();
        var times = new TimeSpan[iterations];
        long allocated = 0;
        for (var i = 0; i < iterations; i++)
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var start = Stopwatch.GetTimestamp();
            await action(cancellationToken);
            times[i] = Stopwatch.GetElapsedTime(start);
            allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
        }

        return Summarize(name, times, allocated);
    }

    /// <summary>Stats over samples timed elsewhere (e.g. each briefing of a batch), with the allocations they made in total.</summary>
    public static Stats FromSamples(string name, IReadOnlyList<TimeSpan> samples, long allocatedTotal) =>
        Summarize(name, [.. samples], allocatedTotal);

    private static Stats Summarize(string name, TimeSpan[] times, long allocated)
    {
        Array.Sort(times);
        return new Stats(name, Percentile(times, 0.50), Percentile(times, 0.95), allocated / Math.Max(1, times.Length), times.Length);
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    internal static TimeSpan Percentile(TimeSpan[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}

internal static class Format
{
    public static string Ms(TimeSpan t) => t.TotalMilliseconds >= 100
        ? t.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms"
        : t.TotalMilliseconds >= 1
            ? t.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture) + " ms"
            : (t.TotalMilliseconds * 1000).ToString("0.0", CultureInfo.InvariantCulture) + " µs";

    public static string Bytes(long bytes) => bytes >= 1024 * 1024
        ? (bytes / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : bytes >= 1024
            ? (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB"
            : bytes.ToString(CultureInfo.InvariantCulture) + " B";

    public static string Ratio(double value) => value.ToString(value >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture) + "x";

    public static string Num(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The final table: candidate vs baseline medians; ratio = candidate median / baseline median (below 1x: faster).</summary>
    public static void Table(TextWriter output, IReadOnlyList<Row> rows)
    {
        string[] header = ["benchmark", "median", "p95", "alloc/op", "baseline", "base median", "ratio", "notes"];
        var cells = rows.Select(r => new[]
        {
            r.Candidate.Name,
            Ms(r.Candidate.Median),
            Ms(r.Candidate.P95),
            Bytes(r.Candidate.AllocatedBytesPerOp),
            r.Baseline.Name,
            Ms(r.Baseline.Median),
            Ratio(r.Candidate.MedianMs / Math.Max(r.Baseline.MedianMs, 1e-9)),
            r.Note,
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        void Line(string[] values) =>
            output.WriteLine("| " + string.Join(" | ", values.Select((v, i) => i is 1 or 2 or 3 or 5 or 6 ? v.PadLeft(widths[i]) : v.PadRight(widths[i]))) + " |");
        Line(header);
        output.WriteLine("|" + string.Join("|", widths.Select((w, i) => new string('-', w + 2))) + "|");
        foreach (var c in cells)
        {
            Line(c);
        }
    }
}

/// <summary>The run's figures as JSON, for comparing runs by tool: the time-to-briefing figures and every table row.</summary>
internal static class BenchmarkJson
{
    public static async Task WriteAsync(string path, RunSettings settings, ColdStartReport cold, IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        var document = new BenchmarkDocument(
            DateTimeOffset.UtcNow,
            settings.Quick ? "quick" : "full",
            Environment.ProcessorCount,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            cold.Figures,
            cold.Cpu,
            [.. rows.Select(r => new RowFigure(r.Candidate.Name, r.Candidate.MedianMs, r.Candidate.P95.TotalMilliseconds, r.Candidate.AllocatedBytesPerOp, r.Baseline.Name, r.Baseline.MedianMs, r.Candidate.MedianMs / Math.Max(r.Baseline.MedianMs, 1e-9), r.Note))]);
        await using var stream = File.Create(path);
        await System.Text.Json.JsonSerializer.SerializeAsync(stream, document, BenchmarkJsonContext.Default.BenchmarkDocument, cancellationToken);
    }
}

internal sealed record RowFigure(string Name, double MedianMs, double P95Ms, long AllocatedBytesPerOp, string Baseline, double BaselineMedianMs, double Ratio, string Note);

internal sealed record BenchmarkDocument(
    DateTimeOffset At, string Mode, int Cores, string Runtime, IReadOnlyList<ColdStartFigure> TimeToBriefing, CpuFigure Cpu, IReadOnlyList<RowFigure> Rows);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(BenchmarkDocument))]
internal sealed partial class BenchmarkJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
