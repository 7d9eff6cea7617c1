using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MeetingPrep.Connectors.Crm.Remote;
using MeetingPrep.Core.Crm;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Connectors.Crm.HubSpot;

/// <summary>
/// HubSpot CRM v3 with a private app token: contacts through the search API (e-mail EQ filters, at most five filter
/// groups per request), companies by association or by domain search, then deals, tickets and notes through association
/// batch reads and object batch reads (at most 100 ids each).
/// </summary>
public sealed partial class HubSpotCrmSource : ICrmSource
{
    /// <summary>HubSpot allows five filter groups per search request.</summary>
    internal const int MaxFilterGroups = 5;

    /// <summary>Batch reads take at most 100 inputs.</summary>
    internal const int MaxBatchInputs = 100;

    private readonly RemoteCrmOptions _remote;
    private readonly CrmOptions _options;
    private readonly CrmHttp _http;
    private readonly ICrmAccessToken _token;
    private readonly string _objects;
    private readonly string? _app;

    public HubSpotCrmSource(HttpClient http, CrmOptions options, TimeProvider time, ILogger<HubSpotCrmSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _remote = options.HubSpot;
        var baseUrl = (_remote.BaseUrl ?? "https://api.hubapi.com").TrimEnd('/');
        _objects = baseUrl + "/" + (_remote.BasePath ?? "/crm/v3").Trim('/');
        _app = string.IsNullOrWhiteSpace(_remote.PortalId)
            ? null
            : $"{(_remote.AppUrl ?? "https://app.hubspot.com").TrimEnd('/')}/contacts/{Uri.EscapeDataString(_remote.PortalId.Trim())}/record";
        _http = new CrmHttp(http, options, Name, time, logger);
        _token = new StaticAccessToken(_remote.AccessToken ?? string.Empty);
    }

    public string Name => "HubSpot";

