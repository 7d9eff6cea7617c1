using MeetingPrep.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage.Crm;

/// <summary>
/// Whole-store writes of the built-in CRM. Each write is validated first and runs in one transaction. Every row belongs
/// to the unit of work's tenant (the context stamps it and filters by it), so one tenant's import never reads, replaces
/// or deletes another's records.
/// </summary>
internal sealed class EfBuiltInCrmStore(MeetingPrepDbContext db) : IBuiltInCrmStore
{
    private static readonly CrmRecordMapping ExportMapping = new(null);

    public async Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        !await db.Set<CrmAccountEntity>().AnyAsync(cancellationToken);

    public async Task<CrmImportCounts> ReplaceAllAsync(CrmContext data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        ThrowIfInvalid(data, new HashSet<string>());
        await InTransactionAsync(
            async ct =>
            {
                // Children first, so the statements also hold where foreign keys do not cascade.
                await db.Set<CrmMetricPointEntity>().ExecuteDeleteAsync(ct);
                await db.Set<CrmMetricSeriesEntity>().ExecuteDeleteAsync(ct);
                await db.Set<CrmCaseEntity>().ExecuteDeleteAsync(ct);
                await db.Set<CrmNoteEntity>().ExecuteDeleteAsync(ct);
                await db.Set<CrmOpportunityEntity>().ExecuteDeleteAsync(ct);
                await db.Set<CrmContactEntity>().ExecuteDeleteAsync(ct);
                await db.Set<CrmAccountEntity>().ExecuteDeleteAsync(ct);
                var tenant = OwningTenant();
                db.AddRange(data.Accounts.Select(r => Owned(CrmRecordMapping.ToEntity(r), tenant)));
                db.AddRange(data.Contacts.Select(r => Owned(CrmRecordMapping.ToEntity(r), tenant)));
                db.AddRange(data.Opportunities.Select(r => Owned(CrmRecordMapping.ToEntity(r), tenant)));
                db.AddRange(data.Notes.Select(r => Owned(CrmRecordMapping.ToEntity(r), tenant)));
                db.AddRange(data.Cases.Select(r => Owned(CrmRecordMapping.ToEntity(r), tenant)));
                db.AddRange(data.Metrics.Select(r => Owned(CrmRecordMapping.ToEntity(r), tenant)));
                await db.SaveChangesAsync(ct);
            },
            cancellationToken);
        return CrmImportCounts.Of(data);
    }

    public async Task<CrmImportCounts> UpsertAsync(CrmContext data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var referenced = data.Contacts.Where(c => c.AccountId is not null).Select(c => c.AccountId!)
            .Concat(data.Opportunities.Select(o => o.AccountId))
            .Concat(data.Notes.Select(n => n.AccountId))
            .Concat(data.Cases.Select(c => c.AccountId))
            .Concat(data.Metrics.Select(m => m.AccountId))
            .Except(data.Accounts.Select(a => a.Id))
            .Distinct()
            .ToList();
        var existing = await db.Set<CrmAccountEntity>().AsNoTracking()
            .Where(a => referenced.Contains(a.Id))
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        ThrowIfInvalid(data, existing.ToHashSet(StringComparer.Ordinal));

        var tenant = OwningTenant();
        await InTransactionAsync(
            async ct =>
            {
                await MergeAsync(data.Accounts.Select(r => Owned(CrmRecordMapping.ToEntity(r), tenant)), e => e.Id, ct);
                await MergeAsync(data.Contacts.Select(r => Owned(CrmRecordMapping.ToEntity(r), tenant)), e => e.Id, ct);
                await MergeAsync(data.Opportunities.Select(r => Owned(CrmRecordMapping.ToEntity(r), tenant)), e => e.Id, ct);
                await MergeAsync(data.Notes.Select(r => Owned(CrmRecordMapping.ToEntity(r), tenant)), e => e.Id, ct);
                await MergeAsync(data.Cases.Select(r => Owned(CrmRecordMapping.ToEntity(r), tenant)), e => e.Id, ct);

                // A series arrives whole: its old points go, the given ones replace them.
                var series = data.Metrics.Select(r => Owned(CrmRecordMapping.ToEntity(r), tenant)).ToList();
                var seriesIds = series.Select(s => s.Id).ToList();
                await db.Set<CrmMetricPointEntity>().Where(p => seriesIds.Contains(p.SeriesId)).ExecuteDeleteAsync(ct);
                var points = series.SelectMany(s => s.Points).ToList();
                foreach (var s in series)
                {
                    s.Points = [];
                }

                await MergeAsync(series, e => e.Id, ct);
                db.AddRange(points);
                await db.SaveChangesAsync(ct);
            },
            cancellationToken);
        return CrmImportCounts.Of(data);
    }

