using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Storage;
using MeetingPrep.Web.Security;
using MeetingPrep.Web.Tests.Bot;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Web.Tests.Security;

/// <summary>
/// The tenant allow-list (<c>Security:AllowedTenants</c>) at every door: each API endpoint for a signed-in user of a
/// tenant not on it, each chat command and card action from a Teams tenant not on it, and the jobs' recipient list. All
/// refused, and nothing of the refused tenant is stored or sent.
/// </summary>
public sealed class CrossTenantTests
{
    /// <summary>The only tenant the hosts here serve; the demo's and the bot scenario's tenants are strangers to it.</summary>
    private const string ServedTenant = "99999999-9999-4999-8999-999999999999";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> ApiCalls => new()
    {
        { "GET", "/api/me/meetings" },
        { "GET", "/api/meetings/m1/briefing" },
        { "GET", "/api/meetings/m1/card?host=teams" },
        { "GET", "/api/me/recipe" },
        { "PUT", "/api/me/recipe" },
        { "GET", "/api/team/recipe" },
        { "PUT", "/api/team/recipe" },
        { "POST", "/api/meetings/m1/feedback" },
        { "POST", "/api/cards/action?host=outlook" },
        { "GET", "/api/crm/export" },
        { "GET", "/api/me/briefings/m1/audit" },
        { "GET", "/api/admin/audit" },
        { "GET", "/api/me/export" },
        { "GET", "/api/me/team-report" },
        { "PUT", "/api/me/team-report" },
    };

    [Theory]
    [MemberData(nameof(ApiCalls))]
    public async Task Every_api_endpoint_refuses_a_user_of_a_tenant_not_served(string method, string path)
    {
        await using var app = new MeetingPrepApp(new Dictionary<string, string?> { ["Security:AllowedTenants:0"] = ServedTenant });
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = JsonContent.Create(new JsonObject { ["kind"] = "helpful", ["verb"] = "refresh", ["data"] = new JsonObject { ["meetingId"] = "m1" } });
        }

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await using var scope = app.Services.CreateAllTenantsScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingPrepDbContext>();
        Assert.Equal(0, await db.Feedback.CountAsync(Ct));
        Assert.Equal(0, await db.RecipePatches.CountAsync(Ct));
    }

    [Fact]
    public async Task The_same_calls_are_answered_for_a_served_tenant()
    {
        // The control: the refusal above is the allow-list's, not a broken request.
        await using var app = new MeetingPrepApp();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/me/recipe", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> ChatCommands =>
        ["brief me on my next meeting", "who is Priya from Fabrikam", "what is open with Fabrikam", "last emails with Dan", "settings", "help"];

    [Theory]
    [MemberData(nameof(ChatCommands))]
    public async Task Every_chat_command_from_a_tenant_not_served_is_refused_and_nothing_is_stored_or_sent(string text)
    {
        await using var bot = await StartBotAsync();

        using var response = await bot.Client.SendAsync(BotHost.Post(BotHost.Activity("message", bot.Connector.ServiceUrl, text), bot.Channel.Mint(bot.Connector.ServiceUrl)), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await bot.AssertNothingStoredOrSentAsync();
    }

    public static TheoryData<string> CardVerbs => ["refresh", "helpful", "notHelpful", "flagWrong", "muteSeries", "saveSettings"];

    [Theory]
    [MemberData(nameof(CardVerbs))]
    public async Task Every_card_action_and_the_install_from_a_tenant_not_served_are_refused(string verb)
    {
        await using var bot = await StartBotAsync();
        var invoke = BotHost.Activity("invoke", bot.Connector.ServiceUrl, id: "inv-" + verb);
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = new JsonObject { ["meetingId"] = BotScenario.Fabrikam.Id, ["itemKey"] = "case:1" } },
            ["trigger"] = "manual",
        };
        var install = BotHost.Activity("installationUpdate", bot.Connector.ServiceUrl, id: "inst-" + verb);
        install["action"] = "add";

        using var action = await bot.Client.SendAsync(BotHost.Post(invoke, bot.Channel.Mint(bot.Connector.ServiceUrl)), Ct);
        using var installed = await bot.Client.SendAsync(BotHost.Post(install, bot.Channel.Mint(bot.Connector.ServiceUrl)), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, action.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, installed.StatusCode);
        await bot.AssertNothingStoredOrSentAsync();
    }

    [Fact]
    public async Task A_conversation_stored_in_a_tenant_later_taken_off_the_list_gets_no_proactive_briefings()
    {
        await using var bot = await StartBotAsync();
        await using (var scope = bot.Host.Services.CreateAllTenantsScope())
        {
            await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().SaveAsync(
                new ConversationReference(BotScenario.Tenant, "a:1lena-personal", bot.Connector.ServiceUrl, "msteams", "personal", BotScenario.BotId,
                    BotScenario.LenaTeamsId, BotScenario.LenaOid, BotScenario.LenaUpn, "Lena Vogt", "en-US", "UTC", true, DateTimeOffset.UtcNow),
                Ct);
        }

        await using var jobs = bot.Host.Services.CreateAllTenantsScope();
        Assert.Empty(await jobs.ServiceProvider.GetRequiredService<IProactiveRecipients>().ListAsync(Ct));
    }

    private static async Task<RunningBot> StartBotAsync()
    {
        var channel = await TestChannel.StartAsync();
        var connector = await FakeConnector.StartAsync();
        connector.UpnByMemberId[BotScenario.LenaTeamsId] = BotScenario.LenaUpn;
        var host = new BotHost(channel, connector, extra: new Dictionary<string, string?> { ["Security:AllowedTenants:0"] = ServedTenant });
        return new RunningBot(channel, connector, host, await host.StartAsync());
    }

    private sealed record RunningBot(TestChannel Channel, FakeConnector Connector, BotHost Host, HttpClient Client) : IAsyncDisposable
    {
        public async Task AssertNothingStoredOrSentAsync()
        {
            Assert.Empty(Connector.Server.Requests);
            await using var scope = Host.Services.CreateAllTenantsScope();
            var db = scope.ServiceProvider.GetRequiredService<MeetingPrepDbContext>();
            Assert.Equal(0, await db.Feedback.CountAsync(Ct));
            Assert.Equal(0, await db.RecipePatches.CountAsync(Ct));
            Assert.Equal(0, await db.Set<Storage.Entities.ConversationReferenceEntity>().CountAsync(Ct));
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Host.DisposeAsync();
            await Connector.DisposeAsync();
            await Channel.DisposeAsync();
        }
    }
}