    public async Task<CrmContext> GetContextAsync(CrmQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var max = RemoteCrmHelpers.MaxRecords(query);
        var emails = RemoteCrmHelpers.Emails(query);
        if (emails.Count == 0)
        {
            return CrmContext.Empty;
        }

        var tier = Field(CrmFieldMap.Tier);
        var industry = Field(CrmFieldMap.Industry);
        var website = Field(CrmFieldMap.Website) ?? "domain";
        var stage = Field(CrmFieldMap.Stage) ?? "dealstage";
        var health = Field(CrmFieldMap.Health);
        var role = Field(CrmFieldMap.Role);

        var contactObjects = new List<HubSpotObject>();
        foreach (var chunk in RemoteCrmHelpers.Chunks(emails, MaxFilterGroups))
        {
            contactObjects.AddRange(await SearchAsync("contacts", "email", chunk, Props("email", "firstname", "lastname", "jobtitle", "hs_lastmodifieddate", role), cancellationToken));
        }

        contactObjects = [.. contactObjects.Where(c => IsId(c.Id) && !string.IsNullOrWhiteSpace(Prop(c, "email"))).DistinctBy(c => c.Id).Take(max)];
        var contactCompanies = await AssociationsAsync("contacts", "companies", contactObjects.Select(c => c.Id!), cancellationToken);

        var companyProps = Props("name", website, tier, industry, health, "hs_lastmodifieddate");
        var companyObjects = await BatchReadAsync("companies", contactCompanies.Values.SelectMany(v => v).Distinct(), companyProps, cancellationToken);
        var companyIds = companyObjects.Select(c => c.Id!).ToHashSet(StringComparer.Ordinal);
        var withCompany = contactObjects
            .Where(c => contactCompanies.TryGetValue(c.Id!, out var to) && to.Any(companyIds.Contains))
            .Select(c => Prop(c, "email")!.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        foreach (var chunk in RemoteCrmHelpers.Chunks(RemoteCrmHelpers.DomainsToMatch(emails, withCompany), MaxFilterGroups))
        {
            companyObjects.AddRange(await SearchAsync("companies", website, chunk, companyProps, cancellationToken));
        }

        var companies = companyObjects.Where(c => IsId(c.Id)).DistinctBy(c => c.Id).Take(max).ToList();
        var accountIds = companies.Select(c => c.Id!).ToHashSet(StringComparer.Ordinal);

        var contacts = contactObjects.Select(c => new CrmContact(
                c.Id!,
                contactCompanies.TryGetValue(c.Id!, out var to) ? to.FirstOrDefault(accountIds.Contains) : null,
                string.Join(' ', new[] { Prop(c, "firstname"), Prop(c, "lastname") }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name ? name : Prop(c, "email")!,
                Prop(c, "email")!,
                Prop(c, "jobtitle"),
                role is null ? null : Prop(c, role),
                Link("0-1", c.Id!),
                Modified(c)))
            .ToList();
        var accounts = companies.Select(c => new CrmAccount(
                c.Id!,
                Prop(c, "name") ?? "(unnamed company)",
                Prop(c, website)?.ToLowerInvariant(),
                tier is null ? null : Prop(c, tier),
                industry is null ? null : Prop(c, industry),
                null,
                null,
                Link("0-2", c.Id!),
                Modified(c)))
            .ToList();
        if (accounts.Count == 0)
        {
            return new CrmContext([], contacts, [], [], [], []);
        }

        var dealLinks = await AssociationsAsync("companies", "deals", accountIds, cancellationToken);
        var ticketLinks = await AssociationsAsync("companies", "tickets", accountIds, cancellationToken);
        var noteLinks = await AssociationsAsync("companies", "notes", accountIds, cancellationToken);

        var deals = await BatchReadAsync("deals", Targets(dealLinks), Props("dealname", "amount", stage, "closedate", "hs_is_closed", "deal_currency_code", "notes_last_updated", "hs_lastmodifieddate"), cancellationToken);
        var opportunities = deals
            .Where(d => !string.Equals(Prop(d, "hs_is_closed"), "true", StringComparison.OrdinalIgnoreCase))
            .Select(d => new Opportunity(
                d.Id!,
                OwnerOf(dealLinks, d.Id!),
                Prop(d, "dealname") ?? "(unnamed deal)",
                Prop(d, stage) ?? "Open",
                decimal.TryParse(Prop(d, "amount"), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount) ? amount : null,
                Prop(d, "deal_currency_code"),
                WireRecord.ParseTime(Prop(d, "closedate")) is { } close ? DateOnly.FromDateTime(close.UtcDateTime) : null,
                IsClosed: false,
                WireRecord.ParseTime(Prop(d, "notes_last_updated")),
                Link("0-3", d.Id!),
                Modified(d)))
            .OrderBy(o => o.CloseDate ?? DateOnly.MaxValue)
            .Take(max)
            .ToList();

        var tickets = await BatchReadAsync("tickets", Targets(ticketLinks), Props("subject", "hs_pipeline_stage", "hs_ticket_priority", "createdate", "closed_date", "hs_is_closed", "hs_lastmodifieddate"), cancellationToken);
        var cases = tickets
            .Select(t =>
            {
                var closedAt = WireRecord.ParseTime(Prop(t, "closed_date"));
                var open = closedAt is null && !string.Equals(Prop(t, "hs_is_closed"), "true", StringComparison.OrdinalIgnoreCase);
                return (Ticket: t, Open: open, ClosedAt: closedAt ?? Modified(t));
            })
            .Where(x => x.Open || x.ClosedAt >= query.CasesSince)
            .Select(x => new CrmCase(
                x.Ticket.Id!,
                OwnerOf(ticketLinks, x.Ticket.Id!),
                x.Ticket.Id!,
                Prop(x.Ticket, "subject") ?? "(untitled ticket)",
                TicketStatus(Prop(x.Ticket, "hs_pipeline_stage"), x.Open),
                Prop(x.Ticket, "hs_ticket_priority")?.ToUpperInvariant() switch
                {
                    "LOW" => CasePriority.Low,
                    "HIGH" => CasePriority.High,
                    "URGENT" => CasePriority.Critical,
                    _ => CasePriority.Normal,
                },
                x.Open,
                IsEscalated: false,
                WireRecord.ParseTime(Prop(x.Ticket, "createdate")) ?? x.Ticket.UpdatedAt ?? DateTimeOffset.MinValue,
                null,
                null,
                Link("0-5", x.Ticket.Id!),
                Modified(x.Ticket)))
            .OrderByDescending(c => c.IsOpen)
            .ThenByDescending(c => c.Opened)
            .Take(max)
            .ToList();

        var noteObjects = await BatchReadAsync("notes", Targets(noteLinks), Props("hs_note_body", "hs_timestamp", "hs_lastmodifieddate"), cancellationToken);
        var notes = noteObjects
            .Select(n => (Note: n, At: WireRecord.ParseTime(Prop(n, "hs_timestamp")) ?? Modified(n)))
            .Where(x => x.At >= query.NotesSince)
            .OrderByDescending(x => x.At)
            .Take(max)
            .Select(x =>
            {
                var account = OwnerOf(noteLinks, x.Note.Id!);
                var text = PlainText(Prop(x.Note, "hs_note_body"));
                return new CrmNote(x.Note.Id!, account, Title(text), text, null, x.At, Link("0-2", account), Modified(x.Note));
            })
            .ToList();

        var metrics = health is null
            ? []
            : companies.Select(c => RemoteCrmHelpers.HealthMetric(
                    c.Id!,
                    decimal.TryParse(Prop(c, health), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var h) ? h : null,
                    Link("0-2", c.Id!),
                    Modified(c)))
                .Where(m => m is not null)
                .Select(m => m!)
                .ToList();

        return new CrmContext(accounts, contacts, opportunities, notes, cases, metrics);
    }

    /// <summary>HubSpot's default ticket pipeline stage ids; custom pipelines show their raw stage id.</summary>
    private static string TicketStatus(string? stage, bool open) => stage switch
    {
        "1" => "New",
        "2" => "Waiting on contact",
        "3" => "Waiting on us",
        "4" => "Closed",
        null or "" => open ? "Open" : "Closed",
        _ => stage,
    };

    private static string Title(string text)
    {
        var firstLine = text.Split('\n', 2)[0].Trim();
        return firstLine.Length switch
        {
            0 => "Note",
            > 80 => firstLine[..77] + "…",
            _ => firstLine,
        };
    }

    /// <summary>Note bodies are HTML; a briefing wants the words.</summary>
    internal static string PlainText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html))
        {
            return string.Empty;
        }

