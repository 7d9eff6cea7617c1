using System.Net;
using System.Text;
using System.Text.Json;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Mail;
using MeetingPrep.Demo;
using MeetingPrep.Teams.Cards;
using MeetingPrep.Teams.Tests.Cards;

namespace MeetingPrep.Benchmarks;

/// <summary>
/// 4. Card rendering (render + serialize) for a typical and an oversized briefing, versus serializing the same briefing's
/// card rendered without a size budget (no trimming).
/// 5. <see cref="MailTextCleaner.Clean"/> on the demo tenant's messy HTML mail and on pathological input, versus
/// <see cref="WebUtility.HtmlDecode(string)"/> over the same text.
/// </summary>
internal static class CardAndTextBenchmarks
{
    // Large enough that nothing is trimmed: the card as it would be without the size budget.
    private static readonly BriefingCardOptions Unbudgeted = new() { Budget = new CardBudget(int.MaxValue / 2, int.MaxValue / 2) };

    public static IReadOnlyList<Row> Cards(RunSettings settings, TextWriter output)
    {
        output.WriteLine("4. Card rendering: BriefingCardRenderer.Render + AdaptiveCardSerializer.Serialize (Teams host, default 12/28 KB budget)");
        var rows = new List<Row>();
        foreach (var (label, briefing, iterations) in new (string, Briefing, int)[]
        {
            ("typical (documented example)", TestBriefings.Fabrikam(), 2000),
            ("oversized (300 attendees, 500-message thread)", TestBriefings.Huge(), 100),
        })
        {
            var bytes = Encoding.UTF8.GetByteCount(AdaptiveCardSerializer.Serialize(BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, CardHost.Teams)));
            var untrimmedCard = BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, Unbudgeted);
            var untrimmedBytes = Encoding.UTF8.GetByteCount(AdaptiveCardSerializer.Serialize(untrimmedCard));

