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

    public Task<CrmContext> GetContextAsync(CrmQuery query, CancellationToken cancellationToken) =>
        CrmQueryPlan.RunAsync(query, new Queries(this), cancellationToken);

    /// <summary>
    /// Searches, association reads and batch reads with HubSpot's property names, for one meeting. Companies match by their <c>domain</c> property, which HubSpot keeps as the
    /// company's primary domain, so the domain search asks for the exact domain.
    /// </summary>
    private sealed class Queries(HubSpotCrmSource crm) : RemoteCrmQueries(crm._remote, CrmFieldMap.HubSpotDefaults)
    {
        /// <summary>Companies are matched by domain in HubSpot even when the field map turns the web site off.</summary>
        private string Domain => Website ?? "domain";

        private List<string> CompanyProps => Props("name", Domain, Tier, Industry, Health, "hs_lastmodifieddate");

        public override async Task<IReadOnlyList<CrmContact>> ContactsByEmailAsync(IReadOnlyList<string> emails, CancellationToken cancellationToken)
        {
            var found = new List<HubSpotObject>();
            foreach (var chunk in RemoteCrmHelpers.Chunks(emails, MaxFilterGroups))
            {
                found.AddRange(await crm.SearchAsync("contacts", "email", chunk, Props("email", "firstname", "lastname", "jobtitle", "hs_lastmodifieddate", Role), cancellationToken));
            }

            List<HubSpotObject> contacts = [.. found.Where(c => IsId(c.Id) && Prop(c, "email") is not null).DistinctBy(c => c.Id)];
            var companies = await crm.AssociationsAsync("contacts", "companies", contacts.Select(c => c.Id!), cancellationToken);
            return [.. contacts.Select(c => new CrmContact(
                c.Id!,
                companies.TryGetValue(c.Id!, out var to) ? to.FirstOrDefault() : null,
                string.Join(' ', new[] { Prop(c, "firstname"), Prop(c, "lastname") }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } name ? name : Prop(c, "email")!,
                Prop(c, "email")!,
                Prop(c, "jobtitle"),
                Role is null ? null : Prop(c, Role),
                crm.Link("0-1", c.Id!),
                Modified(c)))];
        }

        public override async Task<IReadOnlyList<CrmAccount>> AccountsByIdAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
            Accounts(await crm.BatchReadAsync("companies", ids, CompanyProps, cancellationToken));

        public override async Task<IReadOnlyList<CrmAccount>> AccountsByDomainAsync(IReadOnlyList<string> domains, CancellationToken cancellationToken)
        {
            var companies = new List<HubSpotObject>();
            foreach (var chunk in RemoteCrmHelpers.Chunks(domains, MaxFilterGroups))
            {
                companies.AddRange(await crm.SearchAsync("companies", Domain, chunk, CompanyProps, cancellationToken));
            }

            return Accounts(companies);
        }

        public override async Task<IReadOnlyList<Opportunity>> OpportunitiesAsync(IReadOnlyList<string> accountIds, DateTimeOffset? closedSince, int max, CancellationToken cancellationToken)
        {
            var links = await crm.AssociationsAsync("companies", "deals", accountIds, cancellationToken);
            var deals = await crm.BatchReadAsync("deals", Targets(links), Props("dealname", "amount", Stage, "closedate", "hs_is_closed", "hs_is_closed_won", "deal_currency_code", "notes_last_updated", "hs_lastmodifieddate"), cancellationToken);
            static bool IsClosed(HubSpotObject d) => string.Equals(Prop(d, "hs_is_closed"), "true", StringComparison.OrdinalIgnoreCase);
            return [.. deals
                .Where(d => (!IsClosed(d) || (closedSince is { } since && Modified(d) >= since)) && OwnerOf(links, d.Id!) is not null)
                .Select(d => new Opportunity(
                    d.Id!,
                    OwnerOf(links, d.Id!)!,
                    Prop(d, "dealname") ?? "(unnamed deal)",
                    Prop(d, Stage) ?? "Open",
                    Number(Prop(d, "amount")),
                    Prop(d, "deal_currency_code"),
                    WireRecord.ParseTime(Prop(d, "closedate")) is { } close ? DateOnly.FromDateTime(close.UtcDateTime) : null,
                    IsClosed(d),
                    WireRecord.ParseTime(Prop(d, "notes_last_updated")),
                    crm.Link("0-3", d.Id!),
                    Modified(d),
                    IsWon: IsClosed(d) && Prop(d, "hs_is_closed_won") is { } won ? string.Equals(won, "true", StringComparison.OrdinalIgnoreCase) : null))];
        }

        public override async Task<IReadOnlyList<CrmNote>> NotesAsync(IReadOnlyList<string> accountIds, DateTimeOffset since, int max, CancellationToken cancellationToken)
        {
            var links = await crm.AssociationsAsync("companies", "notes", accountIds, cancellationToken);
            var notes = await crm.BatchReadAsync("notes", Targets(links), Props("hs_note_body", "hs_timestamp", "hs_lastmodifieddate"), cancellationToken);
            return [.. notes
                .Where(n => OwnerOf(links, n.Id!) is not null)
                .Select(n =>
                {
                    var account = OwnerOf(links, n.Id!)!;
                    var text = PlainText(Prop(n, "hs_note_body"));
                    var at = WireRecord.ParseTime(Prop(n, "hs_timestamp")) ?? Modified(n);
                    return new CrmNote(n.Id!, account, Title(text), text, null, at, crm.Link("0-2", account), Modified(n));
                })];
        }

        public override async Task<IReadOnlyList<CrmCase>> CasesAsync(IReadOnlyList<string> accountIds, DateTimeOffset closedSince, int max, CancellationToken cancellationToken)
        {
            var links = await crm.AssociationsAsync("companies", "tickets", accountIds, cancellationToken);
            var tickets = await crm.BatchReadAsync("tickets", Targets(links), Props("subject", "hs_pipeline_stage", "hs_ticket_priority", "createdate", "closed_date", "hs_is_closed", "hs_lastmodifieddate"), cancellationToken);
            return [.. tickets
                .Where(t => OwnerOf(links, t.Id!) is not null)
                .Select(t =>
                {
                    var closedAt = WireRecord.ParseTime(Prop(t, "closed_date"));
                    var open = closedAt is null && !string.Equals(Prop(t, "hs_is_closed"), "true", StringComparison.OrdinalIgnoreCase);
                    return (Ticket: t, Open: open, ClosedAt: closedAt ?? Modified(t));
                })
                .Where(x => x.Open || x.ClosedAt >= closedSince)
                .Select(x => new CrmCase(
                    x.Ticket.Id!,
                    OwnerOf(links, x.Ticket.Id!)!,
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
                    crm.Link("0-5", x.Ticket.Id!),
                    Modified(x.Ticket)))];
        }

        private List<CrmAccount> Accounts(IEnumerable<HubSpotObject> companies) =>
            [.. companies
                .Where(c => IsId(c.Id))
                .Select(c => Remember(
                    new CrmAccount(
                        c.Id!,
                        Prop(c, "name") ?? "(unnamed company)",
                        CrmQueryPlan.DomainOf(Prop(c, Domain)),
                        Tier is null ? null : Prop(c, Tier),
                        Industry is null ? null : Prop(c, Industry),
                        null,
                        null,
                        crm.Link("0-2", c.Id!),
                        Modified(c)),
                    Number(Health is null ? null : Prop(c, Health))))];
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

    /// <summary>The company a deal, ticket or note hangs off (the first, when several); null when none asked for it.</summary>
    private static string? OwnerOf(Dictionary<string, List<string>> links, string targetId) =>
        links.Where(kv => kv.Value.Contains(targetId)).Select(kv => kv.Key).Order(StringComparer.Ordinal).FirstOrDefault();

    private static decimal? Number(string? value) =>
        decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    private static bool IsId(string? id) => id is { Length: > 0 and <= 32 } && id.All(char.IsAsciiDigit);

    private static string? Prop(HubSpotObject o, string name) =>
        o.Properties is not null && o.Properties.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;

    private static DateTimeOffset Modified(HubSpotObject o) => WireRecord.ParseTime(Prop(o, "hs_lastmodifieddate")) ?? o.UpdatedAt ?? DateTimeOffset.MinValue;

    private static List<string> Props(params string?[] names) => [.. names.Where(n => n is not null).Select(n => n!).Distinct(StringComparer.Ordinal)];

    private Uri? Link(string objectTypeId, string id) => _app is null ? null : new Uri($"{_app}/{objectTypeId}/{Uri.EscapeDataString(id)}");

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
