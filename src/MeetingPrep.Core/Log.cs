using MeetingPrep.Core.Delivery;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Core;

/// <summary>
/// Core's log lines, one home for the assembly (event ids 1000-1999): 1000s briefing sources, 1400s, 1600s and 1650s
/// proactive delivery, 1750s meeting outcomes. Never mail or note text in a message; exceptions are passed, not named.
/// </summary>
internal static partial class Log
{
    // Briefing sources.
    [LoggerMessage(1001, LogLevel.Warning, "Briefing source {Source} unavailable ({Reason}); the briefing goes ahead without it. {Error}")]
    public static partial void SourceUnavailable(ILogger logger, string source, string reason, string error);

    // Proactive delivery.
    [LoggerMessage(1401, LogLevel.Information, "Proactive tick: {Users} users, {Sent} briefings sent, {Failed} failed, {Undeliverable} undeliverable, {UserErrors} users with errors, {Unknown} of unknown outcome.")]
    public static partial void DeliveryTick(ILogger logger, int users, int sent, int failed, int undeliverable, int userErrors, int unknown);

    [LoggerMessage(1402, LogLevel.Information, "Proactive briefing sent to user {UserId} in tenant {TenantId} for meeting {MeetingId}.")]
    public static partial void DeliverySent(ILogger logger, string tenantId, string userId, string meetingId);

    [LoggerMessage(1403, LogLevel.Warning, "Proactive briefing for user {UserId} in tenant {TenantId}, meeting {MeetingId} failed ({Reason}); retried with backoff until the meeting starts.")]
    public static partial void DeliveryDeliveryFailed(ILogger logger, Exception? exception, string tenantId, string userId, string meetingId, string reason);

    [LoggerMessage(1404, LogLevel.Information, "User {UserId} in tenant {TenantId} cannot be reached ({Outcome}); skipped for this tick.")]
    public static partial void DeliveryNoConversation(ILogger logger, string tenantId, string userId, DeliveryOutcome outcome);

    [LoggerMessage(1405, LogLevel.Warning, "Proactive tick failed for user {UserId} in tenant {TenantId} ({Reason}); other users continue.")]
    public static partial void DeliveryUserFailed(ILogger logger, Exception exception, string tenantId, string userId, string reason);

    [LoggerMessage(1406, LogLevel.Error, "Could not record the outcome of the delivery for user {UserId} in tenant {TenantId}, meeting {MeetingId} ({Reason}); it stays claimed until its lease expires.")]
    public static partial void DeliveryRecordFailed(ILogger logger, Exception exception, string tenantId, string userId, string meetingId, string reason);

    [LoggerMessage(1407, LogLevel.Error, "Could not claim the proactive briefing for user {UserId} in tenant {TenantId}, meeting {MeetingId}; counted as failed, a later tick tries again.")]
    public static partial void DeliveryClaimFailed(ILogger logger, Exception exception, string tenantId, string userId, string meetingId);

    [LoggerMessage(1408, LogLevel.Information, "Took over the proactive briefing for user {UserId} in tenant {TenantId}, meeting {MeetingId}: its instance's lease expired while it was {Previous}.")]
    public static partial void DeliveryTakenOver(ILogger logger, string tenantId, string userId, string meetingId, DeliveryStatus previous);

    [LoggerMessage(1409, LogLevel.Warning, "The proactive briefing for user {UserId} in tenant {TenantId}, meeting {MeetingId} may or may not have been posted; it is not posted again.")]
    public static partial void DeliveryUnknown(ILogger logger, string tenantId, string userId, string meetingId);

    [LoggerMessage(1410, LogLevel.Warning, "Lost the claim on the proactive briefing for user {UserId} in tenant {TenantId}, meeting {MeetingId} (its lease expired and another instance took it over).")]
    public static partial void DeliveryLeaseLost(ILogger logger, string tenantId, string userId, string meetingId);

    [LoggerMessage(1411, LogLevel.Information, "Shutting down: released the proactive briefing for user {UserId} in tenant {TenantId}, meeting {MeetingId} before it was posted.")]
    public static partial void DeliveryReleased(ILogger logger, string tenantId, string userId, string meetingId);

    [LoggerMessage(1412, LogLevel.Warning, "Could not record the delivery signal for user {UserId} in tenant {TenantId} ({Reason}); the briefing was sent.")]
    public static partial void DeliveryEngagementFailed(ILogger logger, string tenantId, string userId, string reason);

    [LoggerMessage(1650, LogLevel.Information, "Updated the proactive briefing card of user {UserId} in tenant {TenantId} for meeting {MeetingId} in place ({Changes} changes).")]
    public static partial void DeliveryUpdated(ILogger logger, string tenantId, string userId, string meetingId, int changes);

    [LoggerMessage(1600, LogLevel.Information, "Sent the morning digest to user {UserId} in tenant {TenantId} ({Meetings} briefed meetings).")]
    public static partial void DigestSent(ILogger logger, string tenantId, string userId, int meetings);

    [LoggerMessage(1601, LogLevel.Warning, "The morning digest for user {UserId} in tenant {TenantId} failed ({Reason}); retried while its window is open.")]
    public static partial void DigestFailed(ILogger logger, Exception? exception, string tenantId, string userId, string reason);

    [LoggerMessage(1602, LogLevel.Information, "Not sending the proactive briefing for user {UserId} in tenant {TenantId}, meeting {MeetingId}: it starts inside their quiet hours.")]
    public static partial void DeliveryQuietHours(ILogger logger, string tenantId, string userId, string meetingId);

    [LoggerMessage(1603, LogLevel.Warning, "The mailbox time zone of user {UserId} in tenant {TenantId} could not be read ({Reason}); their Teams time zone is used this time.")]
    public static partial void MailboxTimeZoneUnavailable(ILogger logger, string userId, string tenantId, string reason);

    // Meeting outcomes.
    [LoggerMessage(1750, LogLevel.Warning, "Outcome snapshot of a meeting of {TenantId}/{UserId} failed ({ErrorType}); the next run tries again.")]
    public static partial void OutcomeSnapshotFailed(ILogger logger, Exception exception, string tenantId, string userId, string errorType);

    [LoggerMessage(1751, LogLevel.Warning, "Outcome follow-up of a meeting of {TenantId}/{UserId} failed ({ErrorType}); the next run tries again.")]
    public static partial void OutcomeFollowUpFailed(ILogger logger, Exception exception, string tenantId, string userId, string errorType);
}
