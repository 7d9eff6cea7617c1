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
