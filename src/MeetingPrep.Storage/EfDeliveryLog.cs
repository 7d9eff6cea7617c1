using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Security;
using MeetingPrep.Core.Users;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingPrep.Storage;

/// <summary>
/// The delivery log on the app database. A claim is an insert under the delivery's primary key (the database decides the
/// race between instances); a retry of a failed delivery is a conditional update on the status and attempt count seen,
/// so of two instances retrying at once only one wins.
/// </summary>
internal sealed class EfDeliveryLog(MeetingPrepDbContext db) : IDeliveryLog
{
    private static readonly string Claimed = nameof(DeliveryStatus.Claimed);
    private static readonly string[] Retryable = [nameof(DeliveryStatus.Failed), nameof(DeliveryStatus.NoConversation)];

    private DbSet<BriefingDeliveryEntity> Deliveries => db.Set<BriefingDeliveryEntity>();

    public async Task<bool> TryClaimAsync(DeliveryKey key, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);

        // PostgreSQL's timestamptz takes only UTC offsets; the key is an instant, so normalising loses nothing.
        key = Normalize(key);
        now = now.ToUniversalTime();
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
                ClaimedAt = now,
                UpdatedAt = now,
            };
            Deliveries.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
            {
                // Another instance inserted it first: theirs. Any other write error is a failure the caller sees.
                return false;
            }
            finally
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }

        if (!Retryable.Contains(existing.Status) || existing.Attempts >= maxAttempts)
        {
            return false;
        }

        var updated = await Find(key)
            .Where(d => d.Status == existing.Status && d.Attempts == existing.Attempts)
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, Claimed)
                    .SetProperty(d => d.Attempts, existing.Attempts + 1)
                    .SetProperty(d => d.ClaimedAt, now)
                    .SetProperty(d => d.UpdatedAt, now),
                cancellationToken);
        return updated == 1;
    }

    public async Task RecordAsync(DeliveryKey key, DeliveryStatus status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        key = Normalize(key);
        now = now.ToUniversalTime();
        var name = status.ToString();
        var updated = await Find(key).ExecuteUpdateAsync(
            s => s.SetProperty(d => d.Status, name).SetProperty(d => d.UpdatedAt, now),
            cancellationToken);
        if (updated != 1)
        {
            throw new InvalidOperationException("The delivery was not claimed before its outcome was recorded.");
        }
    }

    private static DeliveryKey Normalize(DeliveryKey key) => key with { MeetingStart = key.MeetingStart.ToUniversalTime() };

    private IQueryable<BriefingDeliveryEntity> Find(DeliveryKey key) =>
        Deliveries.Where(d => d.TenantId == key.TenantId && d.UserId == key.UserId && d.MeetingId == key.MeetingId && d.MeetingStart == key.MeetingStart);
}

/// <summary>
/// Users with a usable personal conversation whose UPN we know (the calendar is read by UPN and object id), in tenants on
/// the allow-list: a tenant taken off it gets no more briefings even though its rows remain until retention purges them.
/// </summary>
internal sealed class EfProactiveRecipients(MeetingPrepDbContext db, TenantAllowList tenants) : IProactiveRecipients
{
    public async Task<IReadOnlyList<UserRef>> ListAsync(CancellationToken cancellationToken)
    {
        var rows = await db.Set<ConversationReferenceEntity>().AsNoTracking()
            .Where(r => r.IsUsable && r.ConversationType == "personal" && r.UserObjectId != null && r.UserPrincipalName != null)
            .ToListAsync(cancellationToken);
        return rows
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
}

public static class DeliveryLogStorageExtensions
{
    /// <summary>The EF delivery log and the proactive recipients (users with a usable personal conversation); call after <c>AddStorage</c>.</summary>
    public static IServiceCollection AddDeliveryLog(this IServiceCollection services) =>
        services.AddScoped<IDeliveryLog, EfDeliveryLog>().AddScoped<IProactiveRecipients, EfProactiveRecipients>();
}
