using MeetingPrep.Core.Crm;

namespace MeetingPrep.Connectors.Crm.Remote;

/// <summary>
/// What a remote CRM's query primitives share for one meeting: the fields its field map names, and the health scores of
/// the accounts it read (a field of the account, so the metric needs no query of its own).
/// </summary>
internal abstract class RemoteCrmQueries(RemoteCrmOptions options, IReadOnlyDictionary<string, string> defaults) : ICrmQueries
{
    private readonly Dictionary<string, MetricSeries> _healthByAccount = new(StringComparer.Ordinal);

    protected string? Tier { get; } = CrmFieldMap.Resolve(options, defaults, CrmFieldMap.Tier);

    protected string? Industry { get; } = CrmFieldMap.Resolve(options, defaults, CrmFieldMap.Industry);

    protected string? Website { get; } = CrmFieldMap.Resolve(options, defaults, CrmFieldMap.Website);

    /// <summary>Every opportunity has a stage, so turning it off falls back to the CRM's own field.</summary>
    protected string Stage { get; } = CrmFieldMap.Resolve(options, defaults, CrmFieldMap.Stage) ?? defaults[CrmFieldMap.Stage];

    protected string? Health { get; } = CrmFieldMap.Resolve(options, defaults, CrmFieldMap.Health);

    protected string? Role { get; } = CrmFieldMap.Resolve(options, defaults, CrmFieldMap.Role);

    public abstract Task<IReadOnlyList<CrmContact>> ContactsByEmailAsync(IReadOnlyList<string> emails, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<CrmAccount>> AccountsByIdAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<CrmAccount>> AccountsByDomainAsync(IReadOnlyList<string> domains, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<Opportunity>> OpportunitiesAsync(IReadOnlyList<string> accountIds, DateTimeOffset? closedSince, int max, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<CrmNote>> NotesAsync(IReadOnlyList<string> accountIds, DateTimeOffset since, int max, CancellationToken cancellationToken);

    public abstract Task<IReadOnlyList<CrmCase>> CasesAsync(IReadOnlyList<string> accountIds, DateTimeOffset closedSince, int max, CancellationToken cancellationToken);

    public Task<IReadOnlyList<MetricSeries>> MetricsAsync(IReadOnlyList<string> accountIds, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MetricSeries>>([.. accountIds.Select(id => _healthByAccount.GetValueOrDefault(id)).OfType<MetricSeries>()]);

    /// <summary>Keeps an account's health score (when the field map names one and the account has it) as a one-point series.</summary>
    protected CrmAccount Remember(CrmAccount account, decimal? healthScore)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (Health is not null && RemoteCrmHelpers.HealthMetric(account.Id, healthScore, account.Url, account.LastModified) is { } metric)
        {
            _healthByAccount.TryAdd(account.Id, metric);
        }

        return account;
    }
}
