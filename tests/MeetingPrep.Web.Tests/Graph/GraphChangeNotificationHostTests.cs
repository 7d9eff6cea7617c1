using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Hangfire;
using MeetingPrep.Connectors.Graph.Notifications;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Web.Graph;
using MeetingPrep.Web.Scheduling;
using MeetingPrep.Web.Security;
using MeetingPrep.Web.Tests.Bot;
using Microsoft.Extensions.Hosting;

namespace MeetingPrep.Web.Tests.Graph;

/// <summary>
/// Graph change notifications through the real host in production mode (<c>Graph:NotificationUrl</c> set, Hangfire on
/// SQLite): the webhook, the worker draining its queue, the <c>graph-subscriptions</c> job, all against a fake Graph on
/// 127.0.0.1. Graph auth is the production client-credentials path; it attaches no token to a plain-http Graph.
/// </summary>
[Collection(MeetingPrep.Web.Tests.Scheduling.JobEngineGroup.Name)]
public sealed class GraphChangeNotificationHostTests
{
    private const string NoahOid = "5b2e7c91-4444-4444-8444-0000000000b0";
    private const string BadOid = "6c3f8da2-5555-4555-8555-0000000000ba";
    private const string OlgaOid = "7d4a9eb3-6666-4666-8666-00000000001a";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_change_notification_runs_the_users_delta_sync_and_a_repeat_does_not()
    {
        await using var env = await NotificationHost.StartAsync();
        await env.AddRecipientAsync(BotScenario.LenaOid, BotScenario.LenaUpn, DateTimeOffset.UtcNow);
        await env.SaveSubscriptionAsync(new ChangeSubscription("sub-lena", BotScenario.Tenant, BotScenario.LenaOid, $"/users/{BotScenario.LenaOid}/events", DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow));

        var first = Notification("sub-lena", BotScenario.LenaOid, "AAMkEv1", "etag-1");
        Assert.Equal(HttpStatusCode.Accepted, (await env.PostAsync(first)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await env.PostAsync(first)).StatusCode);

        // A different change (new etag) behind the repeat; once every notification's job (and any it put off while
        // Lena's sync was busy) has run, the repeat had its chance to sync too.
        Assert.Equal(HttpStatusCode.Accepted, (await env.PostAsync(Notification("sub-lena", BotScenario.LenaOid, "AAMkEv1", "etag-2"))).StatusCode);
        await env.UntilAsync(() => env.Jobs.Outstanding(nameof(GraphNotificationJob.RunAsync)) == 0);

        var syncs = env.Graph.DeltaRequests(BotScenario.LenaOid).ToList();
        Assert.Equal(2, syncs.Count);
        Assert.Contains("startDateTime=", syncs[0].Path, StringComparison.Ordinal);
        Assert.Contains("deltatoken=tok-", syncs[1].Path, StringComparison.Ordinal);
        Assert.Null(syncs[0].Authorization);

        // Nothing changed soon, so no out-of-schedule tick.
        Assert.Empty(env.UserTickJobs());
    }

    [Fact]
    public async Task An_accepted_notification_not_yet_processed_survives_a_restart_and_the_next_instance_syncs_it()
    {
        await using var channel = await TestChannel.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        await using var graph = await NotificationGraphFake.StartAsync();
        var jobDatabase = Path.Combine(Path.GetTempPath(), $"meetingprep-hangfire-test-{Guid.NewGuid():N}.db");
        Dictionary<string, string?> Settings(string? storage)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Scheduler:Enabled"] = "true",
                ["Scheduler:JobDatabasePath"] = jobDatabase,
                ["Graph:BaseUrl"] = graph.BaseUrl,
                ["Graph:NotificationUrl"] = NotificationHost.NotificationUrl,
                ["Graph:NotificationClientState"] = NotificationHost.ClientState,
            };
            if (storage is not null)
            {
                settings["Storage:ConnectionString"] = storage;
            }

