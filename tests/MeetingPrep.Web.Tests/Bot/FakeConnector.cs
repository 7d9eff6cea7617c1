using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using MeetingPrep.Testing;

namespace MeetingPrep.Web.Tests.Bot;

/// <summary>A scripted failure for the next activity POST/PUT: status, connector error code, Retry-After seconds.</summary>
public sealed record ScriptedFailure(int Status, string? Code = null, int? RetryAfterSeconds = null);

/// <summary>
/// The Bot Connector and the Entra authority on 127.0.0.1, speaking their wire formats: it records what the bot sends,
/// issues client-credentials tokens (over TLS, as MSAL requires, at <see cref="Authority"/>), answers member look-ups,
/// and can be scripted to throttle or refuse.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private int _ids;
    private int _tokens;

    private FakeConnector()
    {
    }

    public LocalServer Server { get; private set; } = null!;

    /// <summary>The Entra authority (token endpoint and OpenID configuration), on https with <see cref="TestCertificate"/>.</summary>
    public LocalServer Login { get; private set; } = null!;

    /// <summary>The value for <c>Bot:ChannelAuthority</c>: MSAL adds the tenant and <c>/oauth2/v2.0/token</c>.</summary>
    public string Authority => Login.BaseUri.AbsoluteUri.TrimEnd('/');

    /// <summary>The serviceUrl activities name; the bot may only ever call under it.</summary>
    public string ServiceUrl => Server.BaseUri.AbsoluteUri;

    public ConcurrentQueue<ScriptedFailure> Failures { get; } = new();

    public ConcurrentDictionary<string, string> UpnByMemberId { get; } = new();

    public int TokensIssued => _tokens;

    /// <summary>Each issued token and the path it was asked for on (a token authority per instance tells instances apart).</summary>
    public ConcurrentDictionary<string, string> TokenPaths { get; } = new(StringComparer.Ordinal);

    /// <summary>Awaited before an activity POST or PUT is answered: lets a test see a post in flight and hold it there.</summary>
    public Func<RecordedRequest, Task>? BeforeActivityAnswer { get; set; }

    public IEnumerable<RecordedRequest> Activities =>
        Server.Requests.Where(r => r.Path.Contains("/activities", StringComparison.Ordinal));

    public static async Task<FakeConnector> StartAsync(string host = "127.0.0.1")
    {
        var connector = new FakeConnector();
        connector.Server = await LocalServer.StartAsync(connector.RespondAsync, host);
        connector.Login = await LocalServer.StartAsync(connector.RespondAsLoginAsync, https: true);
        return connector;
    }

    private async Task RespondAsLoginAsync(RecordedRequest request, HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var path = request.Path.Split('?')[0];
        if (request.Method == "POST" && path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            var n = Interlocked.Increment(ref _tokens);
            TokenPaths[$"connector-token-{n}"] = path;
            await context.Response.WriteAsync(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["access_token"] = $"connector-token-{n}" }.ToJsonString());
            return;
        }

        if (path.EndsWith("/v2.0/.well-known/openid-configuration", StringComparison.Ordinal))
        {
            // The tenant's OpenID configuration, as Entra publishes it, for clients that read it first.
            var tenant = Authority + path[..path.IndexOf("/v2.0/", StringComparison.Ordinal)];
            await context.Response.WriteAsync(new JsonObject
            {
                ["issuer"] = tenant + "/v2.0",
                ["token_endpoint"] = tenant + "/oauth2/v2.0/token",
                ["authorization_endpoint"] = tenant + "/oauth2/v2.0/authorize",
                ["jwks_uri"] = tenant + "/discovery/v2.0/keys",
                ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "private_key_jwt", "client_secret_basic"),
            }.ToJsonString());
            return;
        }

        context.Response.StatusCode = 404;
    }

    private async Task RespondAsync(RecordedRequest request, HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var path = request.Path;

        if (request.Method == "GET" && path.Contains("/members/", StringComparison.Ordinal))
        {
            var memberId = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
            if (!UpnByMemberId.TryGetValue(memberId, out var upn))
            {
                context.Response.StatusCode = 404;
                await context.Response.WriteAsync("""{"error":{"code":"MemberNotFoundInConversation","message":"no"}}""");
                return;
            }

            await context.Response.WriteAsync(new JsonObject { ["id"] = memberId, ["userPrincipalName"] = upn, ["email"] = upn, ["name"] = upn }.ToJsonString());
            return;
        }

        if (path.Contains("/activities", StringComparison.Ordinal) && Failures.TryDequeue(out var failure))
        {
            context.Response.StatusCode = failure.Status;
            if (failure.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await context.Response.WriteAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = failure.Code ?? "Failure", ["message"] = "scripted" } }.ToJsonString());
            return;
        }

        if (request.Method is "POST" or "PUT")
        {
            if (BeforeActivityAnswer is { } before && path.Contains("/activities", StringComparison.Ordinal))
            {
                await before(request);
            }

            context.Response.StatusCode = request.Method == "POST" ? 201 : 200;
            var id = path.EndsWith("/v3/conversations", StringComparison.Ordinal) ? "a:created" : $"sent-{Interlocked.Increment(ref _ids)}";
            await context.Response.WriteAsync(new JsonObject { ["id"] = id }.ToJsonString());
            return;
        }

        context.Response.StatusCode = request.Method == "DELETE" ? 200 : 404;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Login.DisposeAsync();
    }
}
