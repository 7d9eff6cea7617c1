using MeetingPrep.Connectors.Crm.Remote;
using MeetingPrep.Core.Crm;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Connectors.Crm.Dataverse;

/// <summary>
/// Dynamics 365 / Dataverse Web API (OData v4) with an application user (client credentials through MSAL). Contacts by e-mail, their
/// parent accounts (or accounts whose web site is the address's domain), open opportunities, notes (annotations) and
/// cases (incidents), each followed through <c>@odata.nextLink</c> up to the page bound.
/// </summary>
public sealed class DataverseCrmSource : ICrmSource
{
    private const int FilterChunk = 20;
    private const string DefaultAuthority = "https://login.microsoftonline.com";

    private readonly RemoteCrmOptions _remote;
    private readonly CrmOptions _options;
    private readonly CrmHttp _http;
    private readonly ICrmAccessToken _token;
    private readonly string _root;
    private readonly string _api;
    private readonly string _app;

    public DataverseCrmSource(HttpClient http, CrmOptions options, CrmTokenCache tokens, TimeProvider time, ILogger<DataverseCrmSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _remote = options.Dataverse;
        _root = (_remote.BaseUrl ?? throw new ArgumentException("Crm:Dataverse:BaseUrl is not set.", nameof(options))).TrimEnd('/');
        _api = $"{_root}/api/data/{_remote.ApiVersion ?? "v9.2"}/";
        _app = (_remote.AppUrl ?? _root).TrimEnd('/');
        _http = new CrmHttp(http, options, Name, time, logger);
        var authority = (_remote.Authority ?? DefaultAuthority).TrimEnd('/');
        _token = new EntraAccessToken(http, tokens, Name, $"{authority}/{_remote.TenantId}", _remote, _root + "/.default");
    }

    public string Name => "Dynamics 365";

    public Task<CrmContext> GetContextAsync(CrmQuery query, CancellationToken cancellationToken) =>
        CrmQueryPlan.RunAsync(query, new Queries(this), cancellationToken);

    /// <summary>OData queries and Dataverse's field names, for one meeting.</summary>
    private sealed class Queries(DataverseCrmSource crm) : RemoteCrmQueries(crm._remote, CrmFieldMap.DataverseDefaults)
    {
        private readonly Dictionary<string, string> _contactEmails = new(StringComparer.OrdinalIgnoreCase);

        private string AccountColumns => Select("accountid", "name", Website, Tier, Industry, Health, "_ownerid_value", "modifiedon");

        public override async Task<IReadOnlyList<CrmContact>> ContactsByEmailAsync(IReadOnlyList<string> emails, CancellationToken cancellationToken)
        {
            var rows = await ChunkedAsync(
                "contacts",
                Select("contactid", "fullname", "jobtitle", "emailaddress1", "_parentcustomerid_value", "modifiedon", Role),
                emails,
                e => $"emailaddress1 eq {Literal(e)}",
                null,
                cancellationToken);
            List<CrmContact> contacts = [.. rows
                .Where(r => r.String("contactid") is not null && r.String("emailaddress1") is not null)
                .Select(r => new CrmContact(
                    r.String("contactid")!,
                    GuidOf(r.String("_parentcustomerid_value")),
                    r.String("fullname") ?? r.String("emailaddress1")!,
                    r.String("emailaddress1")!,
                    r.String("jobtitle"),
                    r.Label(Role),
                    crm.Link("contact", r.String("contactid")!),
                    r.Time("modifiedon") ?? DateTimeOffset.MinValue))];
            foreach (var contact in contacts)
            {
                _contactEmails.TryAdd(contact.Id, contact.Email);
            }

            return contacts;
        }

        // Ids go into the filter unquoted: only GUIDs (a stored id may come from another CRM than the one configured now).
        public override async Task<IReadOnlyList<CrmAccount>> AccountsByIdAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken) =>
            Accounts(await ChunkedAsync("accounts", AccountColumns, [.. ids.Select(GuidOf).OfType<string>()], id => $"accountid eq {id}", null, cancellationToken));

