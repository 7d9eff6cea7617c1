using MeetingPrep.Connectors.Graph;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;

namespace MeetingPrep.Benchmarks;

/// <summary>
/// 1. Mail context through the production <see cref="GraphMailSource"/> ($batch, parallel chunks under the mailbox gate)
/// against a fake Graph with fixed latency per HTTP request, versus asking Graph once per attendee, one after another,
/// with the same SDK client.
/// </summary>
internal static class MailContextBenchmark
{
    private const int Top = 10;
    private static readonly UserRef User = new("2b1f6c3a-8e4d-4f71-9a62-c3d5e7f90a14", "5f1c2a6e-8d3b-4c7a-9e21-0a4b6c8d2e10", "adelev@contoso.com", "Adele Vance", "Pacific Standard Time", "en-US");

    public static async Task<IReadOnlyList<Row>> RunAsync(RunSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var latency = TimeSpan.FromMilliseconds(20);
        var now = DateTimeOffset.UtcNow;
        await using var fake = await FakeGraph.StartAsync(latency, now, cancellationToken);
        var options = new GraphOptions { BaseUrl = fake.BaseUrl, MaxRetries = 2, RetryDelaySeconds = 1, TimeoutSeconds = 30 };
        var wire = new WireRecorder(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        using var client = GraphServiceCollectionExtensions.CreateClient(options, wire, new AnonymousAuthenticationProvider());
        var caller = new GraphCaller(options, new MailboxGate(options), TimeProvider.System, NullLogger<GraphCaller>.Instance);
        var batches = new GraphBatchRunner(client, caller, TimeProvider.System, NullLogger<GraphBatchRunner>.Instance);
        var mail = new GraphMailSource(client, batches, options, NullLogger<GraphMailSource>.Instance);
        var since = now.AddDays(-90);

        output.WriteLine($"1. Mail context via GraphMailSource vs one request per attendee (fake Graph at {fake.BaseUrl}, {latency.TotalMilliseconds:0} ms per HTTP request, MaxConcurrencyPerMailbox={options.MaxConcurrencyPerMailbox})");
        var rows = new List<Row>();
        foreach (var count in new[] { 10, 40 })
        {
            var people = Enumerable.Range(1, count).Select(i => $"person{i}@fabrikam{i % 7}.example").ToArray();

            // One checked run of each, for the wire figures and to prove both return the same mail.
            wire.Reset();
            var produced = await mail.GetRecentMessagesAsync(User, people, since, Top, cancellationToken);
            var (candidateRequests, candidateTrips) = (wire.Requests, wire.RoundTrips);
            wire.Reset();
            var baselineCount = await SequentialAsync(client, people, since, cancellationToken);
            var (baselineRequests, baselineTrips) = (wire.Requests, wire.RoundTrips);
            if (produced.Count != baselineCount || produced.Count != count * FakeGraph.MessagesPerParticipant)
            {
                throw new InvalidOperationException($"Mail source returned {produced.Count} messages, the baseline {baselineCount}; expected {count * FakeGraph.MessagesPerParticipant}.");
            }

            var candidate = await Measure.Async(
                $"mail context, {count} externals (GraphMailSource)",
                settings.Warmup(3),
                settings.Iterations(count > 10 ? 25 : 40),
                ct => mail.GetRecentMessagesAsync(User, people, since, Top, ct),
                cancellationToken);
            var baseline = await Measure.Async(
                $"sequential GET per attendee ({count})",
                settings.Warmup(1),
                settings.Iterations(count > 10 ? 8 : 15),
                ct => SequentialAsync(client, people, since, ct),
                cancellationToken);
            var speedUp = baseline.MedianMs / candidate.MedianMs;
            output.WriteLine($"   {count,2} externals: GraphMailSource {Format.Ms(candidate.Median)} (p95 {Format.Ms(candidate.P95)}), {candidateRequests} HTTP requests, {candidateTrips} sequential round trips | "
                + $"baseline {Format.Ms(baseline.Median)} (p95 {Format.Ms(baseline.P95)}), {baselineRequests} HTTP requests, {baselineTrips} round trips | speed-up {Format.Ratio(speedUp)}");
            rows.Add(new Row(candidate, baseline, $"{candidateRequests} req/{candidateTrips} trip vs {baselineRequests} req/{baselineTrips} trips; speed-up {Format.Ratio(speedUp)}"));
        }

        return rows;
    }

    /// <summary>The naive way: one participants search per attendee, awaited in turn, bodies cleaned the same way.</summary>
    private static async Task<int> SequentialAsync(GraphServiceClient client, IReadOnlyList<string> people, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var address in people)
        {
            var page = await client.Users[User.UserId].Messages.GetAsync(
                rc =>
                {
                    rc.QueryParameters.Search = $"\"participants:{address}\"";
                    rc.QueryParameters.Top = Top;
                    rc.QueryParameters.Select = ["id", "conversationId", "subject", "from", "toRecipients", "ccRecipients", "sentDateTime", "body", "webLink", "hasAttachments"];
                },
                cancellationToken);
            foreach (var message in page?.Value ?? [])
            {
                if (message.Id is { } id && message.SentDateTime >= since && ids.Add(id))
                {
                    _ = MailTextCleaner.Clean(message.Body?.Content, isHtml: true);
                }
            }
        }

        return ids.Count;
    }
}