    public async Task<CrmContext> ExportAsync(CancellationToken cancellationToken)
    {
        var accounts = await db.Set<CrmAccountEntity>().AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var contacts = await db.Set<CrmContactEntity>().AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var opportunities = await db.Set<CrmOpportunityEntity>().AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var notes = await db.Set<CrmNoteEntity>().AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var cases = await db.Set<CrmCaseEntity>().AsNoTracking().OrderBy(e => e.Id).ToListAsync(cancellationToken);
        var metrics = await db.Set<CrmMetricSeriesEntity>().AsNoTracking().Include(m => m.Points).OrderBy(e => e.Id)
            .AsSplitQuery().ToListAsync(cancellationToken);
        return new CrmContext(
            [.. accounts.Select(ExportMapping.ToRecord)],
            [.. contacts.Select(ExportMapping.ToRecord)],
            [.. opportunities.Select(ExportMapping.ToRecord)],
            [.. notes.Select(ExportMapping.ToRecord)],
            [.. cases.Select(ExportMapping.ToRecord)],
            [.. metrics.Select(ExportMapping.ToRecord)]);
    }

    /// <summary>The unit of work's tenant, which owns every row written: rows are keyed by (tenant, id).</summary>
    private string OwningTenant() =>
        db.Tenant.TenantId ?? throw new InvalidOperationException("The built-in CRM is written inside one tenant's unit of work.");

    /// <summary><paramref name="row"/> (and a series' points) owned by <paramref name="tenant"/>.</summary>
    private static T Owned<T>(T row, string tenant)
        where T : Entities.ITenantOwned
    {
        row.TenantId = tenant;
        if (row is CrmMetricSeriesEntity series)
        {
            series.Points.ForEach(p => p.TenantId = tenant);
        }

        return row;
    }

    private static void ThrowIfInvalid(CrmContext data, IReadOnlySet<string> existingAccountIds)
    {
        var problems = CrmDataValidator.Validate(data, existingAccountIds);
        if (problems.Count > 0)
        {
            throw new CrmDataException(problems);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, inside the provider's execution strategy (PostgreSQL retries).</summary>
    private async Task InTransactionAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(
            async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await work(ct);
                await transaction.CommitAsync(ct);
                db.ChangeTracker.Clear();
            },
            cancellationToken);
    }

    private async Task MergeAsync<T>(IEnumerable<T> rows, Func<T, string> id, CancellationToken cancellationToken)
        where T : class
    {
        var incoming = rows.ToList();
        if (incoming.Count == 0)
        {
            return;
        }

        var ids = incoming.Select(id).ToList();
        var existing = (await db.Set<T>()
            .Where(e => ids.Contains(EF.Property<string>(e, "Id")))
            .ToListAsync(cancellationToken)).ToDictionary(id, StringComparer.Ordinal);
        foreach (var row in incoming)
        {
            if (existing.TryGetValue(id(row), out var current))
            {
                // Same tenant (the filter found it in this one, the incoming row is stamped with it): the key is unchanged.
                db.Entry(current).CurrentValues.SetValues(row);
            }
            else
            {
                db.Add(row);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
