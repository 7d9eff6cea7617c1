using MeetingPrep.Connectors.Llm;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Storage;
using MeetingPrep.Teams.Bot.Chat;
using MeetingPrep.Web.Api;
using MeetingPrep.Web.Auth;
using MeetingPrep.Web.Bot;
using MeetingPrep.Web.Crm;
using MeetingPrep.Web.Graph;
using MeetingPrep.Web.Scheduling;
using MeetingPrep.Web.Security;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeetingPrep.Web.Hosting;

/// <summary>The table of contents of the app: what is registered and mapped, per project.</summary>
public static class MeetingPrepHostingExtensions
{
    public static WebApplicationBuilder AddMeetingPrep(this WebApplicationBuilder builder, MeetingPrepSettings settings)
    {
        var services = builder.Services;
        services.AddMeetingPrepSettings(builder.Configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddStorage(settings.Storage);
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, WebJsonContext.Default));
        services.AddMeetingPrepAuthentication(settings);
        services.AddTenantIsolation(settings);
        services.AddMeetingPrepRateLimits();
        services.AddBriefingEngine(settings);
        services.AddTeamsBot(settings.Bot, builder.Environment);
        services.AddLocalization(o => o.ResourcesPath = WebText.ResourcesPath);
        services.AddModelChat(settings);
        services.AddContextSources(settings);
        services.AddProactiveDelivery(settings);
        services.AddGraphChangeNotifications(settings);
        services.AddReport();

