namespace MeetingPrep.Storage.Crm.Csv;

internal enum CsvType
{
    Text,
    Email,
    Decimal,
    Date,
    Timestamp,
    Boolean,
    Priority,
    Url,
    Currency,
}

/// <summary>One column of a CRM CSV file.</summary>
internal sealed record CsvColumn(string Name, CsvType Type, bool Required, int MaxLength, string Description);

/// <summary>
/// The CSV files of the built-in CRM, one per record kind. Header names are fixed (any order, case-insensitive);
/// the same table drives parsing, export and the CSV documentation in the README.
/// </summary>
internal static class CrmCsvFormat
{
    public const string Accounts = "accounts.csv";
    public const string Contacts = "contacts.csv";
    public const string Opportunities = "opportunities.csv";
    public const string Notes = "notes.csv";
    public const string Cases = "cases.csv";
    public const string Metrics = "metrics.csv";

    private static readonly CsvColumn Url = new("url", CsvType.Url, false, CrmFieldLimits.Url, "link to the record in its own system; blank links into MeetingPrep");
    private static readonly CsvColumn LastModified = new("last_modified", CsvType.Timestamp, false, 0, "when the record last changed; blank means the import time");

    public static IReadOnlyDictionary<string, IReadOnlyList<CsvColumn>> Files { get; } = new Dictionary<string, IReadOnlyList<CsvColumn>>(StringComparer.OrdinalIgnoreCase)
    {
        [Accounts] =
        [
            new("id", CsvType.Text, true, CrmFieldLimits.Id, "unique account id"),
            new("name", CsvType.Text, true, CrmFieldLimits.Name, "account name"),
            new("domain", CsvType.Text, false, CrmFieldLimits.Domain, "e-mail domain, e.g. fabrikam.com; matches attendees with no contact record"),
            new("tier", CsvType.Text, false, CrmFieldLimits.Label, "e.g. Strategic, Gold"),
            new("industry", CsvType.Text, false, CrmFieldLimits.Name, string.Empty),
            new("owner_name", CsvType.Text, false, CrmFieldLimits.Name, "account owner"),
            new("owner_email", CsvType.Email, false, CrmFieldLimits.Email, string.Empty),
            Url,
            LastModified,
        ],
        [Contacts] =
        [
            new("id", CsvType.Text, true, CrmFieldLimits.Id, "unique contact id"),
            new("account_id", CsvType.Text, false, CrmFieldLimits.Id, "an id from accounts.csv (or already stored)"),
            new("name", CsvType.Text, true, CrmFieldLimits.Name, string.Empty),
            new("email", CsvType.Email, true, CrmFieldLimits.Email, "how meeting attendees are matched"),
            new("job_title", CsvType.Text, false, CrmFieldLimits.Name, string.Empty),
            new("role", CsvType.Text, false, CrmFieldLimits.Name, "e.g. Decision maker, Champion"),
            Url,
            LastModified,
        ],
        [Opportunities] =
        [
            new("id", CsvType.Text, true, CrmFieldLimits.Id, string.Empty),
            new("account_id", CsvType.Text, true, CrmFieldLimits.Id, string.Empty),
            new("name", CsvType.Text, true, CrmFieldLimits.Name, string.Empty),
            new("stage", CsvType.Text, true, CrmFieldLimits.Label, "e.g. Qualify, Propose, Negotiate"),
            new("amount", CsvType.Decimal, false, 0, "invariant number, e.g. 125000.50"),
            new("currency", CsvType.Currency, false, 3, "ISO 4217 code, e.g. EUR"),
            new("close_date", CsvType.Date, false, 0, "yyyy-MM-dd"),
            new("is_closed", CsvType.Boolean, false, 0, "true or false; blank is false"),
            new("last_activity", CsvType.Timestamp, false, 0, string.Empty),
            Url,
            LastModified,
        ],
        [Notes] =
        [
            new("id", CsvType.Text, true, CrmFieldLimits.Id, string.Empty),
            new("account_id", CsvType.Text, true, CrmFieldLimits.Id, string.Empty),
            new("title", CsvType.Text, true, CrmFieldLimits.Title, string.Empty),
            new("text", CsvType.Text, true, CrmFieldLimits.Text, "may span lines inside quotes"),
            new("author", CsvType.Text, false, CrmFieldLimits.Name, string.Empty),
            new("created", CsvType.Timestamp, true, 0, string.Empty),
            Url,
            LastModified,
        ],
        [Cases] =
        [
            new("id", CsvType.Text, true, CrmFieldLimits.Id, string.Empty),
            new("account_id", CsvType.Text, true, CrmFieldLimits.Id, string.Empty),
            new("number", CsvType.Text, true, CrmFieldLimits.Label, "the case number people quote"),
            new("title", CsvType.Text, true, CrmFieldLimits.Title, string.Empty),
            new("status", CsvType.Text, true, CrmFieldLimits.Label, "e.g. New, In progress, Resolved"),
            new("priority", CsvType.Priority, false, 0, "Low, Normal, High or Critical; blank is Normal"),
            new("is_open", CsvType.Boolean, true, 0, "true or false"),
            new("is_escalated", CsvType.Boolean, false, 0, "true or false; blank is false"),
            new("opened", CsvType.Timestamp, true, 0, string.Empty),
            new("escalated_at", CsvType.Timestamp, false, 0, string.Empty),
            new("opened_by_email", CsvType.Email, false, CrmFieldLimits.Email, string.Empty),
            Url,
            LastModified,
        ],
        [Metrics] =
        [
            new("series_id", CsvType.Text, true, CrmFieldLimits.Id, "rows with the same series_id form one series"),
            new("account_id", CsvType.Text, true, CrmFieldLimits.Id, string.Empty),
            new("name", CsvType.Text, true, CrmFieldLimits.Name, "e.g. Monthly spend"),
            new("unit", CsvType.Text, true, CrmFieldLimits.Label, "e.g. EUR, score, tickets"),
            new("higher_is_better", CsvType.Boolean, true, 0, "true or false"),
            new("period", CsvType.Date, true, 0, "yyyy-MM-dd or yyyy-MM (first of the month)"),
            new("value", CsvType.Decimal, true, 0, "invariant number"),
            Url,
            LastModified,
        ],
    };
}
