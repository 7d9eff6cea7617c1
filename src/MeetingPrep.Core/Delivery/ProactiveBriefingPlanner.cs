using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Core.Delivery;

/// <summary>How the proactive tick behaves.</summary>
public sealed record ProactiveDeliveryOptions
{
    /// <summary>How often the tick runs; the look-ahead window is widened by it so no meeting falls between ticks.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A meeting that started at most this long ago is still briefed (a tick that ran a little late); older, never.</summary>
    public TimeSpan LateGrace { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts per delivery (first try included) before a failing one is given up.</summary>
    public int MaxAttempts { get; init; } = 3;
}

/// <summary>The counts of one tick, for logs and tests.</summary>
public sealed record TickSummary(int Users, int Sent, int Failed, int Undeliverable, int UserErrors);

/// <summary>
/// One scheduler tick: for every user with a usable conversation, the briefed meetings whose send time (start minus the
/// user's lead time) has come are written and delivered once. Which meetings are briefed is the engine's decision
/// (<see cref="BriefingService.GetMeetingsAsync"/> applies <see cref="BriefingPolicy"/>); this only decides when.
/// Errors are contained per user and per meeting so one bad calendar or meeting never stops the rest.
/// </summary>
public sealed partial class ProactiveBriefingPlanner(
    IProactiveRecipients recipients,
    BriefingService briefings,
    IBriefingNotifier notifier,
    IDeliveryLog log,
    TimeProvider time,
    ProactiveDeliveryOptions options,
    ILogger<ProactiveBriefingPlanner> logger)
{
    public async Task<TickSummary> RunTickAsync(CancellationToken cancellationToken)
    {
        var users = await recipients.ListAsync(cancellationToken);
        int sent = 0, failed = 0, undeliverable = 0, userErrors = 0;
        foreach (var user in users.DistinctBy(u => (u.TenantId, u.UserId)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var result = await DeliverDueAsync(user, cancellationToken);
                sent += result.Sent;
                failed += result.Failed;
                undeliverable += result.Undeliverable;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                userErrors++;
                LogUserFailed(logger, ex, user.TenantId, user.UserId, ex.GetType().Name);
            }
        }

        var summary = new TickSummary(users.Count, sent, failed, undeliverable, userErrors);
        LogTick(logger, summary.Users, summary.Sent, summary.Failed, summary.Undeliverable, summary.UserErrors);
        return summary;
    }

    /// <summary>
    /// The tick for one user, out of schedule (a calendar change brought a send time into the next interval). Same rules
    /// and the same delivery log as <see cref="RunTickAsync"/>, so a briefing the regular tick also finds is sent once.
    /// A user who is no longer a recipient (uninstalled) gets nothing.
    /// </summary>
    public async Task<TickSummary> RunForUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var users = await recipients.ListAsync(cancellationToken);
        var user = users.FirstOrDefault(u => u.TenantId == tenantId && u.UserId == userId);
        if (user is null)
        {
            return new TickSummary(0, 0, 0, 0, 0);
        }

        try
        {
            var result = await DeliverDueAsync(user, cancellationToken);
            return new TickSummary(1, result.Sent, result.Failed, result.Undeliverable, 0);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUserFailed(logger, ex, user.TenantId, user.UserId, ex.GetType().Name);
            return new TickSummary(1, 0, 0, 0, 1);
        }
    }

    /// <summary>
    /// Whether any of <paramref name="meetings"/> has its send time (start minus the user's lead time) before the next
    /// regular tick, so waiting for that tick would be late. The meetings' eligibility is left to the tick itself.
    /// </summary>
    public async Task<bool> IsAnySendDueBeforeNextTickAsync(UserRef user, IEnumerable<Meeting> meetings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var candidates = meetings.ToList();
        if (candidates.Count == 0)
        {
            return false;
        }

        var lead = await LeadTimeAsync(user, cancellationToken);
        var now = time.GetUtcNow();
        return candidates.Any(m => m.Start - lead <= now + options.TickInterval && m.Start >= now - options.LateGrace);
    }

    private async Task<TimeSpan> LeadTimeAsync(UserRef user, CancellationToken cancellationToken) =>
        LeadTime(await briefings.GetRecipeAsync(user, cancellationToken));

    /// <summary>The recipe owns the lead time (team default under the user's own; clamped to 5–1440 minutes there).</summary>
    private static TimeSpan LeadTime(BriefingRecipe recipe) => TimeSpan.FromMinutes(recipe.LeadTimeMinutes);

