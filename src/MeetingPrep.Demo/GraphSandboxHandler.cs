using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MeetingPrep.Core.Users;
using MeetingPrep.Demo.Data;
using MeetingPrep.Demo.Sandbox;

namespace MeetingPrep.Demo;

/// <summary>
/// An in-process Microsoft Graph v1.0 that answers for a <see cref="DemoTenant"/>, so the production Graph connector
/// runs unchanged in demo mode (give its HttpClient this handler and <see cref="BaseUrl"/>). It speaks the wire format
/// for what MeetingPrep sends: calendarView (paging, $select, $orderby, Prefer: outlook.timezone), calendarView/delta
/// (skip and delta tokens over an in-memory change log), events by id, message search on participants, JSON $batch
/// (at most 20 steps), and the organization's verified domains. Anything else gets Graph's error JSON.
/// Any host is accepted; only the path after <c>/v1.0</c> matters.
/// </summary>
public sealed class GraphSandboxHandler : HttpMessageHandler
{
    public const string BaseUrl = "https://graph.sandbox.meetingprep.local/v1.0";

    public const int MaxBatchRequests = 20;

    public const int DefaultPageSize = 10;

    public const int MaxPageSize = 1000;

    private const string JsonContentType = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

    private readonly DemoTenant _tenant;
    private long _httpRequests;
    private long _responses;

