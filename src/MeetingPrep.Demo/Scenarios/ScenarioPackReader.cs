using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Users;
using MeetingPrep.Demo.Data;

namespace MeetingPrep.Demo.Scenarios;

/// <summary>
/// Reads a scenario pack folder (format version 1). Everything is checked before anything is returned: every problem is
/// listed with its file and JSON path, and a pack with any problem is refused whole. The CRM files are returned as text;
/// the built-in CRM's CSV reader judges them (line and column), so packs and <c>crm import</c> share one set of rules.
/// </summary>
public static class ScenarioPackReader
{
    public const string ScenarioFile = "scenario.json";
    public const string ExpectFile = "expect.json";
    public const string GraphFolder = "graph";
    public const string CrmFolder = "crm";
    public const string EventsFile = "events.json";
    public const string MessagesFile = "messages.json";

    /// <summary>A generous bound per JSON file, so a mistaken path (a whole mailbox export) fails clearly.</summary>
    public const long MaxFileBytes = 32L * 1024 * 1024;

    private static readonly string[] EventTypes = ["singleInstance", "occurrence", "exception", "seriesMaster"];
    private static readonly string[] AttendeeTypes = ["required", "optional", "resource"];
    private static readonly string[] Responses = ["none", "organizer", "tentativelyAccepted", "accepted", "declined", "notResponded"];
    private static readonly string[] Sensitivities = ["normal", "personal", "private", "confidential"];
    private static readonly string[] ShowAsValues = ["free", "tentative", "busy", "oof", "workingElsewhere", "unknown"];
    private static readonly string[] Importances = ["low", "normal", "high"];
    private static readonly string[] SourceKinds = ["opportunity", "case", "note", "contact", "account", "metric", "email", "meeting"];

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    /// <summary>Whether a folder looks like a pack (holds <c>scenario.json</c>).</summary>
    public static bool IsPack(string folder) => System.IO.File.Exists(System.IO.Path.Combine(folder, ScenarioFile));

    /// <summary>The pack, or a <see cref="ScenarioPackException"/> listing every problem.</summary>
    /// <param name="checkCrm">
    /// Judges the CRM files (by name, as text) at the pack's clock and returns their problems (file relative to the pack,
    /// line and column as the location); it runs even when other files have problems, so every problem is listed at once.
    /// </param>
    public static ScenarioPack Read(string folder, Func<IReadOnlyDictionary<string, string>, DateTimeOffset, IEnumerable<ScenarioProblem>>? checkCrm = null)
    {
        var (pack, problems) = TryRead(folder, checkCrm);
        return problems.Count == 0 ? pack! : throw new ScenarioPackException(folder, problems);
    }