    private async Task<(int Sent, int Failed, int Undeliverable)> DeliverDueAsync(UserRef user, CancellationToken cancellationToken)
    {
        var recipe = await briefings.GetRecipeAsync(user, cancellationToken);
        var lead = LeadTime(recipe);
        var now = time.GetUtcNow();

        // Meetings still running are listed too (the engine lists by overlap); the grace check below drops late ones.
        var meetings = await briefings.GetMeetingsAsync(user, now, now + lead + options.TickInterval, cancellationToken);
        var due = meetings
            .Where(m => m.Eligibility.IsBriefed && m.Meeting.Start - lead <= now && m.Meeting.Start >= now - options.LateGrace)
            .OrderBy(m => m.Meeting.Start)
            .ToList();

        int sent = 0, failed = 0;
        foreach (var (meeting, _, clientMeeting) in due)
        {
            var key = DeliveryKey.For(user, meeting.Id, meeting.Start);
            var claimed = false;
            try
            {
                if (!await log.TryClaimAsync(key, options.MaxAttempts, now, cancellationToken))
                {
                    continue;
                }

                claimed = true;
                var briefing = await briefings.WriteAsync(user, meeting, recipe, cancellationToken, clientMeeting);
                var outcome = await notifier.DeliverAsync(user, briefing, key.IdempotencyKey, cancellationToken);
                switch (outcome)
                {
                    case DeliveryOutcome.Sent:
                        await log.RecordAsync(key, DeliveryStatus.Sent, time.GetUtcNow(), cancellationToken);
                        sent++;
                        LogSent(logger, user.TenantId, user.UserId, meeting.Id);
                        break;
                    case DeliveryOutcome.NoConversation or DeliveryOutcome.ConversationGone:
                        // Nobody to send to: stop for this user now; a reinstall makes the next tick try again.
                        await log.RecordAsync(key, DeliveryStatus.NoConversation, time.GetUtcNow(), cancellationToken);
                        LogNoConversation(logger, user.TenantId, user.UserId, outcome);
                        return (sent, failed, 1);
                    default:
                        await log.RecordAsync(key, DeliveryStatus.Failed, time.GetUtcNow(), cancellationToken);
                        failed++;
                        LogDeliveryFailed(logger, null, user.TenantId, user.UserId, meeting.Id, outcome.ToString());
                        break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed++;
                if (!claimed)
                {
                    // The delivery log itself failed (a locked or unreachable database): a failure to see, not a race lost.
                    LogClaimFailed(logger, ex, user.TenantId, user.UserId, meeting.Id);
                    continue;
                }

                LogDeliveryFailed(logger, ex, user.TenantId, user.UserId, meeting.Id, ex.GetType().Name);
                await TryRecordFailureAsync(key, cancellationToken);
            }
        }

        return (sent, failed, 0);
    }

    private async Task TryRecordFailureAsync(DeliveryKey key, CancellationToken cancellationToken)
    {
        try
        {
            await log.RecordAsync(key, DeliveryStatus.Failed, time.GetUtcNow(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The claim stays: this delivery is not retried, which is better than sending it twice.
            LogRecordFailed(logger, ex, key.TenantId, key.UserId, key.MeetingId, ex.GetType().Name);
        }
    }

    [LoggerMessage(1401, LogLevel.Information, "Proactive tick: {Users} users, {Sent} briefings sent, {Failed} failed, {Undeliverable} undeliverable, {UserErrors} users with errors.")]
    private static partial void LogTick(ILogger logger, int users, int sent, int failed, int undeliverable, int userErrors);

    [LoggerMessage(1402, LogLevel.Information, "Proactive briefing sent to user {UserId} in tenant {TenantId} for meeting {MeetingId}.")]
    private static partial void LogSent(ILogger logger, string tenantId, string userId, string meetingId);

    [LoggerMessage(1403, LogLevel.Warning, "Proactive briefing for user {UserId} in tenant {TenantId}, meeting {MeetingId} failed ({Reason}); a later tick retries while attempts remain.")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception? exception, string tenantId, string userId, string meetingId, string reason);

    [LoggerMessage(1404, LogLevel.Information, "User {UserId} in tenant {TenantId} cannot be reached ({Outcome}); skipped for this tick.")]
    private static partial void LogNoConversation(ILogger logger, string tenantId, string userId, DeliveryOutcome outcome);

    [LoggerMessage(1405, LogLevel.Warning, "Proactive tick failed for user {UserId} in tenant {TenantId} ({Reason}); other users continue.")]
    private static partial void LogUserFailed(ILogger logger, Exception exception, string tenantId, string userId, string reason);

    [LoggerMessage(1407, LogLevel.Error, "Could not claim the proactive briefing for user {UserId} in tenant {TenantId}, meeting {MeetingId}; counted as failed, a later tick tries again.")]
    private static partial void LogClaimFailed(ILogger logger, Exception exception, string tenantId, string userId, string meetingId);

    [LoggerMessage(1406, LogLevel.Error, "Could not record the failed delivery for user {UserId} in tenant {TenantId}, meeting {MeetingId} ({Reason}); it stays claimed and is not retried.")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string tenantId, string userId, string meetingId, string reason);
}
