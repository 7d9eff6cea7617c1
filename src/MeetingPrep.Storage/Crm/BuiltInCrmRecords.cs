using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage.Crm;

/// <summary>
/// One field of a record page: text as stored, an instant the page shows in the reader's zone and culture, or a yes/no.
/// <paramref name="Label"/> is the field's name ("OwnerEmail"), which the page words in the reader's language; a metric's
/// period ("2026-10") is shown as it is.
/// </summary>
public sealed record CrmRecordField(string Label, string? Text, DateTimeOffset? At = null, bool? Flag = null);

/// <summary>One built-in CRM record as a page shows it: what it is (a name: "Account"), its title, and its fields in reading order.</summary>
public sealed record CrmRecordView(string Kind, string Title, IReadOnlyList<CrmRecordField> Fields);

/// <summary>
/// Reads single built-in CRM records for their pages (<c>/crm/{kind}/{id}</c>), the place every built-in citation links to.
/// Records name their account by its name, not its id.
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
                    F("Domain", a.Domain), F("Tier", a.Tier), F("Industry", a.Industry), F("Owner", a.OwnerName), F("OwnerEmail", a.OwnerEmail), T("LastModified", a.LastModified)));
            case CrmRecordMapping.ContactsKind:
                var c = await db.Set<CrmContactEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                return c is null ? null : new CrmRecordView("Contact", c.Name, Fields(
                    F("Email", c.Email), F("JobTitle", c.JobTitle), F("Role", c.Role), F("Account", await AccountNameAsync(c.AccountId, cancellationToken)), T("LastModified", c.LastModified)));
            case CrmRecordMapping.OpportunitiesKind:
                var o = await db.Set<CrmOpportunityEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                return o is null ? null : new CrmRecordView("Opportunity", o.Name, Fields(
                    F("Stage", o.Stage), F("Amount", o.Amount?.ToString("N0", inv) + " " + o.Currency), F("CloseDate", o.CloseDate?.ToString("yyyy-MM-dd", inv)),
                    B("Closed", o.IsClosed), T("LastActivity", o.LastActivity), F("Account", await AccountNameAsync(o.AccountId, cancellationToken))));
            case CrmRecordMapping.NotesKind:
                var n = await db.Set<CrmNoteEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                return n is null ? null : new CrmRecordView("Note", n.Title, Fields(
                    T("Written", n.Created), F("Author", n.Author), F("Account", await AccountNameAsync(n.AccountId, cancellationToken)), F("Text", n.Text)));
            case CrmRecordMapping.CasesKind:
                var k = await db.Set<CrmCaseEntity>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                return k is null ? null : new CrmRecordView("Case", k.Title, Fields(
                    F("Number", k.Number), F("Status", k.Status), F("Priority", k.Priority), B("Open", k.IsOpen),
                    k.EscalatedAt is { } escalated ? T("Escalated", escalated) : B("Escalated", k.IsEscalated),
                    T("Opened", k.Opened), F("OpenedBy", k.OpenedByEmail), F("Account", await AccountNameAsync(k.AccountId, cancellationToken))));
            case CrmRecordMapping.MetricsKind:
                var m = await db.Set<CrmMetricSeriesEntity>().AsNoTracking().Include(e => e.Points).FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
                return m is null ? null : new CrmRecordView("Metric", m.Name, Fields(
                    [F("Unit", m.Unit), F("Account", await AccountNameAsync(m.AccountId, cancellationToken)), .. m.Points.OrderBy(p => p.Period).Select(p => F(p.Period.ToString("yyyy-MM", inv), p.Value.ToString(inv)))]));
            default:
                return null;
        }
    }

    /// <summary>The account's name (a reader knows "Fabrikam", not "acc-0042"); its id only if the account is gone.</summary>
    private async Task<string?> AccountNameAsync(string? accountId, CancellationToken cancellationToken) =>
        accountId is null ? null
            : await db.Set<CrmAccountEntity>().AsNoTracking().Where(e => e.Id == accountId).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken) ?? accountId;

    private static CrmRecordField F(string label, string? text) => new(label, text?.Trim());

    private static CrmRecordField T(string label, DateTimeOffset? at) => new(label, null, at);

    private static CrmRecordField B(string label, bool flag) => new(label, null, Flag: flag);

    private static CrmRecordField[] Fields(params CrmRecordField[] fields) =>
        [.. fields.Where(f => f.At is not null || f.Flag is not null || !string.IsNullOrWhiteSpace(f.Text))];
}
