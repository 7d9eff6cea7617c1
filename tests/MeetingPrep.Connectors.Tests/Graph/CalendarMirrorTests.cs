using System.Text.Json.Nodes;
using MeetingPrep.Connectors.Graph;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Security;
using MeetingPrep.Core.Users;
using MeetingPrep.Storage;
using MeetingPrep.Storage.Crm;
using MeetingPrep.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Graph;

/// <summary>
/// The local calendar mirror, on SQLite and PostgreSQL (each through its own migrations), with the registered connector
/// over a Graph fake that records every request: sync rounds (what a change notification or the tick runs) keep the
/// mirror, a fresh mirror answers the briefing's calendar reads without Graph, a stale one does not.
/// </summary>
public sealed class CalendarMirrorTests : IAsyncDisposable
{
    private const string Meeting = "next-meeting";
    private readonly GraphFake _graph = new();
    private readonly List<IAsyncDisposable> _cleanup = [];
    private ServiceProvider? _services;
    private RecordingHandler? _wire;
    private string? _postgresAdmin;
    private string? _postgresName;

    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    private string DeltaPath => _graph.UserPath + "/calendarView/delta";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        foreach (var item in _cleanup)
        {
            await item.DisposeAsync();
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        _graph.Dispose();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_change_round_updates_the_mirror_and_a_deleted_event_leaves_it(string provider)
    {
        await StartAsync(provider);
        ServeRounds();
        await SyncAsync();
        var mirror = _services!.GetRequiredService<ICalendarMirror>();
        Assert.Equal("Renewal", (await mirror.GetMeetingAsync(GraphFake.User, Meeting, Ct))!.Subject);
        Assert.NotNull(await mirror.GetMeetingAsync(GraphFake.User, "to-be-deleted", Ct));

        var changes = await SyncAsync();

        Assert.False(changes.IsFullSync);
        Assert.Equal("Renewal, moved", (await mirror.GetMeetingAsync(GraphFake.User, Meeting, Ct))!.Subject);
        Assert.Null(await mirror.GetMeetingAsync(GraphFake.User, "to-be-deleted", Ct));
        var (from, to) = CalendarMirrorWindow.At(_graph.Clock.GetUtcNow());
        Assert.Equal(["earlier-meeting", "private-one", Meeting], (await mirror.GetMeetingsAsync(GraphFake.User, from, to, Ct)).Select(m => m.Id));
        Assert.Equal("Private appointment", (await mirror.GetMeetingAsync(GraphFake.User, "private-one", Ct))!.Subject);
        Assert.EndsWith("$deltatoken=round2", (await mirror.GetStateAsync(GraphFake.User, Ct))!.DeltaLink, StringComparison.Ordinal);

        // The rows are the tenant's: the same user id in another tenant sees no mirror at all.
        var elsewhere = GraphFake.User with { TenantId = "0e6b1f1c-0000-4000-8000-000000000001" };
        Assert.Null(await mirror.GetStateAsync(elsewhere, Ct));
        Assert.Null(await mirror.GetMeetingAsync(elsewhere, Meeting, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_briefing_reads_no_calendar_from_Graph_while_the_mirror_is_fresh(string provider)
    {
        await StartAsync(provider);
        ServeRounds();
        await SyncAsync();
        var before = CalendarRequests();

        await using var scope = UserScope();
        var briefings = scope.ServiceProvider.GetRequiredService<BriefingService>();
        var result = await briefings.GetBriefingAsync(GraphFake.User, Meeting, Ct);
        var gathered = await briefings.GatherAsync(GraphFake.User, Meeting, Ct);

        Assert.Equal(BriefingOutcome.Ready, result.Outcome);
        Assert.Equal(before, CalendarRequests());
        Assert.Equal(["earlier-meeting"], gathered!.Context.PriorMeetings.Select(m => m.Id));
        Assert.Equal(_graph.Clock.GetUtcNow(), result.Briefing!.CalendarSyncedAt);
        Assert.Contains(Briefing.CalendarSyncedNote(_graph.Clock.GetUtcNow()), result.Briefing.Notes);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_stale_mirror_falls_back_to_Graph(string provider)
    {
        await StartAsync(provider);
        ServeRounds();
        await SyncAsync();
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/events/" + Meeting).UsingGet())
            .RespondWith(Json(NextMeeting("Renewal, read live").ToJsonString()));
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/calendarView").UsingGet())
            .RespondWith(Json(GraphJson.Page([EarlierMeeting()])));
        _graph.Clock.Advance(TimeSpan.FromMinutes(_graph.Options.MirrorMaxAgeMinutes + 1));

        await using var scope = UserScope();
        var result = await scope.ServiceProvider.GetRequiredService<BriefingService>().GetBriefingAsync(GraphFake.User, Meeting, Ct);

        Assert.Equal(BriefingOutcome.Ready, result.Outcome);
        Assert.Equal("Renewal, read live", result.Meeting!.Subject);
        Assert.Single(_wire!.To("/events/" + Meeting));
        Assert.Single(_wire.To("/calendarView"));
        Assert.Null(result.Briefing!.CalendarSyncedAt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Forget_me_and_retention_delete_the_mirror(string provider)
    {
        await StartAsync(provider);
        ServeRounds();
        await SyncAsync();

        await using var scope = _services!.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(GraphFake.TenantId);
        var data = scope.ServiceProvider.GetRequiredService<IUserDataStore>();
        var purged = await data.PurgeOlderThanAsync(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), Ct);
        var forgotten = await data.ForgetUserAsync(GraphFake.TenantId, GraphFake.UserId, Ct);

        Assert.Equal(1, purged.CalendarMirror);
        Assert.Equal(3, forgotten.CalendarMirror);
        Assert.Null(await _services!.GetRequiredService<ICalendarMirror>().GetStateAsync(GraphFake.User, Ct));
    }

    private async Task StartAsync(string provider)
    {
        string connectionString;
        if (provider == "Sqlite")
        {
            // A shared in-memory database lives while one connection to it is open.
            connectionString = $"Data Source=file:mirror-{Guid.NewGuid():N}?mode=memory&cache=shared";
            var keepAlive = new SqliteConnection(connectionString);
            await keepAlive.OpenAsync(Ct);
            _cleanup.Add(keepAlive);
        }
        else
        {
            _postgresAdmin = Requires.PostgreSql();
            _postgresName = "meetingprep_test_" + Guid.NewGuid().ToString("N")[..12];
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_postgresName}\"", connection);
            await create.ExecuteNonQueryAsync(Ct);
            connectionString = new NpgsqlConnectionStringBuilder(_postgresAdmin) { Database = _postgresName }.ConnectionString;
        }

        _wire = new RecordingHandler(new SocketsHttpHandler());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_graph.Clock);
        services.AddStorage(new StorageOptions
        {
            Provider = provider == "Sqlite" ? StorageProvider.Sqlite : StorageProvider.Postgres,
            ConnectionString = connectionString,
        });
        services.AddGraphConnector(_graph.Options, _ => _wire, anonymous: true);
        services.AddBuiltInCrm();
        services.AddSingleton(GathererTimeouts.Default);
        services.AddScoped<ContextGatherer>();
        services.AddSingleton<IBriefingWriter>(new ExtractiveBriefingWriter(_graph.Clock));
        services.AddScoped<BriefingService>();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().EnterAllTenants();
        await StorageInitializer.MigrateAsync(scope.ServiceProvider.GetRequiredService<MeetingPrepDbContext>(), Ct);
        _graph.Server.Given(Request.Create().WithPath("/v1.0/organization").UsingGet())
            .RespondWith(Json(_graph.Fixture("organization-verifieddomains.json")));
    }

    private AsyncServiceScope UserScope()
    {
        var scope = _services!.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(GraphFake.TenantId);
        return scope;
    }

    /// <summary>One round as a change notification's job runs it: the mirror's window as of the clock's now.</summary>
    private async Task<CalendarChanges> SyncAsync()
    {
        await using var scope = _services!.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().EnterAllTenants();
        var (from, to) = CalendarMirrorWindow.At(_graph.Clock.GetUtcNow());
        return await scope.ServiceProvider.GetRequiredService<ICalendarChangeSource>().SyncAsync(GraphFake.User, from, to, Ct);
    }

    /// <summary>Calendar reads that are not sync rounds: calendarView and events by id.</summary>
    private int CalendarRequests() =>
        _wire!.Exchanges.Count(e => e.Uri.AbsolutePath.Contains("/events/", StringComparison.Ordinal)
            || e.Uri.AbsolutePath.EndsWith("/calendarView", StringComparison.Ordinal));

    /// <summary>A first round (the whole window), then a change round: the meeting moved, one meeting deleted.</summary>
    private void ServeRounds()
    {
        var link = _graph.BaseUrl + $"/users/{GraphFake.UserId}/calendarView/delta";
        _graph.Server.Given(Request.Create().WithPath(DeltaPath).WithParam("startDateTime").UsingGet()).AtPriority(5)
            .RespondWith(Json(GraphJson.Page(
                [
                    EarlierMeeting(),
                    NextMeeting("Renewal"),
                    GraphJson.Event("to-be-deleted", "2025-03-12T09:00:00.0000000", "2025-03-12T10:00:00.0000000"),
                    GraphJson.Event("private-one", "2025-03-10T07:00:00.0000000", "2025-03-10T07:30:00.0000000", subject: "Therapy", sensitivity: "private"),
                ],
                deltaLink: link + "?$deltatoken=round1")));
        _graph.Server.Given(Request.Create().WithPath(DeltaPath).WithParam("$deltatoken", "round1").UsingGet()).AtPriority(1)
            .RespondWith(Json(GraphJson.Page(
                [NextMeeting("Renewal, moved"), new JsonObject { ["id"] = "to-be-deleted", ["@removed"] = new JsonObject { ["reason"] = "deleted" } }],
                deltaLink: link + "?$deltatoken=round2")));
    }

    private static JsonObject NextMeeting(string subject) =>
        GraphJson.Event(Meeting, "2025-03-10T10:00:00.0000000", "2025-03-10T11:00:00.0000000", subject: subject, attendees: People);

    private static JsonObject EarlierMeeting() =>
        GraphJson.Event("earlier-meeting", "2025-02-20T10:00:00.0000000", "2025-02-20T11:00:00.0000000", subject: "Kick-off", attendees: People);

    private static readonly (string, string, string, string)[] People =
    [
        ("Adele Vance", "adelev@contoso.com", "required", "accepted"),
        ("Alex Kim", "alex.kim@fabrikam.com", "required", "accepted"),
    ];

    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
}