        services.AddSingleton<SourceOutcomes>();
        services.AddHealthChecks()
            .Add(SourceHealthCheck.Registration("graph", settings.IsDemo ? "demo sandbox (Graph wire format)" : settings.Graph.BaseUrl, "calendar", "mail"))
            .Add(SourceHealthCheck.Registration("crm", settings.IsDemo ? "built-in store (demo data)" : settings.Crm.Provider.ToString(), "crm"))
            .AddCheck<WriterHealthCheck>("llm");
        return builder;
    }

    public static WebApplication MapMeetingPrep(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<MeetingPrepSettings>();
        app.UseHttpHardening();
        if (settings.IsDemo)
        {
            // The demo home page: the demo users' meetings, each briefing rendered by the official Adaptive Cards renderer.
            app.UseDefaultFiles();
            app.UseStaticFiles();
        }

        app.UseOutlookAddinFiles();

        app.UseAuthentication();
        app.UseTenantScope();
        app.UseAuthorization();

        // After authentication, so a signed-in user is limited as themselves rather than by address.
        app.UseRateLimiter();
        app.MapBriefingApi();
        app.MapBotEndpoints();
        app.MapCardApi();
        app.MapFollowUpApi();
        app.MapInvitationApi();
        app.MapWebText();
        app.MapCardActionApi();
        app.MapReportApi();
        app.MapTeamReportApi();
        app.MapReportPage();
        app.MapOutlookAddin();
        if (settings.UsesBuiltInCrm)
        {
            // Their handlers need the built-in store, which a remote CRM does not register.
            app.MapCrmEndpoints();
            app.MapCrmRecordPages();
        }

        app.MapGraphNotifications();
        app.MapProactiveDelivery();
        app.MapRetentionJob();
        app.MapOutcomeJob();
        app.MapUserDataRights();
        app.MapBriefingAuditApi();
        app.MapGraphChangeNotifications();
        if (settings.IsDemo)
        {
            app.MapDemoApi();
        }

        app.Lifetime.ApplicationStarted.Register(() => LogWelcome(app));
        return app;
    }

    /// <summary>The engine: gathering with per-source timeouts, the writer (LLM or extractive, by settings), and the briefing service.</summary>
    private static IServiceCollection AddBriefingEngine(this IServiceCollection services, MeetingPrepSettings settings)
    {
        // A source gets as long as its own call timeout, retries included: a briefing never waits out a long throttle.
        var graph = TimeSpan.FromSeconds(settings.Graph.TimeoutSeconds);
        services.AddSingleton(new GathererTimeouts(graph, graph, TimeSpan.FromSeconds(settings.Crm.TimeoutSeconds)));
        services.AddScoped<ContextGatherer>();
        services.AddBriefingWriter(settings.Llm);
        services.AddScoped<BriefingService>();
        services.AddScoped<BriefingAudience>();
        return services;
    }

    /// <summary>With the LLM on, chat questions go to the model first (the extractive answerer stays the fallback).</summary>
    private static IServiceCollection AddModelChat(this IServiceCollection services, MeetingPrepSettings settings)
    {
        if (!settings.Llm.Enabled)
        {
            return services;
        }

        services.AddSingleton<ChatMemory>();
        services.AddSingleton(new LlmChatSettings(settings.Llm.WriterName, TimeSpan.FromSeconds(settings.Llm.ChatTimeoutSeconds)));
        services.AddScoped<ExtractiveChatAnswerer>();
        services.AddScoped<IChatAnswerer>(sp => new LlmChatAnswerer(
            sp.GetRequiredService<Microsoft.Extensions.AI.IChatClient>(),
            sp.GetRequiredService<LlmChatSettings>(),
            sp.GetRequiredService<BriefingService>(),
            sp.GetRequiredService<ExtractiveChatAnswerer>(),
            new ExtractiveChatAnswerer(ActivatorUtilities.CreateInstance<BriefingService>(sp, sp.GetRequiredService<Core.Briefings.Writing.ExtractiveBriefingWriter>())),
            sp.GetRequiredService<ChatMemory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LlmChatAnswerer>>()));
        return services;
    }

    /// <summary>The tenant this deployment serves first: the demo's, or the app registration's (<c>Graph:TenantId</c>).</summary>
    public static string? HomeTenantId(IServiceProvider services) =>
        services.GetService<Demo.DemoTenant>()?.TenantId is { } demo ? demo : services.GetRequiredService<MeetingPrepSettings>().Graph.TenantId is { Length: > 0 } home ? home : null;

    /// <summary>Brings the database to the current schema before the app serves anything.</summary>
    public static async Task PrepareStorageAsync(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<MeetingPrepSettings>();
        if (settings.Storage.MigrateOnStart)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MeetingPrepDbContext>();
            await StorageInitializer.MigrateAsync(db, app.Lifetime.ApplicationStopping);
            if (settings.UsesBuiltInCrm && HomeTenantId(app.Services) is { } home)
            {
                await Storage.Crm.BuiltInCrmTenancy.AdoptUntenantedRowsAsync(db, home, app.Lifetime.ApplicationStopping);
            }
        }

        await SourcesSetup.SeedDemoCrmAsync(app.Services, app.Lifetime.ApplicationStopping);
        await SourcesSetup.SeedDemoEngagementAsync(app.Services, app.Lifetime.ApplicationStopping);
    }

    /// <summary>
    /// A dependency's entry from the last answer briefings got from it: degraded (briefings go out, labelled) while its
    /// latest call failed, healthy once it answers again or before anything asked it.
    /// </summary>
    private sealed class SourceHealthCheck(SourceOutcomes outcomes, string description, string[] kinds) : IHealthCheck
    {
        public static HealthCheckRegistration Registration(string name, string description, params string[] kinds) =>
            new(name, sp => new SourceHealthCheck(sp.GetRequiredService<SourceOutcomes>(), description, kinds), failureStatus: null, tags: null);

        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var last = outcomes.Latest(kinds);
            var at = last?.At.ToString("u", System.Globalization.CultureInfo.InvariantCulture);
            return Task.FromResult(last switch
            {
                null => HealthCheckResult.Healthy($"{description}; not asked yet"),
                { IsOk: true } => HealthCheckResult.Healthy($"{description}; last answered {at}"),
                _ => HealthCheckResult.Degraded($"{description}; last call {last.Outcome} at {at} ({last.Kind})"),
            });
        }
    }

    private static void LogWelcome(WebApplication app)
    {
        var settings = app.Services.GetRequiredService<MeetingPrepSettings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MeetingPrep");
        foreach (var url in app.Urls)
        {
            if (settings.IsDemo)
            {
                Log.DemoReady(logger, url);
            }
            else
            {
                Log.ProductionReady(logger, url);
            }
        }
    }

    /// <summary>The writer actually in use, its model, and how its last briefing went.</summary>
    private sealed class WriterHealthCheck(IBriefingWriter writer) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(HealthCheckResult.Healthy(LlmServiceCollectionExtensions.DescribeWriter(writer)));
    }
}
