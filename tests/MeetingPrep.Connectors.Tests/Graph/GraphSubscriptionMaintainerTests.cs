using System.Text.Json.Nodes;
using MeetingPrep.Connectors.Graph;
using MeetingPrep.Connectors.Graph.Notifications;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Graph;

/// <summary>Subscriptions kept alive through the registered connector and the EF store on SQLite, against the fake Graph.</summary>
public sealed class GraphSubscriptionMaintainerTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly GraphFake _graph = new(o =>
    {
        o.NotificationUrl = "https://meetingprep.example/api/graph/notifications";
        o.NotificationClientState = "secret-state";
        o.SubscriptionLifetimeMinutes = 4200;
    });

    private readonly string _connectionString = $"Data Source=file:graph-subs-{Guid.NewGuid():N}?mode=memory&cache=shared";
    private SqliteConnection? _keepAlive;
    private ServiceProvider? _services;
    private RecordingHandler? _wire;
    private int _created;

    public async ValueTask InitializeAsync()
    {
        _keepAlive = new SqliteConnection(_connectionString);
        await _keepAlive.OpenAsync();
        _wire = new RecordingHandler(new SocketsHttpHandler());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddStorage(new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = _connectionString });
        services.AddGraphConnector(_graph.Options, _ => _wire, anonymous: true);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using var scope = _services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().EnterAllTenants();
        await scope.ServiceProvider.GetRequiredService<SqliteMeetingPrepDbContext>().Database.EnsureCreatedAsync();

        // Graph grants a bit less than asked, as it may; the connector must renew against what was granted.
        _graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions").UsingPost()).RespondWith(
            Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(req =>
            {
                var sent = JsonNode.Parse(req.Body!)!.AsObject();
                sent["id"] = $"sub-{Interlocked.Increment(ref _created)}";
                sent["expirationDateTime"] = _time.GetUtcNow().AddMinutes(4000).ToString("o");
                return sent.ToJsonString();
            }));
        _graph.Server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher("/v1.0/subscriptions/sub-*")).UsingPatch()).AtPriority(10).RespondWith(
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(
                _ => new JsonObject { ["expirationDateTime"] = _time.GetUtcNow().AddMinutes(4100).ToString("o") }.ToJsonString()));
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

    private async Task<T> InScopeAsync<T>(Func<GraphSubscriptionMaintainer, IChangeSubscriptionStore, Task<T>> action)
    {
        await using var scope = _services!.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().EnterAllTenants();
        return await action(scope.ServiceProvider.GetRequiredService<GraphSubscriptionMaintainer>(), scope.ServiceProvider.GetRequiredService<IChangeSubscriptionStore>());
    }

    private Task<ChangeSubscription> EnsureAsync() =>
        InScopeAsync((m, _) => m.EnsureAsync(GraphFake.TenantId, GraphFake.UserId, TestContext.Current.CancellationToken));

    private Task<ChangeSubscription?> StoredAsync() =>
        InScopeAsync((_, s) => s.GetForUserAsync(GraphFake.TenantId, GraphFake.UserId, TestContext.Current.CancellationToken));

    private static GraphNotificationWork Lifecycle(GraphNotificationKind kind, string subscriptionId) =>
        new(kind, subscriptionId, GraphFake.TenantId, null, null, null, null, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_subscription_is_created_once_stored_and_renewed_only_after_half_life()
    {
        var first = await EnsureAsync();
        var again = await EnsureAsync();

        Assert.Equal("sub-1", first.Id);
        Assert.Equal(first, again);
        Assert.Equal(first, await StoredAsync());
        Assert.Single(_wire!.Exchanges);

        _time.Advance(TimeSpan.FromMinutes(2001));
        var renewed = await EnsureAsync();

        Assert.Equal("sub-1", renewed.Id);
        Assert.Equal(_time.GetUtcNow().AddMinutes(4100), renewed.Expires);
        Assert.Equal(renewed, await StoredAsync());
        Assert.Equal(["POST", "PATCH"], _wire.Exchanges.Select(e => e.Method));
    }

    [Fact]
    public async Task A_subscription_graph_no_longer_knows_is_recreated()
    {
        _graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions/sub-1").UsingPatch()).AtPriority(1).RespondWith(
            Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"ResourceNotFound","message":"The object was not found."}}"""));
        await EnsureAsync();
        _time.Advance(TimeSpan.FromMinutes(2500));

        var replaced = await EnsureAsync();

        Assert.Equal("sub-2", replaced.Id);
        Assert.Equal("sub-2", (await StoredAsync())!.Id);
        Assert.Null(await InScopeAsync((_, s) => s.GetAsync("sub-1", TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Lifecycle_notifications_renew_recreate_or_ask_for_a_resync()
    {
        await EnsureAsync();

        var afterReauth = await InScopeAsync((m, _) => m.HandleLifecycleAsync(Lifecycle(GraphNotificationKind.ReauthorizationRequired, "sub-1"), TestContext.Current.CancellationToken));
        Assert.False(afterReauth);
        Assert.Equal("PATCH", _wire!.Exchanges[^1].Method);

        var afterRemoved = await InScopeAsync((m, _) => m.HandleLifecycleAsync(Lifecycle(GraphNotificationKind.SubscriptionRemoved, "sub-1"), TestContext.Current.CancellationToken));
        Assert.True(afterRemoved);
        Assert.Equal("sub-2", (await StoredAsync())!.Id);

        var requestsBefore = _wire.Exchanges.Count;
        Assert.True(await InScopeAsync((m, _) => m.HandleLifecycleAsync(Lifecycle(GraphNotificationKind.Missed, "sub-2"), TestContext.Current.CancellationToken)));
        Assert.False(await InScopeAsync((m, _) => m.HandleLifecycleAsync(Lifecycle(GraphNotificationKind.ReauthorizationRequired, "unknown"), TestContext.Current.CancellationToken)));
        Assert.Equal(requestsBefore, _wire.Exchanges.Count);
    }

    [Fact]
    public async Task The_renewal_job_renews_only_what_is_due()
    {
        await EnsureAsync();

        Assert.Equal(new RenewalSummary(0, 0, 0), await InScopeAsync((m, _) => m.RenewExpiringAsync(_ => true, TestContext.Current.CancellationToken)));
        _time.Advance(TimeSpan.FromMinutes(2100));
        Assert.Equal(new RenewalSummary(1, 0, 0), await InScopeAsync((m, _) => m.RenewExpiringAsync(_ => true, TestContext.Current.CancellationToken)));
        Assert.Equal(["POST", "PATCH"], _wire!.Exchanges.Select(e => e.Method));
    }

    [Fact]
    public async Task A_subscription_of_a_user_who_left_is_deleted_in_graph_and_here_instead_of_renewed()
    {
        _graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions/sub-1").UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));
        await EnsureAsync();
        _time.Advance(TimeSpan.FromMinutes(2100));

        var summary = await InScopeAsync((m, _) => m.RenewExpiringAsync(_ => false, TestContext.Current.CancellationToken));

        Assert.Equal(new RenewalSummary(0, 1, 0), summary);
        Assert.Equal(["POST", "DELETE"], _wire!.Exchanges.Select(e => e.Method));
        Assert.Null(await StoredAsync());
    }

    [Fact]
    public async Task One_failed_renewal_does_not_stop_the_others()
    {
        _graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions/sub-1").UsingPatch()).AtPriority(1).RespondWith(
            Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"ExtensionError","message":"Operation: Update; Exception: [Status Code: Forbidden]"}}"""));
        await EnsureAsync();
        await InScopeAsync((m, _) => m.EnsureAsync(GraphFake.TenantId, "second-user", TestContext.Current.CancellationToken));
        _time.Advance(TimeSpan.FromMinutes(2100));

        var summary = await InScopeAsync((m, _) => m.RenewExpiringAsync(_ => true, TestContext.Current.CancellationToken));

        Assert.Equal(new RenewalSummary(1, 0, 1), summary);
    }
}
