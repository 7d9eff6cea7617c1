using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MeetingPrep.Core.Sources;
using Microsoft.Extensions.Logging;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace MeetingPrep.Connectors.Crm.Remote;

/// <summary>
/// One CRM call: bearer token, one re-sign-in on 401, and every failure turned into a <see cref="SourceUnavailableException"/>
/// with a reason people may read. Waits on 429/503 <c>Retry-After</c>, the per-attempt timeout and the circuit breaker
/// are the client's resilience handler (<see cref="CrmResilience"/>); signing in and reading the answer have
/// <c>Crm:TimeoutSeconds</c> each, on the app's <see cref="TimeProvider"/>. Logs name the path only: queries carry e-mail addresses, responses carry note text,
/// and neither belongs in logs.
/// </summary>
internal sealed class CrmHttp(HttpClient http, CrmOptions options, string source, TimeProvider time, ILogger logger)
{
    public string Source => source;

    public async Task<T> SendAsync<T>(Func<HttpRequestMessage> build, JsonTypeInfo<T> type, ICrmAccessToken token, CancellationToken cancellationToken)
    {
        var refreshed = false;
        while (true)
        {
            var path = "?";
            try
            {
                string bearer;
                using (var signIn = Timeout(cancellationToken))
                {
                    bearer = await token.GetAsync(refreshed, signIn.Token);
                }

                using var request = build();
                path = request.RequestUri?.AbsolutePath ?? "?";
                request.Headers.Authorization = new("Bearer", bearer);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                var status = (int)response.StatusCode;
                if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
                {
                    // The resilience handler retried what it could (or the Retry-After was beyond the bound).
                    Log.CrmFailed(logger, source, status, path);
                    throw new SourceUnavailableException(source, status == 429 ? "rate limited by the CRM; try again shortly" : "the CRM is temporarily unavailable", null);
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized)
                {
                    if (!refreshed && token.CanRefresh)
                    {
                        // The cached token may have expired early (revoked, session timeout): sign in once more.
                        refreshed = true;
                        continue;
                    }

                    Log.CrmFailed(logger, source, status, path);
                    throw new SourceUnavailableException(source, "the CRM rejected MeetingPrep's credentials (HTTP 401)", null);
                }

                using var reading = Timeout(cancellationToken);
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    Log.CrmFailed(logger, source, status, path);
                    var body = await response.Content.ReadAsStringAsync(reading.Token);
                    throw new SourceUnavailableException(
                        source,
                        body.Contains("REQUEST_LIMIT_EXCEEDED", StringComparison.Ordinal)
                            ? "the CRM's API request limit is used up for today"
                            : "MeetingPrep's CRM user lacks permission for this data (HTTP 403)",
                        null);
                }

                if (!response.IsSuccessStatusCode)
                {
                    Log.CrmFailed(logger, source, status, path);
                    throw new SourceUnavailableException(source, $"the CRM answered HTTP {status}", null);
                }

                await using var stream = await response.Content.ReadAsStreamAsync(reading.Token);
                var value = await JsonSerializer.DeserializeAsync(stream, type, reading.Token);
                return value ?? throw new SourceUnavailableException(source, "the CRM sent an empty response", null);
            }
            catch (Exception ex) when (ex is TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Log.CrmTimedOut(logger, source, path, options.TimeoutSeconds);
                throw new SourceUnavailableException(source, $"the CRM did not answer within {options.TimeoutSeconds} s", ex);
            }
            catch (BrokenCircuitException ex)
            {
                Log.CrmCircuitOpen(logger, source, path);
                throw new SourceUnavailableException(source, "the CRM kept failing; MeetingPrep pauses its calls for a few seconds", ex);
            }
            catch (HttpRequestException ex)
            {
                Log.CrmUnreachable(logger, source, path, ex.HttpRequestError);
                throw new SourceUnavailableException(source, "the CRM could not be reached", ex);
            }
            catch (JsonException ex)
            {
                Log.CrmMalformed(logger, source, path);
                throw new SourceUnavailableException(source, "the CRM sent a response MeetingPrep could not read", ex);
            }
        }
    }

    /// <summary>One step's limit (signing in, reading an answer): <c>Crm:TimeoutSeconds</c>, within the caller's.</summary>
    private StepLimit Timeout(CancellationToken cancellationToken) => new(TimeSpan.FromSeconds(options.TimeoutSeconds), time, cancellationToken);

    /// <summary>The caller's token and a timer on the app's clock, disposed together.</summary>
    private sealed class StepLimit : IDisposable
    {
        private readonly CancellationTokenSource _timer;
        private readonly CancellationTokenSource _linked;

        public StepLimit(TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
        {
            _timer = new CancellationTokenSource(limit, time);
            _linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _timer.Token);
        }

        public CancellationToken Token => _linked.Token;

        public void Dispose()
        {
            _linked.Dispose();
            _timer.Dispose();
        }
    }

    /// <summary>Follows pages while <paramref name="next"/> names one, up to <see cref="CrmOptions.MaxPages"/>.</summary>
    public async Task<List<TItem>> PagesAsync<TPage, TItem>(
        Uri first,
        Func<Uri, HttpRequestMessage> build,
        JsonTypeInfo<TPage> type,
        ICrmAccessToken token,
        Func<TPage, IEnumerable<TItem>?> items,
        Func<TPage, Uri?> next,
        CancellationToken cancellationToken)
    {
        var result = new List<TItem>();
        Uri? url = first;
        for (var page = 0; url is not null && page < options.MaxPages; page++)
        {
            var current = url;
            var body = await SendAsync(() => build(current), type, token, cancellationToken);
            result.AddRange(items(body) ?? throw new SourceUnavailableException(source, "the CRM sent a page without records", null));
            url = next(body);
            if (url is not null && page + 1 == options.MaxPages)
            {
                Log.CrmPageBound(logger, source, current.AbsolutePath, options.MaxPages);
            }
        }

        return result;
    }
}
