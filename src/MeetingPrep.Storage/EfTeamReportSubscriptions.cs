using MeetingPrep.Core.Engagement;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage;

internal sealed class EfTeamReportSubscriptions(MeetingPrepDbContext db) : ITeamReportSubscriptions
{
    public async Task<TeamReportSubscription?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        await db.Set<TeamReportSubscriptionEntity>().AsNoTracking()
            .Where(e => e.TenantId == tenantId && e.UserId == userId)
            .Select(e => new TeamReportSubscription(e.TenantId, e.UserId, e.TimeZone, e.UpdatedAt, e.LastSentWeek))
            .FirstOrDefaultAsync(cancellationToken);

    public async Task SetAsync(string tenantId, string userId, bool weekly, string timeZone, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rows = db.Set<TeamReportSubscriptionEntity>().Where(e => e.TenantId == tenantId && e.UserId == userId);
        if (!weekly)
        {
            await rows.ExecuteDeleteAsync(cancellationToken);
            return;
        }

        var existing = await rows.FirstOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            db.Add(new TeamReportSubscriptionEntity { TenantId = tenantId, UserId = userId, TimeZone = timeZone, UpdatedAt = at });
        }
        else
        {
            existing.TimeZone = timeZone;
            existing.UpdatedAt = at;
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TeamReportSubscription>> ListAsync(CancellationToken cancellationToken) =>
        await db.Set<TeamReportSubscriptionEntity>().AsNoTracking()
            .OrderBy(e => e.TenantId).ThenBy(e => e.UserId)
            .Select(e => new TeamReportSubscription(e.TenantId, e.UserId, e.TimeZone, e.UpdatedAt, e.LastSentWeek))
            .ToListAsync(cancellationToken);

    public async Task<bool> TryClaimWeekAsync(string tenantId, string userId, DateOnly week, CancellationToken cancellationToken)
    {
        DateOnly? claimed = week;
        return await db.Set<TeamReportSubscriptionEntity>()
            .Where(e => e.TenantId == tenantId && e.UserId == userId && (e.LastSentWeek == null || e.LastSentWeek < week))
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LastSentWeek, claimed), cancellationToken) == 1;
    }

    public async Task ReleaseWeekAsync(string tenantId, string userId, DateOnly week, DateOnly? previous, CancellationToken cancellationToken)
    {
        DateOnly? claimed = week;
        await db.Set<TeamReportSubscriptionEntity>()
            .Where(e => e.TenantId == tenantId && e.UserId == userId && e.LastSentWeek == claimed)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.LastSentWeek, previous), cancellationToken);
    }
}
