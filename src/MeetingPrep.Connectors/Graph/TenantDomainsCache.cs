using System.Collections.Concurrent;
using MeetingPrep.Core.Meetings;

namespace MeetingPrep.Connectors.Graph;

/// <summary>The tenant's verified domains change rarely; fetch them once per tenant per <see cref="GraphOptions.TenantDomainsCacheHours"/>.</summary>
public sealed class TenantDomainsCache(GraphOptions options, TimeProvider time) : IDisposable
{
    private readonly ConcurrentDictionary<string, (TenantDomains Domains, DateTimeOffset Expires)> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _fetch = new(1, 1);

    public async Task<TenantDomains> GetAsync(string tenantId, Func<CancellationToken, Task<TenantDomains>> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        if (TryGetFresh(tenantId, out var cached))
        {
            return cached;
        }

        // One fetch at a time, so a burst of briefings does not fan out into identical directory calls.
        await _fetch.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryGetFresh(tenantId, out cached))
            {
                return cached;
            }

            var domains = await fetch(cancellationToken).ConfigureAwait(false);
            _entries[tenantId] = (domains, time.GetUtcNow().AddHours(options.TenantDomainsCacheHours));
            return domains;
        }
        finally
        {
            _fetch.Release();
        }
    }

    public void Dispose() => _fetch.Dispose();

    private bool TryGetFresh(string tenantId, out TenantDomains domains)
    {
        if (_entries.TryGetValue(tenantId, out var entry) && entry.Expires > time.GetUtcNow())
        {
            domains = entry.Domains;
            return true;
        }

        domains = null!;
        return false;
    }
}