        var text = BlockBreak().Replace(html, "\n");
        text = Tag().Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text);
        text = Spaces().Replace(text, " ");
        return string.Join('\n', text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
    }

    private static IEnumerable<string> Targets(Dictionary<string, List<string>> links) => links.Values.SelectMany(v => v).Distinct(StringComparer.Ordinal);

    /// <summary>The company a deal, ticket or note hangs off (the first, when several).</summary>
    private static string OwnerOf(Dictionary<string, List<string>> links, string targetId) =>
        links.Where(kv => kv.Value.Contains(targetId)).Select(kv => kv.Key).Order(StringComparer.Ordinal).First();

    private static bool IsId(string? id) => id is { Length: > 0 and <= 32 } && id.All(char.IsAsciiDigit);

    private static string? Prop(HubSpotObject o, string name) =>
        o.Properties is not null && o.Properties.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;

    private static DateTimeOffset Modified(HubSpotObject o) => WireRecord.ParseTime(Prop(o, "hs_lastmodifieddate")) ?? o.UpdatedAt ?? DateTimeOffset.MinValue;

    private static List<string> Props(params string?[] names) => [.. names.Where(n => n is not null).Select(n => n!).Distinct(StringComparer.Ordinal)];

    private Uri? Link(string objectTypeId, string id) => _app is null ? null : new Uri($"{_app}/{objectTypeId}/{Uri.EscapeDataString(id)}");

    private string? Field(string concept) => CrmFieldMap.Resolve(_remote, CrmFieldMap.HubSpotDefaults, concept);

    /// <summary>One search per chunk: each value its own filter group (OR), paged through <c>after</c> up to the bound.</summary>
    private async Task<List<HubSpotObject>> SearchAsync(string objectType, string property, List<string> values, List<string> properties, CancellationToken cancellationToken)
    {
        var url = new Uri($"{_objects}/objects/{objectType}/search");
        var result = new List<HubSpotObject>();
        string? after = null;
        for (var page = 0; page < _options.MaxPages; page++)
        {
            var body = new HubSpotSearchRequest
            {
                FilterGroups = [.. values.Select(v => new HubSpotFilterGroup { Filters = [new HubSpotFilter { PropertyName = property, Operator = "EQ", Value = v }] })],
                Properties = properties,
                Limit = Math.Clamp(_options.PageSize, 1, 200),
                After = after,
            };
            var response = await _http.SendAsync(() => Post(url, JsonContent.Create(body, CrmWireJsonContext.Default.HubSpotSearchRequest)), CrmWireJsonContext.Default.HubSpotPage, _token, cancellationToken);
            result.AddRange(response.Results ?? throw new Core.Sources.SourceUnavailableException(Name, "the CRM sent a page without results", null));
            after = response.Paging?.Next?.After;
            if (after is null)
            {
                break;
            }
        }

        return result;
    }

    private async Task<List<HubSpotObject>> BatchReadAsync(string objectType, IEnumerable<string> ids, List<string> properties, CancellationToken cancellationToken)
    {
        var url = new Uri($"{_objects}/objects/{objectType}/batch/read");
        var result = new List<HubSpotObject>();
        foreach (var chunk in RemoteCrmHelpers.Chunks(ids.Where(IsId).Distinct(StringComparer.Ordinal), MaxBatchInputs))
        {
            var body = new HubSpotBatchReadRequest { Properties = properties, Inputs = [.. chunk.Select(id => new HubSpotId { Id = id })] };
            var response = await _http.SendAsync(() => Post(url, JsonContent.Create(body, CrmWireJsonContext.Default.HubSpotBatchReadRequest)), CrmWireJsonContext.Default.HubSpotPage, _token, cancellationToken);
            result.AddRange((response.Results ?? throw new Core.Sources.SourceUnavailableException(Name, "the CRM sent a batch without results", null)).Where(o => IsId(o.Id)));
        }

        return result;
    }

    /// <summary>From-id to the ids it is associated with, via the v3 association batch read.</summary>
    private async Task<Dictionary<string, List<string>>> AssociationsAsync(string from, string to, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var url = new Uri($"{_objects}/associations/{from}/{to}/batch/read");
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var chunk in RemoteCrmHelpers.Chunks(ids.Where(IsId).Distinct(StringComparer.Ordinal), MaxBatchInputs))
        {
            var body = new HubSpotBatchReadRequest { Inputs = [.. chunk.Select(id => new HubSpotId { Id = id })] };
            var response = await _http.SendAsync(() => Post(url, JsonContent.Create(body, CrmWireJsonContext.Default.HubSpotBatchReadRequest)), CrmWireJsonContext.Default.HubSpotAssociationPage, _token, cancellationToken);
            foreach (var link in response.Results ?? [])
            {
                if (link.From?.Id is { } fromId && chunk.Contains(fromId))
                {
                    var targets = result.TryGetValue(fromId, out var list) ? list : result[fromId] = [];
                    targets.AddRange((link.To ?? []).Select(t => t.Id).Where(IsId).Select(t => t!).Except(targets));
                }
            }
        }

        return result;
    }

    private static HttpRequestMessage Post(Uri url, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Accept.ParseAdd("application/json");
        return request;
    }

    [GeneratedRegex("<\\s*(br|/p|/div|/li|/h[1-6])\\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BlockBreak();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    [GeneratedRegex("[ \\t\\r\\f\\u00a0]+", RegexOptions.CultureInvariant)]
    private static partial Regex Spaces();
}