    public GraphSandboxHandler(DemoTenant tenant)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        _tenant = tenant;
    }

    /// <summary>HTTP requests received (a $batch counts once), so tests can assert round trips.</summary>
    public long HttpRequestCount => Interlocked.Read(ref _httpRequests);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _httpRequests);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        string? body = null;
        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }

            body = await request.Content.ReadAsStringAsync(cancellationToken);
        }

        var uri = request.RequestUri switch
        {
            null => new Uri(BaseUrl),
            { IsAbsoluteUri: true } absolute => absolute,
            var relative => new Uri(new Uri(BaseUrl + "/"), relative),
        };
        var result = Handle(new SandboxRequest(request.Method.Method, uri, headers, body), cancellationToken);

        var response = new HttpResponseMessage((HttpStatusCode)result.Status) { RequestMessage = request };
        if (result.Body is not null)
        {
            response.Content = new ByteArrayContent(result.Body);
        }

        foreach (var (name, value) in result.Headers)
        {
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                if (response.Content is not null)
                {
                    response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
                }
            }
            else
            {
                response.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    // ---- dispatch -------------------------------------------------------------------------------------------------

    private SandboxResponse Handle(SandboxRequest request, CancellationToken cancellationToken, bool insideBatch = false)
    {
        var n = Interlocked.Increment(ref _responses);
        var requestId = string.Create(CultureInfo.InvariantCulture, $"{n:x8}-5a4d-4b1e-9c0f-{(uint)_tenant.Seed:x12}");
        var clientRequestId = request.Headers.TryGetValue("client-request-id", out var c) ? c : requestId;
        SandboxResponse response;
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (insideBatch && request.Uri.AbsolutePath.EndsWith("/$batch", StringComparison.OrdinalIgnoreCase))
            {
                throw GraphErrorException.BadRequest("BadRequest", "A batch request cannot contain another $batch.");
            }

            response = Route(request, cancellationToken);
        }
        catch (GraphErrorException e)
        {
            response = SandboxResponse.Json(e.Status, GraphJson.Error(e.Code, e.Message, requestId, _tenant.Now));
        }

        var headers = new Dictionary<string, string>(response.Headers, StringComparer.OrdinalIgnoreCase)
        {
            ["request-id"] = requestId,
            ["client-request-id"] = clientRequestId,
            ["Cache-Control"] = "private",
        };
        if (response.Body is not null)
        {
            headers.TryAdd("Content-Type", response.Status < 400 ? JsonContentType : "application/json");
            headers["OData-Version"] = "4.0";
        }

        return response with { Headers = headers };
    }

    private SandboxResponse Route(SandboxRequest request, CancellationToken cancellationToken)
    {
        var path = request.Uri.AbsolutePath;
        var at = path.IndexOf("/v1.0", StringComparison.OrdinalIgnoreCase);
        if (at < 0 || (path.Length > at + 5 && path[at + 5] != '/'))
        {
            throw GraphErrorException.BadRequest("BadRequest", "Invalid version: the sandbox serves only /v1.0.");
        }

        var segments = path[(at + 5)..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        if (segments.Length == 0)
        {
            throw new GraphErrorException(404, "ResourceNotFound", "The sandbox has no service document; request a resource.");
        }

        switch (segments[0].ToLowerInvariant())
        {
            case "$batch" when segments.Length == 1:
                RequireMethod(request, "POST");
                return Batch(request, cancellationToken);
            case "organization" when segments.Length == 1:
                RequireMethod(request, "GET");
                return Organization(request);
            case "me":
                return UserResource(request, _tenant.DefaultUser, segments[1..]);
            case "users" when segments.Length >= 3:
                var user = _tenant.FindUser(segments[1])
                    ?? throw new GraphErrorException(404, "ErrorInvalidUser", $"The requested user '{segments[1]}' is invalid.");
                return UserResource(request, user, segments[2..]);
            default:
                throw GraphErrorException.BadRequest("BadRequest", $"Resource not found for the segment '{segments[0]}'.");
        }
    }

    private SandboxResponse UserResource(SandboxRequest request, UserRef user, string[] rest)
    {
        var route = string.Join('/', rest).ToLowerInvariant();
        switch (route)
        {
            case "calendarview":
            case "calendar/calendarview":
                RequireMethod(request, "GET");
                return CalendarView(request, user);
            case "calendarview/delta":
            case "calendar/calendarview/delta":
                RequireMethod(request, "GET");
                return Delta(request, user);
            case "messages":
                RequireMethod(request, "GET");
                return Messages(request, user);
            case "mailboxsettings":
                RequireMethod(request, "GET");
                return MailboxSettings(request, user);
        }

        if (rest.Length == 2 && rest[0].Equals("events", StringComparison.OrdinalIgnoreCase))
        {
            RequireMethod(request, "GET");
            return Event(request, user, rest[1]);
        }

        if (rest.Length == 2 && rest[0].Equals("messages", StringComparison.OrdinalIgnoreCase))
        {
            RequireMethod(request, "GET");
            return Message(request, user, rest[1]);
        }

        throw GraphErrorException.BadRequest("BadRequest", $"Resource not found for the segment '{(rest.Length > 0 ? rest[0] : "users")}'.");
    }

    private static void RequireMethod(SandboxRequest request, string method)
    {
        if (request.Method != method)
        {
            throw new GraphErrorException(405, "BadRequest", $"The HTTP method '{request.Method}' is not allowed for this resource; use {method}.");
        }
    }

    // ---- calendar -------------------------------------------------------------------------------------------------

    private SandboxResponse CalendarView(SandboxRequest request, UserRef user)
    {
        RejectOptions(request, "calendarView", "$select", "$orderby", "$top", "$skip");
        var (start, end) = Window(request);
        var select = Select(request, GraphJson.EventProperties, "Microsoft.OutlookServices.Event");
        var orderBy = request.Q("$orderby");
        if (orderBy is not null && !orderBy.Trim().Equals("start/dateTime", StringComparison.OrdinalIgnoreCase)
            && !orderBy.Trim().Equals("start/dateTime asc", StringComparison.OrdinalIgnoreCase))
        {
            throw GraphErrorException.BadRequest("BadRequest", $"The sandbox supports $orderby=start/dateTime only, not '{orderBy}'.");
        }

        var top = GraphErrorException.ParseInt(request, "$top", DefaultPageSize, 1, MaxPageSize);
        var skip = GraphErrorException.ParseInt(request, "$skip", 0, 0, int.MaxValue);
        var (rendering, applied) = Render(request);
        var items = InWindow(_tenant.EventsOf(user.UserId).Where(e => !e.IsDeleted && e.Type != "seriesMaster"), start, end).ToList();
        var page = items.Skip(skip).Take(top).ToList();
        string? next = skip + top < items.Count ? Link(request, ("$skip", (skip + top).ToString(CultureInfo.InvariantCulture)), "$skip") : null;

        var body = GraphJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", Context(request, $"users('{Uri.EscapeDataString(user.Upn)}')/calendarView", select));
            if (next is not null)
            {
                w.WriteString("@odata.nextLink", next);
            }

            w.WriteStartArray("value");
            foreach (var e in page)
            {
                GraphJson.WriteEvent(w, e, select, rendering);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        return SandboxResponse.Json(200, body, applied);
    }

    private SandboxResponse Event(SandboxRequest request, UserRef user, string eventId)
    {
        RejectOptions(request, "event", "$select");
        var select = Select(request, GraphJson.EventProperties, "Microsoft.OutlookServices.Event");
        var (rendering, applied) = Render(request);
        var e = _tenant.EventsOf(user.UserId).FirstOrDefault(x => x.Id == eventId && !x.IsDeleted)
            ?? throw new GraphErrorException(404, "ErrorItemNotFound", "The specified object was not found in the store.");
        var context = Context(request, $"users('{Uri.EscapeDataString(user.Upn)}')/events", select) + "/$entity";
        var body = GraphJson.Write(w => GraphJson.WriteEvent(w, e, select, rendering, context: context));
        return SandboxResponse.Json(200, body, applied);
    }

    /// <summary>
    /// calendarView/delta. A first round pages through the window's events as of a snapshot of the change log; its
    /// last page carries a deltaLink whose token remembers that snapshot. Calling the deltaLink returns what changed
    /// since: changed events in full, deleted ones (or ones moved out of the window) as "@removed".
    /// </summary>
    private SandboxResponse Delta(SandboxRequest request, UserRef user)
    {
        RejectOptions(request, "calendarView/delta", "$skiptoken", "$deltatoken");
        var pageSize = DefaultPageSize;
        var applied = new List<string>();
        if (request.Prefer.TryGetValue("odata.maxpagesize", out var max))
        {
            if (!int.TryParse(max, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1)
            {
                throw GraphErrorException.BadRequest("BadRequest", $"Invalid odata.maxpagesize '{max}'.");
            }

            pageSize = Math.Min(pageSize, MaxPageSize);
            applied.Add(string.Create(CultureInfo.InvariantCulture, $"odata.maxpagesize={pageSize}"));
        }

        DeltaToken token;
        if (request.Q("$skiptoken") is { } skipToken)
        {
            token = DeltaToken.Parse(skipToken, user.UserId);
        }
        else if (request.Q("$deltatoken") is { } deltaToken)
        {
            var d = DeltaToken.Parse(deltaToken, user.UserId);
            token = d with { Since = d.Snapshot, Snapshot = _tenant.Version, Offset = 0 };
        }
        else
        {
            var (start, end) = Window(request);
            token = new DeltaToken(user.UserId, start, end, -1, _tenant.Version, 0);
        }

        var (rendering, tzApplied) = Render(request);
        if (tzApplied.TryGetValue("Preference-Applied", out var tz))
        {
            applied.Add(tz);
        }

        var all = _tenant.EventsOf(user.UserId).Where(e => e.Type != "seriesMaster").ToList();
        var windowIds = InWindow(all.Where(e => !e.IsDeleted), token.Start, token.End).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        List<(DemoEvent Event, bool Removed)> items = token.Since < 0
            ? [.. all.Where(e => windowIds.Contains(e.Id) && e.Version <= token.Snapshot).Select(e => (e, false))]
            : [.. all.Where(e => e.Version > token.Since && e.Version <= token.Snapshot).Select(e => (e, !windowIds.Contains(e.Id)))];
        var page = items.Skip(token.Offset).Take(pageSize).ToList();
        var more = token.Offset + pageSize < items.Count;
        var basePath = request.Uri.GetLeftPart(UriPartial.Path);
        var link = more
            ? basePath + "?%24skiptoken=" + (token with { Offset = token.Offset + pageSize }).Encode()
            : basePath + "?%24deltatoken=" + (token with { Offset = 0 }).Encode();

        var body = GraphJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", Context(request, $"users('{Uri.EscapeDataString(user.Upn)}')/calendarView", null) + "/delta");
            w.WriteString(more ? "@odata.nextLink" : "@odata.deltaLink", link);
            w.WriteStartArray("value");
            foreach (var (e, removed) in page)
            {
                if (removed)
                {
                    GraphJson.WriteRemovedEvent(w, e.Id);
                }
                else
                {
                    GraphJson.WriteEvent(w, e, null, rendering, withType: true);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        var headers = applied.Count > 0 ? new Dictionary<string, string> { ["Preference-Applied"] = string.Join(", ", applied) } : null;
        return SandboxResponse.Json(200, body, headers);
    }

    private static IEnumerable<DemoEvent> InWindow(IEnumerable<DemoEvent> events, DateTimeOffset start, DateTimeOffset end) =>
        events.Where(e => e.Start < end && (e.End > start || (e.End == e.Start && e.Start >= start)))
            .OrderBy(e => e.Start).ThenBy(e => e.Id, StringComparer.Ordinal);

    private static (DateTimeOffset Start, DateTimeOffset End) Window(SandboxRequest request)
    {
        var rawStart = request.Q("startDateTime");
        var rawEnd = request.Q("endDateTime");
        if (rawStart is null || rawEnd is null)
        {
            throw GraphErrorException.BadRequest("ErrorInvalidParameter",
                "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
        }

        var start = Instant(rawStart, "StartDateTime");
        var end = Instant(rawEnd, "EndDateTime");
        return end > start
            ? (start, end)
            : throw GraphErrorException.BadRequest("ErrorInvalidParameter", "EndDateTime must be later than StartDateTime.");
    }

    /// <summary>An ISO-8601 instant; no offset means UTC. A '+' that a form encoder turned into a space is put back.</summary>
    private static DateTimeOffset Instant(string raw, string name)
    {
        const DateTimeStyles styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        return DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, styles, out var value)
            || DateTimeOffset.TryParse(raw.Replace(' ', '+'), CultureInfo.InvariantCulture, styles, out value)
            ? value
            : throw GraphErrorException.BadRequest("ErrorInvalidParameter", $"The value '{raw}' of parameter '{name}' is not a valid date-time.");
    }

    // ---- mail -----------------------------------------------------------------------------------------------------

    private SandboxResponse Messages(SandboxRequest request, UserRef user)
    {
        RejectOptions(request, "messages", "$search", "$select", "$top", "$skip", "$skiptoken", "$filter", "$orderby");
        var search = request.Q("$search");
        if (search is not null && (request.Q("$filter") is not null || request.Q("$orderby") is not null))
        {
            throw GraphErrorException.BadRequest("ErrorInvalidUrlQuery", "The query parameters '$filter' and '$orderby' cannot be combined with '$search'.");
        }

        if (request.Q("$filter") is not null)
        {
            throw GraphErrorException.BadRequest("BadRequest", "The sandbox does not support $filter on messages; use $search.");
        }

        var orderBy = request.Q("$orderby");
        if (orderBy is not null && !orderBy.Trim().Equals("receivedDateTime desc", StringComparison.OrdinalIgnoreCase))
        {
            throw GraphErrorException.BadRequest("BadRequest", $"The sandbox supports $orderby=receivedDateTime desc only, not '{orderBy}'.");
        }

        var select = Select(request, GraphJson.MessageProperties, "Microsoft.OutlookServices.Message");
        var top = GraphErrorException.ParseInt(request, "$top", DefaultPageSize, 1, MaxPageSize);
        var skip = GraphErrorException.ParseInt(request, "$skip", 0, 0, int.MaxValue);
        if (request.Q("$skiptoken") is { } skipToken)
        {
            skip = SkipToken.Parse(skipToken);
        }

        var (rendering, applied) = Render(request);
        var filter = search is null ? (_ => true) : Kql.Parse(search);
        // Search results come newest first by sent date; a plain listing newest first by received date.
        var items = _tenant.MessagesOf(user.UserId).Where(filter)
            .OrderByDescending(m => search is null ? m.Received : m.Sent).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
        var page = items.Skip(skip).Take(top).ToList();
        string? next = skip + top < items.Count ? Link(request, ("$skiptoken", SkipToken.Encode(skip + top)), "$skip", "$skiptoken") : null;
        var body = GraphJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", Context(request, $"users('{Uri.EscapeDataString(user.Upn)}')/messages", select));
            w.WriteStartArray("value");
            foreach (var m in page)
            {
                GraphJson.WriteMessage(w, m, select, rendering);
            }

            w.WriteEndArray();
            if (next is not null)
            {
                w.WriteString("@odata.nextLink", next);
            }

            w.WriteEndObject();
        });
        return SandboxResponse.Json(200, body, applied);
    }

    private SandboxResponse Message(SandboxRequest request, UserRef user, string messageId)
    {
        // $expand of an eventMessage's event is accepted: the demo's messages are plain messages, so it expands nothing.
        RejectOptions(request, "message", "$select", "$expand");
        var select = Select(request, GraphJson.MessageProperties, "Microsoft.OutlookServices.Message");
        var (rendering, applied) = Render(request);
        var m = _tenant.MessagesOf(user.UserId).FirstOrDefault(x => x.Id == messageId)
            ?? throw new GraphErrorException(404, "ErrorItemNotFound", "The specified object was not found in the store.");
        return SandboxResponse.Json(200, GraphJson.Write(w => GraphJson.WriteMessage(w, m, select, rendering)), applied);
    }

    // ---- organization -----------------------------------------------------------------------------------------------

    /// <summary>The user's mailbox settings: their time zone (a Windows id, as Exchange keeps it) and language.</summary>
    private static SandboxResponse MailboxSettings(SandboxRequest request, UserRef user)
    {
        RejectOptions(request, "mailboxSettings", "$select");
        var select = Select(request, GraphJson.MailboxSettingsProperties, "microsoft.graph.mailboxSettings");
        bool S(string name) => select is null || select.Contains(name);
        var body = GraphJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", Context(request, $"users('{user.UserId}')/mailboxSettings", select));
            if (S("timeZone"))
            {
                w.WriteString("timeZone", GraphJson.WindowsZone(user.TimeZone));
            }

            if (S("language"))
            {
                w.WriteStartObject("language");
                w.WriteString("locale", user.Culture);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
        return SandboxResponse.Json(200, body);
    }

    private SandboxResponse Organization(SandboxRequest request)
    {
        RejectOptions(request, "organization", "$select");
        var select = Select(request, GraphJson.OrganizationProperties, "microsoft.graph.organization");
        bool S(string name) => select is null || select.Contains(name);
        var body = GraphJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", Context(request, "organization", select));
            w.WriteStartArray("value");
            w.WriteStartObject();
            w.WriteString("id", _tenant.TenantId);
            if (S("displayName"))
            {
                w.WriteString("displayName", _tenant.DisplayName);
            }

            if (S("tenantType"))
            {
                w.WriteString("tenantType", "AAD");
            }

            if (S("countryLetterCode"))
            {
                w.WriteString("countryLetterCode", "DE");
            }

            if (S("preferredLanguage"))
            {
                w.WriteString("preferredLanguage", "en");
            }

            if (S("createdDateTime"))
            {
                w.WriteString("createdDateTime", "2019-04-02T08:11:37Z");
            }

            if (S("verifiedDomains"))
            {
                w.WriteStartArray("verifiedDomains");
                for (var i = 0; i < _tenant.Domains.Count; i++)
                {
                    w.WriteStartObject();
                    w.WriteString("capabilities", "Email, OfficeCommunicationsOnline");
                    w.WriteBoolean("isDefault", i == 0);
                    w.WriteBoolean("isInitial", _tenant.Domains[i].EndsWith(".onmicrosoft.com", StringComparison.OrdinalIgnoreCase));
                    w.WriteString("name", _tenant.Domains[i]);
                    w.WriteString("type", "Managed");
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        });
        return SandboxResponse.Json(200, body);
    }

    // ---- $batch -----------------------------------------------------------------------------------------------------

    private SandboxResponse Batch(SandboxRequest request, CancellationToken cancellationToken)
    {
        var steps = new List<(string Id, SandboxRequest Request)>();
        try
        {
            using var doc = JsonDocument.Parse(request.Body ?? string.Empty);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("requests", out var requests) || requests.ValueKind != JsonValueKind.Array)
            {
                throw GraphErrorException.BadRequest("BadRequest", "Invalid batch payload format: expected an object with a 'requests' array.");
            }

            var count = requests.GetArrayLength();
            if (count == 0 || count > MaxBatchRequests)
            {
                throw GraphErrorException.BadRequest("BadRequest",
                    string.Create(CultureInfo.InvariantCulture, $"A batch must contain between 1 and {MaxBatchRequests} requests; this one has {count}."));
            }

            var baseV1 = request.Uri.GetLeftPart(UriPartial.Authority) + "/v1.0/";
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var step in requests.EnumerateArray())
            {
                var id = step.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString() : null;
                var method = step.TryGetProperty("method", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                var url = step.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(method) || string.IsNullOrEmpty(url))
                {
                    throw GraphErrorException.BadRequest("BadRequest", "Invalid batch payload format: every request needs 'id', 'method' and 'url'.");
                }

                if (!ids.Add(id))
                {
                    throw GraphErrorException.BadRequest("BadRequest", $"Invalid batch payload format: the request id '{id}' is used twice.");
                }

                var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                if (step.TryGetProperty("headers", out var h) && h.ValueKind == JsonValueKind.Object)
                {
                    foreach (var header in h.EnumerateObject())
                    {
                        headers[header.Name] = header.Value.ValueKind == JsonValueKind.String ? header.Value.GetString() ?? string.Empty : header.Value.GetRawText();
                    }
                }

                var stepBody = step.TryGetProperty("body", out var b) ? b.GetRawText() : null;
                // Steps are relative to the version root; tolerate a client that repeats the "/v1.0" prefix.
                var relative = url.TrimStart('/');
                relative = relative.StartsWith("v1.0/", StringComparison.OrdinalIgnoreCase) ? relative[5..] : relative;
                steps.Add((id, new SandboxRequest(method, new Uri(baseV1 + relative), headers, stepBody)));
            }
        }
        catch (JsonException)
        {
            throw GraphErrorException.BadRequest("BadRequest", "Invalid batch payload format: the body is not JSON.");
        }
        catch (UriFormatException)
        {
            throw GraphErrorException.BadRequest("BadRequest", "Invalid batch payload format: a request url is not a relative URL.");
        }

        var responses = new List<(string Id, SandboxResponse Response)>();
        foreach (var (id, step) in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var response = Handle(step, cancellationToken, insideBatch: true);
            responses.Add((id, response));
        }

        var body = GraphJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("responses");
            foreach (var (id, response) in responses)
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteNumber("status", response.Status);
                w.WriteStartObject("headers");
                foreach (var (name, value) in response.Headers.Where(kv => kv.Key is not ("request-id" or "client-request-id")))
                {
                    w.WriteString(name, value);
                }

                w.WriteEndObject();
                if (response.Body is not null)
                {
                    w.WritePropertyName("body");
                    w.WriteRawValue(response.Body);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
        return SandboxResponse.Json(200, body, new Dictionary<string, string> { ["Content-Type"] = "application/json; charset=utf-8" });
    }

    // ---- shared pieces ------------------------------------------------------------------------------------------------

    /// <summary>Query options the sandbox does not implement are refused, so a connector never relies on one silently.</summary>
    private static void RejectOptions(SandboxRequest request, string resource, params string[] allowed)
    {
        foreach (var name in request.Query.Keys.Where(k => k.StartsWith('$')))
        {
            if (!allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw GraphErrorException.BadRequest("BadRequest", $"The query option '{name}' is not supported on {resource}.");
            }
        }
    }

    private static HashSet<string>? Select(SandboxRequest request, IReadOnlySet<string> known, string typeName)
    {
        var raw = request.Q("$select");
        if (raw is null)
        {
            return null;
        }

        var names = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var name in names)
        {
            if (!known.Contains(name))
            {
                throw GraphErrorException.BadRequest("RequestBroker--ParseUri", $"Could not find a property named '{name}' on type '{typeName}'.");
            }
        }

        return new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Time zone and body format from the Prefer header, and the Preference-Applied header that confirms them.</summary>
    private static (Rendering Rendering, Dictionary<string, string> Headers) Render(SandboxRequest request)
    {
        var applied = new List<string>();
        var zone = TimeZoneInfo.Utc;
        var zoneName = "UTC";
        if (request.Prefer.TryGetValue("outlook.timezone", out var requested) && requested.Length > 0)
        {
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(requested, out var found))
            {
                throw GraphErrorException.BadRequest("TimeZoneNotSupportedException",
                    $"A valid TimeZone value must be specified. The following TimeZone value is not supported: '{requested}'.");
            }

            zone = found;
            zoneName = requested;
            applied.Add($"outlook.timezone=\"{requested}\"");
        }

        var text = request.Prefer.TryGetValue("outlook.body-content-type", out var type) && type.Equals("text", StringComparison.OrdinalIgnoreCase);
        if (text)
        {
            applied.Add("outlook.body-content-type=\"text\"");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (applied.Count > 0)
        {
            headers["Preference-Applied"] = string.Join(", ", applied);
        }

        return (new Rendering(zone, zoneName, text), headers);
    }

    private static string Context(SandboxRequest request, string entitySet, IReadOnlySet<string>? select) =>
        request.Uri.GetLeftPart(UriPartial.Authority) + "/v1.0/$metadata#" + entitySet + (select is null ? string.Empty : "(" + string.Join(",", select) + ")");

    /// <summary>The request's own URL with one option replaced (and others dropped), as Graph builds nextLinks.</summary>
    private static string Link(SandboxRequest request, (string Name, string Value) replace, params string[] drop)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in request.Query)
        {
            if (drop.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(replace.Name)).Append('=').Append(Uri.EscapeDataString(replace.Value));
        return request.Uri.GetLeftPart(UriPartial.Path) + query;
    }
}