            var candidate = Measure.Sync($"card {label}", settings.Warmup(iterations / 10), settings.Iterations(iterations), () =>
                _ = AdaptiveCardSerializer.Serialize(BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, CardHost.Teams)));
            var baseline = Measure.Sync("serialize untrimmed card", settings.Warmup(iterations / 10), settings.Iterations(iterations), () =>
                _ = AdaptiveCardSerializer.Serialize(untrimmedCard));
            output.WriteLine($"   {label}: {Format.Ms(candidate.Median)} (p95 {Format.Ms(candidate.P95)}), {Format.Bytes(bytes)} card, {Format.Bytes(candidate.AllocatedBytesPerOp)} allocated | untrimmed card {Format.Bytes(untrimmedBytes)}, serialize only {Format.Ms(baseline.Median)} | ratio {Format.Ratio(candidate.MedianMs / baseline.MedianMs)}");
            rows.Add(new Row(candidate, baseline, $"{Format.Bytes(bytes)} card (untrimmed {Format.Bytes(untrimmedBytes)})"));

            if (untrimmedBytes > bytes)
            {
                rows.Add(TrimSearches(label, briefing, iterations, settings, output));
            }
        }

        return rows;
    }

    /// <summary>
    /// The trimming search of an oversized card: the estimate corrected by each build (what ships) against the bisection it
    /// replaced (about ten builds), both rendering the same card.
    /// </summary>
    private static Row TrimSearches(string label, Briefing briefing, int iterations, RunSettings settings, TextWriter output)
    {
        var options = new BriefingCardOptions { Host = CardHost.Teams };
        var interpolated = AdaptiveCardSerializer.Serialize(BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, options, TrimSearch.Interpolate));
        var bisected = AdaptiveCardSerializer.Serialize(BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, options, TrimSearch.Bisect));
        var candidate = Measure.Sync($"trim {label}: estimate and correct", settings.Warmup(iterations / 10), settings.Iterations(iterations), () =>
            _ = BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, options, TrimSearch.Interpolate));
        var baseline = Measure.Sync("trim by bisection", settings.Warmup(iterations / 10), settings.Iterations(iterations), () =>
            _ = BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, options, TrimSearch.Bisect));
        var same = string.Equals(interpolated, bisected, StringComparison.Ordinal) ? "the same card" : "DIFFERENT cards";
        output.WriteLine($"   trimming {label}: {Format.Ms(candidate.Median)}, {Format.Bytes(candidate.AllocatedBytesPerOp)} allocated | bisection {Format.Ms(baseline.Median)}, {Format.Bytes(baseline.AllocatedBytesPerOp)} allocated | ratio {Format.Ratio(candidate.MedianMs / baseline.MedianMs)}; {same}");
        return new Row(candidate, baseline, same);
    }

    public static IReadOnlyList<Row> Cleaner(DemoTenant tenant, RunSettings settings, TextWriter output)
    {
        output.WriteLine("5. MailTextCleaner.Clean (MB/s over the UTF-8 size of the input)");
        var messy = DemoMailBodies(tenant);
        var cases = new (string Label, string[] Inputs, int Iterations)[]
        {
            ($"demo mail HTML ({messy.Length} bodies)", messy, 200),
            ("pathological: \"<div><<<<a\" x 50k (500 KB)", [string.Concat(Enumerable.Repeat("<div><<<<a", 50_000))], 10),
            ("pathological: 200 KB of unclosed \"<p\" tags", [string.Concat(Enumerable.Repeat("<p class=\"x\" style='a:b' ", 8_000))], 10),
            ("pathological: 30k entities (&amp; &#x4E2D; &nbsp;)", [string.Concat(Enumerable.Repeat("a&amp;b&#x4E2D;&nbsp;", 10_000))], 10),
        };

        var rows = new List<Row>();
        foreach (var (label, inputs, iterations) in cases)
        {
            var bytes = inputs.Sum(i => (long)Encoding.UTF8.GetByteCount(i));
            var candidate = Measure.Sync($"Clean: {label}", settings.Warmup(Math.Max(1, iterations / 10)), settings.Iterations(iterations), () =>
            {
                foreach (var input in inputs)
                {
                    _ = MailTextCleaner.Clean(input, isHtml: true);
                }
            });
            var baseline = Measure.Sync("WebUtility.HtmlDecode, same input", settings.Warmup(Math.Max(1, iterations / 10)), settings.Iterations(iterations), () =>
            {
                foreach (var input in inputs)
                {
                    _ = WebUtility.HtmlDecode(input);
                }
            });
            var mbps = bytes / 1024.0 / 1024.0 / candidate.Median.TotalSeconds;
            var baseMbps = bytes / 1024.0 / 1024.0 / baseline.Median.TotalSeconds;
            output.WriteLine($"   {label}: {Format.Ms(candidate.Median)} (p95 {Format.Ms(candidate.P95)}) for {Format.Bytes(bytes)} = {Format.Num(mbps)} MB/s | HtmlDecode {Format.Num(baseMbps)} MB/s | ratio {Format.Ratio(candidate.MedianMs / baseline.MedianMs)}");
            rows.Add(new Row(candidate, baseline, $"{Format.Num(mbps)} MB/s vs {Format.Num(baseMbps)} MB/s, {Format.Bytes(bytes)}"));
        }

        return rows;
    }

    /// <summary>The raw HTML bodies of the demo tenant's mail, read from the Graph sandbox the way the connector reads them.</summary>
    private static string[] DemoMailBodies(DemoTenant tenant)
    {
        using var http = new HttpClient(new GraphSandboxHandler(tenant)) { BaseAddress = new Uri(GraphSandboxHandler.BaseUrl + "/") };
        var bodies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var thread in tenant.Threads)
        {
            foreach (var userId in thread.UserIds)
            {
                foreach (var address in thread.ExternalParticipants)
                {
                    var url = $"users/{Uri.EscapeDataString(userId)}/messages?$search={Uri.EscapeDataString($"\"participants:{address}\"")}&$top=100&$select=id,body";
                    using var response = http.GetAsync(url).GetAwaiter().GetResult();
                    response.EnsureSuccessStatusCode();
                    using var doc = JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult());
                    foreach (var message in doc.RootElement.GetProperty("value").EnumerateArray())
                    {
                        if (message.TryGetProperty("body", out var body) && body.GetProperty("contentType").GetString() == "html")
                        {
                            bodies[message.GetProperty("id").GetString()!] = body.GetProperty("content").GetString() ?? string.Empty;
                        }
                    }
                }
            }
        }

        if (bodies.Count == 0)
        {
            throw new InvalidOperationException("The demo tenant's Graph sandbox returned no HTML mail.");
        }

        return [.. bodies.Values];
    }
}
