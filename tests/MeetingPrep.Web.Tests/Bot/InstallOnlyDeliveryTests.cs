using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Users;
using MeetingPrep.Demo;
using MeetingPrep.Web.Security;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace MeetingPrep.Web.Tests.Bot;

/// <summary>
/// Installing is enough to be briefed: a user who installs the bot and never writes to it becomes a proactive recipient
/// (their UPN resolved at installation through the Bot Connector's member API, or the demo directory) and the tick posts
/// their briefing into the installed chat. Real host, real database, the fake channel and connector on 127.0.0.1.
/// </summary>
public sealed class InstallOnlyDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_who_only_installs_is_resolved_through_the_member_api_and_gets_the_briefing()
    {
        await using var channel = await TestChannel.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        connector.UpnByMemberId[BotScenario.LenaTeamsId] = BotScenario.LenaUpn;

        // Real time while the channel's tokens are checked, then moved to the send time.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = new BotHost(channel, connector, services: s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        });
        using var client = await host.StartAsync();

        var install = BotHost.Activity("installationUpdate", connector.ServiceUrl, id: "inst-only");
        install["action"] = "add";
        using (var response = await client.SendAsync(BotHost.Post(install, channel.Mint(connector.ServiceUrl)), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // The documented Teams look-up, with our connector token, under the activity's serviceUrl.
        var lookup = Assert.Single(connector.Server.Requests, r => r.Method == "GET");
        Assert.Equal("/v3/conversations/a%3A1lena-personal/members/29%3A1lena-pairwise-id", lookup.Path);
        Assert.StartsWith("Bearer connector-token-", lookup.Authorization, StringComparison.Ordinal);

        var recipient = Assert.Single(await RecipientsAsync(host));
        Assert.Equal(new UserRef(BotScenario.Tenant, BotScenario.LenaOid, BotScenario.LenaUpn, "Lena Vogt", "UTC", "en-US"), recipient);

        // The install is an engagement signal: the outcome report tells the meetings before it ("before_install").
        await using (var scope = host.Services.CreateAllTenantsScope())
        {
            var signals = await scope.ServiceProvider.GetRequiredService<Core.Engagement.IEngagementLog>().ListAsync(BotScenario.Tenant, clock.GetUtcNow().AddHours(-1), clock.GetUtcNow().AddHours(1), Ct);
            var installed = Assert.Single(signals, s => s.Kind == Core.Engagement.EngagementKind.Installed);
            Assert.Equal((BotScenario.LenaOid, clock.GetUtcNow()), (installed.UserId, installed.At));
        }

        clock.SetUtcNow(BotScenario.Fabrikam.Start.AddMinutes(-30));
        var summary = await TickAsync(host);

        Assert.Equal(1, summary.Sent);
        var briefing = Assert.Single(connector.Activities, r => r.Method == "POST" && r.Path == "/v3/conversations/a%3A1lena-personal/activities");
        Assert.Contains("Fabrikam quarterly business review", briefing.Body, StringComparison.Ordinal);
        Assert.Equal("application/vnd.microsoft.card.adaptive", JsonNode.Parse(briefing.Body)!["attachments"]![0]!["contentType"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_install_whose_member_lookup_fails_still_welcomes_and_a_later_message_makes_the_user_a_recipient()
    {
        await using var channel = await TestChannel.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        await using var host = new BotHost(channel, connector);
        using var client = await host.StartAsync();

        var install = BotHost.Activity("installationUpdate", connector.ServiceUrl, id: "inst-unknown");
        install["action"] = "add";
        using (var response = await client.SendAsync(BotHost.Post(install, channel.Mint(connector.ServiceUrl)), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Single(connector.Activities, r => r.Body.Contains("Welcome to MeetingPrep", StringComparison.Ordinal));
        Assert.Empty(await RecipientsAsync(host));

        connector.UpnByMemberId[BotScenario.LenaTeamsId] = BotScenario.LenaUpn;
        var message = BotHost.Activity("message", connector.ServiceUrl, "help", id: "msg-later");
        using (var response = await client.SendAsync(BotHost.Post(message, channel.Mint(connector.ServiceUrl)), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(BotScenario.LenaUpn, Assert.Single(await RecipientsAsync(host)).Upn);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task In_the_demo_a_user_who_only_installs_gets_the_briefing(bool knownObjectId)
    {
        // The demo tenant's "now" is the app clock's at start-up: the fixed one, so the meeting below is the same every run.
        var clock = new FakeTimeProvider(MeetingPrepApp.FixedNow);
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotHost(channel: null, connector, withCredentials: false, demo: true, realDemoTenant: true);
        await bot.EnsureSchemaAsync();
        await using var host = bot.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
        }));
        using var client = host.CreateClient();
        var lena = host.Services.GetRequiredService<DemoTenant>().GetUser("lena.vogt@contoso.com");

        // The Agents Playground: no token, a user whose object id the demo may not know (then the first demo user, Lena).
        var install = BotHost.Activity("installationUpdate", connector.ServiceUrl, id: "inst-demo", conversationId: "a:1demo-personal");
        install["action"] = "add";
        install["conversation"]!["tenantId"] = lena.TenantId;
        install["channelData"]!["tenant"]!["id"] = lena.TenantId;
        install["from"]!["aadObjectId"] = knownObjectId ? lena.UserId : "00000000-0000-0000-0000-0000000000020";
        using (var response = await client.SendAsync(BotHost.Post(install, token: null), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var recipient = Assert.Single(await RecipientsAsync(host));
        Assert.Equal((lena.TenantId, lena.UserId, lena.Upn), (recipient.TenantId, recipient.UserId, recipient.Upn));

        Core.Meetings.Meeting meeting;
        int lead;
        await using (var scope = host.Services.CreateAllTenantsScope())
        {
            var briefings = scope.ServiceProvider.GetRequiredService<BriefingService>();
            meeting = (await briefings.FindNextBriefedMeetingAsync(lena, MeetingPrepApp.FixedNow, Ct))!;
            lead = (await briefings.GetRecipeAsync(lena, Ct)).LeadTimeMinutes;
        }

        clock.SetUtcNow(meeting.Start.AddMinutes(-lead + 1));
        var summary = await TickAsync(host);

        Assert.Equal(1, summary.Sent);
        var briefing = Assert.Single(connector.Activities, r => r.Method == "POST" && r.Path == "/v3/conversations/a%3A1demo-personal/activities");
        var sent = JsonNode.Parse(briefing.Body)!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Contains(meeting.Subject, sent, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<UserRef>> RecipientsAsync(WebApplicationFactory<Program> host)
    {
        await using var scope = host.Services.CreateAllTenantsScope();
        return await scope.ServiceProvider.GetRequiredService<IProactiveRecipients>().ListAsync(Ct);
    }

    private static async Task<TickSummary> TickAsync(WebApplicationFactory<Program> host)
    {
        await using var scope = host.Services.CreateAllTenantsScope();
        return await scope.ServiceProvider.GetRequiredService<ProactiveBriefingPlanner>().RunTickAsync(Ct);
    }
}
