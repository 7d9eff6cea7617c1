using System.Net;
using System.Text.Json;
using MeetingPrep.Core.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace MeetingPrep.Connectors.Graph;

/// <summary>
/// Runs one Graph call under the mailbox gate, with the per-call timeout, and turns every failure into a
/// <see cref="SourceUnavailableException"/> with a user-safe message. Caller cancellation is passed through unchanged.
/// The timeout runs on the app's <see cref="TimeProvider"/>, so tests decide when it fires.
/// </summary>
public sealed class GraphCaller(GraphOptions options, MailboxGate gate, TimeProvider time, ILogger<GraphCaller> logger)
{
    public GraphOptions Options => options;

    /// <summary>How many requests may be in flight against one mailbox, a batch's inner requests included.</summary>
    public int MailboxCapacity => gate.Capacity;

    /// <param name="source">"calendar" or "mail": the name the briefing shows when it is unavailable.</param>
    /// <param name="operation">A short, non-sensitive name for logs.</param>
    /// <param name="mailbox">The mailbox the call counts against (Outlook's 4-concurrent limit), or null for directory calls.</param>
    /// <param name="requests">How many Graph requests the call carries against the mailbox (a batch's steps; at most <see cref="MailboxGate.Capacity"/>).</param>
    public async Task<T> RunAsync<T>(
        string source, string operation, string? mailbox, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken, int requests = 1)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var permit = mailbox is null ? null : await gate.EnterAsync(mailbox, cancellationToken, requests).ConfigureAwait(false);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds), time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        try
        {
            return await call(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SourceUnavailableException)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            Log.GraphTimedOut(logger, operation, options.TimeoutSeconds);
            throw new SourceUnavailableException(source, $"Microsoft Graph did not answer within {options.TimeoutSeconds} seconds.", ex) { IsTransient = true };
        }
        catch (ApiException ex)
        {
            var code = (ex as ODataError)?.Error?.Code;
            Log.GraphFailed(logger, operation, ex.ResponseStatusCode, code);
            throw Unavailable(source, ex.ResponseStatusCode, ex);
        }
        catch (AggregateException ex) when (ex.Flatten().InnerExceptions.OfType<ApiException>().LastOrDefault() is { } last)
        {
            // The SDK's RetryHandler reports exhausted retries as an AggregateException of the attempts' failures.
            Log.GraphFailed(logger, operation, last.ResponseStatusCode, "retries exhausted");
            throw Unavailable(source, last.ResponseStatusCode, ex);
        }
        catch (HttpRequestException ex)
        {
            Log.GraphFailed(logger, operation, (int?)ex.StatusCode ?? 0, ex.HttpRequestError.ToString());
            throw new SourceUnavailableException(source, "Microsoft Graph could not be reached.", ex) { IsTransient = true };
        }
        catch (JsonException ex)
        {
            Log.GraphUnreadable(logger, operation);
            throw new SourceUnavailableException(source, "Microsoft Graph sent an answer that could not be read.", ex);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            Log.GraphUnreadable(logger, operation);
            throw new SourceUnavailableException(source, "Microsoft Graph sent an answer that could not be read.", ex);
        }
    }

    internal static SourceUnavailableException Unavailable(string source, int status, Exception? inner) => status switch
    {
        (int)HttpStatusCode.TooManyRequests => new SourceUnavailableException(source, "Microsoft Graph is throttling requests; try again in a few minutes.", inner) { IsTransient = true },
        (int)HttpStatusCode.Unauthorized or (int)HttpStatusCode.Forbidden =>
            new SourceUnavailableException(source, "MeetingPrep is not allowed to read this mailbox; an administrator must grant access.", inner),
        (int)HttpStatusCode.NotFound => new SourceUnavailableException(source, "The mailbox was not found in Microsoft 365.", inner),
        >= 500 => new SourceUnavailableException(source, "Microsoft Graph is temporarily unavailable.", inner) { IsTransient = true },
        _ => new SourceUnavailableException(source, $"Microsoft Graph refused the request (HTTP {status}).", inner),
    };
}
