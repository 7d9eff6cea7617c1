using System.Net;
using System.Text.Json.Nodes;
using MeetingPrep.Web.Tests.Bot;

namespace MeetingPrep.Web.Tests.Security;

/// <summary>
/// Audience-aware content through the real bot endpoint: a briefing rendered in a group chat or a channel (a reply to
/// "brief me", a card refreshed there by whoever clicks, the full-briefing dialog) leaves out the recipe's internal-only
/// sections and the records they are made of (the EUR 240,000 renewal deal, our mail); the 1:1 chat shows them.
/// </summary>
public sealed class AudienceTests : IAsyncLifetime
{
    private const string Deal = "Fabrikam renewal FY27";
    private const string DealLink = "crm.test/opps/renewal";
    private const string MailLink = "outlook.office.com/mail/e2";

    private TestChannel _channel = null!;
    private FakeConnector _connector = null!;
    private BotHost _host = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _channel = await TestChannel.StartAsync();
        _connector = await FakeConnector.StartAsync();
        _connector.UpnByMemberId[BotScenario.LenaTeamsId] = BotScenario.LenaUpn;
        _host = new BotHost(_channel, _connector);
        _client = await _host.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
        await _connector.DisposeAsync();
        await _channel.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> SharedConversations => ["groupChat", "channel"];

    [Theory]
    [MemberData(nameof(SharedConversations))]
    public async Task Brief_me_in_a_shared_conversation_leaves_out_internal_sections_and_records(string conversationType)
    {
        var personal = await ReplyAsync(Message("personal", "act-p"), "act-p");
        var shared = await ReplyAsync(Message(conversationType, "act-s"), "act-s");

        AssertWhole(personal);
        AssertShared(shared);
    }

    [Theory]
    [MemberData(nameof(SharedConversations))]
    public async Task A_card_refreshed_in_a_shared_conversation_leaves_them_out(string conversationType)
    {
        var personal = await InvokeAsync(Refresh("personal"));
        var shared = await InvokeAsync(Refresh(conversationType));

        AssertWhole(personal);
        AssertShared(shared);
    }

    [Theory]
    [MemberData(nameof(SharedConversations))]
    public async Task The_full_briefing_dialog_opened_from_a_shared_conversation_leaves_them_out(string conversationType)
    {
        var personal = await InvokeAsync(TaskFetch("personal"));
        var shared = await InvokeAsync(TaskFetch(conversationType));

        AssertWhole(personal);
        AssertShared(shared);
    }

    private static void AssertWhole(string card)
    {
        Assert.Contains("Fabrikam quarterly business review", card, StringComparison.Ordinal);
        Assert.Contains(Deal, card, StringComparison.Ordinal);
        Assert.Contains(DealLink, card, StringComparison.Ordinal);
        Assert.Contains(MailLink, card, StringComparison.Ordinal);
        Assert.DoesNotContain("Shared view", card, StringComparison.Ordinal);
    }

    private static void AssertShared(string card)
    {
        // Still the briefing (who is coming, the open case), without the deal, our mail or the sections they make.
        Assert.Contains("Fabrikam quarterly business review", card, StringComparison.Ordinal);
        Assert.Contains("4471", card, StringComparison.Ordinal);
        Assert.Contains("Shared view", card, StringComparison.Ordinal);
        Assert.DoesNotContain(Deal, card, StringComparison.Ordinal);
        Assert.DoesNotContain("240", card, StringComparison.Ordinal);
        Assert.DoesNotContain(DealLink, card, StringComparison.Ordinal);
        Assert.DoesNotContain(MailLink, card, StringComparison.Ordinal);
        Assert.DoesNotContain("pricing for FY27", card, StringComparison.Ordinal);
    }

    private async Task<string> ReplyAsync(JsonObject activity, string id)
    {
        using var response = await _client.SendAsync(BotHost.Post(activity, _channel.Mint(_connector.ServiceUrl)), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.Server.WaitForAsync(r => r.Path.EndsWith("/activities/" + id, StringComparison.Ordinal));
        return reply.Body;
    }

    private async Task<string> InvokeAsync(JsonObject activity)
    {
        using var response = await _client.SendAsync(BotHost.Post(activity, _channel.Mint(_connector.ServiceUrl)), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    /// <summary>An activity as Teams sends it from a conversation of this type (a group chat or channel has its own id).</summary>
    private JsonObject In(string conversationType, string type, string id, string? text = null)
    {
        var conversationId = conversationType switch
        {
            "personal" => "a:1lena-personal",
            "groupChat" => "19:group-chat-id@thread.v2",
            _ => "19:channel-id@thread.tacv2;messageid=1",
        };
        var activity = BotHost.Activity(type, _connector.ServiceUrl, text, id: id, conversationId: conversationId);
        activity["conversation"]!["conversationType"] = conversationType;
        if (conversationType != "personal")
        {
            activity["conversation"]!["isGroup"] = true;
        }

        return activity;
    }

    private JsonObject Message(string conversationType, string id) => In(conversationType, "message", id, "brief me on my next meeting");

    private JsonObject Refresh(string conversationType)
    {
        var invoke = In(conversationType, "invoke", "inv-refresh-" + conversationType);
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "refresh", ["data"] = new JsonObject { ["meetingId"] = BotScenario.Fabrikam.Id } },
            ["trigger"] = "automatic",
        };
        return invoke;
    }

    private JsonObject TaskFetch(string conversationType)
    {
        var fetch = In(conversationType, "invoke", "inv-fetch-" + conversationType);
        fetch["name"] = "task/fetch";
        fetch["value"] = new JsonObject
        {
            ["type"] = "task/fetch",
            ["data"] = new JsonObject { ["verb"] = "briefing.full", ["meetingId"] = BotScenario.Fabrikam.Id, ["msteams"] = new JsonObject { ["type"] = "task/fetch" } },
        };
        return fetch;
    }
}
