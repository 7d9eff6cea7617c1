using System.Collections.Concurrent;

namespace MeetingPrep.Connectors.Caching;

/// <summary>
/// A small in-process cache whose entries live for a fixed time. Concurrent requests for the same key share one fetch
/// (a burst of briefings does not fan out into identical Graph calls); a failed fetch is not cached; expired entries
/// are swept when the cache grows past its bound.
/// </summary>
public sealed class ExpiringCache<T>(TimeSpan lifetime, TimeProvider time, int maxEntries = 10_000)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync(string key, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var now = time.GetUtcNow();
        var entry = _entries.AddOrUpdate(
            key,
            _ => new Entry(fetch, now + lifetime),
            (_, existing) => existing.Expires > now && !existing.Value.IsFaulted && !existing.Value.IsCanceled ? existing : new Entry(fetch, now + lifetime));
        if (_entries.Count > maxEntries)
        {
            Sweep(now);
        }

        try
        {
            return await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (entry.Value.IsFaulted || entry.Value.IsCanceled)
        {
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.Expires <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }
    }

    /// <summary>The fetch runs without the first caller's cancellation: it is shared, and other callers may still want it.</summary>
    private sealed class Entry(Func<CancellationToken, Task<T>> fetch, DateTimeOffset expires)
    {
        private readonly Lazy<Task<T>> _value = new(() => fetch(CancellationToken.None));

        public Task<T> Value => _value.Value;

        public DateTimeOffset Expires { get; } = expires;
    }
}
