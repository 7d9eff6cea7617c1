using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Hangfire.Storage.SQLite;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage;
using MeetingPrep.Web.Hosting;
using MeetingPrep.Web.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeetingPrep.Web.Scheduling;

/// <summary>
/// Proactive delivery: the tick (<see cref="ProactiveBriefingPlanner"/>) and, when <c>Scheduler:Enabled</c>, Hangfire
/// running it every <c>Scheduler:IntervalMinutes</c> on storage matching <c>Storage:Provider</c>.
/// </summary>
public static class ProactiveDeliveryExtensions
{
    public const string DashboardPath = "/jobs";
    public const string PostgresSchema = "hangfire";
    // Each user's deliveries are a job of their own: more workers than the old single tick, so a slow mailbox holds one.
    private const int WorkerCount = 4;

    /// <summary>Registers the tick, the delivery log and (when enabled) Hangfire; call after <c>AddStorage</c> and <c>AddTeamsBot</c>.</summary>
    public static IServiceCollection AddProactiveDelivery(this IServiceCollection services, MeetingPrepSettings settings)
    {
        var scheduler = settings.Scheduler;
        var interval = TimeSpan.FromMinutes(scheduler.IntervalMinutes);
        services.AddSingleton(new ProactiveDeliveryOptions
        {
            TickInterval = interval,
            MaxRetryBackoff = interval,
            LeaseDuration = TimeSpan.FromSeconds(scheduler.LeaseSeconds),
            InstanceId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}",
        });
        services.AddDeliveryLog();
        services.AddScoped<ProactiveBriefingPlanner>();
        if (settings.Storage.Provider == StorageProvider.Postgres)
        {
            services.AddSingleton<IJobLock>(sp => new PostgresJobLock(settings.Storage.EffectiveConnectionString, sp.GetRequiredService<ILogger<PostgresJobLock>>()));
        }
        else
        {
            services.AddSingleton<IJobLock, InProcessJobLock>();
        }

        services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler").AddCheck<DeliveryHealthCheck>("deliveries");

        if (!scheduler.Enabled)
        {
            return services;
        }

