using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace MeetingPrep.Storage.Tests.Graph;

/// <summary>The EF stores behind calendar delta sync and change subscriptions, on SQLite in memory.</summary>
public sealed class GraphStateStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 10, 12, 0, 0, TimeSpan.FromHours(1));
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private SqliteMeetingPrepDbContext? _db;

    public async ValueTask InitializeAsync()
    {
        await _connection.OpenAsync();
        _db = new SqliteMeetingPrepDbContext(new DbContextOptionsBuilder<SqliteMeetingPrepDbContext>().UseSqlite(_connection).Options, TenantScope.AllTenants());
        await _db.Database.EnsureCreatedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        await _connection.DisposeAsync();
    }

    [Fact]
    public async Task Sync_state_is_saved_replaced_read_back_in_utc_and_deleted()
    {
        var store = new EfCalendarSyncStateStore(_db!);
        var ct = TestContext.Current.CancellationToken;
        var longLink = "https://graph.microsoft.com/v1.0/users/u/calendarView/delta?$deltatoken=" + new string('x', 3000);

        await store.SaveAsync("t", "u", new CalendarSyncState("first", T0, T0.AddDays(7), T0), ct);
        await store.SaveAsync("t", "u", new CalendarSyncState(longLink, T0, T0.AddDays(7), T0.AddHours(1)), ct);
        var read = await store.GetAsync("t", "u", ct);

        Assert.NotNull(read);
        Assert.Equal(longLink, read.DeltaLink);
        Assert.Equal(T0, read.WindowStart);
        Assert.Equal(TimeSpan.Zero, read.WindowStart.Offset);
        Assert.Null(await store.GetAsync("t", "other", ct));

        await store.DeleteAsync("t", "u", ct);
        Assert.Null(await store.GetAsync("t", "u", ct));
    }

    [Fact]
    public async Task A_users_new_subscription_replaces_the_old_one_and_expiring_ones_are_listed()
    {
        var store = new EfChangeSubscriptionStore(_db!);
        var ct = TestContext.Current.CancellationToken;
        await store.SaveAsync(new ChangeSubscription("sub-1", "t", "u", "/users/u/events", T0.AddDays(3), T0), ct);
        await store.SaveAsync(new ChangeSubscription("sub-9", "t", "v", "/users/v/events", T0.AddDays(1), T0), ct);
        await store.SaveAsync(new ChangeSubscription("sub-2", "t", "u", "/users/u/events", T0.AddDays(3), T0.AddHours(1)), ct);

        Assert.Null(await store.GetAsync("sub-1", ct));
        Assert.Equal("sub-2", (await store.GetForUserAsync("t", "u", ct))!.Id);
        Assert.Equal(["sub-9"], (await store.ListExpiringAsync(T0.AddDays(2), ct)).Select(s => s.Id));

        await store.SaveAsync(new ChangeSubscription("sub-2", "t", "u", "/users/u/events", T0.AddDays(5), T0.AddDays(2)), ct);
        Assert.Equal(T0.AddDays(5), (await store.GetAsync("sub-2", ct))!.Expires);

        await store.DeleteAsync("sub-2", ct);
        Assert.Null(await store.GetForUserAsync("t", "u", ct));
    }
}