        public override async Task<IReadOnlyList<CrmAccount>> AccountsByDomainAsync(IReadOnlyList<string> domains, CancellationToken cancellationToken) =>
            Website is null ? [] : Accounts(await ChunkedAsync("accounts", AccountColumns, domains, d => $"contains({Website},{Literal(d)})", null, cancellationToken));

        public override async Task<IReadOnlyList<Opportunity>> OpportunitiesAsync(IReadOnlyList<string> accountIds, DateTimeOffset? closedSince, int max, CancellationToken cancellationToken)
        {
            var rows = await ChunkedAsync(
                "opportunities",
                Select("opportunityid", "name", Stage, "estimatedvalue", "estimatedclosedate", "statecode", "_parentaccountid_value", "modifiedon"),
                accountIds,
                id => $"_parentaccountid_value eq {id}",
                closedSince is { } since ? $"(statecode eq 0 or modifiedon ge {RemoteCrmHelpers.Iso(since)})" : "statecode eq 0",
                cancellationToken,
                "estimatedclosedate asc",
                max);
            return [.. rows
                .Where(r => r.String("opportunityid") is not null && GuidOf(r.String("_parentaccountid_value")) is not null)
                .Select(r => new Opportunity(
                    r.String("opportunityid")!,
                    GuidOf(r.String("_parentaccountid_value"))!,
                    r.String("name") ?? "(unnamed opportunity)",
                    r.Label(Stage) ?? "Open",
                    r.Decimal("estimatedvalue"),
                    null,
                    r.Date("estimatedclosedate"),
                    IsClosed: r.Int("statecode") is 1 or 2,
                    null,
                    crm.Link("opportunity", r.String("opportunityid")!),
                    r.Time("modifiedon") ?? DateTimeOffset.MinValue,
                    IsWon: r.Int("statecode") switch { 1 => true, 2 => false, _ => null }))];
        }

        public override async Task<IReadOnlyList<CrmNote>> NotesAsync(IReadOnlyList<string> accountIds, DateTimeOffset since, int max, CancellationToken cancellationToken)
        {
            var rows = await ChunkedAsync(
                "annotations",
                Select("annotationid", "subject", "notetext", "createdon", "modifiedon", "_objectid_value", "_createdby_value"),
                accountIds,
                id => $"_objectid_value eq {id}",
                $"isdocument eq false and createdon ge {RemoteCrmHelpers.Iso(since)}",
                cancellationToken,
                "createdon desc",
                max);
            return [.. rows
                .Where(r => r.String("annotationid") is not null && GuidOf(r.String("_objectid_value")) is not null)
                .Select(r =>
                {
                    var created = r.Time("createdon") ?? DateTimeOffset.MinValue;
                    return new CrmNote(
                        r.String("annotationid")!,
                        GuidOf(r.String("_objectid_value"))!,
                        r.String("subject") ?? "Note",
                        r.String("notetext") ?? string.Empty,
                        r.Label("_createdby_value"),
                        created,
                        crm.Link("annotation", r.String("annotationid")!),
                        r.Time("modifiedon") ?? created);
                })];
        }

        public override async Task<IReadOnlyList<CrmCase>> CasesAsync(IReadOnlyList<string> accountIds, DateTimeOffset closedSince, int max, CancellationToken cancellationToken)
        {
            var rows = await ChunkedAsync(
                "incidents",
                Select("incidentid", "title", "ticketnumber", "prioritycode", "statecode", "statuscode", "createdon", "modifiedon", "_customerid_value", "isescalated", "escalatedon", "_primarycontactid_value"),
                accountIds,
                id => $"_customerid_value eq {id}",
                $"(statecode eq 0 or modifiedon ge {RemoteCrmHelpers.Iso(closedSince)})",
                cancellationToken,
                "createdon desc",
                max);
            return [.. rows
                .Where(r => r.String("incidentid") is not null && GuidOf(r.String("_customerid_value")) is not null)
                .Select(r => new CrmCase(
                    r.String("incidentid")!,
                    GuidOf(r.String("_customerid_value"))!,
                    r.String("ticketnumber") ?? r.String("incidentid")!,
                    r.String("title") ?? "(untitled case)",
                    r.Label("statuscode") ?? (r.Int("statecode") == 0 ? "Active" : "Resolved"),
                    r.Int("prioritycode") switch { 1 => CasePriority.High, 3 => CasePriority.Low, _ => CasePriority.Normal },
                    IsOpen: r.Int("statecode") == 0,
                    IsEscalated: r.Bool("isescalated") ?? false,
                    r.Time("createdon") ?? DateTimeOffset.MinValue,
                    r.Time("escalatedon"),
                    GuidOf(r.String("_primarycontactid_value")) is { } contactId ? _contactEmails.GetValueOrDefault(contactId) : null,
                    crm.Link("incident", r.String("incidentid")!),
                    r.Time("modifiedon") ?? DateTimeOffset.MinValue))];
        }

