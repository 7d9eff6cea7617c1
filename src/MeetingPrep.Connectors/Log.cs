using Microsoft.Extensions.Logging;

namespace MeetingPrep.Connectors;

/// <summary>
/// The connectors' log lines, one home for the assembly (event ids 2000-2999): 2100s Microsoft Graph, 2200s and 2900s
/// the remote CRMs, 2400s the LLM writer. Never a token, mail text or a CRM record's content.
/// </summary>
internal static partial class Log
{
    // Microsoft Graph.
    [LoggerMessage(2100, LogLevel.Warning, "Graph {Operation} timed out after {TimeoutSeconds} s")]
    public static partial void GraphTimedOut(ILogger logger, string operation, int timeoutSeconds);

    [LoggerMessage(2101, LogLevel.Warning, "Graph {Operation} failed with HTTP {Status} ({Code})")]
    public static partial void GraphFailed(ILogger logger, string operation, int status, string? code);

    [LoggerMessage(2102, LogLevel.Warning, "Graph {Operation} returned an unreadable answer")]
    public static partial void GraphUnreadable(ILogger logger, string operation);

    [LoggerMessage(2110, LogLevel.Information, "Retrying {Count} throttled batch requests (HTTP {Status}) after {DelayMs} ms")]
    public static partial void GraphBatchRetrying(ILogger logger, int count, int status, double delayMs);

    [LoggerMessage(2111, LogLevel.Warning, "Gave up on {Count} batch requests after {Attempts} attempts")]
    public static partial void GraphBatchGaveUp(ILogger logger, int count, int attempts);

    [LoggerMessage(2112, LogLevel.Warning, "A batch request failed with HTTP {Status}")]
    public static partial void GraphBatchInnerFailed(ILogger logger, int status);

    [LoggerMessage(2120, LogLevel.Debug, "Skipped {Count} participant addresses that cannot be searched")]
    public static partial void GraphSkippedAddresses(ILogger logger, int count);

    [LoggerMessage(2130, LogLevel.Information, "Calendar delta link expired; starting a full sync round")]
    public static partial void GraphCalendarResync(ILogger logger);

    [LoggerMessage(2140, LogLevel.Warning, "Dropped {Count} Graph notifications with a wrong clientState or shape")]
    public static partial void GraphNotificationsRejected(ILogger logger, int count);

    [LoggerMessage(2141, LogLevel.Warning, "Graph notification queue is full; asking Graph to retry")]
    public static partial void GraphNotificationQueueFull(ILogger logger);

    // Remote CRMs.
    [LoggerMessage(2201, LogLevel.Warning, "CRM {Source} throttled (HTTP {Status}) on {Path}; retry {Retry} after {Seconds} s")]
    public static partial void CrmThrottled(ILogger logger, string source, int status, string path, double seconds, int retry);

    [LoggerMessage(2202, LogLevel.Warning, "CRM {Source} answered HTTP {Status} on {Path}")]
    public static partial void CrmFailed(ILogger logger, string source, int status, string path);

    [LoggerMessage(2203, LogLevel.Warning, "CRM {Source} did not answer on {Path} within {Seconds} s")]
    public static partial void CrmTimedOut(ILogger logger, string source, string path, int seconds);

    [LoggerMessage(2204, LogLevel.Warning, "CRM {Source} unreachable on {Path} ({Error})")]
    public static partial void CrmUnreachable(ILogger logger, string source, string path, HttpRequestError error);

    [LoggerMessage(2205, LogLevel.Warning, "CRM {Source} sent an unreadable response on {Path}")]
    public static partial void CrmMalformed(ILogger logger, string source, string path);

    [LoggerMessage(2206, LogLevel.Information, "CRM {Source} has more pages on {Path}; stopped at the bound of {MaxPages}")]
    public static partial void CrmPageBound(ILogger logger, string source, string path, int maxPages);

    // The LLM writer.
    [LoggerMessage(2401, LogLevel.Information, "Briefing written by {Writer} in {ElapsedMs} ms (cached {Cached}): {Claims} lines, {Rejected} rejected, {Unverified} unverified, {Relabelled} relabelled")]
    public static partial void LlmBriefingWritten(ILogger logger, string writer, long elapsedMs, bool cached, int claims, int rejected, int unverified, int relabelled);

    [LoggerMessage(2402, LogLevel.Warning, "Briefing written without {Writer} after {ElapsedMs} ms: {Reason}; the extractive briefing was used")]
    public static partial void LlmFellBack(ILogger logger, string writer, string reason, long elapsedMs);

    [LoggerMessage(2403, LogLevel.Warning, "Model {Writer} failed with {Error}")]
    public static partial void LlmModelFailed(ILogger logger, Exception exception, string writer, string error);

    // Remote CRMs (continued).
    [LoggerMessage(2900, LogLevel.Warning, "CRM {Source} circuit open on {Path}: it kept failing, calls pause briefly")]
    public static partial void CrmCircuitOpen(ILogger logger, string source, string path);
}
