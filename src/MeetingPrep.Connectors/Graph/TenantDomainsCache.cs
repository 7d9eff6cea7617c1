using MeetingPrep.Connectors.Caching;
using MeetingPrep.Core.Meetings;

namespace MeetingPrep.Connectors.Graph;

/// <summary>The tenant's verified domains change rarely; fetch them once per tenant per <see cref="GraphOptions.TenantDomainsCacheHours"/>.</summary>
public sealed class TenantDomainsCache(GraphOptions options, TimeProvider time)
{
    private readonly ExpiringCache<TenantDomains> _cache = new(TimeSpan.FromHours(options.TenantDomainsCacheHours), time);

    public Task<TenantDomains> GetAsync(string tenantId, Func<CancellationToken, Task<TenantDomains>> fetch, CancellationToken cancellationToken) =>
        _cache.GetAsync(tenantId.ToUpperInvariant(), fetch, cancellationToken);
}
