using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Benchmarks;

/// <summary>
/// A fake Microsoft Graph on 127.0.0.1 (Kestrel, dynamic port) speaking the v1.0 wire format for the two calls the mail
/// source makes: <c>GET /users/{id}/messages?$search="participants:…"</c> and <c>POST /$batch</c> of such GETs.
/// Every HTTP request waits a fixed latency first, standing in for the network and Graph's own time.
/// </summary>
internal sealed class FakeGraph : IAsyncDisposable
{
    public const int MessagesPerParticipant = 5;

    private readonly WebApplication _app;
    private readonly TimeSpan _latency;
    private readonly DateTimeOffset _now;

    private FakeGraph(WebApplication app, TimeSpan latency, DateTimeOffset now)
    {
        _app = app;
        _latency = latency;
        _now = now;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    public static async Task<FakeGraph> StartAsync(TimeSpan latency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeGraph(app, latency, now);
        app.Use(async (context, next) =>
        {
            await Task.Delay(fake._latency, context.RequestAborted);
            await next(context);
        });
        app.MapGet("/v1.0/users/{user}/messages", (HttpContext context) => fake.ServeMessagesAsync(context));
        app.MapPost("/v1.0/$batch", (HttpContext context) => fake.ServeBatchAsync(context));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        fake.BaseUrl = address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/v1.0";
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeMessagesAsync(HttpContext context)
    {
        var (status, body) = Answer(context.Request.Path + context.Request.QueryString);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    private async Task ServeBatchAsync(HttpContext context)
    {
        using var doc = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var requests = doc.RootElement.GetProperty("requests").EnumerateArray().ToList();
        if (requests.Count is 0 or > 20)
        {
            context.Response.StatusCode = 400;
            await context.Response.WriteAsync("""{"error":{"code":"BadRequest","message":"A batch holds 1 to 20 requests."}}""", context.RequestAborted);
            return;
        }

        var responses = new JsonArray();
        foreach (var request in requests)
        {
            var (status, body) = Answer(request.GetProperty("url").GetString() ?? string.Empty);
            responses.Add(new JsonObject
            {
                ["id"] = request.GetProperty("id").GetString(),
                ["status"] = status,
                ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
                ["body"] = body,
            });
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["responses"] = responses }.ToJsonString(), context.RequestAborted);
    }

    /// <summary>The answer to one messages search, as Graph would send it: newest first, each message with an HTML body.</summary>
    private (int Status, JsonNode Body) Answer(string url)
    {
        var query = url.Contains('?', StringComparison.Ordinal) ? QueryHelpers.ParseQuery(url[url.IndexOf('?', StringComparison.Ordinal)..]) : [];
        var search = query.TryGetValue("$search", out var s) ? s.ToString().Trim('"') : string.Empty;
        if (!url.Contains("/messages", StringComparison.Ordinal) || !search.StartsWith("participants:", StringComparison.Ordinal))
        {
            return (400, JsonNode.Parse("""{"error":{"code":"BadRequest","message":"Unsupported request in the benchmark's fake Graph."}}""")!);
        }

        var address = search["participants:".Length..];
        var top = query.TryGetValue("$top", out var t) && int.TryParse(t, CultureInfo.InvariantCulture, out var n) ? n : 10;
        var items = new JsonArray();
        for (var i = 0; i < Math.Min(top, MessagesPerParticipant); i++)
        {
            var id = $"AAMk-{address}-{i}";
            items.Add(new JsonObject
            {
                ["id"] = id,
                ["conversationId"] = $"conv-{address}",
                ["subject"] = $"RE: Rollout plan, part {i}",
                ["from"] = Recipient(address),
                ["toRecipients"] = new JsonArray(Recipient("adelev@contoso.com")),
                ["ccRecipients"] = new JsonArray(),
                ["sentDateTime"] = _now.AddDays(-1 - i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["body"] = new JsonObject
                {
                    ["contentType"] = "html",
                    ["content"] = $"<html><body><div style=\"font-family:Calibri\"><p class=MsoNormal>Hi Adele,</p><p class=MsoNormal>Following up on the rollout for the EMEA brand &ndash; can we confirm the timeline and a named escalation contact before the quarter closes?</p><p>Thanks,<br>{address}</p></div><div id=\"appendonsend\"></div><hr><p><b>From:</b> Adele Vance<br><b>Sent:</b> Monday</p><p>Earlier message {i}</p></body></html>",
                },
                ["webLink"] = $"https://outlook.office365.com/owa/?ItemID={Uri.EscapeDataString(id)}",
                ["hasAttachments"] = false,
            });
        }

        return (200, new JsonObject { ["value"] = items });
    }

    private static JsonObject Recipient(string address) =>
        new() { ["emailAddress"] = new JsonObject { ["name"] = address.Split('@')[0], ["address"] = address } };
}

/// <summary>
/// The primary handler under the Graph SDK middleware: counts the HTTP exchanges that reached the network and the
/// sequential round trips (longest chain of exchanges, each starting after the previous one finished).
/// </summary>
internal sealed class WireRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentQueue<(TimeSpan Started, TimeSpan Finished)> _exchanges = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public int Requests => _exchanges.Count;

    public int RoundTrips
    {
        get
        {
            var list = _exchanges.OrderBy(e => e.Started).ToList();
            var depth = new int[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                depth[i] = 1;
                for (var j = 0; j < i; j++)
                {
                    if (list[j].Finished <= list[i].Started)
                    {
                        depth[i] = Math.Max(depth[i], depth[j] + 1);
                    }
                }
            }

            return depth.Length == 0 ? 0 : depth.Max();
        }
    }

    public void Reset() => _exchanges.Clear();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = _clock.Elapsed;
        var response = await base.SendAsync(request, cancellationToken);
        _exchanges.Enqueue((started, _clock.Elapsed));
        return response;
    }
}
