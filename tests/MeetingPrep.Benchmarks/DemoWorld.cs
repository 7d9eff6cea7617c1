using MeetingPrep.Connectors.Graph;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Users;
using MeetingPrep.Demo;
using MeetingPrep.Storage;
using MeetingPrep.Storage.Crm;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Benchmarks;

/// <summary>
/// The demo host's engine without the web host: the production Graph connector over the in-process Graph sandbox, the
/// built-in CRM on SQLite in memory seeded from the demo tenant, the extractive writer and the briefing service, wired
/// as the host wires them in demo mode.
/// </summary>
internal sealed class DemoWorld : IAsyncDisposable
{
    private readonly SqliteConnection _keepAlive;

    private DemoWorld(DemoTenant tenant, GraphSandboxHandler sandbox, ServiceProvider services, SqliteConnection keepAlive)
    {
        Tenant = tenant;
        Sandbox = sandbox;
        Services = services;
        _keepAlive = keepAlive;
    }

    public DemoTenant Tenant { get; }

    public ServiceProvider Services { get; }

    /// <summary>The sandbox under the Graph connector; its request count shows how many Graph calls a step made.</summary>
    public GraphSandboxHandler Sandbox { get; }

    public static async Task<DemoWorld> CreateAsync(CancellationToken cancellationToken)
    {
        var tenant = DemoTenant.Create(DateTimeOffset.UtcNow);

        // A named shared in-memory database lives as long as one connection to it is open.
        var connectionString = $"Data Source=bench-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
        var keepAlive = new SqliteConnection(connectionString);
        await keepAlive.OpenAsync(cancellationToken);

        var sandbox = new GraphSandboxHandler(tenant);
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddGraphConnector(new GraphOptions { BaseUrl = GraphSandboxHandler.BaseUrl }, _ => sandbox, anonymous: true);
        services.AddStorage(new StorageOptions { ConnectionString = connectionString });
        services.AddBuiltInCrm(crm => crm.PublicBaseUrl = new Uri("http://localhost:3978"));
        services.AddSingleton(GathererTimeouts.Default);
        services.AddScoped<ContextGatherer>();
        services.AddScoped<IBriefingWriter, ExtractiveBriefingWriter>();
        services.AddScoped<BriefingService>();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SqliteMeetingPrepDbContext>().Database.EnsureCreatedAsync(cancellationToken);
            // As the demo host seeds it: record links point at this host's own CRM pages.
            await scope.ServiceProvider.GetRequiredService<IBuiltInCrmStore>().ReplaceAllAsync(tenant.Crm.WithoutLinks(), cancellationToken);
        }

        return new DemoWorld(tenant, sandbox, provider, keepAlive);
    }

    /// <summary>Every meeting in the next 14 days, for every demo user, that gets a briefing under the user's recipe.</summary>
    public async Task<IReadOnlyList<(UserRef User, Meeting Meeting)>> BriefedMeetingsAsync(CancellationToken cancellationToken)
    {
        var result = new List<(UserRef, Meeting)>();
        foreach (var user in Tenant.Users)
        {
            await using var scope = Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<BriefingService>();
            var meetings = await service.GetMeetingsAsync(user, Tenant.Now, Tenant.Now.AddDays(14), cancellationToken);
            result.AddRange(meetings.Where(m => m.Eligibility.IsBriefed).Select(m => (user, m.Meeting)));
        }

        return result;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _keepAlive.DisposeAsync();
    }
}