    public static (ScenarioPack? Pack, IReadOnlyList<ScenarioProblem> Problems) TryRead(
        string folder, Func<IReadOnlyDictionary<string, string>, DateTimeOffset, IEnumerable<ScenarioProblem>>? checkCrm = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var problems = new List<ScenarioProblem>();
        if (!Directory.Exists(folder))
        {
            problems.Add(new ScenarioProblem(folder, null, "the folder does not exist"));
            return (null, problems);
        }

        var scenario = ReadScenario(folder, problems);
        var crmFiles = ReadCrmFiles(folder, problems);
        if (checkCrm is not null && crmFiles.Count > 0)
        {
            problems.AddRange(checkCrm(crmFiles, scenario?.Now ?? DateTimeOffset.UnixEpoch));
        }

        if (scenario is null)
        {
            return (null, problems);
        }

        var events = new Dictionary<string, List<DemoEvent>>(StringComparer.Ordinal);
        var messages = new Dictionary<string, List<DemoMessage>>(StringComparer.Ordinal);
        foreach (var user in scenario.Users)
        {
            events[user.UserId] = [];
            messages[user.UserId] = [];
        }

        var graphRoot = System.IO.Path.Combine(folder, GraphFolder);
        if (Directory.Exists(graphRoot))
        {
            foreach (var dir in Directory.EnumerateDirectories(graphRoot).Order(StringComparer.Ordinal))
            {
                var upn = System.IO.Path.GetFileName(dir);
                var user = scenario.Users.FirstOrDefault(u => string.Equals(u.Upn, upn, StringComparison.OrdinalIgnoreCase));
                if (user is null)
                {
                    problems.Add(new ScenarioProblem($"{GraphFolder}/{upn}", null, $"no user '{upn}' in {ScenarioFile} (users: {string.Join(", ", scenario.Users.Select(u => u.Upn))})"));
                    continue;
                }

                ReadEvents(dir, upn, user, events[user.UserId], problems);
                ReadMessages(dir, upn, user, messages[user.UserId], problems);
            }

            foreach (var stray in Directory.EnumerateFiles(graphRoot))
            {
                problems.Add(new ScenarioProblem($"{GraphFolder}/{System.IO.Path.GetFileName(stray)}", null, $"files belong in {GraphFolder}/<upn>/ ({EventsFile}, {MessagesFile})"));
            }
        }

        var expectations = ReadExpectations(folder, scenario.Users, events, problems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var pack = new ScenarioPack(
            System.IO.Path.GetFullPath(folder), scenario.Title, scenario.Now, scenario.OrganizationName, scenario.Domains, scenario.TenantId,
            scenario.Users, events, messages, crmFiles, expectations);
        return (pack, problems);
    }

    // ---- scenario.json ------------------------------------------------------------------------------------------

    private sealed record ScenarioHeader(string Title, DateTimeOffset Now, string OrganizationName, IReadOnlyList<string> Domains, string TenantId, IReadOnlyList<UserRef> Users);

    private static ScenarioHeader? ReadScenario(string folder, List<ScenarioProblem> problems)
    {
        var start = problems.Count;
        var json = new PackJson(ScenarioFile, problems);
        using var document = Parse(folder, ScenarioFile, problems, required: true);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            json.Problem("$", "must be an object");
            return null;
        }

        var version = json.Integer(root, "formatVersion", "$");
        if (version is null)
        {
            json.Problem("$.formatVersion", "is required (1)");
        }
        else if (version != ScenarioPack.FormatVersion)
        {
            json.Problem("$.formatVersion", $"{version} is not supported; this version reads format {ScenarioPack.FormatVersion}");
        }

        var title = json.String(root, "title", "$") ?? System.IO.Path.GetFileName(System.IO.Path.GetFullPath(folder));
        var now = json.Instant(root, "now", "$", required: true);
        var organization = json.Object(root, "organization", "$", required: true);
        string? orgName = null;
        List<string> domains = [];
        if (organization is { } org)
        {
            orgName = json.String(org, "name", "$.organization", required: true);
            domains = json.Strings(org, "domains", "$.organization", required: true).Select(d => d.Trim().ToLowerInvariant()).ToList();
            if (domains.Count == 0)
            {
                json.Problem("$.organization.domains", "needs at least one domain: it decides who is internal");
            }

            for (var i = 0; i < domains.Count; i++)
            {
                if (domains[i].Contains('@', StringComparison.Ordinal) || !domains[i].Contains('.', StringComparison.Ordinal))
                {
                    json.Problem($"$.organization.domains[{i}]", $"'{domains[i]}' is not a domain name (e.g. contoso.com)");
                }
            }
        }

        var tenantId = json.String(root, "tenantId", "$") ?? StableGuid("tenant|" + string.Join(",", domains));
        var users = new List<UserRef>();
        var userItems = json.Array(root, "users", "$", required: true);
        if (userItems.Count == 0 && PackJson.Property(root, "users") is not null)
        {
            json.Problem("$.users", "needs at least one user");
        }

        for (var i = 0; i < userItems.Count; i++)
        {
            var at = PackJson.Path("$.users", i);
            var u = userItems[i];
            var upn = json.String(u, "upn", at, required: true);
            if (upn is null)
            {
                continue;
            }

            if (!IsEmail(upn))
            {
                json.Problem(at + ".upn", $"'{upn}' is not a user principal name (name@domain)");
                continue;
            }

            if (users.Any(x => string.Equals(x.Upn, upn, StringComparison.OrdinalIgnoreCase)))
            {
                json.Problem(at + ".upn", $"'{upn}' is listed twice");
                continue;
            }

            var zone = json.String(u, "timeZone", at) ?? "UTC";
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                json.Problem(at + ".timeZone", $"'{zone}' is not a known IANA or Windows time zone");
            }

            var culture = json.String(u, "preferredLanguage", at) ?? "en-US";
            try
            {
                _ = CultureInfo.GetCultureInfo(culture, predefinedOnly: true);
            }
            catch (CultureNotFoundException)
            {
                json.Problem(at + ".preferredLanguage", $"'{culture}' is not a language tag (e.g. en-US, de-DE)");
            }

            var id = json.String(u, "id", at) ?? StableGuid("user|" + upn.ToLowerInvariant());
            var name = json.String(u, "displayName", at) ?? upn[..upn.IndexOf('@', StringComparison.Ordinal)];
            users.Add(new UserRef(tenantId, id, upn, name, zone, culture));
        }

