using System.Net;
using MeetingPrep.Core.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using MeetingPrep.Connectors.Http;

namespace MeetingPrep.Connectors.Graph;

/// <summary>
/// Sends many GETs against one mailbox as JSON <c>$batch</c> requests. Outlook counts every request inside a batch against
/// the mailbox's concurrency limit, so a batch carries at most <see cref="GraphOptions.MaxConcurrencyPerMailbox"/> steps
/// and takes that many places at the mailbox gate: a large meeting costs more round trips, not 429s.
/// Graph throttles each inner request on its own and no SDK handler sees those inner 429/503s, so they are retried here,
/// alone, after the longest Retry-After they carried (plus jitter), within <see cref="GraphOptions.MaxRetries"/>.
/// </summary>
public sealed class GraphBatchRunner(GraphServiceClient client, GraphCaller caller, TimeProvider time, ILogger<GraphBatchRunner> logger)
{
    public const int MaxStepsPerBatch = 20;

    public async Task<IReadOnlyDictionary<string, T>> GetAllAsync<T>(
        string source, string mailbox, IReadOnlyList<(string Id, RequestInformation Request)> steps, CancellationToken cancellationToken)
        where T : IParsable, new()
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Select(s => s.Id).Distinct(StringComparer.Ordinal).Count() != steps.Count)
        {
            throw new ArgumentException("Batch step ids must be unique.", nameof(steps));
        }

        // All chunks start together; the mailbox gate inside GraphCaller admits them as places free up.
        var chunks = steps.Chunk(Math.Min(MaxStepsPerBatch, caller.MailboxCapacity)).Select(chunk => RunChunkAsync<T>(source, mailbox, chunk, cancellationToken)).ToList();
        var results = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var chunk in await Task.WhenAll(chunks).ConfigureAwait(false))
        {
            foreach (var (id, value) in chunk)
            {
                results[id] = value;
            }
        }

        return results;
    }

    private async Task<Dictionary<string, T>> RunChunkAsync<T>(
        string source, string mailbox, IReadOnlyList<(string Id, RequestInformation Request)> chunk, CancellationToken cancellationToken)
        where T : IParsable, new()
    {
        var results = new Dictionary<string, T>(StringComparer.Ordinal);
        var pending = chunk;
        for (var attempt = 0; ; attempt++)
        {
            var outcome = await caller.RunAsync(
                source,
                "$batch",
                mailbox,
                ct => SendOnceAsync<T>(source, pending, attempt, ct),
                cancellationToken,
                requests: pending.Count).ConfigureAwait(false);
            foreach (var (id, value) in outcome.Succeeded)
            {
                results[id] = value;
            }

            if (outcome.Retry.Count == 0)
            {
                return results;
            }

            if (attempt >= caller.Options.MaxRetries || outcome.Delay > TimeSpan.FromSeconds(caller.Options.MaxRetryAfterSeconds))
            {
                Log.GraphBatchGaveUp(logger, outcome.Retry.Count, attempt + 1);
                throw GraphCaller.Unavailable(source, outcome.LastStatus, null);
            }

            Log.GraphBatchRetrying(logger, outcome.Retry.Count, outcome.LastStatus, outcome.Delay.TotalMilliseconds);
            await Task.Delay(outcome.Delay, time, cancellationToken).ConfigureAwait(false);
            pending = [.. pending.Where(p => outcome.Retry.Contains(p.Id))];
        }
    }

    private async Task<BatchOutcome<T>> SendOnceAsync<T>(
        string source, IReadOnlyList<(string Id, RequestInformation Request)> steps, int attempt, CancellationToken cancellationToken)
        where T : IParsable, new()
    {
        // At most 20 steps here, so the collection sends exactly one POST.
        var content = new BatchRequestContentCollection(client, MaxStepsPerBatch);
        foreach (var (id, request) in steps)
        {
            await content.AddBatchRequestStepAsync(request, id).ConfigureAwait(false);
        }

        var response = await client.Batch.PostAsync(content, cancellationToken).ConfigureAwait(false);
        var statuses = await response.GetResponsesStatusCodesAsync().ConfigureAwait(false);
        var outcome = new BatchOutcome<T>();
        foreach (var (id, _) in steps)
        {
            if (!statuses.TryGetValue(id, out var status))
            {
                throw new SourceUnavailableException(source, "Microsoft Graph answered a batch without all of its requests.");
            }

            var code = (int)status;
            if (code is >= 200 and < 300)
            {
                outcome.Succeeded[id] = await response.GetResponseByIdAsync<T>(id).ConfigureAwait(false);
                continue;
            }

            outcome.LastStatus = code;
            if (status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout)
            {
                using var inner = await response.GetResponseByIdAsync(id).ConfigureAwait(false);
                var delay = RetryAfterHeader.Read(inner, time) ?? Backoff(attempt);
                outcome.Retry.Add(id);
                if (delay > outcome.Delay)
                {
                    outcome.Delay = delay;
                }

                continue;
            }

            Log.GraphBatchInnerFailed(logger, code);
            throw GraphCaller.Unavailable(source, code, null);
        }

        if (outcome.Retry.Count > 0)
        {
            outcome.Delay += Jitter();
        }

        return outcome;
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromSeconds(caller.Options.RetryDelaySeconds * Math.Pow(2, attempt));

    // Spreads retries of parallel batches so they do not hit the mailbox in the same instant again.
    private static TimeSpan Jitter() => TimeSpan.FromMilliseconds(Random.Shared.Next(50, 250));

    private sealed class BatchOutcome<T>
    {
        public Dictionary<string, T> Succeeded { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Retry { get; } = new(StringComparer.Ordinal);

        public TimeSpan Delay { get; set; }

        public int LastStatus { get; set; }
    }
}
