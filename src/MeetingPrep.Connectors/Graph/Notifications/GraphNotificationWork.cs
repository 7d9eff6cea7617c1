namespace MeetingPrep.Connectors.Graph.Notifications;

public enum GraphNotificationKind
{
    /// <summary>An event was created, updated or deleted: re-read the user's calendar (delta or calendarView).</summary>
    Changed,

    /// <summary>The subscription's access must be renewed (PATCH with a new expiry), or it stops.</summary>
    ReauthorizationRequired,

    /// <summary>Graph removed the subscription: create a new one, then resync.</summary>
    SubscriptionRemoved,

    /// <summary>Graph dropped notifications: resync.</summary>
    Missed,
}

/// <summary>What the webhook accepted, queued for a background worker (the endpoint must answer within 3 s).</summary>
public sealed record GraphNotificationWork(
    GraphNotificationKind Kind,
    string SubscriptionId,
    string? TenantId,
    string? UserId,
    string? EventId,
    string? ChangeType,
    DateTimeOffset? SubscriptionExpires,
    DateTimeOffset ReceivedAt);

/// <summary>How one POST was handled; the endpoint maps it to a status code.</summary>
public sealed record GraphNotificationResult(int Accepted, int Duplicates, int Rejected, bool QueueFull);
