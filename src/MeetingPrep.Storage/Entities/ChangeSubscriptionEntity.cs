namespace MeetingPrep.Storage.Entities;

/// <summary>A Graph change-notification subscription on one user's events.</summary>
public sealed class ChangeSubscriptionEntity : ITenantOwned
{
    public required string Id { get; set; }

    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string Resource { get; set; }

    public DateTimeOffset Expires { get; set; }

    public DateTimeOffset RenewedAt { get; set; }
}
