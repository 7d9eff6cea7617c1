using System.Net;
using System.Text;
using MeetingPrep.Teams.Bot;
using MeetingPrep.Teams.Bot.Auth;
using MeetingPrep.Teams.Bot.Connector;
using MeetingPrep.Teams.Bot.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Teams.Tests.Bot;

/// <summary>An HTTP handler answering from a script and recording what it was asked.</summary>
internal sealed class ScriptedHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] script) : HttpMessageHandler
{
    private int _next;

    public List<(HttpMethod Method, Uri Uri, string? Authorization, string Body)> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (Requests)
        {
            Requests.Add((request.Method, request.RequestUri!, request.Headers.Authorization?.ToString(), body));
        }

        var index = Math.Min(Interlocked.Increment(ref _next) - 1, script.Length - 1);
        return script[index](request);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, int? retryAfter = null)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (retryAfter is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    }
}

public sealed class TokenCacheTests
{
    private static readonly BotOptions Options = new() { AppId = "app", AppPassword = "secret", TenantId = "tenant-1", ChannelAuthority = "https://login.test" };

    [Fact]
    public async Task The_token_is_requested_once_and_reused_until_five_minutes_before_expiry()
    {
        var n = 0;
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json(HttpStatusCode.OK, $$"""{"access_token":"t{{++n}}","expires_in":3600}"""));
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var provider = new ClientCredentialsTokenProvider(new HttpClient(handler), Options, time, NullLogger<ClientCredentialsTokenProvider>.Instance);

        var tokens = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => provider.GetTokenAsync(TestContext.Current.CancellationToken)));
        time.Advance(TimeSpan.FromMinutes(54));
        var stillCached = await provider.GetTokenAsync(TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(2));
        var renewed = await provider.GetTokenAsync(TestContext.Current.CancellationToken);

        Assert.All(tokens, t => Assert.Equal("t1", t));
        Assert.Equal("t1", stillCached);
        Assert.Equal("t2", renewed);
        Assert.Equal(2, handler.Requests.Count);
        var request = handler.Requests[0];
        Assert.Equal("https://login.test/tenant-1/oauth2/v2.0/token", request.Uri.AbsoluteUri);
        Assert.Contains("grant_type=client_credentials", request.Body, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_credentials_no_token_is_requested()
    {
        var handler = new ScriptedHandler(_ => throw new InvalidOperationException("no call expected"));
        using var provider = new ClientCredentialsTokenProvider(new HttpClient(handler), new BotOptions(), TimeProvider.System, NullLogger<ClientCredentialsTokenProvider>.Instance);

        Assert.Null(await provider.GetTokenAsync(TestContext.Current.CancellationToken));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_refused_token_request_fails_clearly()
    {
        var handler = new ScriptedHandler(_ => ScriptedHandler.Json(HttpStatusCode.Unauthorized, """{"error":"invalid_client"}"""));
        using var provider = new ClientCredentialsTokenProvider(new HttpClient(handler), Options, TimeProvider.System, NullLogger<ClientCredentialsTokenProvider>.Instance);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => provider.GetTokenAsync(TestContext.Current.CancellationToken));
        Assert.Equal(401, ex.Status);
    }
}

