using MeetingPrep.Connectors.Caching;
using MeetingPrep.Core.Sources;
using MeetingPrep.Core.Users;
using Microsoft.Graph;

namespace MeetingPrep.Connectors.Graph;

/// <summary>
/// The user's time zone from their mailbox settings (<c>GET /users/{id}/mailboxSettings?$select=timeZone</c>, Windows or
/// IANA id, needs <c>MailboxSettings.Read</c>), cached per user for <see cref="Lifetime"/>. A refusal (no permission, no
/// mailbox) is cached as "none" so the user's Teams zone is used without asking again each tick; a transient failure is
/// not cached.
/// </summary>
public sealed class GraphMailboxTimeZone(GraphServiceClient client, GraphCaller caller, TimeProvider time) : IUserTimeZoneSource
{
    /// <summary>How long a user's mailbox zone is reused; a change in Outlook reaches their delivery hours within it.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(6);

    private readonly ExpiringCache<string?> _zones = new(Lifetime, time);

    public Task<string?> GetTimeZoneAsync(UserRef user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _zones.GetAsync($"{user.TenantId}/{user.UserId}", ReadAsync, cancellationToken);

        async Task<string?> ReadAsync(CancellationToken ct)
        {
            try
            {
                var settings = await caller.RunAsync(
                    "mailbox settings",
                    "mailbox time zone",
                    user.UserId,
                    c => client.Users[user.UserId].MailboxSettings.GetAsync(rc => rc.QueryParameters.Select = ["timeZone"], c),
                    ct).ConfigureAwait(false);

                // Outlook may hold a zone of its own ("Customized Time Zone"): not one this machine knows, so none.
                return settings?.TimeZone is { Length: > 0 } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) ? id : null;
            }
            catch (SourceUnavailableException ex) when (!ex.IsTransient)
            {
                return null;
            }
        }
    }
}
