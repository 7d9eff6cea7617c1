using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace MeetingPrep.Web.Tests.Bot;

/// <summary>A scripted failure for the next activity POST/PUT: status, connector error code, Retry-After seconds.</summary>
public sealed record ScriptedFailure(int Status, string? Code = null, int? RetryAfterSeconds = null);

/// <summary>
/// The Bot Connector and the Entra token endpoint on 127.0.0.1, speaking their wire formats: it records what the bot
/// sends, issues client-credentials tokens, answers member look-ups, and can be scripted to throttle or refuse.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private int _ids;
    private int _tokens;

    private FakeConnector()
    {
    }

    public LocalServer Server { get; private set; } = null!;

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
        return connector;
    }

    private async Task RespondAsync(RecordedRequest request, HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var path = request.Path;
        if (path.Contains("/oauth2/v2.0/token", StringComparison.Ordinal))
        {
            var n = Interlocked.Increment(ref _tokens);
            TokenPaths[$"connector-token-{n}"] = path;
            await context.Response.WriteAsync(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["access_token"] = $"connector-token-{n}" }.ToJsonString());
            return;
        }

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

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
