using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Outcomes;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;
using MeetingPrep.Demo;
using MeetingPrep.Web.Scheduling;
using MeetingPrep.Web.Security;
using MeetingPrep.Web.Tests.Bot;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace MeetingPrep.Web.Tests.Scheduling;

/// <summary>
/// The leaders' weekly card and "team report" in chat, on the demo tenant with its seeded report history: a leader who
/// opted in gets the card once a week (however many instances run the job), on Monday morning in their own time zone;
/// chat answers with the card only for them. The outcome job itself runs through Hangfire's server on the app database.
/// </summary>
[Collection(JobEngineGroup.Name)]
public sealed class TeamReportTests
{
    // Thursday 26 November 2026, 07:00 UTC (the demo's fixed now); the next Monday is the 30th.
    private static readonly DateTimeOffset Thursday = MeetingPrepApp.FixedNow;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_weekly_card_goes_once_per_week_per_leader_across_instances_on_monday_morning_in_their_zone()
    {
        var clock = new FakeTimeProvider(Thursday);
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotHost(channel: null, connector, demo: true, realDemoTenant: true);
        await bot.EnsureSchemaAsync();
        await using var host = bot.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        }));
        var users = host.Services.GetRequiredService<DemoTenant>().Users;
        var (berlin, newYork) = (users[0], users[1]);
        await OptInAsync(host.Services, connector, berlin, "Europe/Berlin");
        await OptInAsync(host.Services, connector, newYork, "America/New_York");

        // Opted in mid-week: this week's card goes at once, and two instances running the job together send it once each.
        Assert.Equal(2, (await RunOnTwoInstancesAsync(host.Services)).Sum());
        Assert.Equal(2, Posts(connector));
        Assert.Equal(0, (await RunOnTwoInstancesAsync(host.Services)).Sum());

        // Monday 30 November, 07:30 UTC: 08:30 in Berlin (due), 02:30 in New York (not yet).
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 7, 30, 0, TimeSpan.Zero));
        Assert.Equal(1, (await RunOnTwoInstancesAsync(host.Services)).Sum());
        clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 13, 30, 0, TimeSpan.Zero));
        Assert.Equal(1, (await RunOnTwoInstancesAsync(host.Services)).Sum());
        Assert.Equal(4, Posts(connector));

        var cards = connector.Activities.Where(r => r.Method == "POST").Select(r => r.Body).ToList();
        Assert.All(cards, c => Assert.Contains("Your team", c, StringComparison.Ordinal));
        Assert.Equal(2, cards.Count(c => c.Contains("a:1personal-" + berlin.UserId, StringComparison.Ordinal)));
        await using var scope = host.Services.CreateAllTenantsScope();
        var stored = await scope.ServiceProvider.GetRequiredService<ITeamReportSubscriptions>().ListAsync(Ct);
        Assert.All(stored, s => Assert.Equal(new DateOnly(2026, 11, 30), s.LastSentWeek));
    }

    [Fact]
    public async Task A_failed_post_gives_the_week_back_for_the_next_run()
    {
        var clock = new FakeTimeProvider(Thursday);
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotHost(channel: null, connector, demo: true, realDemoTenant: true);
        await bot.EnsureSchemaAsync();
        await using var host = bot.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        }));
        var lena = host.Services.GetRequiredService<DemoTenant>().DefaultUser;
        await OptInAsync(host.Services, connector, lena, "Europe/Berlin");
        connector.Failures.Enqueue(new ScriptedFailure(503));

        Assert.Equal(0, (await RunOnTwoInstancesAsync(host.Services)).Sum());
        Assert.Equal(1, (await RunOnTwoInstancesAsync(host.Services)).Sum());
    }

    [Fact]
    public async Task A_leaders_weekly_card_is_in_their_language_setting()
    {
        var clock = new FakeTimeProvider(Thursday);
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotHost(channel: null, connector, demo: true, realDemoTenant: true);
        await bot.EnsureSchemaAsync();
        await using var host = bot.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        }));
        var lena = host.Services.GetRequiredService<DemoTenant>().DefaultUser;
        await OptInAsync(host.Services, connector, lena, "Europe/Berlin");
        await using (var scope = host.Services.CreateTenantScope(lena.TenantId))
        {
            await scope.ServiceProvider.GetRequiredService<IRecipeStore>().SaveUserPatchAsync(lena.TenantId, lena.UserId, new RecipePatch { Culture = "de-DE" }, Ct);
        }

        Assert.Equal(1, (await RunOnTwoInstancesAsync(host.Services)).Sum());

        // Her chat's locale is en-US; her language setting decides, for the card and its notification.
        using var post = JsonDocument.Parse(Assert.Single(connector.Activities, r => r.Method == "POST").Body);
        Assert.StartsWith("Die Briefings Ihres Teams", post.RootElement.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var texts = Strings(post.RootElement.GetProperty("attachments")[0].GetProperty("content")).ToList();
        Assert.Contains("Vollständigen Bericht öffnen", texts);
        Assert.DoesNotContain("Open the full report", texts);
    }

    [Fact]
    public async Task Team_report_in_chat_answers_with_the_card_for_a_leader_who_opted_in_and_refuses_anyone_else()
    {
        await using var channel = await TestChannel.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotHost(channel, connector, demo: true, realDemoTenant: true);
        using var client = await bot.StartAsync();
        var lena = bot.Services.GetRequiredService<DemoTenant>().DefaultUser;

        var refused = await AskAsync(client, channel, connector, lena, "act-before");
        using (var put = await client.PutAsJsonAsync($"/api/me/team-report?as={lena.Upn}", new { weekly = true }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            using var body = JsonDocument.Parse(await put.Content.ReadAsStringAsync(Ct));
            Assert.True(body.RootElement.GetProperty("weekly").GetBoolean());
        }

        var answered = await AskAsync(client, channel, connector, lena, "act-after");

        Assert.Contains(Teams.TeamsText.English["Chat.TeamReportRefused"][..40], refused, StringComparison.Ordinal);
        Assert.DoesNotContain("application/vnd.microsoft.card.adaptive", refused, StringComparison.Ordinal);
        Assert.Contains("application/vnd.microsoft.card.adaptive", answered, StringComparison.Ordinal);
        Assert.Contains("Your team", answered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_refusal_is_in_the_clients_language()
    {
        await using var channel = await TestChannel.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotHost(channel, connector, demo: true, realDemoTenant: true);
        using var client = await bot.StartAsync();
        var lena = bot.Services.GetRequiredService<DemoTenant>().DefaultUser;

        using var german = JsonDocument.Parse(await AskAsync(client, channel, connector, lena, "act-de", "Teambericht", "de-DE"));
        using var japanese = JsonDocument.Parse(await AskAsync(client, channel, connector, lena, "act-ja", "team report", "ja-JP"));

        Assert.StartsWith("Der Teambericht ist für Teamleitungen", german.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("チームレポートは", japanese.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outcome_job_runs_through_hangfire_and_follows_the_users_started_external_meetings()
    {
        var jobDatabase = Path.Combine(Path.GetTempPath(), $"meetingprep-hangfire-test-{Guid.NewGuid():N}.db");
        var clock = new FakeTimeProvider(Thursday);
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotHost(channel: null, connector, demo: true, realDemoTenant: true, extra: new()
        {
            ["Scheduler:Enabled"] = "true",
            ["Scheduler:JobDatabasePath"] = jobDatabase,
            ["Demo:SeedEngagementHistory"] = "false",
        });
        await bot.EnsureSchemaAsync();
        await using var host = bot.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        }));
        _ = host.CreateClient();
        try
        {
            var lena = host.Services.GetRequiredService<DemoTenant>().DefaultUser;
            await OptInAsync(host.Services, connector, lena, timeZone: null);

            // An hour after the start of Lena's next external meeting, the hourly job follows it.
            await using (var scope = host.Services.CreateTenantScope(lena.TenantId))
            {
                var next = (await scope.ServiceProvider.GetRequiredService<Core.Briefings.BriefingService>().FindNextBriefedMeetingAsync(lena, Thursday, Ct))!;
                clock.SetUtcNow(next.Start.AddHours(1));
            }

            host.Services.GetRequiredService<IRecurringJobManager>().Trigger(MeetingOutcomeJob.RecurringJobId);
            await Wait.UntilAsync(async () => (await FollowedAsync(host.Services, lena)).Count > 0, bot.Jobs.Performed);

            var followed = await FollowedAsync(host.Services, lena);
            Assert.All(followed, r => Assert.Equal((lena.TenantId, lena.UserId), (r.TenantId, r.UserId)));
            Assert.All(followed, r => Assert.NotEmpty(r.AtMeeting.AccountIds));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(jobDatabase);
        }
    }

    [Fact]
    public async Task Export_lists_the_users_followed_meetings_and_team_report_opt_in_and_forget_me_removes_them()
    {
        await using var app = new MeetingPrepApp(new Dictionary<string, string?> { ["Demo:SeedEngagementHistory"] = "false" });
        using var client = app.CreateClient();
        var lena = app.Services.GetRequiredService<DemoTenant>().DefaultUser;
        await using (var scope = app.Services.CreateTenantScope(lena.TenantId))
        {
            var snapshot = new AccountSnapshot(Thursday, ["acc-1"], [], []);
            await scope.ServiceProvider.GetRequiredService<IMeetingOutcomeStore>().AddAsync(
                new MeetingOutcomeRecord(lena.TenantId, lena.UserId, "meeting-followed", Thursday.AddDays(-3), true, null, snapshot), Ct);
        }

        using var optIn = await client.PutAsJsonAsync($"/api/me/team-report?as={lena.Upn}", new { weekly = true }, Ct);
        using var export = JsonDocument.Parse(await client.GetStringAsync($"/api/me/export?as={lena.Upn}", Ct));
        using var forgotten = await client.DeleteAsync($"/api/me/data?as={lena.Upn}", Ct);
        using var after = JsonDocument.Parse(await client.GetStringAsync($"/api/me/export?as={lena.Upn}", Ct));

        var outcome = Assert.Single(export.RootElement.GetProperty("outcomes").EnumerateArray());
        Assert.Equal("meeting-followed", outcome.GetProperty("meetingId").GetString());
        Assert.Equal(HttpStatusCode.OK, optIn.StatusCode);
        Assert.Equal(lena.UserId, export.RootElement.GetProperty("teamReport").GetProperty("userId").GetString());
        Assert.Equal(HttpStatusCode.OK, forgotten.StatusCode);
        Assert.Empty(after.RootElement.GetProperty("outcomes").EnumerateArray());
        Assert.False(after.RootElement.TryGetProperty("teamReport", out var gone) && gone.ValueKind != JsonValueKind.Null);
    }

    private static async Task<string> AskAsync(HttpClient client, TestChannel channel, FakeConnector connector, UserRef user, string id, string text = "team report", string locale = "en-US")
    {
        var activity = BotHost.Activity("message", connector.ServiceUrl, text, id: id);
        activity["locale"] = locale;
        activity["from"]!["aadObjectId"] = user.UserId;
        activity["conversation"]!["tenantId"] = user.TenantId;
        activity["channelData"]!["tenant"]!["id"] = user.TenantId;
        using var response = await client.SendAsync(BotHost.Post(activity, channel.Mint(connector.ServiceUrl)), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await connector.Server.WaitForAsync(r => r.Path.EndsWith("/activities/" + id, StringComparison.Ordinal))).Body;
    }

    private static async Task OptInAsync(IServiceProvider services, FakeConnector connector, UserRef user, string? timeZone)
    {
        await using var scope = services.CreateTenantScope(user.TenantId);
        await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().SaveAsync(
            new ConversationReference(user.TenantId, "a:1personal-" + user.UserId, connector.ServiceUrl, "msteams", "personal", "28:" + TestChannel.AppId,
                "29:" + user.UserId, user.UserId, user.Upn, user.DisplayName, "en-US", timeZone ?? "UTC", true, Thursday),
            Ct);
        if (timeZone is not null)
        {
            await scope.ServiceProvider.GetRequiredService<ITeamReportSubscriptions>().SetAsync(user.TenantId, user.UserId, weekly: true, timeZone, Thursday, Ct);
        }
    }

    /// <summary>The job as two instances run it: two units of work at once, each with its own database context.</summary>
    private static async Task<int[]> RunOnTwoInstancesAsync(IServiceProvider services)
    {
        await using var one = services.CreateAsyncScope();
        await using var two = services.CreateAsyncScope();
        return await Task.WhenAll(
            one.ServiceProvider.GetRequiredService<TeamReportJob>().RunAsync(Ct),
            two.ServiceProvider.GetRequiredService<TeamReportJob>().RunAsync(Ct));
    }

    private static IEnumerable<string> Strings(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => [element.GetString()!],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Strings(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Strings),
        _ => [],
    };

    private static int Posts(FakeConnector connector) => connector.Activities.Count(r => r.Method == "POST");

    private static async Task<IReadOnlyList<MeetingOutcomeRecord>> FollowedAsync(IServiceProvider services, UserRef user)
    {
        await using var scope = services.CreateTenantScope(user.TenantId);
        return await scope.ServiceProvider.GetRequiredService<IMeetingOutcomeStore>().ListAwaitingFollowUpAsync(DateTimeOffset.MaxValue, 100, Ct);
    }
}
