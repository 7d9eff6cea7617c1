using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Security;
using MeetingPrep.Demo;
using MeetingPrep.Storage;
using MeetingPrep.Web.Scheduling;
using MeetingPrep.Web.Security;
using MeetingPrep.Web.Tests.Bot;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Xunit;

namespace MeetingPrep.Web.Tests.Scheduling;

/// <summary>
/// Proactive delivery through the real host: Hangfire's server (SQLite job store) runs the recurring tick against the
/// demo tenant, and the briefing card arrives at the fake Bot Connector on 127.0.0.1 exactly once.
/// </summary>
[Collection(JobEngineGroup.Name)]
public sealed class SchedulerHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_recurring_job_posts_the_briefing_card_once_when_the_lead_time_arrives(string provider)
    {
        var jobDatabase = Path.Combine(Path.GetTempPath(), $"meetingprep-hangfire-test-{Guid.NewGuid():N}.db");
        var clock = new FakeTimeProvider(MeetingPrepApp.FixedNow);
        await using var postgres = provider == "Postgres" ? await PostgresDatabase.CreateAsync() : null;
        await using var connector = await FakeConnector.StartAsync();
        var extra = new Dictionary<string, string?>
        {
            ["Scheduler:Enabled"] = "true",
            ["Scheduler:IntervalMinutes"] = "1",
            ["Scheduler:JobDatabasePath"] = jobDatabase,
        };
        if (postgres is not null)
        {
            extra["Storage:Provider"] = "Postgres";
            extra["Storage:ConnectionString"] = postgres.ConnectionString;
        }

        await using var bot = new BotHost(channel: null, connector, withCredentials: true, demo: true, realDemoTenant: true, extra: extra);
        if (postgres is null)
        {
            await bot.EnsureSchemaAsync();
        }
        await using var host = bot.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        }));
        using var client = host.CreateClient();

        try
        {
            // Lena's next briefed meeting in the demo tenant, and the moment its briefing is due.
            var lena = host.Services.GetRequiredService<DemoTenant>().GetUser("lena.vogt@contoso.com");
            Meeting meeting;
            int lead;
            await using (var scope = host.Services.CreateAllTenantsScope())
            {
                var briefings = scope.ServiceProvider.GetRequiredService<BriefingService>();
                meeting = (await briefings.FindNextBriefedMeetingAsync(lena, MeetingPrepApp.FixedNow, Ct))!;
                lead = (await briefings.GetRecipeAsync(lena, Ct)).LeadTimeMinutes;
                await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().SaveAsync(
                    new ConversationReference(lena.TenantId, "a:1lena-personal", connector.ServiceUrl, "msteams", "personal", "28:" + TestChannel.AppId,
                        "29:lena", lena.UserId, lena.Upn, lena.DisplayName, "en-US", "UTC", true, MeetingPrepApp.FixedNow),
                    Ct);
            }

            Assert.NotNull(meeting);
            clock.SetUtcNow(meeting.Start.AddMinutes(-lead + 1));

            // The tick fans out one job per recipient; the server runs it. A tick that finds another one running (the
            // schedule's own, when the wall clock crosses its minute) is skipped, but that one enqueues Lena just the same.
            var jobs = host.Services.GetRequiredService<IRecurringJobManager>();
            jobs.Trigger(ProactiveDeliveryJob.RecurringJobId);
            await Wait.UntilAsync(() => connector.Activities.Any(r => r.Method == "POST"), connector.Server.Received);
            var posted = Assert.Single(connector.Activities, r => r.Method == "POST");

            var activity = JsonNode.Parse(posted.Body)!;
            Assert.Equal("application/vnd.microsoft.card.adaptive", activity["attachments"]![0]!["contentType"]!.GetValue<string>());
            var unescaped = activity.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            Assert.Contains(meeting.Subject, unescaped, StringComparison.Ordinal);
            Assert.StartsWith("Bearer connector-token-", posted.Authorization, StringComparison.Ordinal);

            var done = WaveJobsSucceeded(bot);
            jobs.Trigger(ProactiveDeliveryJob.RecurringJobId);
            await Wait.UntilAsync(() => WaveJobsSucceeded(bot) > done, bot.Jobs.Performed);

            Assert.Single(connector.Activities, r => r.Method == "POST");

            var health = JsonNode.Parse(await client.GetStringAsync(new Uri("/health", UriKind.Relative), Ct))!;
            var scheduler = health["checks"]?["scheduler"];
            Assert.NotNull(scheduler);
            Assert.Contains($"Hangfire on {provider}", scheduler.ToJsonString(), StringComparison.Ordinal);

            // The card went out a minute after it was due (the clock stands a minute past start minus lead time).
            var deliveries = health["checks"]?["deliveries"]?.ToJsonString();
            Assert.NotNull(deliveries);
            Assert.Contains("last hour: 1 sent, lag median 60 s, max 60 s; backlog 0, 0 stuck, 0 of unknown outcome", deliveries, StringComparison.Ordinal);
            if (postgres is not null)
            {
                Assert.True(await postgres.HasTableAsync(ProactiveDeliveryExtensions.PostgresSchema, "job"), "Hangfire's tables live in their own schema.");
                Assert.False(File.Exists(jobDatabase));
            }

            // The demo maps the dashboard for local requests only; the test server's requests carry no remote address.
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri("/jobs", UriKind.Relative), Ct)).StatusCode);
        }
        finally
        {
            await host.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(jobDatabase);
        }
    }

    [Fact]
    public async Task With_the_scheduler_off_no_job_engine_runs_and_health_says_so()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var app = new BotHost(channel: null, connector, demo: true, realDemoTenant: true);
        using var client = await app.StartAsync();

        var health = await client.GetStringAsync(new Uri("/health", UriKind.Relative), Ct);

        Assert.Contains("off (Scheduler:Enabled=false)", health, StringComparison.Ordinal);
        Assert.Null(app.Services.GetService<JobStorage>());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/jobs", UriKind.Relative), Ct)).StatusCode);
    }

    [Fact]
    public async Task Outside_the_demo_the_scheduler_runs_but_the_dashboard_is_never_mapped()
    {
        var jobDatabase = Path.Combine(Path.GetTempPath(), $"meetingprep-hangfire-test-{Guid.NewGuid():N}.db");
        await using var channel = await TestChannel.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        var app = new BotHost(channel, connector, demo: false, extra: new()
        {
            ["Scheduler:Enabled"] = "true",
            ["Scheduler:JobDatabasePath"] = jobDatabase,
        });
        try
        {
            using var client = await app.StartAsync();

            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/jobs", UriKind.Relative), Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/jobs/recurring", UriKind.Relative), Ct)).StatusCode);
            // Outside the demo /health shows anonymous callers only the overall status; the check itself still reports.
            var health = await app.Services.GetRequiredService<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckService>().CheckHealthAsync(Ct);
            Assert.Contains("every 5 min", health.Entries["scheduler"].Description, StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(jobDatabase);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_tick_fans_out_per_user_so_the_next_tick_is_not_held_up_by_a_slow_calendar_and_the_card_goes_once(string provider)
    {
        var jobDatabase = Path.Combine(Path.GetTempPath(), $"meetingprep-hangfire-test-{Guid.NewGuid():N}.db");
        await using var postgres = provider == "Postgres" ? await PostgresDatabase.CreateAsync() : null;
        await using var connector = await FakeConnector.StartAsync();
        var calendar = new BlockingCalendar(new BotScenario.Calendar());
        await using var channel = await TestChannel.StartAsync();
        var host = ProductionScheduler(channel, connector, postgres?.ConnectionString, jobDatabase, calendar);
        try
        {
            await StartWithLenaInstalledAsync(host, postgres is null, connector);
            var jobs = host.Services.GetRequiredService<IRecurringJobManager>();

            // Lena's job hangs in her calendar; the tick that enqueued it is done, so the next tick runs and enqueues hers again.
            jobs.Trigger(ProactiveDeliveryJob.RecurringJobId);
            await calendar.Entered.WaitAsync(Ct);
            var ticks = TicksSucceeded(host);
            jobs.Trigger(ProactiveDeliveryJob.RecurringJobId);
            await Wait.UntilAsync(() => TicksSucceeded(host) > ticks, host.Jobs.Performed);

            // The second wave's job does not wait for the first one, stuck in the calendar: it sends the card meanwhile.
            await Wait.UntilAsync(() => connector.Activities.Any(r => r.Method == "POST"), connector.Server.Received);
            calendar.Release();
            await Wait.UntilAsync(() => WaveJobsSucceeded(host) >= 2, host.Jobs.Performed);
            Assert.Single(connector.Activities, r => r.Method == "POST" && r.Path == "/v3/conversations/a%3A1lena-personal/activities");
        }
        finally
        {
            calendar.Release();
            await host.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(jobDatabase);
        }
    }

    [Fact]
    public async Task A_tick_whose_instance_died_leaves_no_lock_behind_and_the_next_instance_delivers()
    {
        await using var postgres = await PostgresDatabase.CreateAsync();
        await using var connector = await FakeConnector.StartAsync();
        string Instance(string name) => new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { ApplicationName = name }.ConnectionString;

        // Instance A's tick hangs in the calendar while it holds the tick; then A dies without running any clean-up.
        var hung = new BlockingCalendar(new BotScenario.Calendar(), honourCancellation: false);
        await using var channel = await TestChannel.StartAsync();
        var a = ProductionScheduler(channel, connector, Instance("meetingprep-a"), null, hung);
        var b = ProductionScheduler(channel, connector, Instance("meetingprep-b"), null, null);
        try
        {
            await StartWithLenaInstalledAsync(a, createSchema: false, connector);
            a.Services.GetRequiredService<IRecurringJobManager>().Trigger(ProactiveDeliveryJob.RecurringJobId);
            await hung.Entered.WaitAsync(Ct);

            // What the database sees when a process is killed: its server stops polling and its sessions end.
            await a.DisposeAsync();
            await postgres.TerminateSessionsAsync("meetingprep-a");

            using var client = b.CreateClient();
            b.Services.GetRequiredService<IRecurringJobManager>().Trigger(ProactiveDeliveryJob.RecurringJobId);
            var posted = await connector.Server.WaitForAsync(
                r => r.Method == "POST" && r.Path == "/v3/conversations/a%3A1lena-personal/activities");

            Assert.Contains("Fabrikam quarterly business review", posted.Body, StringComparison.Ordinal);
        }
        finally
        {
            hung.Release();
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }

    /// <summary>
    /// The production host (Teams bot with credentials, the scheduler on every minute) over the bot scenario's sources,
    /// with the clock at half an hour before Lena's Fabrikam meeting: her briefing is due.
    /// </summary>
    private static BotHost ProductionScheduler(
        TestChannel channel, FakeConnector connector, string? postgres, string? jobDatabase, BlockingCalendar? calendar)
    {
        var extra = new Dictionary<string, string?>
        {
            ["Scheduler:Enabled"] = "true",
            ["Scheduler:IntervalMinutes"] = "1",
            ["Scheduler:JobDatabasePath"] = jobDatabase,
        };
        if (postgres is not null)
        {
            extra["Storage:Provider"] = "Postgres";
            extra["Storage:ConnectionString"] = postgres;
        }

        var clock = new FakeTimeProvider(BotScenario.Fabrikam.Start.AddMinutes(-30));
        return new BotHost(channel, connector, extra: extra, services: s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
            if (calendar is not null)
            {
                s.RemoveAll<ICalendarSource>();
                s.AddSingleton<ICalendarSource>(calendar);
            }
        });
    }

    private static async Task StartWithLenaInstalledAsync(BotHost host, bool createSchema, FakeConnector connector)
    {
        if (createSchema)
        {
            await host.EnsureSchemaAsync();
        }

        using var client = host.CreateClient();
        await using var scope = host.Services.CreateAllTenantsScope();
        await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().SaveAsync(
            new ConversationReference(BotScenario.Tenant, "a:1lena-personal", connector.ServiceUrl, "msteams", "personal", BotScenario.BotId,
                BotScenario.LenaTeamsId, BotScenario.LenaOid, BotScenario.LenaUpn, "Lena Vogt", "en-US", "UTC", true, DateTimeOffset.UtcNow),
            Ct);
    }

    /// <summary>
    /// A calendar whose first listing of meetings waits until <see cref="Release"/> (a slow mailbox, or a hung process
    /// when it ignores cancellation); <see cref="Entered"/> completes when a tick is inside it.
    /// </summary>
    private sealed class BlockingCalendar(ICalendarSource inner, bool honourCancellation = true) : ICalendarSource
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _calls;

        public Task Entered => _entered.Task;

        public void Release() => _released.TrySetResult();

        public async Task<IReadOnlyList<Meeting>> GetMeetingsAsync(Core.Users.UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
            {
                _entered.TrySetResult();
                await _released.Task.WaitAsync(honourCancellation ? cancellationToken : CancellationToken.None);
            }

            return await inner.GetMeetingsAsync(user, from, to, cancellationToken);
        }

        public Task<Meeting?> GetMeetingAsync(Core.Users.UserRef user, string meetingId, CancellationToken cancellationToken) =>
            inner.GetMeetingAsync(user, meetingId, cancellationToken);

        public Task<IReadOnlyList<Meeting>> GetMeetingsWithAsync(
            Core.Users.UserRef user, IReadOnlyCollection<string> emails, DateTimeOffset since, DateTimeOffset before, CancellationToken cancellationToken) =>
            inner.GetMeetingsWithAsync(user, emails, since, before, cancellationToken);

        public Task<TenantDomains> GetTenantDomainsAsync(Core.Users.UserRef user, CancellationToken cancellationToken) =>
            inner.GetTenantDomainsAsync(user, cancellationToken);
    }

    /// <summary>Users' shares of a wave (<see cref="ProactiveDeliveryJob.RunWaveForUserAsync"/>) that finished.</summary>
    private static int WaveJobsSucceeded(BotHost host) => host.Jobs.Succeeded(nameof(ProactiveDeliveryJob.RunWaveForUserAsync));

    private static int TicksSucceeded(BotHost host) => host.Jobs.Succeeded(nameof(ProactiveDeliveryJob.RunAsync));

    /// <summary>A throw-away PostgreSQL database with the app's schema from the model (the lead generates the migration).</summary>
    private sealed class PostgresDatabase : IAsyncDisposable
    {
        private readonly string _admin;
        private readonly string _name;

        private PostgresDatabase(string admin, string name, string connectionString)
        {
            _admin = admin;
            _name = name;
            ConnectionString = connectionString;
        }

        public string ConnectionString { get; }

        public static async Task<PostgresDatabase> CreateAsync()
        {
            var admin = MeetingPrep.Testing.Requires.PostgreSql();
            var name = "meetingprep_sched_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync(Ct);
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync(Ct);
            }

            var database = new PostgresDatabase(admin, name, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
            var options = new DbContextOptionsBuilder<PostgresMeetingPrepDbContext>().UseNpgsql(database.ConnectionString).Options;
            await using var db = new PostgresMeetingPrepDbContext(options, TenantScope.AllTenants());
            await db.Database.EnsureCreatedAsync(Ct);
            return database;
        }

        /// <summary>Ends every session of the application named <paramref name="applicationName"/>, as the death of its process does.</summary>
        public async Task TerminateSessionsAsync(string applicationName)
        {
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync(Ct);
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name AND datname = @database", connection);
            terminate.Parameters.AddWithValue("name", applicationName);
            terminate.Parameters.AddWithValue("database", _name);
            await terminate.ExecuteScalarAsync(Ct);
        }

        public async Task<bool> HasTableAsync(string schema, string table)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync(Ct);
            await using var query = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = @s AND table_name = @t", connection);
            query.Parameters.AddWithValue("s", schema);
            query.Parameters.AddWithValue("t", table);
            return (long)(await query.ExecuteScalarAsync(Ct))! == 1;
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>
/// Tests that run Hangfire servers: not beside other test classes, whose hosts share the machine's ports and database
/// server (a triggered tick once never ran while the whole suite ran in parallel; alone it always did).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JobEngineGroup
{
    public const string Name = "Job engine";
}
