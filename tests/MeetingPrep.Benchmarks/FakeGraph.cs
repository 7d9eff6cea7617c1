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
/// A fake Microsoft Graph on 127.0.0.1 (Kestrel, dynamic port) speaking the v1.0 wire format for the calls a briefing
/// makes: <c>GET /organization</c>, <c>GET /users/{id}/events/{id}</c>, <c>GET /users/{id}/calendarView</c> (paged by
/// <c>$top</c> with <c>@odata.nextLink</c>), <c>GET /users/{id}/calendarView/delta</c> (the calendar mirror's sync), <c>GET /users/{id}/messages?$search="participants:…"</c> and <c>POST /$batch</c>
/// of such GETs.
/// Every request, each request inside a <c>$batch</c> included, waits the latency (a batch's requests wait side by side,
/// as Graph runs them), and like Outlook, at most <see cref="MaxConcurrentPerMailbox"/> requests run at once against one
/// mailbox: one more is refused with 429 and <c>Retry-After: 1</c> (inside a batch, as that inner response).
/// </summary>
/// <remarks>
/// The world it serves is generated: the tenant owns contoso.com; meeting <c>meeting-{n}</c> starts in an hour with the
/// user, a colleague and n external people (person1..n@fabrikam.example); the 90 days before hold two past meetings a
/// working day with rotating externals; each address has <see cref="MessagesPerParticipant"/> messages.
/// </remarks>
internal sealed class FakeGraph : IAsyncDisposable
{
    public const int MessagesPerParticipant = 5;

    /// <summary>The benchmark's meetings (meeting-{n}, n external people) a calendar sync round finds in the window.</summary>
    public IReadOnlyCollection<int> MirroredMeetings { get; set; } = [];
    public const string OwnDomain = "contoso.com";

    private readonly WebApplication _app;
    private readonly TimeSpan _latency;
    private readonly DateTimeOffset _now;
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new(StringComparer.Ordinal);
    private int _requests;
    private int _throttled;
    private int _maxInFlight;

