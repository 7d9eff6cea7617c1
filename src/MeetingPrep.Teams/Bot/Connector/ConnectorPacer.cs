using System.Collections.Concurrent;

namespace MeetingPrep.Teams.Bot.Connector;

/// <summary>
/// Paces connector calls under Teams' limits, which are per app per tenant: a sliding one-second window per conversation
/// (7 sends/s) and one per tenant for all calls of this app (50/s), so one tenant's 9:00 wave neither exceeds its own
/// limit nor slows another tenant's cards. Calls that name no tenant share one window. A call that would exceed a window
/// waits for the oldest call in it to age out. The windows are this process's: with several instances, set
/// <c>Bot:MaxRequestsPerSecond</c> to the tenant limit divided by the instance count.
/// </summary>
public sealed class ConnectorPacer(BotOptions options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, SlidingWindow> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, SlidingWindow> _conversations = new(StringComparer.Ordinal);

    public async Task WaitAsync(string? tenantId, string? conversationId, CancellationToken cancellationToken)
    {
        if (conversationId is not null)
        {
            var window = _conversations.GetOrAdd(conversationId, _ => new SlidingWindow(Math.Max(1, options.MaxSendsPerConversationPerSecond)));
            await window.WaitAsync(time, cancellationToken);
            Prune(_conversations);
        }

        var tenant = _tenants.GetOrAdd(tenantId ?? string.Empty, _ => new SlidingWindow(Math.Max(1, options.MaxRequestsPerSecond)));
        await tenant.WaitAsync(time, cancellationToken);
        Prune(_tenants);
    }

    /// <summary>Forgets windows idle for a minute, so the maps do not grow with every chat or tenant ever seen.</summary>
    private void Prune(ConcurrentDictionary<string, SlidingWindow> windows)
    {
        if (windows.Count < 1024)
        {
            return;
        }

        var cutoff = time.GetUtcNow() - TimeSpan.FromMinutes(1);
        foreach (var (key, window) in windows)
        {
            if (window.LastUse < cutoff)
            {
                windows.TryRemove(key, out _);
            }
        }
    }

    private sealed class SlidingWindow(int limit)
    {
        private readonly Queue<DateTimeOffset> _calls = new();
        private readonly Lock _lock = new();

        public DateTimeOffset LastUse { get; private set; }

        public async Task WaitAsync(TimeProvider time, CancellationToken cancellationToken)
        {
            while (true)
            {
                TimeSpan delay;
                lock (_lock)
                {
                    var now = time.GetUtcNow();
                    while (_calls.Count > 0 && now - _calls.Peek() >= Window)
                    {
                        _calls.Dequeue();
                    }

                    if (_calls.Count < limit)
                    {
                        _calls.Enqueue(now);
                        LastUse = now;
                        return;
                    }

                    delay = Window - (now - _calls.Peek());
                }

                await Task.Delay(delay < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : delay, time, cancellationToken);
            }
        }
    }
}

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

public sealed record ResourceResponseResult(string? ActivityId, bool WasDuplicate);
