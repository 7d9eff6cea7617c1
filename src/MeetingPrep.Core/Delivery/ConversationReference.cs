namespace MeetingPrep.Core.Delivery;

/// <summary>
/// Where and how to reach a user or chat in Teams later, without them writing first: stored when the app is installed
/// (or on any message), removed when it is uninstalled, and marked unusable when Teams refuses a send (403/404) so we stop
/// trying. <see cref="ServiceUrl"/> is always the latest the channel sent.
/// </summary>
public sealed record ConversationReference(
    string TenantId,
    string ConversationId,
    string ServiceUrl,
    string ChannelId,
    string ConversationType,
    string BotId,
    string? TeamsUserId,
    string? UserObjectId,
    string? UserPrincipalName,
    string? UserName,
    string? Locale,
    string? TimeZone,
    bool IsUsable,
    DateTimeOffset UpdatedAt);

public interface IConversationReferenceStore
{
    /// <summary>Inserts or replaces the reference for (tenant, conversation); saving makes it usable again.</summary>
    Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken);

    Task<ConversationReference?> GetAsync(string tenantId, string conversationId, CancellationToken cancellationToken);

    /// <summary>The usable 1:1 (personal) conversation with a user, by Entra object id, for proactive messages.</summary>
    Task<ConversationReference?> FindPersonalAsync(string tenantId, string userObjectId, CancellationToken cancellationToken);

    Task RemoveAsync(string tenantId, string conversationId, CancellationToken cancellationToken);

    Task MarkUnusableAsync(string tenantId, string conversationId, CancellationToken cancellationToken);
}
