using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace MeetingPrep.Connectors.Tests;

/// <summary>
/// A fake clock that reports every timer started on it, so a test moves time on exactly when the code under test waits
/// (a Retry-After), instead of sleeping or guessing.
/// </summary>
internal sealed class WatchedClock(DateTimeOffset start) : TimeProvider
{
    private readonly FakeTimeProvider _fake = new(start);
    private readonly Channel<TimeSpan> _started = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        _started.Writer.TryWrite(dueTime);
        return timer;
    }

    public void Advance(TimeSpan by) => _fake.Advance(by);

    /// <summary>
    /// Runs <paramref name="work"/> to its end, moving time on by each wait it starts of at most <paramref name="longest"/>
    /// (a Retry-After, with any jitter), at once; longer timers (call timeouts) only move as far as those waits take them.
    /// </summary>
    public async Task<T> RunAsync<T>(Task<T> work, TimeSpan longest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        while (!work.IsCompleted)
        {
            var started = NextStartedAsync(due => due > TimeSpan.Zero && due <= longest, cancellationToken);
            if (await Task.WhenAny(work, started) == started)
            {
                Advance(await started);
            }
        }

        return await work;
    }

    /// <summary>Completes when a timer due in exactly <paramref name="dueTime"/> is started (or was, since the last such wait).</summary>
    public Task StartedAsync(TimeSpan dueTime, CancellationToken cancellationToken) => NextStartedAsync(due => due == dueTime, cancellationToken);

    /// <summary>Completes with the due time of the next timer started whose due time is <paramref name="wanted"/>.</summary>
    public async Task<TimeSpan> NextStartedAsync(Func<TimeSpan, bool> wanted, CancellationToken cancellationToken)
    {
        await foreach (var due in _started.Reader.ReadAllAsync(cancellationToken))
        {
            if (wanted(due))
            {
                return due;
            }
        }

        throw new OperationCanceledException(cancellationToken);
    }
}