        foreach (var duplicate in users.GroupBy(u => u.UserId, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            json.Problem("$.users", $"id '{duplicate.Key}' is used by more than one user");
        }

        return problems.Count > start || now is null || orgName is null
            ? null
            : new ScenarioHeader(title, now.Value, orgName, domains, tenantId, users);
    }

    // ---- graph/<upn>/events.json -------------------------------------------------------------------------------------

    /// <summary>Reads a mailbox file (a JSON array of Graph resources), handing each object and its path to <paramref name="read"/>.</summary>
    private static void ReadResources(string dir, string upn, string name, string resource, List<ScenarioProblem> problems, Action<PackJson, JsonElement, string> read)
    {
        var file = $"{GraphFolder}/{upn}/{name}";
        using var document = Parse(dir, name, problems, required: false, displayName: file);
        if (document is null)
        {
            return;
        }

        var json = new PackJson(file, problems);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            json.Problem("$", $"must be a JSON array of Graph {resource} resources");
            return;
        }

        var i = 0;
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var at = PackJson.Path("$", i++);
            if (item.ValueKind == JsonValueKind.Object)
            {
                read(json, item, at);
            }
            else
            {
                json.Problem(at, $"must be {(resource == "event" ? "an" : "a")} {resource} object");
            }
        }
    }

    private static void ReadEvents(string dir, string upn, UserRef user, List<DemoEvent> into, List<ScenarioProblem> problems) =>
        ReadResources(dir, upn, EventsFile, "event", problems, (json, item, at) =>
        {
            var e = ReadEvent(json, item, at, user);
            if (e is null)
            {
                return;
            }

            if (into.Any(x => x.Id == e.Id))
            {
                json.Problem(at + ".id", $"'{e.Id}' is used by another event in this calendar");
                return;
            }

            into.Add(e);
        });

    private static DemoEvent? ReadEvent(PackJson json, JsonElement item, string at, UserRef user)
    {
        var id = json.String(item, "id", at, required: true);
        var start = ReadDateTimeTimeZone(json, item, "start", at, out var startZone);
        var end = ReadDateTimeTimeZone(json, item, "end", at, out _);
        if (start is { } s && end is { } e && e < s)
        {
            json.Problem(at + ".end", "is before start");
        }

        var organizer = ReadRecipient(json, item, "organizer", at) ?? new Person(user.DisplayName, user.Upn);
        var attendees = new List<DemoAttendee>();
        var list = json.Array(item, "attendees", at);
        for (var i = 0; i < list.Count; i++)
        {
            var aAt = PackJson.Path(at + ".attendees", i);
            var person = ReadRecipient(json, list[i], null, aAt);
            var type = json.OneOf(list[i], "type", aAt, AttendeeTypes, "required")!;
            var status = json.Object(list[i], "status", aAt);
            var response = status is { } st ? json.OneOf(st, "response", aAt + ".status", Responses, "none")! : "none";
            var time = status is { } st2 ? GraphTime(json, st2, "time", aAt + ".status") : null;
            if (person is not null)
            {
                attendees.Add(new DemoAttendee(person, type, response, time));
            }
        }

        var bodyHtml = ReadBodyHtml(json, item, "body", at) ?? WebUtility.HtmlEncode(json.String(item, "bodyPreview", at) ?? string.Empty);
        var responseStatus = json.Object(item, "responseStatus", at);
        var locationObject = json.Object(item, "location", at);
        var location = locationObject is { } loc ? json.String(loc, "displayName", at + ".location") : null;
        var locationType = locationObject is { } loc2 ? json.String(loc2, "locationType", at + ".location") : null;
        var locationUri = locationObject is { } loc3 ? json.String(loc3, "locationUri", at + ".location") : null;
        var joinUrl = json.Object(item, "onlineMeeting", at) is { } om ? json.String(om, "joinUrl", at + ".onlineMeeting") : null;
        joinUrl ??= json.String(item, "onlineMeetingUrl", at);
        var webLink = json.String(item, "webLink", at);
        CheckUrl(json, joinUrl, at + ".onlineMeeting.joinUrl");
        CheckUrl(json, webLink, at + ".webLink");
        var type2 = json.OneOf(item, "type", at, EventTypes, "singleInstance")!;
        var seriesMasterId = json.String(item, "seriesMasterId", at);
        if (type2 is "occurrence" or "exception" && seriesMasterId is null)
        {
            json.Problem(at + ".seriesMasterId", $"is required for an event of type '{type2}'");
        }

        var zone = json.String(item, "originalStartTimeZone", at) is { } original && TimeZoneInfo.TryFindSystemTimeZoneById(original, out _) ? original : startZone;
        if (id is null || start is null || end is null)
        {
            return null;
        }

        var created = json.Instant(item, "createdDateTime", at) ?? start.Value.AddDays(-14);
        return new DemoEvent
        {
            Id = id,
            ICalUId = json.String(item, "iCalUId", at) ?? id,
            OwnerUserId = user.UserId,
            Subject = json.String(item, "subject", at) ?? string.Empty,
            BodyHtml = bodyHtml,
            Start = start.Value,
            End = end.Value,
            OriginalZone = IanaZone(zone ?? "UTC"),
            IsAllDay = json.Boolean(item, "isAllDay", at) ?? false,
            IsCancelled = json.Boolean(item, "isCancelled", at) ?? false,
            Sensitivity = json.OneOf(item, "sensitivity", at, Sensitivities, "normal")!,
            ShowAs = json.OneOf(item, "showAs", at, ShowAsValues, "busy")!,
            Type = type2,
            SeriesMasterId = seriesMasterId,
            Organizer = organizer,
            Attendees = attendees,
            Categories = json.Strings(item, "categories", at),
            Location = string.IsNullOrEmpty(location) ? null : location,
            LocationType = locationType ?? "default",
            LocationUri = locationUri,
            JoinUrl = (json.Boolean(item, "isOnlineMeeting", at) ?? joinUrl is not null) ? joinUrl : null,
            IsOrganizer = json.Boolean(item, "isOrganizer", at) ?? organizer.Is(user.Upn),
            Response = responseStatus is { } rs ? json.OneOf(rs, "response", at + ".responseStatus", Responses, "none")! : (organizer.Is(user.Upn) ? "organizer" : "none"),
            ResponseTime = responseStatus is { } rs2 ? GraphTime(json, rs2, "time", at + ".responseStatus") : null,
            Importance = json.OneOf(item, "importance", at, Importances, "normal")!,
            Created = created,
            LastModified = json.Instant(item, "lastModifiedDateTime", at) ?? created,
            Etag = json.String(item, "@odata.etag", at) ?? Etag(id),
            WebLink = webLink,
        };
    }

    /// <summary>Graph's dateTimeTimeZone: a wall-clock time and the zone it is in (IANA, Windows, or UTC).</summary>
    private static DateTimeOffset? ReadDateTimeTimeZone(PackJson json, JsonElement item, string name, string at, out string? zoneId)
    {
        zoneId = null;
        var obj = json.Object(item, name, at, required: true);
        if (obj is not { } o)
        {
            return null;
        }

        var path = PackJson.Path(at, name);
        var text = json.String(o, "dateTime", path, required: true);
        var zone = json.String(o, "timeZone", path) ?? "UTC";
        zoneId = zone;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var info))
        {
            json.Problem(path + ".timeZone", $"'{zone}' is not a known IANA or Windows time zone");
            return null;
        }

        if (text is null)
        {
            return null;
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            json.Problem(path + ".dateTime", $"'{text}' is not a date-time (e.g. 2026-03-11T14:00:00.0000000)");
            return null;
        }

        if (parsed.Kind != DateTimeKind.Unspecified)
        {
            // "2026-03-11T14:00:00Z" is not Graph's shape, but its meaning is unambiguous.
            return new DateTimeOffset(parsed.ToUniversalTime(), TimeSpan.Zero);
        }

        var local = DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
        if (info.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, info.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Graph writes "0001-01-01T00:00:00Z" for "never"; that is null here.</summary>
    private static DateTimeOffset? GraphTime(PackJson json, JsonElement obj, string name, string at) =>
        json.Instant(obj, name, at) is { } t && t.Year > 1 ? t : null;

    // ---- graph/<upn>/messages.json -----------------------------------------------------------------------------------

    private static void ReadMessages(string dir, string upn, UserRef user, List<DemoMessage> into, List<ScenarioProblem> problems) =>
        ReadResources(dir, upn, MessagesFile, "message", problems, (json, item, at) =>
        {
            var id = json.String(item, "id", at, required: true);
            var from = ReadRecipient(json, item, "from", at) ?? ReadRecipient(json, item, "sender", at);
            if (from is null && PackJson.Property(item, "from") is null && PackJson.Property(item, "sender") is null)
            {
                json.Problem(at + ".from", "is required");
            }

            var to = Recipients(json, item, "toRecipients", at);
            var cc = Recipients(json, item, "ccRecipients", at);
            var sent = json.Instant(item, "sentDateTime", at);
            var received = json.Instant(item, "receivedDateTime", at);
            if (sent is null && received is null)
            {
                json.Problem(at, "needs sentDateTime or receivedDateTime");
            }

            var body = ReadBodyHtml(json, item, "body", at);
            var unique = ReadBodyHtml(json, item, "uniqueBody", at);
            var preview = json.String(item, "bodyPreview", at);
            var webLink = json.String(item, "webLink", at);
            CheckUrl(json, webLink, at + ".webLink");
            var importance = json.OneOf(item, "importance", at, Importances, "normal")!;
            if (id is null || from is null || (sent is null && received is null))
            {
                return;
            }

            if (into.Any(m => m.Id == id))
            {
                json.Problem(at + ".id", $"'{id}' is used by another message in this mailbox");
                return;
            }

            var html = body ?? WebUtility.HtmlEncode(preview ?? string.Empty);
            into.Add(new DemoMessage
            {
                Id = id,
                OwnerUserId = user.UserId,
                ConversationId = json.String(item, "conversationId", at) ?? id,
                Subject = json.String(item, "subject", at) ?? string.Empty,
                From = from,
                To = to,
                Cc = cc,
                Sent = sent ?? received!.Value,
                Received = received ?? sent!.Value,
                BodyHtml = html,
                UniqueBodyHtml = unique ?? html,
                HasAttachments = json.Boolean(item, "hasAttachments", at) ?? false,
                FolderId = json.String(item, "parentFolderId", at) ?? (from.Is(user.Upn) ? "sentitems" : "inbox"),
                InternetMessageId = json.String(item, "internetMessageId", at) ?? $"<{StableGuid("imid|" + id)}@{user.Upn[(user.Upn.IndexOf('@', StringComparison.Ordinal) + 1)..]}>",
                Importance = importance,
                IsRead = json.Boolean(item, "isRead", at) ?? true,
                Etag = json.String(item, "@odata.etag", at) ?? Etag(id),
                WebLink = webLink,
            });
        });

    private static List<Person> Recipients(PackJson json, JsonElement item, string name, string at)
    {
        var list = new List<Person>();
        var items = json.Array(item, name, at);
        for (var i = 0; i < items.Count; i++)
        {
            if (ReadRecipient(json, items[i], null, PackJson.Path(PackJson.Path(at, name), i)) is { } p)
            {
                list.Add(p);
            }
        }

        return list;
    }

    /// <summary>A Graph recipient (<c>{"emailAddress": {"name", "address"}}</c>), at <paramref name="name"/> or the element itself.</summary>
    private static Person? ReadRecipient(PackJson json, JsonElement item, string? name, string at)
    {
        JsonElement recipient;
        var path = at;
        if (name is null)
        {
            recipient = item;
        }
        else if (json.Object(item, name, at) is { } r)
        {
            recipient = r;
            path = PackJson.Path(at, name);
        }
        else
        {
            return null;
        }

        if (json.Object(recipient, "emailAddress", path, required: true) is not { } email)
        {
            return null;
        }

        var address = json.String(email, "address", path + ".emailAddress", required: true);
        if (address is null)
        {
            return null;
        }

        if (!IsEmail(address))
        {
            json.Problem(path + ".emailAddress.address", $"'{address}' is not an e-mail address");
            return null;
        }

        return new Person(json.String(email, "name", path + ".emailAddress") ?? address, address);
    }

    /// <summary>Graph's itemBody as HTML (text bodies are encoded, so the sandbox serves either form as Graph would).</summary>
    private static string? ReadBodyHtml(PackJson json, JsonElement item, string name, string at)
    {
        if (json.Object(item, name, at) is not { } body)
        {
            return null;
        }

        var path = PackJson.Path(at, name);
        var type = json.OneOf(body, "contentType", path, ["html", "text"], "html");
        var content = json.String(body, "content", path) ?? string.Empty;
        return type == "text" ? WebUtility.HtmlEncode(content).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "<br>\n", StringComparison.Ordinal) : content;
    }

    // ---- crm/*.csv ----------------------------------------------------------------------------------------------------

    private static Dictionary<string, string> ReadCrmFiles(string folder, List<ScenarioProblem> problems)
    {
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var crm = System.IO.Path.Combine(folder, CrmFolder);
        if (!Directory.Exists(crm))
        {
            return files;
        }

        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        foreach (var path in Directory.EnumerateFiles(crm).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(path);
            if (!name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new ScenarioProblem($"{CrmFolder}/{name}", null, "only .csv files belong in crm/"));
                continue;
            }

            try
            {
                var text = strict.GetString(System.IO.File.ReadAllBytes(path));
                files[name] = text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
            }
            catch (DecoderFallbackException)
            {
                problems.Add(new ScenarioProblem($"{CrmFolder}/{name}", null, "is not UTF-8"));
            }
        }

        return files;
    }

    // ---- expect.json --------------------------------------------------------------------------------------------------

    private static ScenarioExpectations? ReadExpectations(string folder, IReadOnlyList<UserRef> users, Dictionary<string, List<DemoEvent>> events, List<ScenarioProblem> problems)
    {
        using var document = Parse(folder, ExpectFile, problems, required: false);
        if (document is null)
        {
            return null;
        }

        var json = new PackJson(ExpectFile, problems);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            json.Problem("$", "must be an object with a 'meetings' array");
            return null;
        }

        var meetings = new List<MeetingExpectation>();
        var items = json.Array(root, "meetings", "$", required: true);
        for (var i = 0; i < items.Count; i++)
        {
            var at = PackJson.Path("$.meetings", i);
            var m = items[i];
            var upn = json.String(m, "user", at, required: true);
            var eventId = json.String(m, "event", at, required: true);
            var user = upn is null ? null : users.FirstOrDefault(u => string.Equals(u.Upn, upn, StringComparison.OrdinalIgnoreCase));
            if (upn is not null && user is null)
            {
                json.Problem(at + ".user", $"'{upn}' is not a user of {ScenarioFile}");
            }
            else if (user is not null && eventId is not null && !events[user.UserId].Any(e => e.Id == eventId))
            {
                json.Problem(at + ".event", $"no event '{eventId}' in {GraphFolder}/{user.Upn}/{EventsFile}");
            }

            var briefed = json.Boolean(m, "briefed", at) ?? true;
            var reason = ReadRegex(json, m, "reasonMatch", at);
            AttendeeExpectation? attendees = null;
            if (json.Object(m, "attendees", at) is { } a)
            {
                attendees = new AttendeeExpectation(
                    json.Strings(a, "external", at + ".attendees"),
                    json.Strings(a, "internal", at + ".attendees"),
                    json.Strings(a, "absent", at + ".attendees"));
            }

            var keyPoints = new List<KeyPointExpectation>();
            var kps = json.Array(m, "keyPoints", at);
            for (var k = 0; k < kps.Count; k++)
            {
                var kAt = PackJson.Path(at + ".keyPoints", k);
                var id = json.String(kps[k], "id", kAt, required: true) ?? string.Create(CultureInfo.InvariantCulture, $"key-point-{k + 1}");
                var sources = json.Strings(kps[k], "sources", kAt, required: true);
                for (var s = 0; s < sources.Count; s++)
                {
                    var colon = sources[s].IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0 || colon == sources[s].Length - 1 || !SourceKinds.Contains(sources[s][..colon], StringComparer.Ordinal))
                    {
                        json.Problem(PackJson.Path(kAt + ".sources", s), $"'{sources[s]}' is not a source id (<kind>:<id>, kind one of {string.Join(", ", SourceKinds)})");
                    }
                }

                if (sources.Count == 0 && PackJson.Property(kps[k], "sources") is not null)
                {
                    json.Problem(kAt + ".sources", "needs at least one source id");
                }

                var mentions = new List<IReadOnlyList<string>>();
                var groups = json.Array(kps[k], "mentions", kAt);
                for (var g = 0; g < groups.Count; g++)
                {
                    var gAt = PackJson.Path(kAt + ".mentions", g);
                    if (groups[g].ValueKind != JsonValueKind.Array)
                    {
                        json.Problem(gAt, "must be an array of alternative terms");
                        continue;
                    }

                    var terms = groups[g].EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(t.GetString())).Select(t => t.GetString()!).ToList();
                    if (terms.Count == 0 || terms.Count != groups[g].GetArrayLength())
                    {
                        json.Problem(gAt, "must hold one or more non-empty strings");
                        continue;
                    }

                    mentions.Add(terms);
                }

                if (keyPoints.Any(p => p.Id == id))
                {
                    json.Problem(kAt + ".id", $"'{id}' is used by another key point of this meeting");
                }

                keyPoints.Add(new KeyPointExpectation(id, json.String(kps[k], "why", kAt), sources, mentions, json.Boolean(kps[k], "lead", kAt) ?? false));
            }

            var forbidden = new List<ForbiddenText>();
            var mns = json.Array(m, "mustNotSay", at);
            for (var f = 0; f < mns.Count; f++)
            {
                var fAt = PackJson.Path(at + ".mustNotSay", f);
                var id = json.String(mns[f], "id", fAt) ?? string.Create(CultureInfo.InvariantCulture, $"must-not-say-{f + 1}");
                if (ReadRegex(json, mns[f], "pattern", fAt, required: true) is { } regex)
                {
                    forbidden.Add(new ForbiddenText(id, json.String(mns[f], "why", fAt), regex));
                }
            }

            if (upn is not null && eventId is not null)
            {
                meetings.Add(new MeetingExpectation(upn, eventId, briefed, reason, attendees, keyPoints, forbidden));
            }
        }

        return new ScenarioExpectations(meetings);
    }

    private static Regex? ReadRegex(PackJson json, JsonElement obj, string name, string at, bool required = false)
    {
        var pattern = json.String(obj, name, at, required);
        if (pattern is null)
        {
            return null;
        }

        try
        {
            // A pack is data written by others: a bounded match time keeps a catastrophic pattern from hanging eval.
            return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2));
        }
        catch (ArgumentException ex)
        {
            json.Problem(PackJson.Path(at, name), $"is not a .NET regular expression: {ex.Message}");
            return null;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    private static JsonDocument? Parse(string folder, string name, List<ScenarioProblem> problems, bool required, string? displayName = null)
    {
        var path = System.IO.Path.Combine(folder, name);
        var file = displayName ?? name;
        if (!System.IO.File.Exists(path))
        {
            if (required)
            {
                problems.Add(new ScenarioProblem(file, null, "is missing"));
            }

            return null;
        }

        if (new FileInfo(path).Length > MaxFileBytes)
        {
            problems.Add(new ScenarioProblem(file, null, $"is larger than {MaxFileBytes / 1024 / 1024} MB"));
            return null;
        }

        try
        {
            return JsonDocument.Parse(System.IO.File.ReadAllBytes(path), DocumentOptions);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? string.Create(CultureInfo.InvariantCulture, $"line {line + 1}, position {(ex.BytePositionInLine ?? 0) + 1}") : null;
            problems.Add(new ScenarioProblem(file, where, "is not valid JSON: " + FirstSentence(ex.Message)));
            return null;
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }

    private static void CheckUrl(PackJson json, string? url, string at)
    {
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)))
        {
            json.Problem(at, $"'{url}' is not an absolute http(s) URL");
        }
    }

    private static bool IsEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && at < text.Length - 3 && text.IndexOf('.', at) > at + 1 && !text.Any(char.IsWhiteSpace);
    }

    private static string IanaZone(string zone) =>
        TimeZoneInfo.TryConvertWindowsIdToIanaId(zone, out var iana) ? iana : zone;

    /// <summary>A stable GUID from a key, so the same pack always gets the same tenant and user ids.</summary>
    internal static string StableGuid(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private static string Etag(string id) =>
        "W/\"" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes("etag|" + id)), 0, 15) + "\"";
}
