namespace MeetingPrep.Core.Meetings;

/// <summary>
/// A live change-notification subscription on a user's calendar, as the provider granted it (Graph's answer, not our
/// request, is the truth for <see cref="Expires"/>). Keyed by user object id, one per user and resource.
/// </summary>
public sealed record ChangeSubscription(string Id, string TenantId, string UserId, string Resource, DateTimeOffset Expires, DateTimeOffset RenewedAt);
