using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage.Crm;

/// <summary>The built-in CRM's rows and their tenants.</summary>
public static class BuiltInCrmTenancy
{
    /// <summary>
    /// Gives rows stored before the built-in CRM had tenants (the column's empty default) to <paramref name="homeTenantId"/>:
    /// one deployment's built-in CRM served its home tenant. Runs across tenants; returns how many rows moved. The tenant
    /// is part of each row's key and of its references, so the rows are moved whole (read, deleted, added back under the
    /// home tenant) in one transaction rather than updated in place.
    /// </summary>
    public static async Task<int> AdoptUntenantedRowsAsync(MeetingPrepDbContext db, string homeTenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(homeTenantId);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(
            async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var rows = new List<Entities.ITenantOwned>();
                rows.AddRange(await UntenantedAsync<CrmAccountEntity>(db, ct));
                rows.AddRange(await UntenantedAsync<CrmContactEntity>(db, ct));
                rows.AddRange(await UntenantedAsync<CrmOpportunityEntity>(db, ct));
                rows.AddRange(await UntenantedAsync<CrmNoteEntity>(db, ct));
                rows.AddRange(await UntenantedAsync<CrmCaseEntity>(db, ct));
                rows.AddRange(await UntenantedAsync<CrmMetricSeriesEntity>(db, ct));
                rows.AddRange(await UntenantedAsync<CrmMetricPointEntity>(db, ct));
                if (rows.Count == 0)
                {
                    return 0;
                }

                // Children first, so the statements also hold where foreign keys do not cascade.
                await DeleteUntenantedAsync<CrmMetricPointEntity>(db, ct);
                await DeleteUntenantedAsync<CrmMetricSeriesEntity>(db, ct);
                await DeleteUntenantedAsync<CrmCaseEntity>(db, ct);
                await DeleteUntenantedAsync<CrmNoteEntity>(db, ct);
                await DeleteUntenantedAsync<CrmOpportunityEntity>(db, ct);
                await DeleteUntenantedAsync<CrmContactEntity>(db, ct);
                await DeleteUntenantedAsync<CrmAccountEntity>(db, ct);
                foreach (var row in rows)
                {
                    row.TenantId = homeTenantId;
                }

                db.AddRange(rows);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
                return rows.Count;
            },
            cancellationToken);
    }

    private static async Task<List<T>> UntenantedAsync<T>(MeetingPrepDbContext db, CancellationToken cancellationToken)
        where T : class, Entities.ITenantOwned =>
        await db.Set<T>().IgnoreQueryFilters().AsNoTracking().Where(e => e.TenantId == "").ToListAsync(cancellationToken);

    private static Task<int> DeleteUntenantedAsync<T>(MeetingPrepDbContext db, CancellationToken cancellationToken)
        where T : class, Entities.ITenantOwned =>
        db.Set<T>().IgnoreQueryFilters().Where(e => e.TenantId == "").ExecuteDeleteAsync(cancellationToken);
}
