using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Sources;
using Microsoft.Graph;
using Microsoft.Graph.Models;

namespace MeetingPrep.Connectors.Graph.Notifications;

/// <summary>
/// Creates and renews <c>/users/{id}/events</c> subscriptions through the SDK. Renewal happens at half-life of what
/// Graph granted (its answer, not our request, is the truth), which also answers <c>reauthorizationRequired</c>.
/// </summary>
public sealed class GraphSubscriptionManager(GraphServiceClient client, GraphCaller caller, TimeProvider time)
{
    private const string Source = "calendar";

    public async Task<ChangeSubscription> CreateAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var options = caller.Options;
        if (string.IsNullOrWhiteSpace(options.NotificationUrl) || string.IsNullOrEmpty(options.NotificationClientState))
        {
            throw new InvalidOperationException("Graph:NotificationUrl and Graph:NotificationClientState must be set to subscribe to changes.");
        }

        var now = time.GetUtcNow();
        var resource = $"/users/{userId}/events";
        var created = await caller.RunAsync(
            Source,
            "create subscription",
            mailbox: null,
            ct => client.Subscriptions.PostAsync(
                new Subscription
                {
                    ChangeType = "created,updated,deleted",
                    NotificationUrl = options.NotificationUrl,

                    // Lifecycle events can only be requested at creation; the same endpoint tells them apart.
                    LifecycleNotificationUrl = options.NotificationUrl,
                    Resource = resource,
                    ExpirationDateTime = now.AddMinutes(options.SubscriptionLifetimeMinutes),
                    ClientState = options.NotificationClientState,
                },
                cancellationToken: ct),
            cancellationToken).ConfigureAwait(false);
        if (created?.Id is null || created.ExpirationDateTime is not { } expires)
        {
            throw new SourceUnavailableException(Source, "Microsoft Graph did not confirm the change subscription.");
        }

        return new ChangeSubscription(created.Id, tenantId, userId, resource, expires, now);
    }

    /// <summary>Due once less than half of the granted lifetime is left.</summary>
    public bool IsRenewalDue(ChangeSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var granted = subscription.Expires - subscription.RenewedAt;
        return time.GetUtcNow() >= subscription.RenewedAt + (granted / 2);
    }

    /// <summary>PATCHes a new expiry (which also reauthorizes). Returns the subscription as Graph now has it.</summary>
    public async Task<ChangeSubscription> RenewAsync(ChangeSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var now = time.GetUtcNow();
        var updated = await caller.RunAsync(
            Source,
            "renew subscription",
            mailbox: null,
            ct => client.Subscriptions[subscription.Id].PatchAsync(
                new Subscription { ExpirationDateTime = now.AddMinutes(caller.Options.SubscriptionLifetimeMinutes) }, cancellationToken: ct),
            cancellationToken).ConfigureAwait(false);
        var expires = updated?.ExpirationDateTime ?? throw new SourceUnavailableException(Source, "Microsoft Graph did not confirm the renewal.");
        return subscription with { Expires = expires, RenewedAt = now };
    }

    /// <summary>Renews when due, else returns the subscription unchanged.</summary>
    public async Task<ChangeSubscription> RenewIfDueAsync(ChangeSubscription subscription, CancellationToken cancellationToken) =>
        IsRenewalDue(subscription) ? await RenewAsync(subscription, cancellationToken).ConfigureAwait(false) : subscription;

    /// <summary>Deletes a subscription in Graph; one Graph no longer knows counts as deleted.</summary>
    public async Task DeleteAsync(ChangeSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        try
        {
            await caller.RunAsync(
                Source,
                "delete subscription",
                mailbox: null,
                async ct =>
                {
                    await client.Subscriptions[subscription.Id].DeleteAsync(cancellationToken: ct).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (SourceUnavailableException ex) when (ex.InnerException is Microsoft.Graph.Models.ODataErrors.ODataError { ResponseStatusCode: 404 })
        {
            // Already gone in Graph: nothing left to delete there.
        }
    }
}
