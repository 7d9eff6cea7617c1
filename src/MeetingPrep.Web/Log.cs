using MeetingPrep.Connectors.Graph.Notifications;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Web;

/// <summary>
/// The host's log lines, one home for the assembly (event ids 5000-5999): 5000s start-up, 5150s Graph subscriptions
/// and notifications, 5300s the bot endpoint, 5400s jobs, 5600s security and retention, 5750s meeting outcomes.
/// </summary>
internal static partial class Log
{
    // Start-up.
    [LoggerMessage(5001, LogLevel.Information, "MeetingPrep demo is running. Open {Url}/ for the demo users' meetings and briefings, {Url}/health for dependencies, {Url}/api/me/meetings for the API.")]
    public static partial void DemoReady(ILogger logger, string url);

    [LoggerMessage(5002, LogLevel.Information, "MeetingPrep is running on {Url}. Bot endpoint {Url}/api/messages, health {Url}/health.")]
    public static partial void ProductionReady(ILogger logger, string url);

    // Graph subscriptions and notifications.
    [LoggerMessage(5150, LogLevel.Information, "Graph subscriptions: {Users} recipients, {Ensured} live, {Failed} failed, {Renewed} other subscriptions renewed, {Retired} deleted for users who left.")]
    public static partial void SubscriptionsRun(ILogger logger, int users, int ensured, int failed, int renewed, int retired);

    [LoggerMessage(5151, LogLevel.Warning, "Could not ensure the Graph subscription of user {UserId} in tenant {TenantId} ({Reason}); the next run retries.")]
    public static partial void SubscriptionUserFailed(ILogger logger, Exception exception, string tenantId, string userId, string reason);

    [LoggerMessage(5152, LogLevel.Warning, "Renewing expiring Graph subscriptions failed ({Reason}); the next run retries.")]
    public static partial void SubscriptionRenewalFailed(ILogger logger, Exception exception, string reason);

    [LoggerMessage(5160, LogLevel.Warning, "Graph notification ({Kind}) for subscription {SubscriptionId} failed ({Reason}); retried, and the next change or run catches up.")]
    public static partial void NotificationFailed(ILogger logger, Exception exception, GraphNotificationKind kind, string subscriptionId, string reason);

    [LoggerMessage(5161, LogLevel.Information, "Graph notification ({Kind}) for unknown subscription {SubscriptionId} ignored.")]
    public static partial void NotificationUnknownSubscription(ILogger logger, string subscriptionId, GraphNotificationKind kind);

    [LoggerMessage(5162, LogLevel.Information, "Graph lifecycle event {Kind} handled for user {UserId} in tenant {TenantId}.")]
    public static partial void NotificationLifecycleHandled(ILogger logger, GraphNotificationKind kind, string tenantId, string userId);

    [LoggerMessage(5163, LogLevel.Information, "Calendar change for user {UserId} in tenant {TenantId} ignored: not a proactive recipient.")]
    public static partial void NotificationNotRecipient(ILogger logger, string tenantId, string userId);

    [LoggerMessage(5164, LogLevel.Information, "Calendar of user {UserId} in tenant {TenantId} synced: {Upserted} changed, {Removed} removed, full round {Full}.")]
    public static partial void NotificationCalendarSynced(ILogger logger, string tenantId, string userId, int upserted, int removed, bool full);

    [LoggerMessage(5165, LogLevel.Information, "A changed meeting of user {UserId} in tenant {TenantId} is due before the next tick; their tick is enqueued now.")]
    public static partial void NotificationTickEnqueued(ILogger logger, string tenantId, string userId);

    [LoggerMessage(5166, LogLevel.Warning, "Could not store a Graph notification in the job engine ({Reason}); asking Graph to retry.")]
    public static partial void NotificationEnqueueFailed(ILogger logger, string reason);

    // The bot endpoint.
    [LoggerMessage(5301, LogLevel.Warning, "Bot request rejected with {Status}: {Reason}.")]
    public static partial void BotRequestRejected(ILogger logger, int status, string reason);

    [LoggerMessage(5364, LogLevel.Warning, "Teams member lookup failed with {Status}; the user cannot be identified.")]
    public static partial void MemberLookupFailed(ILogger logger, int status);

    // Jobs.
    [LoggerMessage(5420, LogLevel.Information, "A job lock's session had already ended ({Reason}); the lock went with it.")]
    public static partial void JobLockReleaseFailed(ILogger logger, Exception exception, string reason);

    [LoggerMessage(5421, LogLevel.Information, "Proactive tick skipped: another tick is running (this instance or another); it covers the same window.")]
    public static partial void ProactiveTickSkipped(ILogger logger);

    [LoggerMessage(5422, LogLevel.Information, "Proactive tick: one delivery job enqueued for each of {Users} users.")]
    public static partial void ProactiveTickFannedOut(ILogger logger, int users);

    [LoggerMessage(5612, LogLevel.Warning, "Resumed a proactive fan-out that did not finish (its instance died or its job store failed): {Users} users enqueued.")]
    public static partial void ProactiveFanOutResumed(ILogger logger, int users);

    // Security and retention.
    [LoggerMessage(5610, LogLevel.Information, "Job history purge: {Deleted} failed jobs older than {Days} days deleted.")]
    public static partial void JobHistoryPurged(ILogger logger, int deleted, int days);

    [LoggerMessage(5611, LogLevel.Warning, "{Warning}")]
    public static partial void ObsoleteSetting(ILogger logger, string warning);

    [LoggerMessage(5601, LogLevel.Warning, "Request from tenant {TenantId} refused: not on Security:AllowedTenants.")]
    public static partial void TenantRefused(ILogger logger, string tenantId);

    [LoggerMessage(5602, LogLevel.Information, "Retention purge: {Feedback} feedback, {Deliveries} deliveries, {Conversations} conversations, {State} notification state rows, {Engagement} engagement signals, {Audit} briefing audit records older than {Days} days deleted.")]
    public static partial void RetentionPurged(ILogger logger, int feedback, int deliveries, int conversations, int state, int engagement, int audit, int days);

    // Meeting outcomes.
    [LoggerMessage(5750, LogLevel.Warning, "Meeting outcomes: the calendar of {TenantId}/{UserId} could not be read ({ErrorType}); the next run looks again.")]
    public static partial void OutcomeCalendarFailed(ILogger logger, Exception exception, string tenantId, string userId, string errorType);

    [LoggerMessage(5751, LogLevel.Information, "Meeting outcomes: {Snapshots} meetings followed, {FollowUps} follow-ups taken.")]
    public static partial void OutcomeRun(ILogger logger, int snapshots, int followUps);

    // The calendar mirror (5850-5949).
    [LoggerMessage(5850, LogLevel.Debug, "Calendar mirror of user {UserId} in tenant {TenantId} refreshed by the tick: {Upserted} changed, {Removed} removed, full round {Full}.")]
    public static partial void MirrorRefreshed(ILogger logger, string tenantId, string userId, int upserted, int removed, bool full);

    [LoggerMessage(5851, LogLevel.Warning, "The tick could not refresh the calendar mirror of user {UserId} in tenant {TenantId} ({ErrorType}); briefings read Graph once it is stale.")]
    public static partial void MirrorRefreshFailed(ILogger logger, Exception exception, string tenantId, string userId, string errorType);
}
