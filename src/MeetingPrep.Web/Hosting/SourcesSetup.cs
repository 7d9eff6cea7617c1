using MeetingPrep.Connectors.Crm;
using MeetingPrep.Connectors.Graph;
using MeetingPrep.Core.Configuration;
using MeetingPrep.Core.Crm;
using MeetingPrep.Demo;
using MeetingPrep.Storage.Crm;
using MeetingPrep.Web.Auth;
using MeetingPrep.Web.Scenarios;

namespace MeetingPrep.Web.Hosting;

/// <summary>
/// Where calendar, mail and CRM context come from. Demo mode and production use the same connector code: the demo only
/// swaps Graph's network handler for the in-process Graph sandbox and seeds the built-in CRM with the demo accounts.
/// </summary>
public static class SourcesSetup
{
    public static IServiceCollection AddContextSources(this IServiceCollection services, MeetingPrepSettings settings)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IPublicBaseAddress, PublicBaseAddress>();
        if (settings.IsDemo)
        {
            if (settings.Demo.ScenarioPath is { Length: > 0 } path)
            {
                // A pack is judged whole at composition: a bad pack stops start-up with every problem listed.
                var scenario = ScenarioLoader.Load(path);
                services.AddSingleton(scenario);
                services.AddSingleton(scenario.Tenant);
                services.AddSingleton<TimeProvider>(new ScenarioClock(scenario.Pack.Now, settings.Demo.FreezeClock));
            }
            else
            {
                // The demo's "now" comes from the app's clock, so tests that fix the clock get the same tenant every run.
                services.AddSingleton(sp => DemoTenant.Create(sp.GetRequiredService<TimeProvider>().GetUtcNow(), settings.Demo.Seed));
            }

            services.AddSingleton(sp => new DemoDirectory(sp.GetRequiredService<DemoTenant>().Users));
            var sandboxOptions = new GraphOptions
            {
                BaseUrl = GraphSandboxHandler.BaseUrl,
                MaxConcurrencyPerMailbox = settings.Graph.MaxConcurrencyPerMailbox,
                TimeoutSeconds = settings.Graph.TimeoutSeconds,
                MirrorMaxAgeMinutes = settings.Graph.MirrorMaxAgeMinutes,
            };
            services.AddGraphConnector(sandboxOptions, sp => new GraphSandboxHandler(sp.GetRequiredService<DemoTenant>()), anonymous: true);
            services.AddBuiltInCrm();
            services.AddRecordLinks(settings);
            return services;
        }

        services.AddGraphConnector(settings.Graph);
        if (settings.UsesBuiltInCrm)
        {
            services.AddBuiltInCrm();
            services.AddRecordLinks(settings);
        }
        else
        {
            services.AddCrmConnector(settings.Crm);
        }

        return services;
    }

    /// <summary>The built-in CRM's citation links: only its own hosts, and signed links to its record pages.</summary>
    private static void AddRecordLinks(this IServiceCollection services, MeetingPrepSettings settings)
    {
        var key = string.IsNullOrEmpty(settings.Crm.RecordLinkKey)
            ? System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)
            : System.Text.Encoding.UTF8.GetBytes(settings.Crm.RecordLinkKey);
        services.AddSingleton(sp => new RecordLinkSigner(key, TimeSpan.FromHours(settings.Crm.RecordLinkHours), sp.GetRequiredService<TimeProvider>()));
        services.AddOptions<BuiltInCrmOptions>().Configure<RecordLinkSigner>((crm, signer) =>
        {
            crm.LinkSigner = signer;
            crm.LinkHosts = [.. settings.Crm.LinkHosts];
        });
    }

    /// <summary>
    /// The demo's CRM is reset to the demo accounts at every start, so its dates stay relative to today like the calendar's.
    /// Record links point at this host's own CRM record pages, so every citation opens.
    /// </summary>
    public static async Task SeedDemoCrmAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<DemoTenant>() is not { } tenant)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Core.Security.TenantScope>().Enter(tenant.TenantId);
        var store = scope.ServiceProvider.GetRequiredService<IBuiltInCrmStore>();
        await store.ReplaceAllAsync(tenant.Crm.WithoutLinks(), cancellationToken);
    }

    /// <summary>The demo's report history (<see cref="DemoEngagementHistory"/>, <see cref="DemoOutcomeHistory"/>), reset at every start like the CRM.</summary>
    public static async Task SeedDemoEngagementAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<DemoTenant>() is not { } tenant || !services.GetRequiredService<MeetingPrepSettings>().Demo.SeedEngagementHistory)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Core.Security.TenantScope>().Enter(tenant.TenantId);
        var log = scope.ServiceProvider.GetRequiredService<Core.Engagement.IEngagementLog>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await log.ReplaceTenantAsync(tenant.TenantId, DemoEngagementHistory.Create(tenant.TenantId, now), cancellationToken);
        await scope.ServiceProvider.GetRequiredService<Core.Outcomes.IMeetingOutcomeStore>()
            .ReplaceTenantAsync(tenant.TenantId, DemoOutcomeHistory.Create(tenant.TenantId, now), cancellationToken);
    }
}
