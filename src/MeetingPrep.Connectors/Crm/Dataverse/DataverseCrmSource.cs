using MeetingPrep.Connectors.Crm.Remote;
using MeetingPrep.Core.Crm;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Connectors.Crm.Dataverse;

/// <summary>
/// Dynamics 365 / Dataverse Web API (OData v4) with an application user (client credentials). Contacts by e-mail, their
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
        _token = new ClientCredentialsAccessToken(
            http,
            tokens,
            Name,
            new Uri($"{authority}/{_remote.TenantId}/oauth2/v2.0/token"),
            ClientCredentialsAccessToken.Form(_remote, scope: _root + "/.default"),
            TimeSpan.FromMinutes(30),
            time);
    }

    public string Name => "Dynamics 365";

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
        var website = Field(CrmFieldMap.Website);
        var stage = Field(CrmFieldMap.Stage) ?? "stepname";
        var health = Field(CrmFieldMap.Health);
        var role = Field(CrmFieldMap.Role);

        var contactRows = new List<WireRecord>();
        foreach (var chunk in RemoteCrmHelpers.Chunks(emails, FilterChunk))
        {
            contactRows.AddRange(await QueryAsync(
                "contacts",
                Select("contactid", "fullname", "jobtitle", "emailaddress1", "_parentcustomerid_value", "modifiedon", role),
                string.Join(" or ", chunk.Select(e => $"emailaddress1 eq {Literal(e)}")),
                null,
                null,
                cancellationToken));
        }

        var contacts = contactRows
            .Where(r => r.String("contactid") is not null && r.String("emailaddress1") is not null)
            .Select(r => new CrmContact(
                r.String("contactid")!,
                GuidOf(r.String("_parentcustomerid_value")),
                r.String("fullname") ?? r.String("emailaddress1")!,
                r.String("emailaddress1")!,
                r.String("jobtitle"),
                r.Label(role),
                Link("contact", r.String("contactid")!),
                r.Time("modifiedon") ?? DateTimeOffset.MinValue))
            .DistinctBy(c => c.Id)
            .Take(max)
            .ToList();

        var accountColumns = Select("accountid", "name", website, tier, industry, health, "_ownerid_value", "modifiedon");
        var accountRows = new List<WireRecord>();
        var parentIds = contacts.Where(c => c.AccountId is not null).Select(c => c.AccountId!).Distinct().ToList();
        foreach (var chunk in RemoteCrmHelpers.Chunks(parentIds, FilterChunk))
        {
            accountRows.AddRange(await QueryAsync("accounts", accountColumns, string.Join(" or ", chunk.Select(id => $"accountid eq {id}")), null, null, cancellationToken));
        }

        var withAccount = contacts
            .Where(c => c.AccountId is not null && accountRows.Any(a => GuidOf(a.String("accountid")) == c.AccountId))
            .Select(c => c.Email.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        var domains = RemoteCrmHelpers.DomainsToMatch(emails, withAccount);
        if (website is not null)
        {
            foreach (var chunk in RemoteCrmHelpers.Chunks(domains, FilterChunk))
            {
                var rows = await QueryAsync("accounts", accountColumns, string.Join(" or ", chunk.Select(d => $"contains({website},{Literal(d)})")), null, null, cancellationToken);

                // contains() is a substring test; keep only sites whose host is the domain (not "notfabrikam.com").
                accountRows.AddRange(rows.Where(r => chunk.Any(d => RemoteCrmHelpers.SiteMatchesDomain(r.String(website), d))));
            }
        }

        // Account ids go back into filters unquoted, so only well-formed GUIDs are kept.
        var accounts = accountRows
            .Where(r => GuidOf(r.String("accountid")) is not null)
            .Select(r => new CrmAccount(
                GuidOf(r.String("accountid"))!,
                r.String("name") ?? "(unnamed account)",
                DomainOf(r.String(website)),
                r.Label(tier),
                r.Label(industry),
                r.Label("_ownerid_value"),
                null,
                Link("account", r.String("accountid")!),
                r.Time("modifiedon") ?? DateTimeOffset.MinValue))
            .DistinctBy(a => a.Id)
            .Take(max)
            .ToList();
        if (accounts.Count == 0)
        {
            return new CrmContext([], contacts, [], [], [], []);
        }

        var ids = accounts.Select(a => a.Id).ToList();
        var opportunities = new List<Opportunity>();
        var notes = new List<CrmNote>();
        var cases = new List<CrmCase>();
        var contactEmails = contacts.ToDictionary(c => c.Id, c => c.Email, StringComparer.OrdinalIgnoreCase);
        foreach (var chunk in RemoteCrmHelpers.Chunks(ids, FilterChunk))
        {
            var anyAccount = string.Join(" or ", chunk.Select(id => $"_parentaccountid_value eq {id}"));
            var opportunityRows = await QueryAsync(
                "opportunities",
                Select("opportunityid", "name", stage, "estimatedvalue", "estimatedclosedate", "statecode", "_parentaccountid_value", "modifiedon"),
                $"({anyAccount}) and statecode eq 0",
                "estimatedclosedate asc",
                max,
                cancellationToken);
            opportunities.AddRange(opportunityRows
                .Where(r => r.String("opportunityid") is not null && GuidOf(r.String("_parentaccountid_value")) is not null)
                .Select(r => new Opportunity(
                    r.String("opportunityid")!,
                    GuidOf(r.String("_parentaccountid_value"))!,
                    r.String("name") ?? "(unnamed opportunity)",
                    r.Label(stage) ?? "Open",
                    r.Decimal("estimatedvalue"),
                    null,
                    r.Date("estimatedclosedate"),
                    IsClosed: r.Int("statecode") is 1 or 2,
                    null,
                    Link("opportunity", r.String("opportunityid")!),
                    r.Time("modifiedon") ?? DateTimeOffset.MinValue)));

            var noteRows = await QueryAsync(
                "annotations",
                Select("annotationid", "subject", "notetext", "createdon", "modifiedon", "_objectid_value", "_createdby_value"),
                $"({string.Join(" or ", chunk.Select(id => $"_objectid_value eq {id}"))}) and isdocument eq false and createdon ge {RemoteCrmHelpers.Iso(query.NotesSince)}",
                "createdon desc",
                max,
                cancellationToken);
            notes.AddRange(noteRows
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
                        Link("annotation", r.String("annotationid")!),
                        r.Time("modifiedon") ?? created);
                }));

            var caseRows = await QueryAsync(
                "incidents",
                Select("incidentid", "title", "ticketnumber", "prioritycode", "statecode", "statuscode", "createdon", "modifiedon", "_customerid_value", "isescalated", "escalatedon", "_primarycontactid_value"),
                $"({string.Join(" or ", chunk.Select(id => $"_customerid_value eq {id}"))}) and (statecode eq 0 or modifiedon ge {RemoteCrmHelpers.Iso(query.CasesSince)})",
                "createdon desc",
                max,
                cancellationToken);
            cases.AddRange(caseRows
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
                    GuidOf(r.String("_primarycontactid_value")) is { } contactId ? contactEmails.GetValueOrDefault(contactId) : null,
                    Link("incident", r.String("incidentid")!),
                    r.Time("modifiedon") ?? DateTimeOffset.MinValue)));
        }

        var metrics = health is null
            ? []
            : accountRows.DistinctBy(r => r.String("accountid"))
                .Select(r => RemoteCrmHelpers.HealthMetric(GuidOf(r.String("accountid")) ?? string.Empty, r.Decimal(health), Link("account", r.String("accountid") ?? string.Empty), r.Time("modifiedon") ?? DateTimeOffset.MinValue))
                .Where(m => m is not null && ids.Contains(m.AccountId))
                .Select(m => m!)
                .ToList();

        return new CrmContext(
            accounts,
            contacts,
            [.. opportunities.OrderBy(o => o.CloseDate ?? DateOnly.MaxValue).Take(max)],
            [.. notes.OrderByDescending(n => n.Created).Take(max)],
            [.. cases.OrderByDescending(c => c.IsOpen).ThenByDescending(c => c.Opened).Take(max)],
            metrics);
    }

    private static string? GuidOf(string? value) => Guid.TryParse(value, out var id) ? id.ToString() : null;

    private string? Field(string concept) => CrmFieldMap.Resolve(_remote, CrmFieldMap.DataverseDefaults, concept);

    private static string Select(params string?[] columns) => string.Join(',', columns.Where(c => c is not null).Distinct(StringComparer.Ordinal));

    /// <summary>An OData string literal: single quotes, an inner quote doubled.</summary>
    internal static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static string? DomainOf(string? site)
    {
        if (string.IsNullOrWhiteSpace(site))
        {
            return null;
        }

        var value = site.Trim();
        return Uri.TryCreate(value.Contains("://", StringComparison.Ordinal) ? value : "https://" + value, UriKind.Absolute, out var uri)
            ? (uri.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? uri.Host[4..] : uri.Host).ToLowerInvariant()
            : null;
    }

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
