using Hangfire;
using MeetingPrep.Connectors.Graph.Notifications;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Web.Hosting;
using MeetingPrep.Web.Scheduling;
using MeetingPrep.Web.Security;

namespace MeetingPrep.Web.Graph;

/// <summary>
/// One accepted Graph notification, as a job in the job engine (so it survives a restart and any instance may run it):
/// lifecycle events go to the maintainer (renew, recreate), and a change (or a missed/removed signal, with the delta
/// link forgotten first) runs that user's calendar delta sync. When a changed meeting's briefing is due before the next
/// regular tick, that user's tick is enqueued at once. Two syncs of one user must not race on the delta link: a job
/// that finds that user's sync running (on any instance) is scheduled again a moment later.
/// </summary>
public sealed class GraphNotificationJob(
    IServiceScopeFactory scopes,
    IBackgroundJobClient jobs,
    IJobLock locks,
    ILogger<GraphNotificationJob> logger)
{
    /// <summary>A delta round is a few pages; anything longer is a hung call, and the item fails (and is retried).</summary>
    internal static readonly TimeSpan ItemTimeout = TimeSpan.FromMinutes(2);

    /// <summary>How long a notification waits when its user's sync is running.</summary>
    internal static readonly TimeSpan BusyDelay = TimeSpan.FromSeconds(2);

    [AutomaticRetry(Attempts = 2, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(GraphNotificationWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var held = await locks.TryAcquireAsync(CalendarMirrorRefresh.LockName(work.TenantId ?? string.Empty, work.UserId ?? work.SubscriptionId), cancellationToken);
        if (held is null)
        {
            jobs.Schedule<GraphNotificationJob>(job => job.RunAsync(work, CancellationToken.None), BusyDelay);
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ItemTimeout);
        try
        {
            await ProcessAsync(work, timeout.Token);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.NotificationFailed(logger, ex, work.Kind, work.SubscriptionId, ex.GetType().Name);
            throw;
        }
    }

    /// <summary>Handles one item in its own scope (the job adds the timeout).</summary>
    internal async Task ProcessAsync(GraphNotificationWork work, CancellationToken cancellationToken)
    {
        // The subscription names its user only once read, so the lookup spans tenants; recipients are allow-listed.
        await using var scope = scopes.CreateAllTenantsScope();
        var services = scope.ServiceProvider;

        // Look the subscription up first: answering subscriptionRemoved replaces it under a new id.
        var known = await services.GetRequiredService<IChangeSubscriptionStore>().GetAsync(work.SubscriptionId, cancellationToken);
        if (known is null || (work.TenantId is { Length: > 0 } tenant && !string.Equals(tenant, known.TenantId, StringComparison.OrdinalIgnoreCase)))
        {
            // Not ours (an old subscription Graph still reports, or another tenant's): nothing to do.
            Log.NotificationUnknownSubscription(logger, work.SubscriptionId, work.Kind);
            return;
        }

        var fullResync = false;
        if (work.Kind != GraphNotificationKind.Changed)
        {
            if (!await services.GetRequiredService<GraphSubscriptionMaintainer>().HandleLifecycleAsync(work, cancellationToken))
            {
                Log.NotificationLifecycleHandled(logger, work.Kind, known.TenantId, known.UserId);
                return;
            }

            fullResync = true;
        }

        var user = await services.GetRequiredService<IProactiveRecipients>().FindAsync(known.TenantId, known.UserId, cancellationToken);
        if (user is null)
        {
            // Uninstalled since: no briefings to keep current.
            Log.NotificationNotRecipient(logger, known.TenantId, known.UserId);
            return;
        }

        if (fullResync)
        {
            // Notifications were lost: the delta link no longer tells the whole story.
            await services.GetRequiredService<ICalendarSyncStateStore>().DeleteAsync(user.TenantId, user.UserId, cancellationToken);
        }

        // The mirror's window (CalendarMirrorWindow): the sync keeps the local calendar briefings read.
        var changes = await services.GetRequiredService<CalendarMirrorRefresh>().SyncAsync(services.GetRequiredService<ICalendarChangeSource>(), user, cancellationToken);
        Log.NotificationCalendarSynced(logger, user.TenantId, user.UserId, changes.Upserted.Count, changes.RemovedIds.Count, changes.IsFullSync);

        var planner = services.GetRequiredService<ProactiveBriefingPlanner>();
        if (await planner.IsAnySendDueBeforeNextTickAsync(user, changes.Upserted, cancellationToken))
        {
            var tenantId = user.TenantId;
            var userId = user.UserId;
            jobs.Enqueue<ProactiveDeliveryJob>(job => job.RunForUserAsync(tenantId, userId, CancellationToken.None));
            Log.NotificationTickEnqueued(logger, tenantId, userId);
        }
    }
}

/// <summary>The webhook's queue in the job engine: each accepted notification is a <see cref="GraphNotificationJob"/>.</summary>
internal sealed class HangfireGraphNotificationInbox(IBackgroundJobClient jobs, ILogger<HangfireGraphNotificationInbox> logger) : IGraphNotificationInbox
{
    public bool TryEnqueue(GraphNotificationWork work)
    {
        try
        {
            jobs.Enqueue<GraphNotificationJob>(job => job.RunAsync(work, CancellationToken.None));
            return true;
        }
        catch (BackgroundJobClientException ex)
        {
            // The job storage is unreachable: Graph retries on our 503.
            Log.NotificationEnqueueFailed(logger, ex.InnerException?.GetType().Name ?? ex.GetType().Name);
            return false;
        }
    }
}
