using MeetingPrep.Connectors.Caching;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Caching;

public sealed class ExpiringCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Concurrent_requests_for_one_key_share_one_fetch_until_it_expires()
    {
        var cache = new ExpiringCache<string>(TimeSpan.FromMinutes(10), _time);
        var fetches = 0;
        var gate = new TaskCompletionSource<string>();
        Task<string> Fetch(CancellationToken _)
        {
            Interlocked.Increment(ref fetches);
            return gate.Task;
        }

        var a = cache.GetAsync("k", Fetch, TestContext.Current.CancellationToken);
        var b = cache.GetAsync("k", Fetch, TestContext.Current.CancellationToken);
        gate.SetResult("value");

        Assert.Equal(["value", "value"], await Task.WhenAll(a, b));
        Assert.Equal(1, fetches);

        _time.Advance(TimeSpan.FromMinutes(11));
        gate = new TaskCompletionSource<string>();
        gate.SetResult("fresh");
        Assert.Equal("fresh", await cache.GetAsync("k", Fetch, TestContext.Current.CancellationToken));
        Assert.Equal(2, fetches);
    }

    [Fact]
    public async Task A_failed_fetch_is_not_cached()
    {
        var cache = new ExpiringCache<string>(TimeSpan.FromMinutes(10), _time);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("k", _ => Task.FromException<string>(new InvalidOperationException("down")), TestContext.Current.CancellationToken));

        Assert.Equal("ok", await cache.GetAsync("k", _ => Task.FromResult("ok"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_shared_fetch()
    {
        var cache = new ExpiringCache<string>(TimeSpan.FromMinutes(10), _time);
        var gate = new TaskCompletionSource<string>();
        using var impatient = new CancellationTokenSource();

        var first = cache.GetAsync("k", _ => gate.Task, impatient.Token);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        gate.SetResult("value");

        Assert.Equal("value", await cache.GetAsync("k", _ => Task.FromResult("other"), TestContext.Current.CancellationToken));
    }
}
