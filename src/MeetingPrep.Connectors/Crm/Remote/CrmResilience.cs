using System.Net;
using MeetingPrep.Connectors.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Connectors.Crm.Remote;

/// <summary>
/// The CRM clients' standard resilience handler (Microsoft.Extensions.Http.Resilience), set from <see cref="CrmOptions"/>:
/// a 429 or 503 that names a <c>Retry-After</c> no longer than <c>Crm:MaxRetryAfterSeconds</c> is retried after that wait,
/// at most <c>Crm:MaxRetries</c> times (a longer wait is not retried: the briefing reports the CRM unavailable rather than
/// stall); each attempt has <c>Crm:TimeoutSeconds</c>, and the total covers every allowed attempt and wait, so a
/// Retry-After never eats into the next attempt's time; the circuit breaker stops calling a CRM that keeps failing. The
/// waits use the app's <see cref="TimeProvider"/>. Signing in again after a 401 is not a retry of the same request and
/// stays in <see cref="CrmHttp"/>.
/// </summary>
internal static class CrmResilience
{
    public static void Configure(HttpStandardResilienceOptions resilience, CrmOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(resilience);
        ArgumentNullException.ThrowIfNull(options);
        var source = options.Provider.ToString();
        var attempt = TimeSpan.FromSeconds(options.TimeoutSeconds);
        var longestWait = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);

        resilience.AttemptTimeout.Timeout = attempt;
        resilience.TotalRequestTimeout.Timeout = TotalTimeout(options);

        // The library wants at least one retry configured; with Crm:MaxRetries=0 nothing qualifies for it.
        resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxRetries);
        resilience.Retry.ShouldRetryAfterHeader = true;
        resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
            options.MaxRetries > 0
            && args.Outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable } response
            && RetryAfterHeader.Read(response, time) is { } wait
            && wait <= longestWait);
        resilience.Retry.OnRetry = args =>
        {
            if (args.Outcome.Result is { } response)
            {
                Log.CrmThrottled(logger, source, (int)response.StatusCode, response.RequestMessage?.RequestUri?.AbsolutePath ?? "?", args.RetryDelay.TotalSeconds, args.AttemptNumber + 1);
            }

            return default;
        };

        // The breaker samples at least two attempts' time, as the library requires.
        resilience.CircuitBreaker.SamplingDuration = attempt * 2 > TimeSpan.FromSeconds(30) ? attempt * 2 : TimeSpan.FromSeconds(30);
    }

    /// <summary>Every attempt's time and every wait the settings allow, and a second to spare.</summary>
    public static TimeSpan TotalTimeout(CrmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (TimeSpan.FromSeconds(options.TimeoutSeconds) * (options.MaxRetries + 1)) + (TimeSpan.FromSeconds(options.MaxRetryAfterSeconds) * options.MaxRetries) + TimeSpan.FromSeconds(1);
    }
}
