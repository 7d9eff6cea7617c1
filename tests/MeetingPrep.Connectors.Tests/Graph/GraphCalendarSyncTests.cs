using System.Text.Json.Nodes;
using MeetingPrep.Connectors.Graph;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Graph;

/// <summary>
/// calendarView/delta through the registered connector (AddGraphConnector + AddStorage on SQLite), so the delta link is
/// persisted by the real EF store and reused on the next call.
/// </summary>
public sealed class GraphCalendarSyncTests : IAsyncLifetime
{
    private static readonly DateTimeOffset From = new(2025, 3, 10, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2025, 3, 17, 0, 0, 0, TimeSpan.Zero);
    private readonly GraphFake _graph = new();
    private readonly string _connectionString = $"Data Source=file:graph-sync-{Guid.NewGuid():N}?mode=memory&cache=shared";
    private SqliteConnection? _keepAlive;
    private ServiceProvider? _services;
    private RecordingHandler? _wire;

    private string DeltaPath => _graph.UserPath + "/calendarView/delta";

    public async ValueTask InitializeAsync()
    {
        // A shared in-memory database lives while one connection to it is open.
        _keepAlive = new SqliteConnection(_connectionString);
        await _keepAlive.OpenAsync();
        _wire = new RecordingHandler(new SocketsHttpHandler());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStorage(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = _connectionString });
        services.AddGraphConnector(_graph.Options, _ => _wire, anonymous: true);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().EnterAllTenants();
        await scope.ServiceProvider.GetRequiredService<SqliteMeetingPrepDbContext>().Database.EnsureCreatedAsync();
        _graph.Server.Given(Request.Create().WithPath("/v1.0/organization").UsingGet())
            .RespondWith(Json(_graph.Fixture("organization-verifieddomains.json")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_keepAlive is not null)
        {
            await _keepAlive.DisposeAsync();
        }

        _graph.Dispose();
    }

    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    private static JsonObject Removed(string id) => new() { ["id"] = id, ["@removed"] = new JsonObject { ["reason"] = "deleted" } };

    private async Task<CalendarChanges> SyncAsync(DateTimeOffset from, DateTimeOffset to)
    {
        await using var scope = _services!.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().EnterAllTenants();
        return await scope.ServiceProvider.GetRequiredService<ICalendarChangeSource>().SyncAsync(GraphFake.User, from, to, TestContext.Current.CancellationToken);
    }

    private async Task<CalendarSyncState?> StoredAsync()
    {
        await using var scope = _services!.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().EnterAllTenants();
        return await scope.ServiceProvider.GetRequiredService<ICalendarSyncStateStore>().GetAsync(GraphFake.TenantId, GraphFake.UserId, TestContext.Current.CancellationToken);
    }

    private void ServeFirstRound()
    {
        var link = _graph.BaseUrl + $"/users/{GraphFake.UserId}/calendarView/delta";
        _graph.Server.Given(Request.Create().WithPath(DeltaPath).WithParam("startDateTime").UsingGet()).AtPriority(5)
            .RespondWith(Json(GraphJson.Page(
                [
                    GraphJson.Event("in-window", "2025-03-11T09:00:00.0000000", "2025-03-11T10:00:00.0000000", "W. Europe Standard Time"),
                    GraphJson.Event("master", "2025-03-01T09:00:00.0000000", "2025-03-01T10:00:00.0000000", type: "seriesMaster"),
                ],
                nextLink: link + "?$skiptoken=page2")));
        _graph.Server.Given(Request.Create().WithPath(DeltaPath).WithParam("$skiptoken", "page2").UsingGet()).AtPriority(1)
            .RespondWith(Json(GraphJson.Page(
                [
                    Removed("deleted-one"),
                    GraphJson.Event("moved-out", "2025-04-20T09:00:00.0000000", "2025-04-20T10:00:00.0000000"),
                    GraphJson.Event("private", "2025-03-12T09:00:00.0000000", "2025-03-12T10:00:00.0000000", subject: "Therapy", sensitivity: "private"),
                ],
                deltaLink: link + "?$deltatoken=round1")));
    }