        /// <summary>One query per chunk of keys (each key is a clause of the filter), with an optional condition on every row.</summary>
        private async Task<List<WireRecord>> ChunkedAsync(
            string entitySet,
            string select,
            IReadOnlyList<string> keys,
            Func<string, string> keyClause,
            string? condition,
            CancellationToken cancellationToken,
            string? orderBy = null,
            int? top = null)
        {
            var rows = new List<WireRecord>();
            foreach (var chunk in RemoteCrmHelpers.Chunks(keys, FilterChunk))
            {
                var any = string.Join(" or ", chunk.Select(keyClause));
                rows.AddRange(await crm.QueryAsync(entitySet, select, condition is null ? any : $"({any}) and {condition}", orderBy, top, cancellationToken));
            }

            return rows;
        }

        /// <summary>Account ids go back into filters unquoted, so only well-formed GUIDs are kept.</summary>
        private List<CrmAccount> Accounts(List<WireRecord> rows)
        {
            return [.. rows
                .Where(r => GuidOf(r.String("accountid")) is not null)
                .Select(r => Remember(
                    new CrmAccount(
                        GuidOf(r.String("accountid"))!,
                        r.String("name") ?? "(unnamed account)",
                        CrmQueryPlan.DomainOf(r.String(Website)),
                        r.Label(Tier),
                        r.Label(Industry),
                        r.Label("_ownerid_value"),
                        null,
                        crm.Link("account", r.String("accountid")!),
                        r.Time("modifiedon") ?? DateTimeOffset.MinValue),
                    r.Decimal(Health)))];
        }
    }

    private static string? GuidOf(string? value) => Guid.TryParse(value, out var id) ? id.ToString() : null;

        private static string Select(params string?[] columns) => string.Join(',', columns.Where(c => c is not null).Distinct(StringComparer.Ordinal));

    /// <summary>An OData string literal: single quotes, an inner quote doubled.</summary>
    internal static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private Uri Link(string entity, string id) => new($"{_app}/main.aspx?pagetype=entityrecord&etn={entity}&id={Uri.EscapeDataString(id)}");

    private async Task<List<WireRecord>> QueryAsync(string entitySet, string select, string filter, string? orderBy, int? top, CancellationToken cancellationToken)
    {
        var url = $"{_api}{entitySet}?$select={Uri.EscapeDataString(select)}&$filter={Uri.EscapeDataString(filter)}";
        if (orderBy is not null)
        {
            url += $"&$orderby={Uri.EscapeDataString(orderBy)}";
        }

        if (top is not null)
        {
            url += $"&$top={top}";
        }

        var rows = await _http.PagesAsync(
            new Uri(url),
            Request,
            CrmWireJsonContext.Default.ODataPage,
            _token,
            page => page.Value,
            page => page.NextLink is null ? null : new Uri(page.NextLink, UriKind.Absolute),
            cancellationToken);
        return [.. rows.Select(r => new WireRecord(r))];
    }

    private HttpRequestMessage Request(Uri url)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.TryAddWithoutValidation("OData-MaxVersion", "4.0");
        request.Headers.TryAddWithoutValidation("OData-Version", "4.0");
        request.Headers.TryAddWithoutValidation(
            "Prefer",
            $"odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\",odata.maxpagesize={_options.PageSize}");
        return request;
    }
}
