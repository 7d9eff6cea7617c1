using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using MeetingPrep.Testing;
using MeetingPrep.Web.Tests.Bot;
using Microsoft.AspNetCore.Http;

namespace MeetingPrep.Web.Tests.Graph;

/// <summary>
/// Microsoft Graph on 127.0.0.1 for the change-notification paths, speaking the v1.0 wire format: the organization's
/// verified domains, <c>calendarView/delta</c> (one page ending in a deltaLink), <c>POST /subscriptions</c> (201 with
/// an id and the granted expiry) and <c>PATCH /subscriptions/{id}</c> (200). Users in <see cref="FailingUsers"/> get a
/// 403 OData error on subscribe and on delta, the way a mailbox outside the app's RBAC scope answers.
/// </summary>
internal sealed class NotificationGraphFake : IAsyncDisposable
{
    private int _tokens;

    private NotificationGraphFake(LocalServer server) => Server = server;

    public LocalServer Server { get; }

    public string BaseUrl => Server.BaseUri.AbsoluteUri + "v1.0";

    public ConcurrentDictionary<string, bool> FailingUsers { get; } = new(StringComparer.Ordinal);

    /// <summary>Events the next delta pages return per user id (Graph event JSON); none by default.</summary>
    public ConcurrentDictionary<string, JsonArray> DeltaEvents { get; } = new(StringComparer.Ordinal);

    public IEnumerable<RecordedRequest> DeltaRequests(string userId) =>
        Server.Requests.Where(r => r.Method == "GET" && r.Path.StartsWith($"/v1.0/users/{userId}/calendarView/delta", StringComparison.Ordinal));

    public static async Task<NotificationGraphFake> StartAsync()
    {
        NotificationGraphFake? fake = null;
        var server = await LocalServer.StartAsync((request, context) => fake!.RespondAsync(request, context));
        fake = new NotificationGraphFake(server);
        return fake;
    }

    private async Task RespondAsync(RecordedRequest request, HttpContext context)
    {
        var path = request.Path.Split('?')[0];
        var segments = path.Trim('/').Split('/');
        switch (request.Method)
        {
            case "GET" when path == "/v1.0/organization":
                await WriteAsync(context, 200, await File.ReadAllTextAsync(Path.Combine(RepoPaths.Shared, "fixtures", "graph", "organization-verifieddomains.json")));
                return;
            case "GET" when segments is ["v1.0", "users", var failing, "calendarView", "delta"] && FailingUsers.ContainsKey(failing):
                await WriteAsync(context, 403, """{"error":{"code":"ErrorAccessDenied","message":"Access is denied. Check credentials and try again."}}""");
                return;
            case "GET" when segments is ["v1.0", "users", var user, "calendarView", "delta"]:
                var token = Interlocked.Increment(ref _tokens);
                var page = new JsonObject
                {
                    ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#Collection(event)",
                    ["value"] = DeltaEvents.TryGetValue(user, out var events) ? events.DeepClone() : new JsonArray(),
                    ["@odata.deltaLink"] = $"{BaseUrl}/users/{user}/calendarView/delta?$deltatoken=tok-{token.ToString(CultureInfo.InvariantCulture)}",
                };
                await WriteAsync(context, 200, page.ToJsonString());
                return;
            case "POST" when path == "/v1.0/subscriptions":
                var asked = JsonNode.Parse(request.Body)!.AsObject();
                var resource = asked["resource"]!.GetValue<string>();
                if (FailingUsers.Keys.Any(u => resource.Contains(u, StringComparison.Ordinal)))
                {
                    await WriteAsync(context, 403, """{"error":{"code":"ExtensionError","message":"Operation: Create; Exception: [Status Code: Forbidden; Reason: Access is denied.]"}}""");
                    return;
                }

                var created = asked.DeepClone().AsObject();
                created["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity";
                created["id"] = Guid.NewGuid().ToString();
                created["applicationId"] = "00000000-0000-4000-8000-0000000c11e7";
                await WriteAsync(context, 201, created.ToJsonString());
                return;
            case "PATCH" when segments is ["v1.0", "subscriptions", var id]:
                var renewal = JsonNode.Parse(request.Body)!;
                var renewed = new JsonObject
                {
                    ["id"] = id,
                    ["expirationDateTime"] = renewal["expirationDateTime"]!.GetValue<string>(),
                    ["changeType"] = "created,updated,deleted",
                };
                await WriteAsync(context, 200, renewed.ToJsonString());
                return;
            case "DELETE" when segments is ["v1.0", "subscriptions", _]:
                context.Response.StatusCode = 204;
                return;
            default:
                await WriteAsync(context, 404, """{"error":{"code":"ResourceNotFound","message":"Not found in the fake."}}""");
                return;
        }
    }

    private static async Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
