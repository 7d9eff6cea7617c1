using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Security;
using MeetingPrep.Core.Users;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingPrep.Storage;

/// <summary>
/// The delivery log on the app database. A claim is an insert under the delivery's primary key (the database decides the
/// race between instances); a retry or a takeover is a conditional update on the status and attempt count seen, and
/// every later write is conditional on the claim (owner and attempt), so of two instances only one ever holds it.
/// </summary>
internal sealed class EfDeliveryLog(MeetingPrepDbContext db) : IDeliveryLog
{
    private static readonly string Claimed = nameof(DeliveryStatus.Claimed);
    private static readonly string Sending = nameof(DeliveryStatus.Sending);
    private static readonly string[] Retryable = [nameof(DeliveryStatus.Failed), nameof(DeliveryStatus.NoConversation)];
    private static readonly string[] Held = [Claimed, Sending];

    private DbSet<BriefingDeliveryEntity> Deliveries => db.Set<BriefingDeliveryEntity>();

    public async Task<DeliveryClaim?> TryClaimAsync(DeliveryKey key, DeliveryLease lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);

        // PostgreSQL's timestamptz takes only UTC offsets; the key is an instant, so normalising loses nothing.
        key = Normalize(key);
        now = now.ToUniversalTime();
        var expires = now + lease.Duration;
        var existing = await Find(key).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            var row = new BriefingDeliveryEntity
            {
                TenantId = key.TenantId,
                UserId = key.UserId,
                MeetingId = key.MeetingId,
                MeetingStart = key.MeetingStart,
                Status = Claimed,
                Attempts = 1,
                LeaseOwner = lease.Owner,
                LeaseExpiresAt = expires,
                ClaimedAt = now,
                UpdatedAt = now,
            };
            Deliveries.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new DeliveryClaim(key, lease.Owner, 1);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // Another instance inserted it first: theirs. Any other write error is a failure the caller sees.
                return null;
            }
            finally
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }

        // A claim made before leases existed has none: it expires one lease after it was last written, like any other.
        var takeover = Held.Contains(existing.Status) && (existing.LeaseExpiresAt ?? existing.UpdatedAt + lease.Duration) <= now;
        var retry = Retryable.Contains(existing.Status) && (existing.RetryAt ?? now) <= now;
        if (!takeover && !retry)
        {
            return null;
        }

        var attempt = existing.Attempts + 1;
        var updated = await Find(key)
            .Where(d => d.Status == existing.Status && d.Attempts == existing.Attempts)
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, Claimed)
                    .SetProperty(d => d.Attempts, attempt)
                    .SetProperty(d => d.LeaseOwner, lease.Owner)
                    .SetProperty(d => d.LeaseExpiresAt, expires)
                    .SetProperty(d => d.RetryAt, (DateTimeOffset?)null)
                    .SetProperty(d => d.ClaimedAt, now)
                    .SetProperty(d => d.UpdatedAt, now),
                cancellationToken);
        if (updated != 1)
        {
            return null;
        }

        var previous = takeover ? Enum.Parse<DeliveryStatus>(existing.Status) : (DeliveryStatus?)null;
        return new DeliveryClaim(key, lease.Owner, attempt, previous, existing.ActivityId);
    }

    public async Task<bool> BeginSendAsync(DeliveryClaim claim, DeliveryLease lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(lease);
        now = now.ToUniversalTime();
        var expires = now + lease.Duration;
        var updated = await Holding(claim)
            .Where(d => d.Status == Claimed && d.LeaseExpiresAt > now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, Sending)
                    .SetProperty(d => d.LeaseExpiresAt, expires)
                    .SetProperty(d => d.UpdatedAt, now),
                cancellationToken);
        return updated == 1;
    }

    public async Task<bool> RecordAsync(DeliveryClaim claim, DeliveryRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(record);
        var at = record.At.ToUniversalTime();
        var retryAt = record.RetryAt?.ToUniversalTime();
        var name = record.Status.ToString();
        var activityId = record.ActivityId;
        var dueAt = record.DueAt?.ToUniversalTime();
        var updated = await Holding(claim)
            .Where(d => Held.Contains(d.Status))
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, name)
                    .SetProperty(d => d.UpdatedAt, at)
                    .SetProperty(d => d.RetryAt, retryAt)
                    .SetProperty(d => d.LeaseOwner, (string?)null)
                    .SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null)
                    .SetProperty(d => d.ActivityId, d => activityId ?? d.ActivityId)
                    .SetProperty(d => d.DueAt, d => dueAt ?? d.DueAt),
                cancellationToken);
        return updated == 1;
    }

    private static DeliveryKey Normalize(DeliveryKey key) => key with { MeetingStart = key.MeetingStart.ToUniversalTime() };

    private IQueryable<BriefingDeliveryEntity> Find(DeliveryKey key) =>
        Deliveries.Where(d => d.TenantId == key.TenantId && d.UserId == key.UserId && d.MeetingId == key.MeetingId && d.MeetingStart == key.MeetingStart);

    /// <summary>The row while this claim still holds it: same owner, same attempt (a takeover changes both).</summary>
    private IQueryable<BriefingDeliveryEntity> Holding(DeliveryClaim claim) =>
        Find(Normalize(claim.Key)).Where(d => d.LeaseOwner == claim.Owner && d.Attempts == claim.Attempt);
}

