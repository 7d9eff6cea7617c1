namespace MeetingPrep.Core.Meetings;

/// <summary>
/// A live change-notification subscription on a user's calendar, as the provider granted it (Graph's answer, not our
/// request, is the truth for <see cref="Expires"/>). Keyed by user object id, one per user and resource.
/// </summary>
public sealed record ChangeSubscription(string Id, string TenantId, string UserId, string Resource, DateTimeOffset Expires, DateTimeOffset RenewedAt);

/// <summary>Persists <see cref="ChangeSubscription"/>s so renewals and lifecycle events survive restarts.</summary>
public interface IChangeSubscriptionStore
{
    Task<ChangeSubscription?> GetAsync(string subscriptionId, CancellationToken cancellationToken);

    Task<ChangeSubscription?> GetForUserAsync(string tenantId, string userId, CancellationToken cancellationToken);

    /// <summary>Every subscription that expires before <paramref name="before"/>, for the renewal job.</summary>
    Task<IReadOnlyList<ChangeSubscription>> ListExpiringAsync(DateTimeOffset before, CancellationToken cancellationToken);

    Task SaveAsync(ChangeSubscription subscription, CancellationToken cancellationToken);

    Task DeleteAsync(string subscriptionId, CancellationToken cancellationToken);
}