public sealed class ConnectorClientTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    private static (ConnectorClient Client, ScriptedHandler Handler) Create(params Func<HttpRequestMessage, HttpResponseMessage>[] script)
    {
        var options = new BotOptions { MaxRetryAfterSeconds = 5 };
        var handler = new ScriptedHandler(script);
        var policy = new ServiceUrlPolicy(options.AllowedServiceUrlHosts);
        var client = new ConnectorClient(
            new HttpClient(handler), policy, new ConnectorPacer(options, TimeProvider.System), new SendLedger(TimeProvider.System), options, TimeProvider.System, NullLogger<ConnectorClient>.Instance);
        return (client, handler);
    }

    private static HttpResponseMessage Created(HttpRequestMessage _) => ScriptedHandler.Json(HttpStatusCode.Created, """{"id":"sent-1"}""");

    private static HttpResponseMessage Throttled(HttpRequestMessage _) => ScriptedHandler.Json((HttpStatusCode)429, """{"error":{"code":"Throttled"}}""", retryAfter: 0);

    [Fact]
    public async Task A_throttled_post_with_an_idempotency_key_is_retried_and_posted_once()
    {
        var (client, handler) = Create(Throttled, Created);

        var result = await client.SendAsync(ServiceUrl, "a:1", OutboundActivity.FromText("hi"), "key-1", TestContext.Current.CancellationToken);

        Assert.Equal("sent-1", result.ActivityId);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_post_without_an_idempotency_key_is_never_retried()
    {
        var (client, handler) = Create(Throttled, Created);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendAsync(ServiceUrl, "a:1", OutboundActivity.FromText("hi"), null, TestContext.Current.CancellationToken));

        Assert.Equal(429, ex.Status);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_ambiguous_server_error_on_a_post_is_not_retried_even_with_a_key()
    {
        var (client, handler) = Create(_ => ScriptedHandler.Json(HttpStatusCode.BadGateway, "{}"), Created);

        await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendAsync(ServiceUrl, "a:1", OutboundActivity.FromText("hi"), "key-2", TestContext.Current.CancellationToken));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task The_same_key_twice_posts_once_and_returns_the_first_id()
    {
        var (client, handler) = Create(Created);

        var first = await client.SendAsync(ServiceUrl, "a:1", OutboundActivity.FromText("hi"), "key-3", TestContext.Current.CancellationToken);
        var second = await client.SendAsync(ServiceUrl, "a:1", OutboundActivity.FromText("hi"), "key-3", TestContext.Current.CancellationToken);

        Assert.Single(handler.Requests);
        Assert.False(first.WasDuplicate);
        Assert.True(second.WasDuplicate);
        Assert.Equal(first.ActivityId, second.ActivityId);
    }

    [Fact]
    public async Task Put_and_delete_are_retried_on_throttling_and_gateway_errors()
    {
        var (client, handler) = Create(Throttled, _ => ScriptedHandler.Json(HttpStatusCode.ServiceUnavailable, "{}", retryAfter: 0), _ => ScriptedHandler.Json(HttpStatusCode.OK, """{"id":"m1"}"""));

        var id = await client.UpdateAsync(ServiceUrl, "19:abc@thread.v2;messageid=1", "m1", OutboundActivity.FromText("edited"), TestContext.Current.CancellationToken);

        Assert.Equal("m1", id);
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(HttpMethod.Put, r.Method));
        Assert.Equal("/amer/v3/conversations/19%3Aabc%40thread.v2%3Bmessageid%3D1/activities/m1", handler.Requests[0].Uri.AbsolutePath);
    }

    [Fact]
    public async Task A_403_is_reported_with_the_connector_code_as_a_gone_conversation()
    {
        var (client, _) = Create(_ => ScriptedHandler.Json(HttpStatusCode.Forbidden, """{"error":{"code":"ConversationBlockedByUser","message":"blocked"}}"""));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendAsync(ServiceUrl, "a:1", OutboundActivity.FromText("hi"), "key-4", TestContext.Current.CancellationToken));

        Assert.Equal("ConversationBlockedByUser", ex.Code);
        Assert.True(ex.ConversationIsGone);
    }

    [Fact]
    public async Task A_service_url_off_the_allow_list_is_refused_before_any_request()
    {
        var (client, handler) = Create(Created);

        await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(() =>
            client.SendAsync("https://attacker.example.com/", "a:1", OutboundActivity.FromText("hi"), null, TestContext.Current.CancellationToken));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task The_authentication_handler_never_attaches_the_token_off_the_allow_list()
    {
        var tokens = new Moq.Mock<IBotTokenProvider>();
        tokens.Setup(t => t.GetTokenAsync(Moq.It.IsAny<CancellationToken>())).Returns(Task.FromResult<string?>("secret-token"));
        var inner = new ScriptedHandler(Created);
        using var http = new HttpClient(new BotAuthenticationHandler(tokens.Object, new ServiceUrlPolicy(["smba.trafficmanager.net"])) { InnerHandler = inner });

        await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(() => http.PostAsync(new Uri("https://attacker.example.com/v3/conversations"), null, TestContext.Current.CancellationToken));
        using var ok = await http.PostAsync(new Uri("https://smba.trafficmanager.net/amer/v3/conversations"), null, TestContext.Current.CancellationToken);

        Assert.Single(inner.Requests);
        Assert.Equal("Bearer secret-token", inner.Requests[0].Authorization);
        tokens.Verify(t => t.GetTokenAsync(Moq.It.IsAny<CancellationToken>()), Moq.Times.Once);
    }
}

public sealed class ConnectorPacerTests
{
    [Fact]
    public async Task The_eighth_send_in_a_second_to_one_conversation_waits()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var pacer = new ConnectorPacer(new BotOptions(), time);
        for (var i = 0; i < 7; i++)
        {
            await pacer.WaitAsync("tenant-1", "a:1", TestContext.Current.CancellationToken);
        }

        var eighth = pacer.WaitAsync("tenant-1", "a:1", TestContext.Current.CancellationToken);
        var other = pacer.WaitAsync("tenant-1", "a:2", TestContext.Current.CancellationToken);
        await other;
        Assert.False(eighth.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        await eighth.WaitAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_tenant_at_its_limit_waits_while_another_tenant_goes_on()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-26T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var pacer = new ConnectorPacer(new BotOptions { MaxRequestsPerSecond = 3 }, time);
        for (var i = 0; i < 3; i++)
        {
            await pacer.WaitAsync("contoso", $"a:{i}", TestContext.Current.CancellationToken);
        }

        var fourth = pacer.WaitAsync("contoso", "a:9", TestContext.Current.CancellationToken);
        for (var i = 0; i < 3; i++)
        {
            await pacer.WaitAsync("fabrikam", $"a:{i}", TestContext.Current.CancellationToken);
        }

        Assert.False(fourth.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await fourth.WaitAsync(TestContext.Current.CancellationToken);
    }
}
