using System.Globalization;
using MeetingPrep.Core.Crm;

namespace MeetingPrep.Storage.Crm.Csv;

/// <summary>Writes a <see cref="CrmContext"/> as the CSV files <see cref="CrmCsvReader"/> reads back unchanged.</summary>
public static class CrmCsvWriter
{
    public static IReadOnlyDictionary<string, string> Write(CrmContext data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        files[CrmCsvFormat.Accounts] = Table(CrmCsvFormat.Accounts, data.Accounts, a => [a.Id, a.Name, a.Domain, a.Tier, a.Industry, a.OwnerName, a.OwnerEmail, Url(a.Url), Ts(a.LastModified)]);
        files[CrmCsvFormat.Contacts] = Table(CrmCsvFormat.Contacts, data.Contacts, c => [c.Id, c.AccountId, c.Name, c.Email, c.JobTitle, c.Role, Url(c.Url), Ts(c.LastModified)]);
        files[CrmCsvFormat.Opportunities] = Table(CrmCsvFormat.Opportunities, data.Opportunities, o =>
            [o.Id, o.AccountId, o.Name, o.Stage, Num(o.Amount), o.Currency, Date(o.CloseDate), Bool(o.IsClosed), Ts(o.LastActivity), Url(o.Url), Ts(o.LastModified)]);
        files[CrmCsvFormat.Notes] = Table(CrmCsvFormat.Notes, data.Notes, n => [n.Id, n.AccountId, n.Title, n.Text, n.Author, Ts(n.Created), Url(n.Url), Ts(n.LastModified)]);
        files[CrmCsvFormat.Cases] = Table(CrmCsvFormat.Cases, data.Cases, c =>
            [c.Id, c.AccountId, c.Number, c.Title, c.Status, c.Priority.ToString(), Bool(c.IsOpen), Bool(c.IsEscalated), Ts(c.Opened), Ts(c.EscalatedAt), c.OpenedByEmail, Url(c.Url), Ts(c.LastModified)]);
        files[CrmCsvFormat.Metrics] = Table(
            CrmCsvFormat.Metrics,
            data.Metrics.SelectMany(m => m.Points.Select(p => (Series: m, Point: p))).ToList(),
            x => [x.Series.Id, x.Series.AccountId, x.Series.Name, x.Series.Unit, Bool(x.Series.HigherIsBetter), Date(x.Point.Period), Num(x.Point.Value), Url(x.Series.Url), Ts(x.Series.LastModified)]);
        return files;
    }

    private static string Table<T>(string file, IReadOnlyList<T> rows, Func<T, string?[]> fields)
    {
        var writer = new CsvWriter();
        writer.WriteRow(CrmCsvFormat.Files[file].Select(c => c.Name));
        foreach (var row in rows)
        {
            writer.WriteRow(fields(row));
        }

        return writer.ToString();
    }

    private static string? Url(Uri? url) => url?.AbsoluteUri;

    private static string? Ts(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string? Num(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Bool(bool value) => value ? "true" : "false";
}
