using System.Collections.Concurrent;

namespace MeetingPrep.Teams.Bot.Connector;

/// <summary>
/// Remembers which idempotency keys were already delivered (and as which activity id), so a retried or repeated send
/// with the same key never posts a second copy. In memory, for a day: a restart forgets, so proactive senders also keep
/// their own delivery record.
/// </summary>
public sealed class SendLedger(TimeProvider time)
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="send"/> once per key: concurrent callers with the same key share the one send.</summary>
    public async Task<ResourceResponseResult> SendOnceAsync(string key, Func<Task<string?>> send)
    {
        var now = time.GetUtcNow();
        if (_entries.Count > 10_000)
        {
            foreach (var (k, e) in _entries)
            {
                if (now - e.At > Keep)
                {
                    _entries.TryRemove(k, out _);
                }
            }
        }

        var fresh = new Entry(new Lazy<Task<string?>>(send), now);
        var entry = _entries.GetOrAdd(key, fresh);
        var isDuplicate = !ReferenceEquals(entry, fresh);
        try
        {
            return new ResourceResponseResult(await entry.Send.Value, isDuplicate);
        }
        catch
        {
            // A failed send did not deliver: forget the key so a later attempt may try again.
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            throw;
        }
    }

    private sealed record Entry(Lazy<Task<string?>> Send, DateTimeOffset At);
}