/// <summary>The delivery log's figures for <c>/health</c> and its pruning, straight from the table every instance shares.</summary>
internal sealed class EfDeliveryMonitor(MeetingPrepDbContext db) : IDeliveryMonitor
{
    private static readonly string Sent = nameof(DeliveryStatus.Sent);
    private static readonly string Unknown = nameof(DeliveryStatus.Unknown);
    private static readonly string[] Pending =
        [nameof(DeliveryStatus.Claimed), nameof(DeliveryStatus.Sending), nameof(DeliveryStatus.Failed), nameof(DeliveryStatus.NoConversation)];

    private static readonly string[] Held = [nameof(DeliveryStatus.Claimed), nameof(DeliveryStatus.Sending)];

    private IQueryable<BriefingDeliveryEntity> Deliveries => db.Set<BriefingDeliveryEntity>().AsNoTracking();

    public async Task<DeliveryHealth> GetHealthAsync(DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken)
    {
        now = now.ToUniversalTime();
        var since = now - window;
        var sent = await Deliveries
            .Where(d => d.Status == Sent && d.UpdatedAt >= since && d.DueAt != null)
            .Select(d => new { d.UpdatedAt, d.DueAt })
            .ToListAsync(cancellationToken);
        var lags = sent.Select(d => d.UpdatedAt - d.DueAt!.Value).Select(l => l < TimeSpan.Zero ? TimeSpan.Zero : l).Order().ToList();
        var backlog = await Deliveries.CountAsync(d => Pending.Contains(d.Status) && d.MeetingStart >= now, cancellationToken);
        var stuck = await Deliveries.CountAsync(d => Held.Contains(d.Status) && d.LeaseExpiresAt < now, cancellationToken);
        var unknown = await Deliveries.CountAsync(d => d.Status == Unknown && d.UpdatedAt >= since, cancellationToken);
        return new DeliveryHealth(
            lags.Count,
            lags.Count == 0 ? null : lags[lags.Count / 2],
            lags.Count == 0 ? null : lags[^1],
            backlog,
            stuck,
            unknown);
    }

}

/// <summary>
/// Users with a usable personal conversation whose UPN we know (the calendar is read by UPN and object id), in tenants on
/// the allow-list: a tenant taken off it gets no more briefings even though its rows remain until retention purges them.
/// </summary>
internal sealed class EfProactiveRecipients(MeetingPrepDbContext db, TenantAllowList tenants) : IProactiveRecipients
{
    public async Task<IReadOnlyList<UserRef>> ListAsync(CancellationToken cancellationToken) =>
        ToUsers(await Usable().ToListAsync(cancellationToken));

    public async Task<UserRef?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        ToUsers(await Usable().Where(r => r.TenantId == tenantId && r.UserObjectId == userId).ToListAsync(cancellationToken)).FirstOrDefault();

    private IQueryable<ConversationReferenceEntity> Usable() => db.Set<ConversationReferenceEntity>().AsNoTracking()
        .Where(r => r.IsUsable && r.ConversationType == "personal" && r.UserObjectId != null && r.UserPrincipalName != null);

    private List<UserRef> ToUsers(List<ConversationReferenceEntity> rows) =>
        rows
            .OrderByDescending(r => r.UpdatedAt)
            .Where(r => tenants.IsAllowed(r.TenantId))
            .DistinctBy(r => (r.TenantId, r.UserObjectId))
            .Select(r => new UserRef(
                r.TenantId,
                r.UserObjectId!,
                r.UserPrincipalName!,
                r.UserName ?? r.UserPrincipalName!,
                string.IsNullOrWhiteSpace(r.TimeZone) ? "UTC" : r.TimeZone,
                string.IsNullOrWhiteSpace(r.Locale) ? "en-US" : r.Locale))
            .ToList();
}

public static class DeliveryLogStorageExtensions
{
    /// <summary>The EF delivery log, its monitor and the proactive recipients (users with a usable personal conversation); call after <c>AddStorage</c>.</summary>
    public static IServiceCollection AddDeliveryLog(this IServiceCollection services) =>
        services.AddScoped<IDeliveryLog, EfDeliveryLog>().AddScoped<IDeliveryMonitor, EfDeliveryMonitor>().AddScoped<IProactiveRecipients, EfProactiveRecipients>();
}