    [Fact]
    public async Task First_round_pages_to_the_delta_link_filters_the_window_and_persists_the_link()
    {
        ServeFirstRound();

        var changes = await SyncAsync(From, To);

        Assert.True(changes.IsFullSync);
        Assert.Equal(["in-window", "private"], changes.Upserted.Select(m => m.Id));
        Assert.Equal("Private appointment", changes.Upserted[1].Subject);
        Assert.Equal(["deleted-one", "moved-out"], changes.RemovedIds.Order());
        var requests = _wire!.To("/calendarView/delta");
        Assert.Equal(2, requests.Count);
        Assert.Equal("2025-03-10T00:00:00.0000000Z", requests[0].Query("startDateTime"));
        Assert.Equal("2025-03-17T00:00:00.0000000Z", requests[0].Query("endDateTime"));
        Assert.False(requests[0].HasQuery("$select"));
        Assert.All(requests, r => Assert.Equal("odata.maxpagesize=50", r.Prefer));
        var stored = await StoredAsync();
        Assert.NotNull(stored);
        Assert.EndsWith("$deltatoken=round1", stored.DeltaLink, StringComparison.Ordinal);
        Assert.Equal(From, stored.WindowStart);
        Assert.Equal(To, stored.WindowEnd);
    }

    [Fact]
    public async Task The_next_call_resumes_from_the_stored_delta_link_and_stores_the_new_one()
    {
        ServeFirstRound();
        var link = _graph.BaseUrl + $"/users/{GraphFake.UserId}/calendarView/delta";
        _graph.Server.Given(Request.Create().WithPath(DeltaPath).WithParam("$deltatoken", "round1").UsingGet()).AtPriority(1)
            .RespondWith(Json(GraphJson.Page([GraphJson.Event("new-one", "2025-03-14T09:00:00.0000000", "2025-03-14T10:00:00.0000000"), Removed("in-window")], deltaLink: link + "?$deltatoken=round2")));
        await SyncAsync(From, To);

        var changes = await SyncAsync(From, To);

        Assert.False(changes.IsFullSync);
        Assert.Equal(["new-one"], changes.Upserted.Select(m => m.Id));
        Assert.Equal(["in-window"], changes.RemovedIds);
        var resumed = _wire!.To("/calendarView/delta")[2];
        Assert.Equal("round1", resumed.Query("$deltatoken"));
        Assert.False(resumed.HasQuery("startDateTime"));
        Assert.Equal("odata.maxpagesize=50", resumed.Prefer);
        Assert.EndsWith("$deltatoken=round2", (await StoredAsync())!.DeltaLink, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_window_starts_a_fresh_round()
    {
        ServeFirstRound();
        await SyncAsync(From, To);

        var changes = await SyncAsync(From.AddDays(1), To.AddDays(1));

        Assert.True(changes.IsFullSync);
        var requests = _wire!.To("/calendarView/delta");
        Assert.Equal(4, requests.Count);
        Assert.Equal("2025-03-11T00:00:00.0000000Z", requests[2].Query("startDateTime"));
        Assert.Equal(From.AddDays(1), (await StoredAsync())!.WindowStart);
    }

    [Fact]
    public async Task An_expired_delta_link_falls_back_to_a_full_round()
    {
        ServeFirstRound();
        _graph.Server.Given(Request.Create().WithPath(DeltaPath).WithParam("$deltatoken", "round1").UsingGet()).AtPriority(1)
            .RespondWith(Json("""{"error":{"code":"SyncStateNotFound","message":"The sync state generation is not found."}}""", 410));
        await SyncAsync(From, To);

        var changes = await SyncAsync(From, To);

        Assert.True(changes.IsFullSync);
        Assert.Equal(["in-window", "private"], changes.Upserted.Select(m => m.Id));
        Assert.Equal([200, 200, 410, 200, 200], _wire!.To("/calendarView/delta").Select(r => r.Status));
    }

    [Fact]
    public async Task The_registration_resolves_every_source_over_the_given_primary_handler()
    {
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/calendarView").UsingGet())
            .RespondWith(Json(GraphJson.Page([GraphJson.Event("e1", "2025-03-11T09:00:00.0000000", "2025-03-11T10:00:00.0000000")])));

        var calendar = _services!.GetRequiredService<ICalendarSource>();
        var meetings = await calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken);

        Assert.IsType<MirroredCalendarSource>(calendar);
        Assert.IsType<GraphMailSource>(_services!.GetRequiredService<IMailSource>());
        Assert.Single(meetings);
        Assert.Equal(2, _wire!.Exchanges.Count);
    }
}
