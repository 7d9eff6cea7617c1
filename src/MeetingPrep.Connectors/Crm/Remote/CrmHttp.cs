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
/// <c>Crm:TimeoutSeconds</c> each. Logs name the path only: queries carry e-mail addresses, responses carry note text,
/// and neither belongs in logs.
/// </summary>
internal sealed partial class CrmHttp(HttpClient http, CrmOptions options, string source, ILogger logger)
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
                    LogFailed(logger, source, status, path);
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

                    LogFailed(logger, source, status, path);
                    throw new SourceUnavailableException(source, "the CRM rejected MeetingPrep's credentials (HTTP 401)", null);
                }

                using var reading = Timeout(cancellationToken);
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    LogFailed(logger, source, status, path);
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
                    LogFailed(logger, source, status, path);
                    throw new SourceUnavailableException(source, $"the CRM answered HTTP {status}", null);
                }

                await using var stream = await response.Content.ReadAsStreamAsync(reading.Token);
                var value = await JsonSerializer.DeserializeAsync(stream, type, reading.Token);
                return value ?? throw new SourceUnavailableException(source, "the CRM sent an empty response", null);
            }
            catch (Exception ex) when (ex is TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                LogTimedOut(logger, source, path, options.TimeoutSeconds);
                throw new SourceUnavailableException(source, $"the CRM did not answer within {options.TimeoutSeconds} s", ex);
            }
            catch (BrokenCircuitException ex)
            {
                LogCircuitOpen(logger, source, path);
                throw new SourceUnavailableException(source, "the CRM kept failing; MeetingPrep pauses its calls for a few seconds", ex);
            }
            catch (HttpRequestException ex)
            {
                LogUnreachable(logger, source, path, ex.HttpRequestError);
                throw new SourceUnavailableException(source, "the CRM could not be reached", ex);
            }
            catch (JsonException ex)
            {
                LogMalformed(logger, source, path);
                throw new SourceUnavailableException(source, "the CRM sent a response MeetingPrep could not read", ex);
            }
        }
    }

    /// <summary>One step's limit (signing in, reading an answer): <c>Crm:TimeoutSeconds</c>, within the caller's.</summary>
    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        return timeout;
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
                LogPageBound(logger, source, current.AbsolutePath, options.MaxPages);
            }
        }

        return result;
    }

    [LoggerMessage(2202, LogLevel.Warning, "CRM {Source} answered HTTP {Status} on {Path}")]
    private static partial void LogFailed(ILogger logger, string source, int status, string path);

    [LoggerMessage(2203, LogLevel.Warning, "CRM {Source} did not answer on {Path} within {Seconds} s")]
    private static partial void LogTimedOut(ILogger logger, string source, string path, int seconds);

    [LoggerMessage(2204, LogLevel.Warning, "CRM {Source} unreachable on {Path} ({Error})")]
    private static partial void LogUnreachable(ILogger logger, string source, string path, HttpRequestError error);

    [LoggerMessage(2205, LogLevel.Warning, "CRM {Source} sent an unreadable response on {Path}")]
    private static partial void LogMalformed(ILogger logger, string source, string path);

    [LoggerMessage(2900, LogLevel.Warning, "CRM {Source} circuit open on {Path}: it kept failing, calls pause briefly")]
    private static partial void LogCircuitOpen(ILogger logger, string source, string path);

    [LoggerMessage(2206, LogLevel.Information, "CRM {Source} has more pages on {Path}; stopped at the bound of {MaxPages}")]
    private static partial void LogPageBound(ILogger logger, string source, string path, int maxPages);
}
