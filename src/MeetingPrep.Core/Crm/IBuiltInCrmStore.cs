namespace MeetingPrep.Core.Crm;

/// <summary>
/// Writes and reads MeetingPrep's own CRM as a whole: CSV import/export and the demo tenant's seeding go through here.
/// Every write validates the data first (unique ids, known account references) and is all-or-nothing.
/// </summary>
public interface IBuiltInCrmStore
{
    /// <summary>True when the store holds no account, so first-run seeding knows to run.</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    /// <summary>Deletes everything and stores <paramref name="data"/> instead, in one transaction.</summary>
    Task<CrmImportCounts> ReplaceAllAsync(CrmContext data, CancellationToken cancellationToken);

    /// <summary>Inserts new records and overwrites existing ones with the same id, in one transaction; a metric series' points are replaced.</summary>
    Task<CrmImportCounts> UpsertAsync(CrmContext data, CancellationToken cancellationToken);

    /// <summary>Everything in the store, accounts first, each list ordered by id.</summary>
    Task<CrmContext> ExportAsync(CancellationToken cancellationToken);
}

/// <summary>How many records of each kind a write stored.</summary>
public sealed record CrmImportCounts(int Accounts, int Contacts, int Opportunities, int Notes, int Cases, int MetricSeries, int MetricPoints)
{
    public static CrmImportCounts Of(CrmContext data) => new(
        data.Accounts.Count,
        data.Contacts.Count,
        data.Opportunities.Count,
        data.Notes.Count,
        data.Cases.Count,
        data.Metrics.Count,
        data.Metrics.Sum(m => m.Points.Count));
}

/// <summary>The data handed to the built-in store breaks a rule (duplicate id, unknown account); nothing was written.</summary>
public sealed class CrmDataException : Exception
{
    public CrmDataException(IReadOnlyList<string> problems)
        : base("The CRM data was rejected: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    public CrmDataException()
        : this([])
    {
    }

    public CrmDataException(string message)
        : this([message])
    {
    }

    public CrmDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; }
}
