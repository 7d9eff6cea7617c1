using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage.Crm;

/// <summary>One built-in CRM record as a page shows it: what it is, its name, and its fields in reading order.</summary>
public sealed record CrmRecordView(string Kind, string Title, IReadOnlyList<KeyValuePair<string, string>> Fields);

/// <summary>
/// Reads single built-in CRM records for their pages (<c>/crm/{kind}/{id}</c>), the place every built-in citation links to.
/// </summary>
public sealed class BuiltInCrmRecords(MeetingPrepDbContext db)
{
    public async Task<CrmRecordView?> FindAsync(string kind, string id, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        switch (kind)
        {
            case CrmRecordMapping.AccountsKind:
                var a = await db.Set<CrmAccountEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                return a is null ? null : new CrmRecordView("Account", a.Name, Fields(
                    ("Domain", a.Domain), ("Tier", a.Tier), ("Industry", a.Industry), ("Owner", a.OwnerName), ("Owner email", a.OwnerEmail), ("Last modified", a.LastModified.ToString("u", inv))));
            case CrmRecordMapping.ContactsKind:
                var c = await db.Set<CrmContactEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                return c is null ? null : new CrmRecordView("Contact", c.Name, Fields(
                    ("Email", c.Email), ("Job title", c.JobTitle), ("Role", c.Role), ("Account", c.AccountId), ("Last modified", c.LastModified.ToString("u", inv))));
            case CrmRecordMapping.OpportunitiesKind:
                var o = await db.Set<CrmOpportunityEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                return o is null ? null : new CrmRecordView("Opportunity", o.Name, Fields(
                    ("Stage", o.Stage), ("Amount", o.Amount?.ToString("N0", inv) + " " + o.Currency), ("Close date", o.CloseDate?.ToString("yyyy-MM-dd", inv)),
                    ("Closed", o.IsClosed ? "yes" : "no"), ("Last activity", o.LastActivity?.ToString("u", inv)), ("Account", o.AccountId)));
            case CrmRecordMapping.NotesKind:
                var n = await db.Set<CrmNoteEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                return n is null ? null : new CrmRecordView("Note", n.Title, Fields(
                    ("Written", n.Created.ToString("u", inv)), ("Author", n.Author), ("Account", n.AccountId), ("Text", n.Text)));
            case CrmRecordMapping.CasesKind:
                var k = await db.Set<CrmCaseEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                return k is null ? null : new CrmRecordView("Case", $"Case {k.Number}: {k.Title}", Fields(
                    ("Status", k.Status), ("Priority", k.Priority), ("Open", k.IsOpen ? "yes" : "no"), ("Escalated", k.EscalatedAt?.ToString("u", inv) ?? (k.IsEscalated ? "yes" : "no")),
                    ("Opened", k.Opened.ToString("u", inv)), ("Opened by", k.OpenedByEmail), ("Account", k.AccountId)));
            case CrmRecordMapping.MetricsKind:
                var m = await db.Set<CrmMetricSeriesEntity>().AsNoTracking().Include(e => e.Points).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                return m is null ? null : new CrmRecordView("Metric", m.Name, Fields(
                    [("Unit", m.Unit), ("Account", m.AccountId), .. m.Points.OrderBy(p => p.Period).Select(p => (p.Period.ToString("yyyy-MM", inv), (string?)p.Value.ToString(inv)))]));
            default:
                return null;
        }
    }

    private static KeyValuePair<string, string>[] Fields(params (string Label, string? Value)[] fields) =>
        [.. fields.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => new KeyValuePair<string, string>(f.Label, f.Value!.Trim()))];
}
