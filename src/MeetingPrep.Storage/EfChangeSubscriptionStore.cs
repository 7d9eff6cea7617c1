using MeetingPrep.Core.Meetings;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage;

internal sealed class EfChangeSubscriptionStore(MeetingPrepDbContext db) : IChangeSubscriptionStore
{
    public async Task<ChangeSubscription?> GetAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var row = await db.Set<ChangeSubscriptionEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == subscriptionId, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    public async Task<ChangeSubscription?> GetForUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var row = await db.Set<ChangeSubscriptionEntity>().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.UserId == userId)
            .OrderByDescending(e => e.Expires)
            .FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    public async Task<IReadOnlyList<ChangeSubscription>> ListExpiringAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var rows = await db.Set<ChangeSubscriptionEntity>().AsNoTracking()
            .Where(e => e.Expires < before)
            .OrderBy(e => e.Expires)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToRecord)];
    }

    public async Task SaveAsync(ChangeSubscription subscription, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        var set = db.Set<ChangeSubscriptionEntity>();

        // A user's previous subscription (another id, same resource) is replaced, keeping one per user and resource.
        var stale = await set.Where(e => e.TenantId == subscription.TenantId && e.UserId == subscription.UserId
            && e.Resource == subscription.Resource && e.Id != subscription.Id).ToListAsync(cancellationToken);
        set.RemoveRange(stale);
        var row = await set.FirstOrDefaultAsync(e => e.Id == subscription.Id, cancellationToken);
        if (row is null)
        {
            row = new ChangeSubscriptionEntity
            {
                Id = subscription.Id, TenantId = subscription.TenantId, UserId = subscription.UserId, Resource = subscription.Resource,
            };
            set.Add(row);
        }

        row.Expires = subscription.Expires;
        row.RenewedAt = subscription.RenewedAt;
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task DeleteAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        await db.Set<ChangeSubscriptionEntity>().Where(e => e.Id == subscriptionId).ExecuteDeleteAsync(cancellationToken);
    }

    private static ChangeSubscription ToRecord(ChangeSubscriptionEntity e) =>
        new(e.Id, e.TenantId, e.UserId, e.Resource, e.Expires, e.RenewedAt);
}
