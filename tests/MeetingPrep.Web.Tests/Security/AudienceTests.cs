using System.Net;
using System.Text.Json.Nodes;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Web.Security;
using MeetingPrep.Web.Tests.Bot;

namespace MeetingPrep.Web.Tests.Security;

/// <summary>
/// Audience-aware content through the real bot endpoint: a briefing rendered in a group chat or a channel (a reply to
/// "brief me", a card refreshed there by whoever clicks, the full-briefing dialog) leaves out the recipe's internal-only
/// sections and the records they are made of (the EUR 240,000 renewal deal, our mail); the 1:1 chat shows them. A user
/// may switch the filtering off for themselves (recipe <c>audienceFiltering</c>, the settings card's toggle, the settings
/// API), and saving the settings card keeps that switch and each section's internal-only mark.
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

    [Fact]
    public async Task A_user_who_switched_audience_filtering_off_gets_the_whole_briefing_in_a_shared_conversation()
    {
        await SaveOwnPatchAsync(new RecipePatch { AudienceFiltering = false });

        var shared = await ReplyAsync(Message("groupChat", "act-off"), "act-off");

        AssertWhole(shared);
    }

    [Fact]
    public async Task Saving_the_settings_card_keeps_the_audience_switch_and_the_sections_internal_only_marks()
    {
        // Set through the API (the card has no per-section mark): opportunities are fine to show, filtering is off.
        var sections = BriefingRecipe.DefaultOrder.Select(k => new SectionSetting(k, true, k == SectionKind.Opportunities ? false : null)).ToArray();
        await SaveOwnPatchAsync(new RecipePatch { AudienceFiltering = false, Sections = sections });
        var form = new JsonObject { ["itemsPerSection"] = "3", ["audienceFiltering"] = "false" };
        foreach (var kind in BriefingRecipe.DefaultOrder)
        {
            form["section." + kind] = "true";
        }

        var saved = await InvokeAsync(SettingsSave(form));

        Assert.Contains("Saved", saved, StringComparison.Ordinal);
        var patch = await OwnPatchAsync();
        Assert.Equal((false, 3), (patch!.AudienceFiltering, patch.ItemsPerSection));
        Assert.False(patch.Sections!.Single(s => s.Kind == SectionKind.Opportunities).InternalOnly);

        // Switched back on from the card: the deal (no longer internal-only) stays, our mail goes.
        form["audienceFiltering"] = "true";
        await InvokeAsync(SettingsSave(form));
        var shared = await ReplyAsync(Message("groupChat", "act-on"), "act-on");
        Assert.True((await OwnPatchAsync())!.AudienceFiltering);
        Assert.Contains(Deal, shared, StringComparison.Ordinal);
        Assert.DoesNotContain(MailLink, shared, StringComparison.Ordinal);
        Assert.Contains("Shared view", shared, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_settings_api_sets_the_switch_and_the_settings_card_shows_it()
    {
        await using var app = new MeetingPrepApp();
        using var client = app.CreateClient();

        using var put = await client.PutAsync("/api/me/recipe", new StringContent("{\"audienceFiltering\":false}", System.Text.Encoding.UTF8, "application/json"), Ct);
        var recipe = JsonNode.Parse(await client.GetStringAsync("/api/me/recipe", Ct))!;
        var lena = new Core.Users.UserRef(BotScenario.Tenant, BotScenario.LenaOid, BotScenario.LenaUpn, "Lena Vogt", "UTC", "en-US");
        var toggle = Teams.Bot.BotCards.Settings(BriefingRecipe.Default with { AudienceFiltering = false }, lena)["body"]!.AsArray()
            .Single(e => e?["id"]?.GetValue<string>() == "audienceFiltering")!;

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.False(recipe["effective"]!["audienceFiltering"]!.GetValue<bool>());
        Assert.False(recipe["own"]!["audienceFiltering"]!.GetValue<bool>());
        Assert.Equal(("Input.Toggle", "false"), (toggle["type"]!.GetValue<string>(), toggle["value"]!.GetValue<string>()));
    }

    private async Task SaveOwnPatchAsync(RecipePatch patch)
    {
        await using var scope = _host.Services.CreateTenantScope(BotScenario.Tenant);
        await scope.ServiceProvider.GetRequiredService<IRecipeStore>().SaveUserPatchAsync(BotScenario.Tenant, BotScenario.LenaOid, patch, Ct);
    }

    private async Task<RecipePatch?> OwnPatchAsync()
    {
        await using var scope = _host.Services.CreateTenantScope(BotScenario.Tenant);
        return await scope.ServiceProvider.GetRequiredService<IRecipeStore>().GetUserPatchAsync(BotScenario.Tenant, BotScenario.LenaOid, Ct);
    }

    private JsonObject SettingsSave(JsonObject form)
    {
        var invoke = In("personal", "invoke", "inv-save-" + Guid.NewGuid().ToString("N"));
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "settings.save", ["data"] = form.DeepClone() },
            ["trigger"] = "manual",
        };
        return invoke;
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
