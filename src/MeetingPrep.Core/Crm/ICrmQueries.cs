namespace MeetingPrep.Core.Crm;

/// <summary>
/// The query primitives one CRM supplies to <see cref="CrmQueryPlan"/>: each reads one kind of record in that CRM's own
/// query language and maps its fields. A primitive may answer more than was asked (a substring search, a page of
/// everything): the plan keeps only what its matching rules allow, so every CRM matches alike. Ids are the ones the
/// primitives themselves returned; addresses and domains are lower-cased and safe in any query language.
/// </summary>
public interface ICrmQueries
{
    /// <summary>Contacts whose e-mail address is one of <paramref name="emails"/>, each with its (primary) account id.</summary>
    Task<IReadOnlyList<CrmContact>> ContactsByEmailAsync(IReadOnlyList<string> emails, CancellationToken cancellationToken);

    Task<IReadOnlyList<CrmAccount>> AccountsByIdAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);

    /// <summary>Accounts whose web site or domain may be one of <paramref name="domains"/>, with <see cref="CrmAccount.Domain"/> set.</summary>
    Task<IReadOnlyList<CrmAccount>> AccountsByDomainAsync(IReadOnlyList<string> domains, CancellationToken cancellationToken);

    /// <summary>
    /// The accounts' open opportunities, and with <paramref name="closedSince"/> those closed (last changed) since then too,
    /// soonest close date first, at most <paramref name="max"/>.
    /// </summary>
    Task<IReadOnlyList<Opportunity>> OpportunitiesAsync(IReadOnlyList<string> accountIds, DateTimeOffset? closedSince, int max, CancellationToken cancellationToken);

    /// <summary>The accounts' notes created since <paramref name="since"/>, newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<CrmNote>> NotesAsync(IReadOnlyList<string> accountIds, DateTimeOffset since, int max, CancellationToken cancellationToken);

    /// <summary>The accounts' open cases and those closed since <paramref name="closedSince"/>, newest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<CrmCase>> CasesAsync(IReadOnlyList<string> accountIds, DateTimeOffset closedSince, int max, CancellationToken cancellationToken);

    Task<IReadOnlyList<MetricSeries>> MetricsAsync(IReadOnlyList<string> accountIds, int max, CancellationToken cancellationToken);
}
