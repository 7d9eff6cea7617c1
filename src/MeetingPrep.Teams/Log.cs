using Microsoft.Extensions.Logging;

namespace MeetingPrep.Teams;

/// <summary>
/// The Teams assembly's log lines, one home for the assembly (event ids 3000-3999): 3100–3119 inbound and auth,
/// 3120–3139 routing and turns, 3140–3159 connector, 3160–3179 conversation references and users, 3450s the chat
/// model. Never a token, a message text or a card body.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(3100, LogLevel.Warning, "ANONYMOUS bot request accepted: Development with no Bot:AppId/AppPassword configured (Agents Playground mode). This is never allowed in production.")]
    public static partial void AnonymousAccepted(ILogger logger);

    [LoggerMessage(3101, LogLevel.Warning, "Bot request rejected with {Status}: {Reason}.")]
    public static partial void RequestRejected(ILogger logger, int status, string reason);

    [LoggerMessage(3102, LogLevel.Error, "The OpenID metadata for bot tokens could not be read ({Error}); requests are refused until it can.")]
    public static partial void MetadataUnavailable(ILogger logger, Exception exception, string error);

    [LoggerMessage(3109, LogLevel.Information, "Bot token signing keys refreshed (known key id: {KnownKid}).")]
    public static partial void SigningKeysRefreshed(ILogger logger, bool knownKid);

    [LoggerMessage(3103, LogLevel.Warning, "Activity {ActivityId} names a serviceUrl host that is not allowed ({Host}); nothing will be sent there.")]
    public static partial void ServiceUrlRefused(ILogger logger, string? activityId, string host);

    [LoggerMessage(3120, LogLevel.Debug, "Activity {ActivityId} of type {Type} ignored: no route.")]
    public static partial void NoRoute(ILogger logger, string? activityId, string? type);

    [LoggerMessage(3121, LogLevel.Error, "Turn for activity {ActivityId} ({Type}) failed.")]
    public static partial void TurnFailed(ILogger logger, Exception exception, string? activityId, string? type);

    [LoggerMessage(3122, LogLevel.Warning, "Turn for activity {ActivityId} ({Type}) ran out of time.")]
    public static partial void TurnTimedOut(ILogger logger, string? activityId, string? type);

    [LoggerMessage(3123, LogLevel.Information, "Chat intent {Intent} for activity {ActivityId}.")]
    public static partial void ChatIntent(ILogger logger, string intent, string? activityId);

    [LoggerMessage(3124, LogLevel.Information, "Card action {Verb} for activity {ActivityId}.")]
    public static partial void CardAction(ILogger logger, string verb, string? activityId);

    [LoggerMessage(3140, LogLevel.Warning, "Connector {Method} {Operation} throttled ({Status}); retry {Attempt} after {DelayMs} ms.")]
    public static partial void Throttled(ILogger logger, string method, string operation, int status, int attempt, long delayMs);

    [LoggerMessage(3141, LogLevel.Warning, "Connector {Method} {Operation} failed with {Status} {Code}.")]
    public static partial void ConnectorFailed(ILogger logger, string method, string operation, int status, string? code);

    [LoggerMessage(3142, LogLevel.Information, "Send with key {Key} already delivered as {ActivityId}; not sent again.")]
    public static partial void DuplicateSendSkipped(ILogger logger, string key, string? activityId);

    [LoggerMessage(3143, LogLevel.Warning, "Outbound token request failed with {Status}.")]
    public static partial void TokenFailed(ILogger logger, Exception exception, int status);

    [LoggerMessage(3160, LogLevel.Information, "Conversation reference stored for conversation type {ConversationType} in tenant {TenantId}.")]
    public static partial void ReferenceStored(ILogger logger, string? conversationType, string? tenantId);

    [LoggerMessage(3161, LogLevel.Information, "Conversation reference removed (uninstall) in tenant {TenantId}.")]
    public static partial void ReferenceRemoved(ILogger logger, string? tenantId);

    [LoggerMessage(3162, LogLevel.Warning, "Conversation marked unusable after {Status} {Code}.")]
    public static partial void ReferenceUnusable(ILogger logger, int status, string? code);

    [LoggerMessage(3163, LogLevel.Warning, "Teams user could not be mapped to a MeetingPrep user (tenant {TenantId}).")]
    public static partial void UserUnmapped(ILogger logger, string? tenantId);

    [LoggerMessage(3165, LogLevel.Warning, "The installing user in tenant {TenantId} could not be resolved ({Reason}); they get proactive briefings once a later turn resolves them.")]
    public static partial void InstallUserUnresolved(ILogger logger, Exception? exception, string? tenantId, string reason);

    [LoggerMessage(3104, LogLevel.Warning, "Activity {ActivityId} refused: tenant {TenantId} is not served here (Security:AllowedTenants).")]
    public static partial void TenantRefused(ILogger logger, string? activityId, string tenantId);

    [LoggerMessage(3105, LogLevel.Information, "A user asked to be forgotten (activity {ActivityId}); {Rows} stored rows deleted.")]
    public static partial void UserForgotten(ILogger logger, int rows, string? activityId);

    [LoggerMessage(3451, LogLevel.Information, "Chat answered by {Model}: {Lines} lines before verification")]
    public static partial void ChatModelAnswered(ILogger logger, string model, int lines);

    [LoggerMessage(3452, LogLevel.Warning, "Chat answered without {Model}: {Reason}")]
    public static partial void ChatModelFellBack(ILogger logger, string model, string reason);

    [LoggerMessage(3453, LogLevel.Warning, "Chat model {Model} failed with {Error}")]
    public static partial void ChatModelFailed(ILogger logger, Exception exception, string model, string error);

    public static IDisposable? BeginActivityScope(ILogger logger, string? activityId, string? type) =>
        logger.BeginScope(new Dictionary<string, object?> { ["ActivityId"] = activityId, ["ActivityType"] = type });
}
