using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using MeetingPrep.Benchmarks;

// The benchmark harness: each benchmark prints its figures and a ratio against a baseline measured in the same run.
// --quick: fewer iterations; --cold-only: only the time-to-briefing benchmark; --cards-only: only the card benchmark;
// --json <path>: where the figures go as JSON.
var settings = new RunSettings(args.Contains("--quick", StringComparer.Ordinal));
var coldOnly = args.Contains("--cold-only", StringComparer.Ordinal);
var cardsOnly = args.Contains("--cards-only", StringComparer.Ordinal);
var jsonIndex = Array.IndexOf(args, "--json");
var jsonPath = jsonIndex >= 0 && jsonIndex + 1 < args.Length ? args[jsonIndex + 1] : "benchmark-results.json";
var output = Console.Out;
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

#if DEBUG
output.WriteLine("WARNING: Debug build; figures are not representative. Run with -c Release.");
#endif
output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MeetingPrep benchmarks ({(settings.Quick ? "quick" : "full")}) {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores"));
output.WriteLine();
var total = Stopwatch.StartNew();
var rows = new List<Row>();

if (cardsOnly)
{
    rows.AddRange(CardAndTextBenchmarks.Cards(settings, output));
    output.WriteLine();
    output.WriteLine("Summary (ratio = median / baseline median; below 1x the candidate is faster than its baseline)");
    Format.Table(output, rows);
    return 0;
}

var cold = await ColdStartBenchmark.RunAsync(ColdStartSettings.For(settings), output, cts.Token);
rows.AddRange(cold.Rows);
output.WriteLine();

if (!coldOnly)
{
    rows.AddRange(await MailContextBenchmark.RunAsync(settings, output, cts.Token));
    output.WriteLine();

    await using (var world = await DemoWorld.CreateAsync(cts.Token))
    {
        var briefed = await world.BriefedMeetingsAsync(cts.Token);
        rows.AddRange(await BriefingBenchmarks.GatheringAsync(world, briefed, settings, output, cts.Token));
        output.WriteLine();
        rows.Add(await BriefingBenchmarks.WholeBriefingsAsync(world, briefed, settings, output, cts.Token));
        output.WriteLine();
        rows.AddRange(CardAndTextBenchmarks.Cards(settings, output));
        output.WriteLine();
        rows.AddRange(CardAndTextBenchmarks.Cleaner(world.Tenant, settings, output));
        output.WriteLine();
    }
}

output.WriteLine("Summary (ratio = median / baseline median; below 1x the candidate is faster than its baseline)");
Format.Table(output, rows);
await BenchmarkJson.WriteAsync(jsonPath, settings, cold, rows, cts.Token);
output.WriteLine($"Figures as JSON: {Path.GetFullPath(jsonPath)}");
output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total {total.Elapsed.TotalSeconds:0.0} s"));
return 0;
