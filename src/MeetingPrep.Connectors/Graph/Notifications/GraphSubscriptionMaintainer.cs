using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Sources;
using Microsoft.Graph.Models.ODataErrors;

namespace MeetingPrep.Connectors.Graph.Notifications;

/// <summary>
/// Keeps one subscription per user alive with the store behind it: create when missing or expired, renew at half-life,
/// recreate when Graph no longer knows it, and answer lifecycle notifications. A background job calls
/// <see cref="EnsureAsync"/> per active user and <see cref="RenewExpiringAsync"/> and <see cref="HandleLifecycleAsync"/> for
/// lifecycle work from <see cref="IGraphNotificationInbox"/>.
/// </summary>

public sealed class GraphSubscriptionMaintainer(
    GraphSubscriptionManager manager, IChangeSubscriptionStore store, GraphOptions options, TimeProvider time)
{
    public async Task<ChangeSubscription> EnsureAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var existing = await store.GetForUserAsync(tenantId, userId, cancellationToken).ConfigureAwait(false);
        ChangeSubscription current;
        if (existing is null || existing.Expires <= time.GetUtcNow())
        {
            current = await manager.CreateAsync(tenantId, userId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            current = await RenewOrRecreateAsync(existing, onlyIfDue: true, cancellationToken).ConfigureAwait(false);
        }

        if (current != existing)
        {
            await store.SaveAsync(current, cancellationToken).ConfigureAwait(false);
        }

        return current;
    }

    /// <summary>
    /// Renews every stored subscription past half-life whose user is still wanted (<paramref name="isWanted"/>: they still
    /// have the bot), and deletes, in Graph and here, those whose user is not: we stop watching a mailbox nobody uses us for.
    /// One failure does not stop the others; it is counted and retried on the next run.
    /// </summary>
    public async Task<RenewalSummary> RenewExpiringAsync(Func<ChangeSubscription, bool> isWanted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isWanted);

        // A subscription past half-life expires within half the lifetime we ask for; IsRenewalDue decides per subscription.
        var horizon = time.GetUtcNow().AddMinutes(options.SubscriptionLifetimeMinutes);
        int renewed = 0, retired = 0, failed = 0;
        foreach (var subscription in await store.ListExpiringAsync(horizon, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                if (!isWanted(subscription))
                {
                    await manager.DeleteAsync(subscription, cancellationToken).ConfigureAwait(false);
                    await store.DeleteAsync(subscription.Id, cancellationToken).ConfigureAwait(false);
                    retired++;
                    continue;
                }

                var next = await RenewOrRecreateAsync(subscription, onlyIfDue: true, cancellationToken).ConfigureAwait(false);
                if (next != subscription)
                {
                    await store.SaveAsync(next, cancellationToken).ConfigureAwait(false);
                    renewed++;
                }
            }
            catch (SourceUnavailableException)
            {
                failed++;
            }
        }

        return new RenewalSummary(renewed, retired, failed);
    }

    /// <summary>Answers a lifecycle notification. Returns true when the user's calendar should be resynced.</summary>
    public async Task<bool> HandleLifecycleAsync(GraphNotificationWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var known = await store.GetAsync(work.SubscriptionId, cancellationToken).ConfigureAwait(false);
        switch (work.Kind)
        {
            case GraphNotificationKind.ReauthorizationRequired when known is not null:
                await store.SaveAsync(await RenewOrRecreateAsync(known, onlyIfDue: false, cancellationToken).ConfigureAwait(false), cancellationToken)
                    .ConfigureAwait(false);
                return false;
            case GraphNotificationKind.SubscriptionRemoved when known is not null:
                await store.DeleteAsync(known.Id, cancellationToken).ConfigureAwait(false);
                await store.SaveAsync(await manager.CreateAsync(known.TenantId, known.UserId, cancellationToken).ConfigureAwait(false), cancellationToken)
                    .ConfigureAwait(false);
                return true;
            case GraphNotificationKind.Missed:
                return true;
            default:
                // Not ours (or already replaced): nothing to renew.
                return false;
        }
    }

    private async Task<ChangeSubscription> RenewOrRecreateAsync(ChangeSubscription subscription, bool onlyIfDue, CancellationToken cancellationToken)
    {
        if (onlyIfDue && !manager.IsRenewalDue(subscription))
        {
            return subscription;
        }

        try
        {
            return await manager.RenewAsync(subscription, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceUnavailableException ex) when (ex.InnerException is ODataError { ResponseStatusCode: 404 })
        {
            // Graph dropped it (expired or removed while we were away): start over.
            await store.DeleteAsync(subscription.Id, cancellationToken).ConfigureAwait(false);
            return await manager.CreateAsync(subscription.TenantId, subscription.UserId, cancellationToken).ConfigureAwait(false);
        }
    }
}