        services.AddScoped<ProactiveDeliveryJob>();
        services.AddScoped<Graph.CalendarMirrorRefresh>();
        services.AddScoped<ProactiveWaveFanOut>();
        services.AddScoped<JobHistoryPurgeJob>();
        var storage = settings.Storage;
        services.AddHangfire(config =>
        {
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            switch (storage.Provider)
            {
                case StorageProvider.Postgres:
                    config.UsePostgreSqlStorage(
                        pg => pg.UseNpgsqlConnection(storage.EffectiveConnectionString),
                        new PostgreSqlStorageOptions { SchemaName = PostgresSchema, PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromSeconds(5) });
                    break;
                default:
                    config.UseSQLiteStorage(JobDatabasePath(scheduler, storage), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(2) });
                    break;
            }
        });
        services.AddHangfireServer(server =>
        {
            server.WorkerCount = WorkerCount;
            server.ServerName = $"meetingprep:{Environment.MachineName}:{Environment.ProcessId}";
            server.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        });
        return services;
    }

    /// <summary>
    /// Schedules the recurring tick (replacing a previous schedule, so a changed interval takes effect on restart) and,
    /// in demo mode under Development only, the Hangfire dashboard at <see cref="DashboardPath"/> for local requests.
    /// Production never maps the dashboard.
    /// </summary>
    public static WebApplication MapProactiveDelivery(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<MeetingPrepSettings>();
        if (!settings.Scheduler.Enabled)
        {
            return app;
        }

        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ProactiveDeliveryJob>(
            ProactiveDeliveryJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            Cron.MinuteInterval(settings.Scheduler.IntervalMinutes),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ProactiveDeliveryJob>(
            ProactiveDeliveryJob.ResumeJobId, job => job.ResumeAsync(CancellationToken.None), Cron.Minutely(), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<JobHistoryPurgeJob>(
            JobHistoryPurgeJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Daily(3, 30), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
                Telemetry.ObserveJobQueue(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), app.Services.GetRequiredService<JobStorage>());

        if (settings.IsDemo && app.Environment.IsDevelopment())
        {
            // Hangfire's default filter admits local requests only.
            app.UseHangfireDashboard(DashboardPath, new DashboardOptions { DisplayStorageConnectionString = false });
        }

        return app;
    }

    /// <summary>
    /// The Hangfire SQLite file: <c>Scheduler:JobDatabasePath</c>, else <c>hangfire.db</c> beside the app's SQLite file,
    /// else (an in-memory app database) a file in the temp folder unique to this process.
    /// </summary>
    internal static string JobDatabasePath(SchedulerOptions scheduler, StorageOptions storage)
    {
        if (!string.IsNullOrWhiteSpace(scheduler.JobDatabasePath))
        {
            return Path.GetFullPath(scheduler.JobDatabasePath);
        }

        var dataSource = new SqliteConnectionStringBuilder(storage.EffectiveConnectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return Path.Combine(Path.GetTempPath(), $"meetingprep-hangfire-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource)) ?? ".";
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, "hangfire.db");
    }
}

/// <summary>
/// The <c>deliveries</c> entry of <c>/health</c>, over the last hour of the log every instance shares: cards sent and
/// their delay from due to sent (median, longest), the backlog (claimed, in flight or waiting for a retry, meeting not
/// started), claims whose instance died and nobody took over yet, and posts of unknown outcome. Degraded when a claim
/// is stuck or a card went out more than two intervals late; unhealthy when the log cannot be read.
/// </summary>
internal sealed class DeliveryHealthCheck(MeetingPrepSettings settings, IServiceScopeFactory scopes, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // The figures cover every tenant's deliveries (an operator's view; no row content leaves the database).
            await using var scope = scopes.CreateAllTenantsScope();
            var health = await scope.ServiceProvider.GetRequiredService<IDeliveryMonitor>().GetHealthAsync(time.GetUtcNow(), Window, cancellationToken);
            var lag = health.MedianLag is { } median
                ? $"lag median {median.TotalSeconds:0} s, max {health.MaxLag!.Value.TotalSeconds:0} s"
                : "no lag measured";
            var description = string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"last hour: {health.Sent} sent, {lag}; backlog {health.Backlog}, {health.Stuck} stuck, {health.Unknown} of unknown outcome");
            var late = health.MaxLag > TimeSpan.FromMinutes(2 * settings.Scheduler.IntervalMinutes);
            return health.Stuck > 0 || late ? HealthCheckResult.Degraded(description) : HealthCheckResult.Healthy(description);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"delivery log unavailable ({ex.GetType().Name})");
        }
    }
}

/// <summary>The <c>scheduler</c> entry of <c>/health</c>: off, or the job engine with its servers and the tick's last run.</summary>
internal sealed class SchedulerHealthCheck(MeetingPrepSettings settings, IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = settings.Scheduler;
        if (!scheduler.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("off (Scheduler:Enabled=false): no proactive briefings"));
        }

        var engine = $"Hangfire on {settings.Storage.Provider}, every {scheduler.IntervalMinutes} min";
        try
        {
            var storage = services.GetRequiredService<JobStorage>();
            var servers = storage.GetMonitoringApi().Servers().Count;
            using var connection = storage.GetConnection();
            var job = connection.GetRecurringJobs([ProactiveDeliveryJob.RecurringJobId]).FirstOrDefault();
            var last = job?.LastExecution is { } at ? at.ToString("u", System.Globalization.CultureInfo.InvariantCulture) : "not yet";
            var description = $"{engine}; {servers} server(s); last tick {last}";
            return Task.FromResult(servers > 0 && job is not null ? HealthCheckResult.Healthy(description) : HealthCheckResult.Degraded(description));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"{engine}; job storage unavailable ({ex.GetType().Name})"));
        }
    }
}