            return settings;
        }

        var first = new BotHost(channel, connector, demo: false, extra: Settings(null));
        BotHost? second = null;
        await using var appDatabase = new Microsoft.Data.Sqlite.SqliteConnection(first.StorageConnectionString);
        try
        {
            using (var client = await first.StartAsync())
            {
                await using (var scope = first.Services.CreateAllTenantsScope())
                {
                    await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().SaveAsync(
                        new ConversationReference(BotScenario.Tenant, "a:1lena", connector.ServiceUrl, "msteams", "personal", BotScenario.BotId,
                            "29:lena", BotScenario.LenaOid, BotScenario.LenaUpn, "Lena Vogt", "en-US", "UTC", true, DateTimeOffset.UtcNow),
                        Ct);
                    await scope.ServiceProvider.GetRequiredService<IChangeSubscriptionStore>().SaveAsync(
                        new ChangeSubscription("sub-lena", BotScenario.Tenant, BotScenario.LenaOid, $"/users/{BotScenario.LenaOid}/events", DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow), Ct);
                }

                // The instance stops running jobs (it is about to die), then Graph's notification arrives and is accepted.
                foreach (var server in first.Services.GetServices<IHostedService>().OfType<BackgroundJobServerHostedService>())
                {
                    await server.StopAsync(Ct);
                }

                using var posted = await client.PostAsync(
                    new Uri(GraphNotificationEndpoints.Path, UriKind.Relative),
                    new StringContent(Notification("sub-lena", BotScenario.LenaOid, "AAMkEv1", "etag-1"), Encoding.UTF8, "application/json"),
                    Ct);
                Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            }

            await appDatabase.OpenAsync(Ct);
            await first.DisposeAsync();
            Assert.Empty(graph.DeltaRequests(BotScenario.LenaOid));

            // The restarted instance (same databases) finds the notification in the job engine and syncs Lena's calendar.
            second = new BotHost(channel, connector, demo: false, extra: Settings(first.StorageConnectionString));
            using var again = second.CreateClient();
            await Wait.UntilAsync(() => graph.DeltaRequests(BotScenario.LenaOid).Any(), graph.Server.Received);
        }
        finally
        {
            await first.DisposeAsync();
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(jobDatabase);
        }
    }

    [Fact]
    public async Task A_changed_meeting_due_before_the_next_tick_enqueues_that_users_tick_at_once()
    {
        await using var env = await NotificationHost.StartAsync();
        await env.AddRecipientAsync(BotScenario.LenaOid, BotScenario.LenaUpn, DateTimeOffset.UtcNow);
        await env.SaveSubscriptionAsync(new ChangeSubscription("sub-lena", BotScenario.Tenant, BotScenario.LenaOid, $"/users/{BotScenario.LenaOid}/events", DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow));
        env.Graph.DeltaEvents[BotScenario.LenaOid] = [GraphEvent("AAMkSoon", "Moved up: Fabrikam sync", DateTimeOffset.UtcNow.AddMinutes(20))];

        Assert.Equal(HttpStatusCode.Accepted, (await env.PostAsync(Notification("sub-lena", BotScenario.LenaOid, "AAMkSoon", "etag-1"))).StatusCode);

        await env.UntilAsync(() => env.UserTickJobs().Any());
        var job = env.UserTickJobs().First();
        Assert.Equal([BotScenario.Tenant, BotScenario.LenaOid], job.Args.Take(2).Select(a => a?.ToString()));
    }

    [Fact]
    public async Task A_missed_lifecycle_event_resyncs_the_whole_window_and_a_failing_mailbox_does_not_stop_the_others()
    {
        await using var env = await NotificationHost.StartAsync();
        await env.AddRecipientAsync(BadOid, "bad@contoso.com", DateTimeOffset.UtcNow);
        await env.AddRecipientAsync(BotScenario.LenaOid, BotScenario.LenaUpn, DateTimeOffset.UtcNow);
        await env.SaveSubscriptionAsync(new ChangeSubscription("sub-bad", BotScenario.Tenant, BadOid, $"/users/{BadOid}/events", DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow));
        await env.SaveSubscriptionAsync(new ChangeSubscription("sub-lena", BotScenario.Tenant, BotScenario.LenaOid, $"/users/{BotScenario.LenaOid}/events", DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow));
        env.Graph.FailingUsers[BadOid] = true;

        // The failing mailbox's item comes first; its job fails (and is retried later), Lena's runs all the same.
        await env.PostAsync(Notification("sub-bad", BadOid, "AAMkBad", "etag-1"));
        await env.PostAsync(Notification("sub-lena", BotScenario.LenaOid, "AAMkEv1", "etag-1"));
        await env.UntilAsync(() => env.Graph.DeltaRequests(BotScenario.LenaOid).Any() && env.Graph.DeltaRequests(BadOid).Any());

        var missed = new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["subscriptionId"] = "sub-lena",
                ["subscriptionExpirationDateTime"] = DateTimeOffset.UtcNow.AddDays(2).ToString("o", CultureInfo.InvariantCulture),
                ["tenantId"] = BotScenario.Tenant,
                ["clientState"] = NotificationHost.ClientState,
                ["lifecycleEvent"] = "missed",
            }),
        };
        Assert.Equal(HttpStatusCode.Accepted, (await env.PostAsync(missed.ToJsonString())).StatusCode);
        await env.UntilAsync(() => env.Graph.DeltaRequests(BotScenario.LenaOid).Count() >= 2);

        // Notifications were lost, so the stored delta link is not trusted: a fresh round over the window.
        var resync = env.Graph.DeltaRequests(BotScenario.LenaOid).ElementAt(1);
        Assert.Contains("startDateTime=", resync.Path, StringComparison.Ordinal);
        Assert.DoesNotContain("deltatoken", resync.Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subscriptionRemoved_lifecycle_event_creates_a_new_subscription_then_resyncs()
    {
        await using var env = await NotificationHost.StartAsync();
        await env.AddRecipientAsync(BotScenario.LenaOid, BotScenario.LenaUpn, DateTimeOffset.UtcNow);
        await env.SaveSubscriptionAsync(new ChangeSubscription("sub-old", BotScenario.Tenant, BotScenario.LenaOid, $"/users/{BotScenario.LenaOid}/events", DateTimeOffset.UtcNow.AddDays(2), DateTimeOffset.UtcNow));

        var removed = new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["subscriptionId"] = "sub-old",
                ["subscriptionExpirationDateTime"] = DateTimeOffset.UtcNow.AddDays(2).ToString("o", CultureInfo.InvariantCulture),
                ["tenantId"] = BotScenario.Tenant,
                ["clientState"] = NotificationHost.ClientState,
                ["lifecycleEvent"] = "subscriptionRemoved",
            }),
        };
        Assert.Equal(HttpStatusCode.Accepted, (await env.PostAsync(removed.ToJsonString())).StatusCode);

        var create = await env.Graph.Server.WaitForAsync(r => r.Method == "POST" && r.Path == "/v1.0/subscriptions");
        Assert.Equal($"/users/{BotScenario.LenaOid}/events", JsonNode.Parse(create.Body)!["resource"]!.GetValue<string>());
        await env.UntilAsync(() => env.Graph.DeltaRequests(BotScenario.LenaOid).Any());
        var current = await env.GetSubscriptionAsync(BotScenario.LenaOid);
        Assert.NotNull(current);
        Assert.NotEqual("sub-old", current.Id);
    }

    [Fact]
    public async Task A_reauthorizationRequired_lifecycle_notification_renews_the_subscription_with_a_patch()
    {
        await using var env = await NotificationHost.StartAsync();
        await env.AddRecipientAsync(BotScenario.LenaOid, BotScenario.LenaUpn, DateTimeOffset.UtcNow);
        var granted = DateTimeOffset.UtcNow.AddMinutes(50);
        await env.SaveSubscriptionAsync(new ChangeSubscription("sub-lena", BotScenario.Tenant, BotScenario.LenaOid, $"/users/{BotScenario.LenaOid}/events", granted, DateTimeOffset.UtcNow));

        var lifecycle = new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["subscriptionId"] = "sub-lena",
                ["subscriptionExpirationDateTime"] = granted.ToString("o", CultureInfo.InvariantCulture),
                ["tenantId"] = BotScenario.Tenant,
                ["clientState"] = NotificationHost.ClientState,
                ["lifecycleEvent"] = "reauthorizationRequired",
            }),
        };
        Assert.Equal(HttpStatusCode.Accepted, (await env.PostAsync(lifecycle.ToJsonString())).StatusCode);

        var patch = await env.Graph.Server.WaitForAsync(r => r.Method == "PATCH");
        Assert.Equal("/v1.0/subscriptions/sub-lena", patch.Path);
        var expiry = DateTimeOffset.Parse(JsonNode.Parse(patch.Body)!["expirationDateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(expiry, DateTimeOffset.UtcNow.AddMinutes(4200 - 5), DateTimeOffset.UtcNow.AddMinutes(4200 + 5));
        await env.UntilAsync(async () => (await env.GetSubscriptionAsync(BotScenario.LenaOid))?.Expires > granted.AddHours(1));
        Assert.Empty(env.Graph.DeltaRequests(BotScenario.LenaOid));
    }

    [Fact]
    public async Task The_recurring_job_subscribes_every_recipient_renews_near_expiry_and_a_failing_user_stops_nobody()
    {
        await using var env = await NotificationHost.StartAsync();
        var now = DateTimeOffset.UtcNow;

        // The failing user is the newest recipient, so the job meets it first.
        await env.AddRecipientAsync(BadOid, "bad@contoso.com", now);
        await env.AddRecipientAsync(BotScenario.LenaOid, BotScenario.LenaUpn, now.AddMinutes(-1));
        await env.AddRecipientAsync(NoahOid, "noah@contoso.com", now.AddMinutes(-2));
        env.Graph.FailingUsers[BadOid] = true;

        // Noah's is past half-life and gets renewed; Olga's too, but she uninstalled the bot, so hers is deleted instead.
        await env.SaveSubscriptionAsync(new ChangeSubscription("sub-noah", BotScenario.Tenant, NoahOid, $"/users/{NoahOid}/events", now.AddMinutes(30), now.AddHours(-69)));
        await env.SaveSubscriptionAsync(new ChangeSubscription("sub-olga", BotScenario.Tenant, OlgaOid, $"/users/{OlgaOid}/events", now.AddMinutes(40), now.AddHours(-69)));

        env.Services.GetRequiredService<IRecurringJobManager>().Trigger(GraphSubscriptionJob.RecurringJobId);

        var create = await env.Graph.Server.WaitForAsync(
            r => r.Method == "POST" && r.Body.Contains(BotScenario.LenaOid, StringComparison.Ordinal));
        var body = JsonNode.Parse(create.Body)!;
        Assert.Equal("/v1.0/subscriptions", create.Path);
        Assert.Equal($"/users/{BotScenario.LenaOid}/events", body["resource"]!.GetValue<string>());
        Assert.Equal("created,updated,deleted", body["changeType"]!.GetValue<string>());
        Assert.Equal(NotificationHost.NotificationUrl, body["notificationUrl"]!.GetValue<string>());
        Assert.Equal(NotificationHost.NotificationUrl, body["lifecycleNotificationUrl"]!.GetValue<string>());
        Assert.Equal(NotificationHost.ClientState, body["clientState"]!.GetValue<string>());
        var expiry = DateTimeOffset.Parse(body["expirationDateTime"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(expiry, now.AddMinutes(4200 - 5), DateTimeOffset.UtcNow.AddMinutes(4200 + 5));

        await env.Graph.Server.WaitForAsync(r => r.Method == "PATCH" && r.Path == "/v1.0/subscriptions/sub-noah");
        await env.Graph.Server.WaitForAsync(r => r.Method == "DELETE" && r.Path == "/v1.0/subscriptions/sub-olga");
        Assert.DoesNotContain(env.Graph.Server.Requests, r => r.Method == "PATCH" && r.Path == "/v1.0/subscriptions/sub-olga");
        Assert.Contains(env.Graph.Server.Requests, r => r.Method == "POST" && r.Body.Contains(BadOid, StringComparison.Ordinal));

        await env.UntilAsync(async () => await env.GetSubscriptionAsync(BotScenario.LenaOid) is not null);
        var lena = (await env.GetSubscriptionAsync(BotScenario.LenaOid))!;
        Assert.Equal($"/users/{BotScenario.LenaOid}/events", lena.Resource);
        await env.UntilAsync(async () => (await env.GetSubscriptionAsync(NoahOid))?.Expires > now.AddDays(1));
        Assert.Null(await env.GetSubscriptionAsync(BadOid));
        await env.UntilAsync(async () => await env.GetSubscriptionAsync(OlgaOid) is null);

        // Noah's renewed subscription is not renewed again, nor Lena's new one recreated, by the next run.
        const string Maintain = nameof(GraphSubscriptionJob.RunAsync);
        await env.UntilAsync(() => env.Jobs.Succeeded(Maintain) >= 1);
        var before = env.Graph.Server.Requests.Count(r => r.Method is "POST" or "PATCH");
        env.Services.GetRequiredService<IRecurringJobManager>().Trigger(GraphSubscriptionJob.RecurringJobId);
        await env.UntilAsync(() => env.Jobs.Succeeded(Maintain) >= 2);
        var again = env.Graph.Server.Requests.Where(r => r.Method is "POST" or "PATCH").Skip(before).ToList();
        Assert.All(again, r => Assert.Contains(BadOid, r.Body, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, "https://meetingprep.example.com/api/graph/notifications")]
    [InlineData(false, "")]
    public async Task Without_a_NotificationUrl_or_in_the_demo_no_notification_worker_or_job_runs(bool demo, string notificationUrl)
    {
        var jobDatabase = Path.Combine(Path.GetTempPath(), $"meetingprep-hangfire-test-{Guid.NewGuid():N}.db");
        await using var channel = await TestChannel.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        var host = new BotHost(channel, connector, demo: demo, extra: new()
        {
            ["Scheduler:Enabled"] = "true",
            ["Scheduler:JobDatabasePath"] = jobDatabase,
            ["Graph:NotificationUrl"] = notificationUrl,
            ["Graph:NotificationClientState"] = NotificationHost.ClientState,
        });
        try
        {
            using var client = await host.StartAsync();

            Assert.IsType<GraphNotificationChannel>(host.Services.GetRequiredService<IGraphNotificationInbox>());
            Assert.Null(host.Services.GetService<GraphSubscriptionJob>());
            using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
            Assert.DoesNotContain(Hangfire.Storage.StorageConnectionExtensions.GetRecurringJobs(connection, [GraphSubscriptionJob.RecurringJobId]), j => j.Job is not null);
        }
        finally
        {
            await host.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(jobDatabase);
        }
    }

    private static string Notification(string subscriptionId, string userId, string eventId, string etag) => new JsonObject
    {
        ["value"] = new JsonArray(new JsonObject
        {
            ["subscriptionId"] = subscriptionId,
            ["subscriptionExpirationDateTime"] = DateTimeOffset.UtcNow.AddDays(2).ToString("o", CultureInfo.InvariantCulture),
            ["changeType"] = "updated",
            ["resource"] = $"Users/{userId}/Events/{eventId}",
            ["resourceData"] = new JsonObject
            {
                ["@odata.type"] = "#Microsoft.Graph.Event",
                ["@odata.id"] = $"Users/{userId}/Events/{eventId}",
                ["@odata.etag"] = $"W/\"{etag}\"",
                ["id"] = eventId,
            },
            ["clientState"] = NotificationHost.ClientState,
            ["tenantId"] = BotScenario.Tenant,
        }),
    }.ToJsonString();

    private static JsonObject GraphEvent(string id, string subject, DateTimeOffset start) => new()
    {
        ["id"] = id,
        ["iCalUId"] = "ical-" + id,
        ["subject"] = subject,
        ["type"] = "singleInstance",
        ["isAllDay"] = false,
        ["isCancelled"] = false,
        ["sensitivity"] = "normal",
        ["showAs"] = "busy",
        ["start"] = new JsonObject { ["dateTime"] = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
        ["end"] = new JsonObject { ["dateTime"] = start.AddMinutes(30).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
        ["organizer"] = new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = "Lena Vogt", ["address"] = BotScenario.LenaUpn } },
        ["attendees"] = new JsonArray(new JsonObject
        {
            ["type"] = "required",
            ["status"] = new JsonObject { ["response"] = "accepted", ["time"] = "2026-11-20T10:00:00Z" },
            ["emailAddress"] = new JsonObject { ["name"] = "Priya Raman", ["address"] = "priya@fabrikam.com" },
        }),
    };

    /// <summary>The production host with notifications on, its fake Graph, Bot Framework fakes and a Hangfire SQLite file.</summary>
    private sealed class NotificationHost : IAsyncDisposable
    {
        public const string ClientState = "mp-notify-3Fq8zK1wR6yT0vB5-synthetic";
        public const string NotificationUrl = "https://meetingprep.example.com/api/graph/notifications";

        private readonly TestChannel _channel;
        private readonly FakeConnector _connector;
        private readonly BotHost _host;
        private readonly string _jobDatabase;

        private NotificationHost(TestChannel channel, FakeConnector connector, NotificationGraphFake graph, BotHost host, HttpClient client, string jobDatabase)
        {
            _channel = channel;
            _connector = connector;
            Graph = graph;
            _host = host;
            Client = client;
            _jobDatabase = jobDatabase;
        }

        public NotificationGraphFake Graph { get; }

        public HttpClient Client { get; }

        public IServiceProvider Services => _host.Services;

        public JobsPerformed Jobs => _host.Jobs;

        /// <summary>Re-checks <paramref name="condition"/> whenever the fake Graph is called or a job finishes.</summary>
        public Task UntilAsync(Func<bool> condition) => Wait.UntilAsync(condition, Graph.Server.Received, Jobs.Performed);

        public Task UntilAsync(Func<Task<bool>> condition) => Wait.UntilAsync(condition, Graph.Server.Received, Jobs.Performed);

        public static async Task<NotificationHost> StartAsync()
        {
            var channel = await TestChannel.StartAsync();
            var connector = await FakeConnector.StartAsync();
            var graph = await NotificationGraphFake.StartAsync();
            var jobDatabase = Path.Combine(Path.GetTempPath(), $"meetingprep-hangfire-test-{Guid.NewGuid():N}.db");
            var host = new BotHost(channel, connector, demo: false, extra: new()
            {
                ["Scheduler:Enabled"] = "true",
                ["Scheduler:JobDatabasePath"] = jobDatabase,
                ["Graph:BaseUrl"] = graph.BaseUrl,
                ["Graph:NotificationUrl"] = NotificationUrl,
                ["Graph:NotificationClientState"] = ClientState,
            });
            var client = await host.StartAsync();
            return new NotificationHost(channel, connector, graph, host, client, jobDatabase);
        }

        public async Task<HttpResponseMessage> PostAsync(string json) =>
            await Client.PostAsync(
                new Uri(GraphNotificationEndpoints.Path, UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        public async Task AddRecipientAsync(string userId, string upn, DateTimeOffset updatedAt)
        {
            await using var scope = Services.CreateAllTenantsScope();
            await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().SaveAsync(
                new ConversationReference(BotScenario.Tenant, "a:1" + userId, _connector.ServiceUrl, "msteams", "personal", BotScenario.BotId,
                    "29:" + userId, userId, upn, upn, "en-US", "UTC", true, updatedAt),
                Ct);
        }

        public async Task SaveSubscriptionAsync(ChangeSubscription subscription)
        {
            await using var scope = Services.CreateAllTenantsScope();
            await scope.ServiceProvider.GetRequiredService<IChangeSubscriptionStore>().SaveAsync(subscription, Ct);
        }

        public async Task<ChangeSubscription?> GetSubscriptionAsync(string userId)
        {
            await using var scope = Services.CreateAllTenantsScope();
            return await scope.ServiceProvider.GetRequiredService<IChangeSubscriptionStore>().GetForUserAsync(BotScenario.Tenant, userId, Ct);
        }

        /// <summary>Out-of-schedule ticks (<see cref="ProactiveDeliveryJob.RunForUserAsync"/>) in any state.</summary>
        public IEnumerable<Hangfire.Common.Job> UserTickJobs()
        {
            var monitor = Services.GetRequiredService<JobStorage>().GetMonitoringApi();
            return monitor.EnqueuedJobs("default", 0, 100).Select(j => j.Value.Job)
                .Concat(monitor.ProcessingJobs(0, 100).Select(j => j.Value.Job))
                .Concat(monitor.SucceededJobs(0, 100).Select(j => j.Value.Job))
                .Concat(monitor.FailedJobs(0, 100).Select(j => j.Value.Job))
                .Where(j => j is not null && j.Type == typeof(ProactiveDeliveryJob) && j.Method.Name == nameof(ProactiveDeliveryJob.RunForUserAsync));
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await _host.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(_jobDatabase);
            await Graph.DisposeAsync();
            await _connector.DisposeAsync();
            await _channel.DisposeAsync();
        }
    }
}
