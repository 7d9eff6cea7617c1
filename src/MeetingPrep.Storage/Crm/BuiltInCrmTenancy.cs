using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage.Crm;

/// <summary>The built-in CRM's rows and their tenants.</summary>
public static class BuiltInCrmTenancy
{
    /// <summary>
    /// Gives rows stored before the built-in CRM had tenants (the column's empty default) to <paramref name="homeTenantId"/>:
    /// one deployment's built-in CRM served its home tenant. Runs across tenants; returns how many rows moved.
    /// </summary>
    public static async Task<int> AdoptUntenantedRowsAsync(MeetingPrepDbContext db, string homeTenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(homeTenantId);
        var moved = 0;
        moved += await db.Set<CrmAccountEntity>().IgnoreQueryFilters().Where(e => e.TenantId == "").ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, homeTenantId), cancellationToken);
        moved += await db.Set<CrmContactEntity>().IgnoreQueryFilters().Where(e => e.TenantId == "").ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, homeTenantId), cancellationToken);
        moved += await db.Set<CrmOpportunityEntity>().IgnoreQueryFilters().Where(e => e.TenantId == "").ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, homeTenantId), cancellationToken);
        moved += await db.Set<CrmNoteEntity>().IgnoreQueryFilters().Where(e => e.TenantId == "").ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, homeTenantId), cancellationToken);
        moved += await db.Set<CrmCaseEntity>().IgnoreQueryFilters().Where(e => e.TenantId == "").ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, homeTenantId), cancellationToken);
        moved += await db.Set<CrmMetricSeriesEntity>().IgnoreQueryFilters().Where(e => e.TenantId == "").ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, homeTenantId), cancellationToken);
        moved += await db.Set<CrmMetricPointEntity>().IgnoreQueryFilters().Where(e => e.TenantId == "").ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, homeTenantId), cancellationToken);
        return moved;
    }
}