    private FakeGraph(WebApplication app, TimeSpan latency, DateTimeOffset now, int? maxConcurrentPerMailbox)
    {
        _app = app;
        _latency = latency;
        _now = now;
        MaxConcurrentPerMailbox = maxConcurrentPerMailbox;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Outlook's limit, or null for none (the mail-only benchmark predates it).</summary>
    public int? MaxConcurrentPerMailbox { get; }

    /// <summary>Graph requests served, each request inside a batch counted, 429s included.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Requests refused with 429 because the mailbox already had its limit in flight.</summary>
    public int Throttled => Volatile.Read(ref _throttled);

    /// <summary>The most requests ever in flight against one mailbox (refused ones not counted).</summary>
    public int MaxInFlightPerMailbox => Volatile.Read(ref _maxInFlight);

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _throttled, 0);
        Interlocked.Exchange(ref _maxInFlight, 0);
    }

    public static async Task<FakeGraph> StartAsync(TimeSpan latency, DateTimeOffset now, CancellationToken cancellationToken, int? maxConcurrentPerMailbox = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var fake = new FakeGraph(app, latency, now, maxConcurrentPerMailbox);
        app.MapPost("/v1.0/$batch", (HttpContext context) => fake.ServeBatchAsync(context));
        app.MapGet("/v1.0/{**path}", (HttpContext context) => fake.ServeSingleAsync(context));
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

    private async Task ServeSingleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!["/v1.0".Length..];
        var (status, body) = await ServeAsync(path + context.Request.QueryString, context.RequestAborted);
        context.Response.StatusCode = status;
        if (status == 429)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
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

        // Graph runs a batch's independent requests side by side, each counted and throttled on its own.
        var answers = await Task.WhenAll(requests.Select(r => ServeAsync(r.GetProperty("url").GetString() ?? string.Empty, context.RequestAborted)));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("responses");
            for (var i = 0; i < requests.Count; i++)
            {
                var (status, body) = answers[i];
                json.WriteStartObject();
                json.WriteString("id", requests[i].GetProperty("id").GetString());
                json.WriteNumber("status", status);
                json.WriteStartObject("headers");
                json.WriteString("Content-Type", "application/json");
                if (status == 429)
                {
                    json.WriteString("Retry-After", "1");
                }

                json.WriteEndObject();
                json.WritePropertyName("body");
                json.WriteRawValue(body, skipInputValidation: true);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted);
    }

    /// <summary>One Graph request (alone or inside a batch): admitted under the mailbox limit, delayed, answered.</summary>
    private async Task<(int Status, string Body)> ServeAsync(string url, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        var mailbox = Mailbox(url);
        if (mailbox is not null && MaxConcurrentPerMailbox is { } limit)
        {
            var now = _inFlight.AddOrUpdate(mailbox, 1, (_, n) => n + 1);
            if (now > limit)
            {
                _inFlight.AddOrUpdate(mailbox, 0, (_, n) => n - 1);
                Interlocked.Increment(ref _throttled);
                return (429, Error("ApplicationThrottled", "Application is over its MailboxConcurrency limit.").ToJsonString());
            }

            int seen;
            while ((seen = _maxInFlight) < now && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
            {
            }
        }

        try
        {
            await Task.Delay(_latency, cancellationToken);

            // Answers are built once per URL, so a repeated briefing costs the fake little CPU beside the client's.
            return _answers.GetOrAdd(url, u =>
            {
                var (status, body) = Answer(u);
                return (status, body.ToJsonString());
            });
        }
        finally
        {
            if (mailbox is not null && MaxConcurrentPerMailbox is not null)
            {
                _inFlight.AddOrUpdate(mailbox, 0, (_, n) => n - 1);
            }
        }
    }

    private static string? Mailbox(string url)
    {
        var path = url.Split('?')[0].TrimStart('/');
        if (path.StartsWith("v1.0/", StringComparison.Ordinal))
        {
            path = path["v1.0/".Length..];
        }

        var parts = path.Split('/');
        return parts.Length >= 2 && parts[0] == "users" ? Uri.UnescapeDataString(parts[1]) : null;
    }

    private (int Status, JsonNode Body) Answer(string url)
    {
        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        var query = queryStart >= 0 ? QueryHelpers.ParseQuery(url[queryStart..]) : [];
        var parts = (queryStart >= 0 ? url[..queryStart] : url).Trim('/').Split('/');
        if (parts[0] == "v1.0")
        {
            parts = parts[1..];
        }

        return parts switch
        {
            ["organization"] => (200, new JsonObject
            {
                ["value"] = new JsonArray(new JsonObject
                {
                    ["id"] = "2b1f6c3a-8e4d-4f71-9a62-c3d5e7f90a14",
                    ["displayName"] = "Contoso",
                    ["verifiedDomains"] = new JsonArray(new JsonObject { ["name"] = OwnDomain, ["isDefault"] = true }),
                }),
            }),
            ["users", var user, "events", var id] => MeetingById(user, Uri.UnescapeDataString(id)),
            ["users", var user, "calendarView"] => CalendarView(user, query),
            ["users", var user, "calendarView", "delta"] => CalendarDelta(user, query),
            ["users", _, "messages"] => Messages(query),
            _ => (400, Error("BadRequest", "Unsupported request in the benchmark's fake Graph.")),
        };
    }

    /// <summary>The user's own address in this world: the mailbox id is "{alias}" or "{alias}@contoso.com".</summary>
    public static string AddressOf(string mailbox) => mailbox.Contains('@', StringComparison.Ordinal) ? mailbox : $"{mailbox}@{OwnDomain}";

    public static string External(int i) => $"person{i}@fabrikam.example";

    private (int, JsonNode) MeetingById(string user, string id)
    {
        if (!id.StartsWith("meeting-", StringComparison.Ordinal) || !int.TryParse(id["meeting-".Length..], CultureInfo.InvariantCulture, out var externals))
        {
            return (404, Error("ErrorItemNotFound", "The specified object was not found in the store."));
        }

        var start = new DateTimeOffset(_now.UtcDateTime.Date, TimeSpan.Zero).AddHours(_now.Hour + 1);
        return (200, Event(user, id, "Fabrikam – quarterly business review", start, Enumerable.Range(1, externals)));
    }

    /// <summary>Two past meetings each working day over the window, each with four rotating externals.</summary>
    private (int, JsonNode) CalendarView(string user, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query)
    {
        var from = DateTimeOffset.Parse(query["startDateTime"]!, CultureInfo.InvariantCulture);
        var to = DateTimeOffset.Parse(query["endDateTime"]!, CultureInfo.InvariantCulture);
        var top = query.TryGetValue("$top", out var t) ? int.Parse(t!, CultureInfo.InvariantCulture) : 10;
        var skip = query.TryGetValue("$skip", out var s) ? int.Parse(s!, CultureInfo.InvariantCulture) : 0;
        var all = PastMeetings(from, to);
        var items = new JsonArray();
        foreach (var (start, id, first) in all.Skip(skip).Take(top))
        {
            items.Add(Event(user, id, "Fabrikam – working session", start, Enumerable.Range(first, 4).Select(i => 1 + ((i - 1) % 300))));
        }

        var page = new JsonObject { ["value"] = items };
        if (skip + top < all.Count)
        {
            page["@odata.nextLink"] = string.Create(CultureInfo.InvariantCulture,
                $"{BaseUrl}/users/{user}/calendarView?startDateTime={Uri.EscapeDataString(query["startDateTime"]!)}&endDateTime={Uri.EscapeDataString(query["endDateTime"]!)}&$top={top}&$skip={skip + top}");
        }

        return (200, page);
    }

    /// <summary>Two past meetings each working day of the last 120 days, each with four rotating externals.</summary>
    private List<(DateTimeOffset Start, string Id, int First)> PastMeetings(DateTimeOffset from, DateTimeOffset to)
    {
        var all = new List<(DateTimeOffset Start, string Id, int First)>();
        var firstDay = new DateTimeOffset(_now.UtcDateTime.Date, TimeSpan.Zero).AddDays(-120);
        for (var day = 0; day < 120; day++)
        {
            var date = firstDay.AddDays(day);
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                continue;
            }

            for (var slot = 0; slot < 2; slot++)
            {
                var start = date.AddHours(10 + (slot * 4));
                if (start >= from && start < to && start < _now)
                {
                    all.Add((start, $"past-{day}-{slot}", 1 + (((day * 2) + slot) * 3 % 300)));
                }
            }
        }

        return all;
    }

    /// <summary>
    /// calendarView/delta: a first round pages the window (the past meetings and every benchmark meeting) 50 at a time
    /// and ends with a delta link; a round from that link finds nothing changed.
    /// </summary>
    private (int, JsonNode) CalendarDelta(string user, Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query)
    {
        var self = $"{BaseUrl}/users/{user}/calendarView/delta";
        if (query.ContainsKey("$deltatoken"))
        {
            return (200, new JsonObject { ["value"] = new JsonArray(), ["@odata.deltaLink"] = self + "?$deltatoken=unchanged" });
        }

        const int PageSize = 50;
        var from = DateTimeOffset.Parse(query["startDateTime"]!, CultureInfo.InvariantCulture);
        var to = DateTimeOffset.Parse(query["endDateTime"]!, CultureInfo.InvariantCulture);
        var skip = query.TryGetValue("$skiptoken", out var s) ? int.Parse(s!, CultureInfo.InvariantCulture) : 0;
        var upcoming = new DateTimeOffset(_now.UtcDateTime.Date, TimeSpan.Zero).AddHours(_now.Hour + 1);
        var events = PastMeetings(from, to)
            .Select(p => Event(user, p.Id, "Fabrikam – working session", p.Start, Enumerable.Range(p.First, 4).Select(i => 1 + ((i - 1) % 300))))
            .Concat(upcoming >= from && upcoming < to ? MirroredMeetings.Select(n => Event(user, $"meeting-{n}", "Fabrikam – quarterly business review", upcoming, Enumerable.Range(1, n))) : [])
            .ToList();
        var page = new JsonObject { ["value"] = new JsonArray([.. events.Skip(skip).Take(PageSize)]) };
        if (skip + PageSize < events.Count)
        {
            page["@odata.nextLink"] = string.Create(CultureInfo.InvariantCulture,
                $"{self}?startDateTime={Uri.EscapeDataString(query["startDateTime"]!)}&endDateTime={Uri.EscapeDataString(query["endDateTime"]!)}&$skiptoken={skip + PageSize}");
        }
        else
        {
            page["@odata.deltaLink"] = self + "?$deltatoken=unchanged";
        }

        return (200, page);
    }

    private static JsonObject Event(string user, string id, string subject, DateTimeOffset start, IEnumerable<int> externals)
    {
        var attendees = new JsonArray(Attendee($"megan@{OwnDomain}", "accepted"));
        foreach (var i in externals)
        {
            attendees.Add(Attendee(External(i), "accepted"));
        }

        return new JsonObject
        {
            ["id"] = id,
            ["iCalUId"] = "ical-" + id,
            ["subject"] = subject,
            ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = "<html><body><p>Agenda: rollout status, open cases, renewal timeline.</p></body></html>" },
            ["bodyPreview"] = "Agenda: rollout status, open cases, renewal timeline.",
            ["start"] = new JsonObject { ["dateTime"] = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
            ["end"] = new JsonObject { ["dateTime"] = start.AddHours(1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
            ["isAllDay"] = false,
            ["isCancelled"] = false,
            ["isOrganizer"] = true,
            ["type"] = "singleInstance",
            ["sensitivity"] = "normal",
            ["showAs"] = "busy",
            ["organizer"] = new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = user, ["address"] = AddressOf(user) } },
            ["attendees"] = attendees,
            ["webLink"] = $"https://outlook.office365.com/owa/?itemid={Uri.EscapeDataString(id)}",
        };
    }

    private static JsonObject Attendee(string address, string response) => new()
    {
        ["type"] = "required",
        ["status"] = new JsonObject { ["response"] = response },
        ["emailAddress"] = new JsonObject { ["name"] = address.Split('@')[0], ["address"] = address },
    };

    /// <summary>The answer to one messages search, as Graph would send it: newest first, each message with an HTML body.</summary>
    private (int Status, JsonNode Body) Messages(Dictionary<string, Microsoft.Extensions.Primitives.StringValues> query)
    {
        var search = query.TryGetValue("$search", out var s) ? s.ToString().Trim('"') : string.Empty;
        if (!search.StartsWith("participants:", StringComparison.Ordinal))
        {
            return (400, Error("BadRequest", "Unsupported search in the benchmark's fake Graph."));
        }

        var address = search["participants:".Length..];
        var top = query.TryGetValue("$top", out var t) && int.TryParse(t, CultureInfo.InvariantCulture, out var n) ? n : 10;
        var items = new JsonArray();
        for (var i = 0; i < Math.Min(top, MessagesPerParticipant); i++)
        {
            var id = $"AAMk-{address}-{i}";
            var body = new JsonObject
            {
                ["contentType"] = "html",
                ["content"] = $"<html><body><div style=\"font-family:Calibri\"><p class=MsoNormal>Hi Adele,</p><p class=MsoNormal>Following up on the rollout for the EMEA brand &ndash; can we confirm the timeline and a named escalation contact before the quarter closes?</p><p>Thanks,<br>{address}</p></div><div id=\"appendonsend\"></div><hr><p><b>From:</b> Adele Vance<br><b>Sent:</b> Monday</p><p>Earlier message {i}</p></body></html>",
            };
            items.Add(new JsonObject
            {
                ["id"] = id,
                ["conversationId"] = $"conv-{address}",
                ["subject"] = $"RE: Rollout plan, part {i}",
                ["from"] = Recipient(address),
                ["toRecipients"] = new JsonArray(Recipient("adelev@contoso.com")),
                ["ccRecipients"] = new JsonArray(),
                ["sentDateTime"] = _now.AddDays(-1 - i).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                ["body"] = body,
                ["uniqueBody"] = body.DeepClone(),
                ["webLink"] = $"https://outlook.office365.com/owa/?ItemID={Uri.EscapeDataString(id)}",
                ["hasAttachments"] = false,
            });
        }

        return (200, new JsonObject { ["value"] = items });
    }

    private static JsonObject Error(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

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
