using MeetingPrep.Core.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MeetingPrep.Storage.Crm;

/// <summary>
/// The CRM in MeetingPrep's own database. Contacts match by (lower-cased) e-mail in one query; accounts by the contacts'
/// account, else by the address's domain, never a personal mail domain.
/// </summary>
internal sealed class BuiltInCrmSource(MeetingPrepDbContext db, IOptions<BuiltInCrmOptions> options) : ICrmSource
{
    private const int DefaultMaxRecords = 50;

    private readonly CrmRecordMapping _map = new(options.Value.PublicBaseUrl, options.Value.LinkHosts, options.Value.LinkSigner);

    public string Name => "Built-in CRM";

    public async Task<CrmContext> GetContextAsync(CrmQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var map = _map.ForReader(query.ForUserId);
        var max = query.MaxRecordsPerKind > 0 ? query.MaxRecordsPerKind : DefaultMaxRecords;
        var emails = query.Emails
            .Where(e => !string.IsNullOrWhiteSpace(e) && e.Contains('@', StringComparison.Ordinal))
            .Select(CrmRecordMapping.NormalizeEmail)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (emails.Count == 0)
        {
            return CrmContext.Empty;
        }

        var contacts = await db.Set<CrmContactEntity>().AsNoTracking()
            .Where(c => emails.Contains(c.EmailNormalized))
            .OrderBy(c => c.Id)
            .ToListAsync(cancellationToken);

        var accountIds = contacts.Where(c => c.AccountId is not null).Select(c => c.AccountId!).Distinct().ToList();
        var matched = contacts.Where(c => c.AccountId is not null).Select(c => c.EmailNormalized).ToHashSet(StringComparer.Ordinal);
        var domains = emails
            .Where(e => !matched.Contains(e))
            .Select(e => e[(e.LastIndexOf('@') + 1)..])
            .Where(d => d.Length > 0 && !PersonalMailDomains.Contains(d))
            .Distinct(StringComparer.Ordinal)
            .ToList();

        var accounts = await db.Set<CrmAccountEntity>().AsNoTracking()
            .Where(a => accountIds.Contains(a.Id) || (a.DomainNormalized != null && domains.Contains(a.DomainNormalized)))
            .OrderBy(a => a.Id)
            .Take(max)
            .ToListAsync(cancellationToken);
        var ids = accounts.Select(a => a.Id).ToList();
        if (ids.Count == 0)
        {
            return new CrmContext([], [.. contacts.Take(max).Select(map.ToRecord)], [], [], [], []);
        }

        var opportunities = await db.Set<CrmOpportunityEntity>().AsNoTracking()
            .Where(o => ids.Contains(o.AccountId) && !o.IsClosed)
            .OrderBy(o => o.CloseDate == null)
            .ThenBy(o => o.CloseDate)
            .ThenBy(o => o.Id)
            .Take(max)
            .ToListAsync(cancellationToken);

        // Npgsql only accepts UTC offsets for timestamptz; SQLite compares the converted ticks.
        var notesSince = query.NotesSince.ToUniversalTime();
        var notes = await db.Set<CrmNoteEntity>().AsNoTracking()
            .Where(n => ids.Contains(n.AccountId) && n.Created >= notesSince)
            .OrderByDescending(n => n.Created)
            .ThenBy(n => n.Id)
            .Take(max)
            .ToListAsync(cancellationToken);

        // A case carries no close date; a closed case's last change is its closing, so that is what "closed since" reads.
        var casesSince = query.CasesSince.ToUniversalTime();
        var cases = await db.Set<CrmCaseEntity>().AsNoTracking()
            .Where(c => ids.Contains(c.AccountId) && (c.IsOpen || c.LastModified >= casesSince))
            .OrderByDescending(c => c.IsOpen)
            .ThenByDescending(c => c.Opened)
            .ThenBy(c => c.Id)
            .Take(max)
            .ToListAsync(cancellationToken);

        var metrics = await db.Set<CrmMetricSeriesEntity>().AsNoTracking()
            .Include(m => m.Points)
            .Where(m => ids.Contains(m.AccountId))
            .OrderBy(m => m.Id)
            .Take(max)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        return new CrmContext(
            [.. accounts.Select(map.ToRecord)],
            [.. contacts.Take(max).Select(map.ToRecord)],
            [.. opportunities.Select(map.ToRecord)],
            [.. notes.Select(map.ToRecord)],
            [.. cases.Select(map.ToRecord)],
            [.. metrics.Select(map.ToRecord)]);
    }
}
