using MeetingPrep.Core.Configuration;
using MeetingPrep.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeetingPrep.Storage.Crm;

/// <summary>
/// The CRM in MeetingPrep's own database: <see cref="CrmQueryPlan"/> over EF queries. Records link to their pages at the
/// host's public address when it provides one, else at <see cref="BuiltInCrmOptions.PublicBaseUrl"/>.
/// </summary>
internal sealed class BuiltInCrmSource(MeetingPrepDbContext db, IOptions<BuiltInCrmOptions> options, IPublicBaseAddress? address = null) : ICrmSource
{
    private readonly CrmRecordMapping _map = new(address?.Current ?? options.Value.PublicBaseUrl, options.Value.LinkHosts, options.Value.LinkSigner);

    public string Name => "Built-in CRM";

    /// <summary>Record links are signed for the reader the query names and this unit's tenant, so each query runs over its own mapping.</summary>
    public Task<CrmContext> GetContextAsync(CrmQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return CrmQueryPlan.RunAsync(query, new Queries(db, _map.ForReader(query.ForUserId, db.Tenant.TenantId)), cancellationToken);
    }
}

/// <summary>The built-in CRM's query primitives for <see cref="CrmQueryPlan"/>, mapping rows for one reader.</summary>
file sealed class Queries(MeetingPrepDbContext db, CrmRecordMapping map) : ICrmQueries
{

    public async Task<IReadOnlyList<CrmContact>> ContactsByEmailAsync(IReadOnlyList<string> emails, CancellationToken cancellationToken) =>
        [.. (await db.Set<CrmContactEntity>().AsNoTracking()
            .Where(c => emails.Contains(c.EmailNormalized))
            .ToListAsync(cancellationToken)).Select(map.ToRecord)];

    public async Task<IReadOnlyList<CrmAccount>> AccountsByIdAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
        [.. (await db.Set<CrmAccountEntity>().AsNoTracking()
            .Where(a => ids.Contains(a.Id))
            .ToListAsync(cancellationToken)).Select(map.ToRecord)];

    /// <summary>The domain itself, or a subdomain of it (a site stored as <c>eu.fabrikam.com</c>).</summary>
    public async Task<IReadOnlyList<CrmAccount>> AccountsByDomainAsync(IReadOnlyList<string> domains, CancellationToken cancellationToken)
    {
        // Plain domains (letters, digits, '-', '.') hold no LIKE wildcard.
        List<string> subdomains = [.. domains.Select(d => "%." + d)];
        return [.. (await db.Set<CrmAccountEntity>().AsNoTracking()
            .Where(a => a.DomainNormalized != null
                && (domains.Contains(a.DomainNormalized) || subdomains.Any(s => EF.Functions.Like(a.DomainNormalized, s))))
            .ToListAsync(cancellationToken)).Select(map.ToRecord)];
    }

    public async Task<IReadOnlyList<Opportunity>> OpportunitiesAsync(IReadOnlyList<string> accountIds, DateTimeOffset? closedSince, int max, CancellationToken cancellationToken)
    {
        // Npgsql only accepts UTC offsets for timestamptz; without closedSince, no closed deal qualifies.
        var utcSince = closedSince?.ToUniversalTime() ?? DateTimeOffset.MaxValue;
        return [.. (await db.Set<CrmOpportunityEntity>().AsNoTracking()
            .Where(o => accountIds.Contains(o.AccountId) && (!o.IsClosed || o.LastModified >= utcSince))
            .OrderBy(o => o.CloseDate == null)
            .ThenBy(o => o.CloseDate)
            .ThenBy(o => o.Id)
            .Take(max)
            .ToListAsync(cancellationToken)).Select(map.ToRecord)];
    }

    public async Task<IReadOnlyList<CrmNote>> NotesAsync(IReadOnlyList<string> accountIds, DateTimeOffset since, int max, CancellationToken cancellationToken)
    {
        // Npgsql only accepts UTC offsets for timestamptz; SQLite compares the converted ticks.
        var utcSince = since.ToUniversalTime();
        return [.. (await db.Set<CrmNoteEntity>().AsNoTracking()
            .Where(n => accountIds.Contains(n.AccountId) && n.Created >= utcSince)
            .OrderByDescending(n => n.Created)
            .ThenBy(n => n.Id)
            .Take(max)
            .ToListAsync(cancellationToken)).Select(map.ToRecord)];
    }

    /// <summary>A case carries no close date; a closed case's last change is its closing, so that is what "closed since" reads.</summary>
    public async Task<IReadOnlyList<CrmCase>> CasesAsync(IReadOnlyList<string> accountIds, DateTimeOffset closedSince, int max, CancellationToken cancellationToken)
    {
        var utcSince = closedSince.ToUniversalTime();
        return [.. (await db.Set<CrmCaseEntity>().AsNoTracking()
            .Where(c => accountIds.Contains(c.AccountId) && (c.IsOpen || c.LastModified >= utcSince))
            .OrderByDescending(c => c.IsOpen)
            .ThenByDescending(c => c.Opened)
            .ThenBy(c => c.Id)
            .Take(max)
            .ToListAsync(cancellationToken)).Select(map.ToRecord)];
    }

    public async Task<IReadOnlyList<MetricSeries>> MetricsAsync(IReadOnlyList<string> accountIds, int max, CancellationToken cancellationToken) =>
        [.. (await db.Set<CrmMetricSeriesEntity>().AsNoTracking()
            .Include(m => m.Points)
            .Where(m => accountIds.Contains(m.AccountId))
            .OrderBy(m => m.Id)
            .Take(max)
            .AsSplitQuery()
            .ToListAsync(cancellationToken)).Select(map.ToRecord)];
}
