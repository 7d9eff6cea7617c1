namespace MeetingPrep.Connectors.Graph.Notifications;

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
