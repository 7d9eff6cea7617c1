using System.Text.Json;
using MeetingPrep.Benchmarks;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Benchmarks;

/// <summary>Keeps the benchmark harness working: the time-to-briefing benchmark end to end at tiny sizes, no timing asserted.</summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task The_time_to_briefing_benchmark_runs_end_to_end_and_writes_its_figures_as_json()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = new ColdStartSettings(TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(1), HeadlineExternals: 3, Growth: [1, 6], ColdRuns: 1, WarmRuns: 1, CpuRuns: 2);
        using var output = new StringWriter();

        var report = await ColdStartBenchmark.RunAsync(settings, output, ct);

        // Cold and warm for the headline meeting, the same from the calendar mirror, then one figure per size.
        Assert.Equal([3, 3, 3, 3, 1, 6], report.Figures.Select(f => f.Externals));
        var sequential = report.Figures.Where(f => !f.Name.Contains("mirror", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, sequential.Count);
        Assert.All(report.Figures, f =>
        {
            Assert.Equal(0, f.Wire.Throttled);
            Assert.InRange(f.Wire.SequentialDepth, 1, f.Wire.HttpRequests);
        });

        // The baseline searches mail once per attendee, in turn.
        Assert.All(sequential, f => Assert.True(f.BaselineWire.SequentialDepth >= f.Externals, $"{f.Name}: baseline depth {f.BaselineWire.SequentialDepth}"));
        Assert.True(report.Figures[0].Wire.GraphRequests > report.Figures[1].Wire.GraphRequests, "a warm briefing should reuse what the cold one read");

        // From a fresh mirror a cold briefing asks Graph for less than one without it (its baseline): the calendar is local.
        Assert.True(report.Figures[2].Wire.GraphRequests < report.Figures[2].BaselineWire.GraphRequests, $"mirror: {report.Figures[2].Wire.GraphRequests} vs {report.Figures[2].BaselineWire.GraphRequests}");
        Assert.True(report.Cpu.AllocatedBytesPerBriefing > 0);

        var path = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.json");
        try
        {
            await BenchmarkJson.WriteAsync(path, new RunSettings(Quick: true), report, report.Rows, ct);
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(path, ct));
            Assert.Equal(6, json.RootElement.GetProperty("timeToBriefing").GetArrayLength());
            Assert.Equal(report.Rows.Count, json.RootElement.GetProperty("rows").GetArrayLength());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
