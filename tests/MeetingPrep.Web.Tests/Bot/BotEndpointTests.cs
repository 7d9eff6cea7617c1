using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Web.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingPrep.Web.Tests.Bot;

/// <summary>The messaging endpoint through the real host: authentication, request limits, routing, replies.</summary>
public sealed class BotEndpointTests : IAsyncLifetime
{
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

    private string ServiceUrl => _connector.ServiceUrl;

    private Task<HttpResponseMessage> SendAsync(JsonObject activity, string? token) => _client.SendAsync(BotHost.Post(activity, token), Ct);

    private Task<HttpResponseMessage> SendValidAsync(JsonObject activity) =>
        SendAsync(activity, _channel.Mint(activity["serviceUrl"]!.GetValue<string>()));

    public enum Forgery
    {
        None,
        MissingHeader,
        NotAJwt,
        WrongKey,
        Expired,
        NotYetValid,
        WrongAudience,
        WrongIssuer,
        UnsignedToken,
        AlgNone,
        ServiceUrlMismatch,
        UnknownKid,
    }

    [Theory]
    [InlineData(Forgery.MissingHeader)]
    [InlineData(Forgery.NotAJwt)]
    [InlineData(Forgery.WrongKey)]
    [InlineData(Forgery.Expired)]
    [InlineData(Forgery.NotYetValid)]
    [InlineData(Forgery.WrongAudience)]
    [InlineData(Forgery.WrongIssuer)]
    [InlineData(Forgery.UnsignedToken)]
    [InlineData(Forgery.AlgNone)]
    [InlineData(Forgery.ServiceUrlMismatch)]
    [InlineData(Forgery.UnknownKid)]
    public async Task Forged_tokens_are_rejected_with_401_and_nothing_is_sent(Forgery forgery)
    {
        var activity = BotHost.Activity("message", ServiceUrl, "help");
        var now = DateTimeOffset.UtcNow;
        var token = forgery switch
        {
            Forgery.MissingHeader => null,
            Forgery.NotAJwt => "not-a-token",
            Forgery.WrongKey => _channel.Mint(ServiceUrl, key: _channel.ForgeryKey),
            Forgery.Expired => _channel.Mint(ServiceUrl, expires: now.AddMinutes(-10), notBefore: now.AddHours(-1)),
            Forgery.NotYetValid => _channel.Mint(ServiceUrl, notBefore: now.AddMinutes(20), expires: now.AddHours(1)),
            Forgery.WrongAudience => _channel.Mint(ServiceUrl, audience: "11111111-2222-3333-4444-555555555555"),
            Forgery.WrongIssuer => _channel.Mint(ServiceUrl, issuer: "https://evil.example.com"),
            Forgery.UnsignedToken => TestChannel.WithoutSignature(ServiceUrl),
            Forgery.AlgNone => TestChannel.AlgNone(ServiceUrl),
            Forgery.ServiceUrlMismatch => _channel.Mint("https://smba.trafficmanager.net/emea/"),
            Forgery.UnknownKid => _channel.Mint(ServiceUrl, key: _channel.ForgeryKey, kid: "never-published"),
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        using var response = await SendAsync(activity, token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain("signature", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("audience", body, StringComparison.OrdinalIgnoreCase);

        // A turn is handled before its response: nothing can still be on its way.
        Assert.Empty(_connector.Activities);
    }

    [Fact]
    public async Task A_valid_token_is_accepted_and_the_reply_carries_our_own_connector_token()
    {
        using var response = await SendValidAsync(BotHost.Activity("message", ServiceUrl, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.Server.WaitForAsync(r => r.Path.Contains("/activities/act-1", StringComparison.Ordinal));
        Assert.Equal("POST", reply.Method);
        Assert.Equal("/v3/conversations/a%3A1lena-personal/activities/act-1", reply.Path);
        Assert.StartsWith("Bearer connector-token-", reply.Authorization, StringComparison.Ordinal);
        var sent = JsonNode.Parse(reply.Body)!;
        Assert.Equal("message", sent["type"]!.GetValue<string>());
        Assert.Equal(BotScenario.LenaTeamsId, sent["recipient"]!["id"]!.GetValue<string>());
        Assert.Equal(BotScenario.BotId, sent["from"]!["id"]!.GetValue<string>());
        Assert.Equal("act-1", sent["replyToId"]!.GetValue<string>());
        Assert.Contains("brief me on my next meeting", sent["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TestChannel.BotTenant, TestChannel.BotTenant, HttpStatusCode.OK)]
    [InlineData("d6d49420-f39b-4df7-a1dc-d59a935871db", "d6d49420-f39b-4df7-a1dc-d59a935871db", HttpStatusCode.OK)]
    [InlineData(TestChannel.BotTenant, "99999999-9999-4999-8999-999999999999", HttpStatusCode.Unauthorized)]
    [InlineData("99999999-9999-4999-8999-999999999999", "99999999-9999-4999-8999-999999999999", HttpStatusCode.Unauthorized)]
    public async Task Entra_issued_tokens_are_accepted_only_from_accepted_tenants_with_a_matching_tid(string issuerTenant, string tid, HttpStatusCode expected)
    {
        // Newer channel tokens come from Entra and may carry no serviceurl claim; the allow-list then guards outbound calls.
        var token = _channel.Mint(null, issuer: $"https://login.microsoftonline.com/{issuerTenant}/v2.0", extraClaims: new Dictionary<string, object> { ["tid"] = tid });

        using var response = await SendAsync(BotHost.Activity("typing", ServiceUrl), token);

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_rotated_signing_key_is_fetched_when_a_token_names_an_unknown_kid()
    {
        using (var first = await SendValidAsync(BotHost.Activity("conversationUpdate", ServiceUrl, id: "warm-up")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var (key, kid) = _channel.Rotate();
        using var response = await SendAsync(BotHost.Activity("typing", ServiceUrl), _channel.Mint(ServiceUrl, key: key, kid: kid));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_key_replaced_under_a_known_kid_is_fetched_again()
    {
        using (var first = await SendValidAsync(BotHost.Activity("conversationUpdate", ServiceUrl, id: "warm-up")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // The channel rotated the key behind the same kid: the cached key fails the signature, the fresh document has it.
        var key = _channel.ReplaceKey(TestChannel.SigningKid);
        using var response = await SendAsync(BotHost.Activity("typing", ServiceUrl), _channel.Mint(ServiceUrl, key: key));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_reply_never_goes_to_another_port_of_an_allowed_host()
    {
        await using var otherPort = await FakeConnector.StartAsync();
        var activity = BotHost.Activity("message", otherPort.ServiceUrl, "help");

        using var response = await SendAsync(activity, _channel.Mint(otherPort.ServiceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(otherPort.Server.Requests);
        Assert.Empty(_connector.Activities);
    }

    [Fact]
    public async Task An_activity_without_a_conversation_is_refused_with_400()
    {
        var activity = BotHost.Activity("message", ServiceUrl, "help");
        activity.Remove("conversation");

        using var response = await SendValidAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_connector.Activities);
    }

    [Fact]
    public async Task A_flood_of_mentions_is_refused_with_413_and_a_long_real_message_is_answered()
    {
        var flood = BotHost.Activity("message", ServiceUrl, string.Concat(Enumerable.Repeat("<at>", 62 * 1024)));
        var mentions = BotHost.Activity("message", ServiceUrl, "<at>MeetingPrep</at> " + string.Concat(Enumerable.Repeat("<at>", 7000)) + " help", id: "act-long");

        using var refused = await SendValidAsync(flood);
        using var answered = await SendValidAsync(mentions);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        await _connector.Server.WaitForAsync(r => r.Path.EndsWith("/activities/act-long", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_oversized_body_is_refused_with_413()
    {
        var activity = BotHost.Activity("message", ServiceUrl, new string('x', 300 * 1024));

        using var response = await SendValidAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("{ this is not json")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"id":"no-type"}""")]
    public async Task A_body_that_is_not_an_activity_is_refused_with_400(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", _channel.Mint(ServiceUrl));

        using var response = await _client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_service_url_off_the_allow_list_never_receives_a_request()
    {
        await using var attacker = await FakeConnector.StartAsync("127.0.0.2");
        var activity = BotHost.Activity("message", attacker.ServiceUrl, "help");

        // A correctly signed token whose serviceurl claim names the attacker's host (as an Entra token without the claim would allow).
        using var response = await SendAsync(activity, _channel.Mint(attacker.ServiceUrl));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(attacker.Server.Requests);
        Assert.Empty(_connector.Activities);
    }

    [Fact]
    public async Task Head_answers_for_the_playground_probe()
    {
        using var response = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/messages"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_activity_types_are_ignored_with_200()
    {
        using var response = await SendValidAsync(BotHost.Activity("someFutureType", ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_connector.Activities);
    }

    [Fact]
    public async Task Unknown_fields_survive_into_the_handler_and_do_not_break_parsing()
    {
        var activity = BotHost.Activity("message", ServiceUrl, "help");
        activity["someNewTeamsField"] = new JsonObject { ["nested"] = new JsonArray(1, 2) };
        activity["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["timezone"] = "Europe/Berlin", ["locale"] = "en-US" });

        using var response = await SendValidAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Install_stores_the_reference_and_welcomes_once_and_uninstall_removes_it()
    {
        var install = BotHost.Activity("installationUpdate", ServiceUrl, id: "inst-1");
        install["action"] = "add";
        var update = BotHost.Activity("conversationUpdate", ServiceUrl, id: "conv-1");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotScenario.BotId }, new JsonObject { ["id"] = BotScenario.LenaTeamsId });

        using (var r1 = await SendValidAsync(install))
        using (var r2 = await SendValidAsync(update))
        {
            Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
            Assert.Equal(HttpStatusCode.OK, r2.StatusCode);
        }

        var stored = await GetReferenceAsync();
        Assert.NotNull(stored);
        Assert.Equal(ServiceUrl, stored.ServiceUrl);
        Assert.Equal(BotScenario.LenaOid, stored.UserObjectId);
        Assert.Equal("personal", stored.ConversationType);
        var welcomes = _connector.Activities.Where(r => r.Body.Contains("Welcome to MeetingPrep", StringComparison.Ordinal)).ToList();
        Assert.Single(welcomes);
        Assert.Contains("application/vnd.microsoft.card.adaptive", welcomes[0].Body, StringComparison.Ordinal);

        var remove = BotHost.Activity("installationUpdate", ServiceUrl, id: "inst-2");
        remove["action"] = "remove";
        using (var r3 = await SendValidAsync(remove))
        {
            Assert.Equal(HttpStatusCode.OK, r3.StatusCode);
        }

        Assert.Null(await GetReferenceAsync());
    }

    [Fact]
    public async Task Install_update_and_first_message_arriving_together_all_succeed()
    {
        var install = BotHost.Activity("installationUpdate", ServiceUrl, id: "inst-c");
        install["action"] = "add";
        var update = BotHost.Activity("conversationUpdate", ServiceUrl, id: "conv-c");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotScenario.BotId });
        var message = BotHost.Activity("message", ServiceUrl, "help", id: "msg-c");

        var responses = await Task.WhenAll(SendValidAsync(install), SendValidAsync(update), SendValidAsync(message));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.NotNull(await GetReferenceAsync());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Brief_me_on_my_next_meeting_replies_with_the_briefing_card()
    {
        using var response = await SendValidAsync(BotHost.Activity("message", ServiceUrl, "brief me on my next meeting"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.Server.WaitForAsync(r => r.Path.EndsWith("/activities/act-1", StringComparison.Ordinal));
        var card = JsonNode.Parse(reply.Body)!["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["contentType"]!.GetValue<string>());
        Assert.Equal("AdaptiveCard", card["content"]!["type"]!.GetValue<string>());
        Assert.Contains("Fabrikam quarterly business review", reply.Body, StringComparison.Ordinal);
        Assert.Contains("feedback.helpful", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_is_priya_from_fabrikam_answers_with_cited_facts_from_the_users_own_meeting()
    {
        using var response = await SendValidAsync(BotHost.Activity("message", ServiceUrl, "who is Priya from Fabrikam"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.Server.WaitForAsync(r => r.Path.EndsWith("/activities/act-1", StringComparison.Ordinal));
        var sent = JsonNode.Parse(reply.Body)!;
        var text = sent["text"]?.GetValue<string>() ?? string.Empty;
        var card = sent["attachments"]![0]!["content"]!.ToJsonString();
        Assert.Equal("application/vnd.microsoft.card.adaptive", sent["attachments"]![0]!["contentType"]!.GetValue<string>());
        Assert.Contains("Priya Raman (priya@fabrikam.com) attends Fabrikam quarterly business review", card, StringComparison.Ordinal);
        Assert.Contains("Sources", card, StringComparison.Ordinal);
        Assert.Contains("crm.test/contacts/priya", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Northwind", card, StringComparison.Ordinal);
        Assert.Empty(text);
    }

    [Fact]
    public async Task A_user_the_member_api_does_not_know_gets_no_meeting_data()
    {
        _connector.UpnByMemberId.Clear();

        using var response = await SendValidAsync(BotHost.Activity("message", ServiceUrl, "brief me on my next meeting"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await _connector.Server.WaitForAsync(r => r.Path.EndsWith("/activities/act-1", StringComparison.Ordinal));
        Assert.Contains("could not tell who you are", reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Fabrikam", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Feedback_invoke_is_stored_and_answered_with_a_message()
    {
        var invoke = CardAction("feedback.helpful", new JsonObject { ["meetingId"] = BotScenario.Fabrikam.Id });

        using var response = await SendValidAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(200, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.activity.message", body["type"]!.GetValue<string>());
        await using var scope = _host.Services.CreateAllTenantsScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingPrep.Storage.MeetingPrepDbContext>();
        Assert.Single(db.Feedback.Where(f => f.MeetingId == BotScenario.Fabrikam.Id && f.Kind == nameof(FeedbackKind.Helpful)));
    }

    [Fact]
    public async Task Flag_wrong_suppresses_the_item_and_returns_the_card_without_it()
    {
        using var first = await SendValidAsync(CardAction("refresh", new JsonObject { ["meetingId"] = BotScenario.Fabrikam.Id }));
        var card = JsonNode.Parse(await first.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", card["type"]!.GetValue<string>());
        var choices = FindChoices(card["value"]!);
        Assert.NotEmpty(choices);
        var (itemKey, itemTitle) = choices[0];

        using var flagged = await SendValidAsync(CardAction("item.flagWrong", new JsonObject
        {
            ["meetingId"] = BotScenario.Fabrikam.Id,
            ["itemKey"] = itemKey,
            ["comment"] = "Not true any more",
        }));

        var after = JsonNode.Parse(await flagged.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", after["type"]!.GetValue<string>());
        Assert.DoesNotContain(FindChoices(after["value"]!), c => c.Key == itemKey);
        Assert.NotEmpty(itemTitle);

        // The flag is bound to the line's record and its version.
        long flagId;
        await using (var scope = _host.Services.CreateAllTenantsScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<MeetingPrep.Storage.MeetingPrepDbContext>();
            var stored = Assert.Single(db.Feedback.Where(f => f.ItemKey == itemKey && f.Kind == nameof(FeedbackKind.Wrong)));
            Assert.False(string.IsNullOrEmpty(stored.SourceId));
            Assert.False(string.IsNullOrEmpty(stored.SourceVersion));
            flagId = stored.Id;
        }

        // Settings list it with Undo; undoing brings the line back.
        using var settings = await SendValidAsync(CardAction("settings.open", new JsonObject { ["meetingId"] = BotScenario.Fabrikam.Id }));
        var settingsCard = JsonNode.Parse(await settings.Content.ReadAsStringAsync(Ct))!["value"]!;
        var undo = Assert.Single(Descendants(settingsCard).OfType<JsonObject>(), o => o["verb"]?.GetValue<string>() == "feedback.undo");
        Assert.Equal(flagId.ToString(System.Globalization.CultureInfo.InvariantCulture), undo["data"]!["feedbackId"]!.GetValue<string>());

        using var undone = await SendValidAsync(CardAction("feedback.undo", undo["data"]!.AsObject().DeepClone().AsObject()));
        var undoneCard = JsonNode.Parse(await undone.Content.ReadAsStringAsync(Ct))!["value"]!;
        Assert.DoesNotContain(Descendants(undoneCard).OfType<JsonObject>(), o => o["verb"]?.GetValue<string>() == "feedback.undo");
        using var again = await SendValidAsync(CardAction("refresh", new JsonObject { ["meetingId"] = BotScenario.Fabrikam.Id }));
        Assert.Contains(FindChoices(JsonNode.Parse(await again.Content.ReadAsStringAsync(Ct))!["value"]!), c => c.Key == itemKey);
    }

    [Fact]
    public async Task Open_the_full_briefing_is_a_task_fetch_answered_with_a_dialog_holding_the_whole_card()
    {
        using var compact = await SendValidAsync(CardAction("refresh", new JsonObject { ["meetingId"] = BotScenario.Fabrikam.Id }));
        var compactCard = JsonNode.Parse(await compact.Content.ReadAsStringAsync(Ct))!["value"]!;

        // What Teams sends when "Open the full briefing" (Action.Submit with msteams task/fetch) is clicked.
        var fetch = BotHost.Activity("invoke", ServiceUrl, id: "inv-task-fetch");
        fetch["name"] = "task/fetch";
        fetch["value"] = new JsonObject
        {
            ["type"] = "task/fetch",
            ["data"] = new JsonObject { ["verb"] = "briefing.full", ["meetingId"] = BotScenario.Fabrikam.Id, ["msteams"] = new JsonObject { ["type"] = "task/fetch" } },
            ["context"] = new JsonObject { ["theme"] = "default" },
        };
        using var response = await SendValidAsync(fetch);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var task = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["task"]!;
        Assert.Equal("continue", task["type"]!.GetValue<string>());
        Assert.Equal(BotScenario.Fabrikam.Subject, task["value"]!["title"]!.GetValue<string>());
        var attachment = task["value"]!["card"]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment["contentType"]!.GetValue<string>());
        var card = attachment["content"]!;
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());

        // Every line of the card in chat is in the dialog, none behind "Show more"; a dialog runs no Universal Actions.
        var dialogLines = Lines(card);
        Assert.All(Lines(compactCard), line => Assert.Contains(line, dialogLines));
        Assert.DoesNotContain(Descendants(card).OfType<JsonObject>(), o => o["isVisible"]?.GetValue<bool>() == false && o["id"]?.GetValue<string>() is { } id && id.StartsWith("section-", StringComparison.Ordinal));
        Assert.DoesNotContain(Descendants(card).OfType<JsonObject>(), o => o["type"]?.GetValue<string>() == "Action.Execute");
    }

    [Fact]
    public async Task A_task_fetch_that_is_not_ours_is_answered_with_a_dialog_message()
    {
        var fetch = BotHost.Activity("invoke", ServiceUrl, id: "inv-task-other");
        fetch["name"] = "task/fetch";
        fetch["value"] = new JsonObject { ["data"] = new JsonObject { ["meetingId"] = BotScenario.Fabrikam.Id } };

        using var response = await SendValidAsync(fetch);

        var task = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!["task"]!;
        Assert.Equal("message", task["type"]!.GetValue<string>());
    }

    /// <summary>The briefing lines of a card ("• …" text runs).</summary>
    private static List<string> Lines(JsonNode card) =>
        Descendants(card).OfType<JsonObject>()
            .Where(o => o["type"]?.GetValue<string>() == "TextRun" && o["text"]!.GetValue<string>().StartsWith("• ", StringComparison.Ordinal))
            .Select(o => o["text"]!.GetValue<string>())
            .ToList();

    [Fact]
    public async Task Mute_series_stores_the_series_in_the_users_recipe()
    {
        using var response = await SendValidAsync(CardAction("series.mute", new JsonObject { ["meetingId"] = BotScenario.Fabrikam.Id }));

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Contains("Muted", body["value"]!.GetValue<string>(), StringComparison.Ordinal);
        using var next = await SendValidAsync(BotHost.Activity("message", ServiceUrl, "brief me on my next meeting", id: "act-2"));
        var reply = await _connector.Server.WaitForAsync(r => r.Path.EndsWith("/activities/act-2", StringComparison.Ordinal));
        Assert.Contains("Northwind kickoff", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_save_validates_and_persists_the_users_patch()
    {
        using var bad = await SendValidAsync(CardAction("settings.save", new JsonObject { ["length"] = "Enormous" }));
        var badBody = JsonNode.Parse(await bad.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", badBody["type"]!.GetValue<string>());
        Assert.Contains("Length must be Brief, Standard or Detailed.", badBody["value"]!.ToJsonString(), StringComparison.Ordinal);

        using var good = await SendValidAsync(CardAction("settings.save", new JsonObject { ["length"] = "Brief", ["leadTimeMinutes"] = "30", ["meetings.internal"] = "true" }));
        var goodBody = JsonNode.Parse(await good.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("application/vnd.microsoft.activity.message", goodBody["type"]!.GetValue<string>());

        await using var scope = _host.Services.CreateAllTenantsScope();
        var saved = await scope.ServiceProvider.GetRequiredService<MeetingPrep.Core.Recipes.IRecipeStore>().GetUserPatchAsync(BotScenario.Tenant, BotScenario.LenaOid, Ct);
        Assert.NotNull(saved);
        Assert.Equal(MeetingPrep.Core.Recipes.BriefingLength.Brief, saved.Length);
        Assert.Equal(30, saved.LeadTimeMinutes);
        Assert.True(saved.IncludeInternal);
    }

    [Fact]
    public async Task Settings_open_from_chat_and_preview_answer_with_the_settings_card()
    {
        using var preview = await SendValidAsync(CardAction("settings.preview", new JsonObject { ["length"] = "Brief" }));
        var body = JsonNode.Parse(await preview.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        Assert.Contains("Fabrikam quarterly business review", body["value"]!.ToJsonString(), StringComparison.Ordinal);

        using var chat = await SendValidAsync(BotHost.Activity("message", ServiceUrl, "settings", id: "act-s"));
        var reply = await _connector.Server.WaitForAsync(r => r.Path.EndsWith("/activities/act-s", StringComparison.Ordinal));
        Assert.Contains("settings.save", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_verbs_and_unknown_invokes_are_answered_as_not_supported()
    {
        using var verb = await SendValidAsync(CardAction("launch.rockets", new JsonObject()));
        var body = JsonNode.Parse(await verb.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal(400, body["statusCode"]!.GetValue<int>());
        Assert.Equal("application/vnd.microsoft.error", body["type"]!.GetValue<string>());

        var other = BotHost.Activity("invoke", ServiceUrl);
        other["name"] = "composeExtension/query";
        using var invoke = await SendValidAsync(other);
        Assert.Equal(HttpStatusCode.NotImplemented, invoke.StatusCode);
    }

    [Fact]
    public async Task A_403_from_teams_marks_the_conversation_unusable()
    {
        await InstallAsync("inst-1");

        _connector.Failures.Enqueue(new ScriptedFailure(403, "ConversationBlockedByUser"));
        using var response = await SendValidAsync(BotHost.Activity("message", ServiceUrl, "help", id: "act-9"));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var stored = await GetReferenceAsync();
        Assert.NotNull(stored);
        Assert.False(stored.IsUsable);
    }

    [Fact]
    public async Task A_throttled_reply_is_retried_after_retry_after_and_posted_once()
    {
        _connector.Failures.Enqueue(new ScriptedFailure(429, "Throttled", RetryAfterSeconds: 1));

        using var response = await SendValidAsync(BotHost.Activity("message", ServiceUrl, "help"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var posts = _connector.Activities.Where(r => r.Method == "POST").ToList();
        Assert.Equal(2, posts.Count);

        // Teams redelivers the same activity: the reply is not posted a second time.
        using var again = await SendValidAsync(BotHost.Activity("message", ServiceUrl, "help"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, _connector.Activities.Count(r => r.Method == "POST"));
    }

    [Fact]
    public async Task A_proactive_briefing_goes_to_the_installed_conversation_once_and_stops_when_teams_refuses()
    {
        await InstallAsync("inst-p");

        await using var scope = _host.Services.CreateAllTenantsScope();
        var services = scope.ServiceProvider;
        var lena = new MeetingPrep.Core.Users.UserRef(BotScenario.Tenant, BotScenario.LenaOid, BotScenario.LenaUpn, "Lena Vogt", "UTC", "en-US");
        var briefing = (await services.GetRequiredService<MeetingPrep.Core.Briefings.BriefingService>().GetBriefingAsync(lena, BotScenario.Fabrikam.Id, Ct)).Briefing!;
        var notifier = services.GetRequiredService<MeetingPrep.Core.Delivery.IBriefingNotifier>();

        var first = await notifier.DeliverAsync(lena, briefing, "m-fab|1", null, [], Ct);
        var repeat = await notifier.DeliverAsync(lena, briefing, "m-fab|1", null, [], Ct);

        Assert.Equal(MeetingPrep.Core.Delivery.DeliveryOutcome.Sent, first.Outcome);
        Assert.Equal(MeetingPrep.Core.Delivery.DeliveryOutcome.Sent, repeat.Outcome);
        Assert.NotNull(first.ActivityId);
        Assert.Equal(first.ActivityId, repeat.ActivityId);
        var posts = _connector.Activities.Where(r => r.Path == "/v3/conversations/a%3A1lena-personal/activities").ToList();
        Assert.Single(posts);
        Assert.Contains("Fabrikam quarterly business review", posts[0].Body, StringComparison.Ordinal);
        Assert.StartsWith("Bearer ", posts[0].Authorization, StringComparison.Ordinal);

        // A delivery that already has its card (a takeover after the post went out) updates that card, never posts again.
        var update = await notifier.DeliverAsync(lena, briefing, "m-fab|1", first.ActivityId, [], Ct);
        Assert.Equal((MeetingPrep.Core.Delivery.DeliveryOutcome.Sent, first.ActivityId), (update.Outcome, update.ActivityId));
        var put = Assert.Single(_connector.Activities, r => r.Method == "PUT");
        Assert.Equal($"/v3/conversations/a%3A1lena-personal/activities/{first.ActivityId}", put.Path);
        Assert.Single(_connector.Activities, r => r.Method == "POST" && r.Path == posts[0].Path);

        // 503 proves the post was not taken (retry later); 504 does not (its outcome is unknown: never posted again).
        _connector.Failures.Enqueue(new ScriptedFailure(503, "ServiceUnavailable"));
        Assert.Equal(MeetingPrep.Core.Delivery.DeliveryOutcome.Failed, (await notifier.DeliverAsync(lena, briefing, "m-fab|4", null, [], Ct)).Outcome);
        _connector.Failures.Enqueue(new ScriptedFailure(504, "GatewayTimeout"));
        Assert.Equal(MeetingPrep.Core.Delivery.DeliveryOutcome.Unknown, (await notifier.DeliverAsync(lena, briefing, "m-fab|5", null, [], Ct)).Outcome);

        _connector.Failures.Enqueue(new ScriptedFailure(403, "BotNotInConversationRoster"));
        Assert.Equal(MeetingPrep.Core.Delivery.DeliveryOutcome.ConversationGone, (await notifier.DeliverAsync(lena, briefing, "m-fab|2", null, [], Ct)).Outcome);
        Assert.Equal(MeetingPrep.Core.Delivery.DeliveryOutcome.NoConversation, (await notifier.DeliverAsync(lena, briefing, "m-fab|3", null, [], Ct)).Outcome);
    }

    [Fact]
    public async Task A_sent_cards_automatic_refresh_shows_the_briefing_as_it_is_now()
    {
        await InstallAsync("inst-r");

        // The card as it went out proactively, with the refresh action Teams runs when someone opens it.
        var lena = new MeetingPrep.Core.Users.UserRef(BotScenario.Tenant, BotScenario.LenaOid, BotScenario.LenaUpn, "Lena Vogt", "UTC", "en-US");
        await using (var scope = _host.Services.CreateAllTenantsScope())
        {
            var briefing = (await scope.ServiceProvider.GetRequiredService<MeetingPrep.Core.Briefings.BriefingService>().GetBriefingAsync(lena, BotScenario.Fabrikam.Id, Ct)).Briefing!;
            var sent = await scope.ServiceProvider.GetRequiredService<MeetingPrep.Core.Delivery.IBriefingNotifier>().DeliverAsync(lena, briefing, "m-fab|r", null, [], Ct);
            Assert.Equal(MeetingPrep.Core.Delivery.DeliveryOutcome.Sent, sent.Outcome);
        }

        var posted = JsonNode.Parse(Assert.Single(_connector.Activities, a => a.Method == "POST" && a.Body.Contains("Fabrikam quarterly", StringComparison.Ordinal)).Body)!;
        var card = posted["attachments"]![0]!["content"]!;
        Assert.Contains("Waiting on engineering", card.ToJsonString(), StringComparison.Ordinal);
        var refresh = card["refresh"]!["action"]!;
        Assert.Equal(("Action.Execute", "refresh"), (refresh["type"]!.GetValue<string>(), refresh["verb"]!.GetValue<string>()));

        // The case moves on in the CRM; opening the card later runs its refresh (trigger "automatic"), signed like any invoke.
        _host.Services.GetRequiredService<BotScenario.Crm>().CaseStatus = "Fix deployed, awaiting confirmation";
        var invoke = CardAction("refresh", refresh["data"]!.AsObject().DeepClone().AsObject());
        invoke["value"]!["trigger"] = "automatic";
        using var response = await SendValidAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", body["type"]!.GetValue<string>());
        var now = body["value"]!.ToJsonString();
        Assert.Contains("Fix deployed, awaiting confirmation", now, StringComparison.Ordinal);
        Assert.DoesNotContain("Waiting on engineering", now, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_morning_digest_goes_to_the_installed_conversation_once_each_meeting_opening_its_briefing()
    {
        await InstallAsync("inst-d");

        await using var scope = _host.Services.CreateAllTenantsScope();
        var lena = new MeetingPrep.Core.Users.UserRef(BotScenario.Tenant, BotScenario.LenaOid, BotScenario.LenaUpn, "Lena Vogt", "UTC", "en-US");
        var notifier = scope.ServiceProvider.GetRequiredService<MeetingPrep.Core.Delivery.IBriefingNotifier>();
        var day = DateOnly.FromDateTime(BotScenario.Fabrikam.Start.UtcDateTime);
        var digest = new MeetingPrep.Core.Delivery.MeetingDigest(day, [BotScenario.Fabrikam]);
        var key = MeetingPrep.Core.Delivery.DeliveryKey.ForDigest(lena, day).IdempotencyKey;

        var first = await notifier.DeliverDigestAsync(lena, digest, key, Ct);
        var repeat = await notifier.DeliverDigestAsync(lena, digest, key, Ct);

        Assert.Equal((MeetingPrep.Core.Delivery.DeliveryOutcome.Sent, first.ActivityId), (repeat.Outcome, repeat.ActivityId));
        var post = Assert.Single(_connector.Activities, a => a.Method == "POST" && a.Path == "/v3/conversations/a%3A1lena-personal/activities");
        var card = JsonNode.Parse(post.Body)!["attachments"]![0]!["content"]!;
        Assert.Contains("Fabrikam quarterly business review", card.ToJsonString(), StringComparison.Ordinal);
        var open = Assert.Single(Descendants(card).OfType<JsonObject>(), o => o["verb"]?.GetValue<string>() == "briefing.open");
        Assert.Equal(BotScenario.Fabrikam.Id, open["data"]!["meetingId"]!.GetValue<string>());

        // Clicking it answers with that meeting's briefing card.
        using var opened = await SendValidAsync(CardAction("briefing.open", open["data"]!.AsObject().DeepClone().AsObject()));
        var answer = JsonNode.Parse(await opened.Content.ReadAsStringAsync(Ct))!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", answer["type"]!.GetValue<string>());
        Assert.Contains("Dashboard refresh failing", answer["value"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_digests_notification_and_an_updates_what_changed_line_are_in_the_readers_language()
    {
        await InstallAsync("inst-l");

        await using var scope = _host.Services.CreateAllTenantsScope();
        var services = scope.ServiceProvider;
        var lena = new MeetingPrep.Core.Users.UserRef(BotScenario.Tenant, BotScenario.LenaOid, BotScenario.LenaUpn, "Lena Vogt", "Europe/Berlin", "de-DE");
        var notifier = services.GetRequiredService<MeetingPrep.Core.Delivery.IBriefingNotifier>();
        var day = DateOnly.FromDateTime(BotScenario.Fabrikam.Start.UtcDateTime);

        Assert.Equal(MeetingPrep.Core.Delivery.DeliveryOutcome.Sent, (await notifier.DeliverDigestAsync(lena, new MeetingPrep.Core.Delivery.MeetingDigest(day, [BotScenario.Fabrikam]), "digest-de", Ct)).Outcome);
        Assert.Equal(MeetingPrep.Core.Delivery.DeliveryOutcome.Sent, (await notifier.DeliverDigestAsync(lena, new MeetingPrep.Core.Delivery.MeetingDigest(day, [BotScenario.Fabrikam], Culture: "en-US"), "digest-en", Ct)).Outcome);
        var digests = _connector.Activities.Where(a => a.Method == "POST").TakeLast(2).Select(a => JsonNode.Parse(a.Body)!["summary"]!.GetValue<string>()).ToList();
        Assert.Equal(["Ihre Besprechungen heute", "Your meetings today"], digests);

        // A card updated in place: the notification and what changed, in German, with German dates and priorities.
        var briefing = (await services.GetRequiredService<MeetingPrep.Core.Briefings.BriefingService>().GetBriefingAsync(lena, BotScenario.Fabrikam.Id, Ct)).Briefing!;
        var sent = await notifier.DeliverAsync(lena, briefing, "m-fab|l", null, [], Ct);
        var moved = new DateTimeOffset(2026, 11, 26, 10, 37, 0, TimeSpan.FromHours(1));
        MeetingPrep.Core.Delivery.MaterialChange[] changes =
        [
            MeetingPrep.Core.Delivery.MaterialChange.Of(MeetingPrep.Core.Delivery.MaterialChange.Moved, moved, moved.AddMinutes(-17)),
            MeetingPrep.Core.Delivery.MaterialChange.Of(MeetingPrep.Core.Delivery.MaterialChange.CaseEscalated, "4490", MeetingPrep.Core.Crm.CasePriority.Critical),
            MeetingPrep.Core.Delivery.MaterialChange.Of(MeetingPrep.Core.Delivery.MaterialChange.DealCloseDate, "Fabrikam renewal", null, new DateOnly(2026, 12, 31)),
        ];
        await notifier.DeliverAsync(lena, briefing, "m-fab|l", sent.ActivityId, changes, Ct);

        var put = JsonNode.Parse(Assert.Single(_connector.Activities, a => a.Method == "PUT").Body)!;
        Assert.StartsWith("Ihr Briefing für ", put["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        var line = put["attachments"]![0]!["content"]!["body"]![0]!["text"]!.GetValue<string>();
        // Each change is escaped as card markdown (its parentheses too).
        Assert.Equal(@"Aktualisiert: Verschoben auf Do 26. Nov. 10:37 \(vorher 10:20\); Fall 4490 eskaliert \(Priorität kritisch\); Fabrikam renewal: Abschlussdatum keines \(vorher 31. Dez. 2026\)", line);
    }

    /// <summary>Lena installs the app (or it is upgraded): the conversation reference every proactive test starts from.</summary>
    private async Task InstallAsync(string activityId)
    {
        var install = BotHost.Activity("installationUpdate", ServiceUrl, id: activityId);
        install["action"] = "add-upgrade";
        using var response = await SendValidAsync(install);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private JsonObject CardAction(string verb, JsonObject data)
    {
        var invoke = BotHost.Activity("invoke", ServiceUrl, id: "inv-" + verb);
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return invoke;
    }

    private static List<(string Key, string Title)> FindChoices(JsonNode card) =>
        card.ToJsonString().Length == 0
            ? []
            : Descendants(card)
                .OfType<JsonObject>()
                .Where(o => o["type"]?.GetValue<string>() == "Input.ChoiceSet" && o["id"]?.GetValue<string>() == "itemKey")
                .SelectMany(o => o["choices"]!.AsArray().Select(c => (c!["value"]!.GetValue<string>(), c["title"]!.GetValue<string>())))
                .ToList();

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject o => o.Select(kv => kv.Value),
            JsonArray a => a,
            _ => [],
        };
        foreach (var child in children)
        {
            if (child is null)
            {
                continue;
            }

            foreach (var d in Descendants(child))
            {
                yield return d;
            }
        }
    }

    private async Task<ConversationReference?> GetReferenceAsync()
    {
        await using var scope = _host.Services.CreateAllTenantsScope();
        return await scope.ServiceProvider.GetRequiredService<IConversationReferenceStore>().GetAsync(BotScenario.Tenant, "a:1lena-personal", Ct);
    }

    internal static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}

public sealed class TypingIndicatorTests
{
    [Fact]
    public async Task Slow_answers_are_preceded_by_a_typing_activity()
    {
        await using var channel = await TestChannel.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        connector.UpnByMemberId[BotScenario.LenaTeamsId] = BotScenario.LenaUpn;
        await using var host = new BotHost(
            channel,
            connector,
            extra: new() { ["Bot:TypingAfterMilliseconds"] = "50" },
            services: s =>
            {
                // The calendar answers only once the typing activity has reached the connector: the answer is slow for as
                // long as that takes, however loaded the machine is.
                s.RemoveAll<MeetingPrep.Core.Meetings.ICalendarSource>();
                s.AddSingleton<MeetingPrep.Core.Meetings.ICalendarSource>(new GatedCalendar(
                    new BotScenario.Calendar(),
                    () => connector.Server.WaitForAsync(r => r.Body.Contains("\"type\":\"typing\"", StringComparison.Ordinal))));
            });
        using var client = await host.StartAsync();
        var activity = BotHost.Activity("message", connector.ServiceUrl, "brief me on my next meeting");

        using var response = await client.SendAsync(BotHost.Post(activity, channel.Mint(connector.ServiceUrl)), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var sent = connector.Activities.Select(r => System.Text.Json.Nodes.JsonNode.Parse(r.Body)!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(["typing", "message"], sent);
    }
}

/// <summary>A calendar whose meeting list answers only once <paramref name="gate"/> completes (a slow Graph, on cue).</summary>
internal sealed class GatedCalendar(MeetingPrep.Core.Meetings.ICalendarSource inner, Func<Task> gate) : MeetingPrep.Core.Meetings.ICalendarSource
{
    public async Task<IReadOnlyList<MeetingPrep.Core.Meetings.Meeting>> GetMeetingsAsync(MeetingPrep.Core.Users.UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await gate().WaitAsync(cancellationToken);
        return await inner.GetMeetingsAsync(user, from, to, cancellationToken);
    }

    public Task<MeetingPrep.Core.Meetings.Meeting?> GetMeetingAsync(MeetingPrep.Core.Users.UserRef user, string meetingId, CancellationToken cancellationToken) =>
        inner.GetMeetingAsync(user, meetingId, cancellationToken);

    public Task<IReadOnlyList<MeetingPrep.Core.Meetings.Meeting>> GetMeetingsWithAsync(
        MeetingPrep.Core.Users.UserRef user, IReadOnlyCollection<string> emails, DateTimeOffset since, DateTimeOffset before, CancellationToken cancellationToken) =>
        inner.GetMeetingsWithAsync(user, emails, since, before, cancellationToken);

    public Task<MeetingPrep.Core.Meetings.TenantDomains> GetTenantDomainsAsync(MeetingPrep.Core.Users.UserRef user, CancellationToken cancellationToken) =>
        inner.GetTenantDomainsAsync(user, cancellationToken);
}

/// <summary>The Agents Playground mode: Development, demo data, no bot credentials, no token.</summary>
public sealed class AnonymousPlaygroundModeTests
{
    [Fact]
    public async Task Without_credentials_in_development_an_unsigned_request_is_served_and_replies_carry_no_token()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var host = new BotHost(channel: null, connector, withCredentials: false, demo: true);
        using var client = await host.StartAsync();
        var activity = BotHost.Activity("message", connector.ServiceUrl, "who is Priya from Fabrikam");
        activity["from"]!.AsObject().Remove("aadObjectId");

        using var response = await client.SendAsync(BotHost.Post(activity, token: null), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var reply = await connector.Server.WaitForAsync(r => r.Path.EndsWith("/activities/act-1", StringComparison.Ordinal));
        Assert.Null(reply.Authorization);
        Assert.Contains("Priya Raman", reply.Body, StringComparison.Ordinal);
        Assert.Equal(0, connector.TokensIssued);
    }

    [Fact]
    public async Task An_app_id_without_its_password_does_not_open_the_anonymous_bypass_in_development()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var host = new BotHost(channel: null, connector, withCredentials: false, demo: true, extra: new() { ["Bot:AppId"] = TestChannel.AppId });
        using var client = await host.StartAsync();

        using var response = await client.SendAsync(BotHost.Post(BotHost.Activity("message", connector.ServiceUrl, "help"), token: null), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(connector.Activities);
    }

    [Fact]
    public async Task With_credentials_configured_an_unsigned_request_is_refused_even_in_development()
    {
        await using var channel = await TestChannel.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        await using var host = new BotHost(channel, connector, withCredentials: true, demo: true);
        using var client = await host.StartAsync();

        using var response = await client.SendAsync(BotHost.Post(BotHost.Activity("message", connector.ServiceUrl, "help"), token: null), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
