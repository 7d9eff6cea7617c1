namespace MeetingPrep.Core.Meetings;

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
