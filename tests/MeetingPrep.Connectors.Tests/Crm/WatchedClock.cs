using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace MeetingPrep.Connectors.Tests.Crm;

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

    /// <summary>Completes when a timer due in exactly <paramref name="dueTime"/> is started (or was, since the last such wait).</summary>
    public async Task StartedAsync(TimeSpan dueTime, CancellationToken cancellationToken)
    {
        await foreach (var due in _started.Reader.ReadAllAsync(cancellationToken))
        {
            if (due == dueTime)
            {
                return;
            }
        }
    }
}
