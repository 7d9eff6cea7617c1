using System.Text;
using MeetingPrep.Connectors.Crm.Remote;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Sources;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Connectors.Crm.Salesforce;

/// <summary>
/// Salesforce REST: OAuth client credentials (a connected app with a Run-As user), then SOQL through
/// <c>/services/data/vNN.N/query</c>, following <c>nextRecordsUrl</c> while <c>done</c> is false, up to the page bound.
/// </summary>
public sealed class SalesforceCrmSource : ICrmSource
{
    private const int InChunk = 100;

    private readonly RemoteCrmOptions _remote;
    private readonly CrmOptions _options;
    private readonly CrmHttp _http;
    private readonly ClientCredentialsAccessToken _token;
    private readonly string _baseUrl;
    private readonly string _version;

    public SalesforceCrmSource(HttpClient http, CrmOptions options, CrmTokenCache tokens, TimeProvider time, ILogger<SalesforceCrmSource> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _remote = options.Salesforce;
        _baseUrl = (_remote.BaseUrl ?? throw new ArgumentException("Crm:Salesforce:BaseUrl is not set.", nameof(options))).TrimEnd('/');
        _version = _remote.ApiVersion ?? "v62.0";
        _http = new CrmHttp(http, options, Name, time, logger);
        _token = new ClientCredentialsAccessToken(
            http,
            tokens,
            Name,
            new Uri(_remote.TokenUrl ?? _baseUrl + "/services/oauth2/token"),
            ClientCredentialsAccessToken.Form(_remote),
            TimeSpan.FromMinutes(15),
            time);
    }

    public string Name => "Salesforce";

    public async Task<CrmContext> GetContextAsync(CrmQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var max = RemoteCrmHelpers.MaxRecords(query);
        var emails = RemoteCrmHelpers.Emails(query);
        if (emails.Count == 0)
        {
            return CrmContext.Empty;
        }

        // Every call after sign-in goes to the org's own instance, which the token response names.
        CachedCrmToken signIn;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
            try
            {
                signIn = await _token.GetTokenAsync(refresh: false, timeout.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new SourceUnavailableException(Name, $"the CRM did not answer within {_options.TimeoutSeconds} s", ex);
            }
        }

        var instance = (signIn.InstanceUrl ?? _baseUrl).TrimEnd('/');
        var app = (_remote.AppUrl ?? instance).TrimEnd('/');
        Uri Link(string type, string id) => new($"{app}/lightning/r/{type}/{Uri.EscapeDataString(id)}/view");

        var tier = Field(CrmFieldMap.Tier);
        var industry = Field(CrmFieldMap.Industry);
        var website = Field(CrmFieldMap.Website);
        var stage = Field(CrmFieldMap.Stage) ?? "StageName";
        var health = Field(CrmFieldMap.Health);
        var role = Field(CrmFieldMap.Role);

        var contactRows = new List<WireRecord>();
        foreach (var chunk in RemoteCrmHelpers.Chunks(emails, InChunk))
        {
            contactRows.AddRange(await QueryAsync(
                instance,
                $"SELECT {Columns("Id", "Name", "Title", "Email", "AccountId", "LastModifiedDate", role)} FROM Contact WHERE Email IN ({In(chunk)})",
                cancellationToken));
        }

        var contacts = contactRows
            .Where(r => IsId(r.String("Id")) && r.String("Email") is not null)
            .Select(r => new CrmContact(
                r.String("Id")!,
                IsId(r.String("AccountId")) ? r.String("AccountId") : null,
                r.String("Name") ?? r.String("Email")!,
                r.String("Email")!,
                r.String("Title"),
                r.String(role),
                Link("Contact", r.String("Id")!),
                r.Time("LastModifiedDate") ?? DateTimeOffset.MinValue))
            .DistinctBy(c => c.Id)
            .Take(max)
            .ToList();

        var accountColumns = Columns("Id", "Name", website, tier, industry, health, "Owner.Name", "Owner.Email", "LastModifiedDate");
        var accountRows = new List<WireRecord>();
        var parentIds = contacts.Where(c => c.AccountId is not null).Select(c => c.AccountId!).Distinct().ToList();
        foreach (var chunk in RemoteCrmHelpers.Chunks(parentIds, InChunk))
        {
            accountRows.AddRange(await QueryAsync(instance, $"SELECT {accountColumns} FROM Account WHERE Id IN ({In(chunk)})", cancellationToken));
        }

        var found = accountRows.Select(a => a.String("Id")).ToHashSet(StringComparer.Ordinal);
        var withAccount = contacts.Where(c => c.AccountId is not null && found.Contains(c.AccountId)).Select(c => c.Email.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        var domains = RemoteCrmHelpers.DomainsToMatch(emails, withAccount);
        if (website is not null)
        {
            foreach (var chunk in RemoteCrmHelpers.Chunks(domains, 20))
            {
                var like = string.Join(" OR ", chunk.Select(d => $"{website} LIKE {Literal("%" + EscapeLike(d) + "%", escapeBackslash: false)}"));
                var rows = await QueryAsync(instance, $"SELECT {accountColumns} FROM Account WHERE {like}", cancellationToken);

                // LIKE is a substring test; keep only sites whose host is the domain.
                accountRows.AddRange(rows.Where(r => chunk.Any(d => RemoteCrmHelpers.SiteMatchesDomain(r.String(website), d))));
            }
        }

        var accounts = accountRows
            .Where(r => IsId(r.String("Id")))
            .Select(r => new CrmAccount(
                r.String("Id")!,
                r.String("Name") ?? "(unnamed account)",
                DomainOf(r.String(website)),
                r.String(tier),
                r.String(industry),
                r.String("Owner.Name"),
                r.String("Owner.Email"),
                Link("Account", r.String("Id")!),
                r.Time("LastModifiedDate") ?? DateTimeOffset.MinValue))
            .DistinctBy(a => a.Id)
            .Take(max)
            .ToList();
        if (accounts.Count == 0)
        {
            return new CrmContext([], contacts, [], [], [], []);
        }

        var ids = accounts.Select(a => a.Id).ToList();
        var inAccounts = In(ids);
        var opportunityRows = await QueryAsync(
            instance,
            $"SELECT {Columns("Id", "AccountId", "Name", stage, "Amount", "CloseDate", "IsClosed", "LastActivityDate", "LastModifiedDate")} FROM Opportunity " +
            $"WHERE AccountId IN ({inAccounts}) AND IsClosed = false ORDER BY CloseDate ASC NULLS LAST LIMIT {max}",
            cancellationToken);
        var opportunities = opportunityRows
            .Where(r => IsId(r.String("Id")) && r.String("AccountId") is not null)
            .Select(r => new Opportunity(
                r.String("Id")!,
                r.String("AccountId")!,
                r.String("Name") ?? "(unnamed opportunity)",
                r.String(stage) ?? "Open",
                r.Decimal("Amount"),
                null,
                r.Date("CloseDate"),
                r.Bool("IsClosed") ?? false,
                r.Time("LastActivityDate"),
                Link("Opportunity", r.String("Id")!),
                r.Time("LastModifiedDate") ?? DateTimeOffset.MinValue))
            .ToList();

        var noteRows = await QueryAsync(
            instance,
            $"SELECT Id, ParentId, Title, Body, CreatedDate, LastModifiedDate, CreatedBy.Name FROM Note " +
            $"WHERE ParentId IN ({inAccounts}) AND CreatedDate >= {RemoteCrmHelpers.Iso(query.NotesSince)} ORDER BY CreatedDate DESC LIMIT {max}",
            cancellationToken);
        var notes = noteRows
            .Where(r => IsId(r.String("Id")) && r.String("ParentId") is not null)
            .Select(r =>
            {
                var created = r.Time("CreatedDate") ?? DateTimeOffset.MinValue;
                return new CrmNote(
                    r.String("Id")!,
                    r.String("ParentId")!,
                    r.String("Title") ?? "Note",
                    r.String("Body") ?? string.Empty,
                    r.String("CreatedBy.Name"),
                    created,
                    Link("Note", r.String("Id")!),
                    r.Time("LastModifiedDate") ?? created);
            })
            .ToList();

        var caseRows = await QueryAsync(
            instance,
            $"SELECT Id, AccountId, CaseNumber, Subject, Status, Priority, IsClosed, IsEscalated, CreatedDate, ClosedDate, Contact.Email, LastModifiedDate FROM Case " +
            $"WHERE AccountId IN ({inAccounts}) AND (IsClosed = false OR ClosedDate >= {RemoteCrmHelpers.Iso(query.CasesSince)}) ORDER BY CreatedDate DESC LIMIT {max}",
            cancellationToken);
        var cases = caseRows
            .Where(r => IsId(r.String("Id")) && r.String("AccountId") is not null)
            .Select(r => new CrmCase(
                r.String("Id")!,
                r.String("AccountId")!,
                r.String("CaseNumber") ?? r.String("Id")!,
                r.String("Subject") ?? "(untitled case)",
                r.String("Status") ?? "Open",
                r.String("Priority")?.ToUpperInvariant() switch
                {
                    "LOW" => CasePriority.Low,
                    "HIGH" => CasePriority.High,
                    "CRITICAL" or "URGENT" => CasePriority.Critical,
                    _ => CasePriority.Normal,
                },
                IsOpen: !(r.Bool("IsClosed") ?? false),
                IsEscalated: r.Bool("IsEscalated") ?? false,
                r.Time("CreatedDate") ?? DateTimeOffset.MinValue,
                null,
                r.String("Contact.Email"),
                Link("Case", r.String("Id")!),
                r.Time("LastModifiedDate") ?? DateTimeOffset.MinValue))
            .ToList();

        var metrics = health is null
            ? []
            : accountRows.DistinctBy(r => r.String("Id"))
                .Where(r => ids.Contains(r.String("Id") ?? string.Empty))
                .Select(r => RemoteCrmHelpers.HealthMetric(r.String("Id")!, r.Decimal(health), Link("Account", r.String("Id")!), r.Time("LastModifiedDate") ?? DateTimeOffset.MinValue))
                .Where(m => m is not null)
                .Select(m => m!)
                .ToList();

        return new CrmContext(accounts, contacts, opportunities, notes, cases, metrics);
    }

    /// <summary>
    /// A SOQL string literal: single quotes, with backslash, quotes and control characters escaped as the SOQL reference
    /// lists them. Inside LIKE, % and _ are escaped beforehand (<see cref="EscapeLike"/>), so backslashes stay as given.
    /// </summary>
    internal static string Literal(string value, bool escapeBackslash = true)
    {
        var sb = new StringBuilder("'");
        foreach (var c in value)
        {
            sb.Append(c switch
            {
                '\\' when escapeBackslash => "\\\\",
                '\'' => "\\'",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => c.ToString(),
            });
        }

        return sb.Append('\'').ToString();
    }

    internal static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    private static string In(IEnumerable<string> values) => string.Join(",", values.Select(v => Literal(v)));

    private static string Columns(params string?[] columns) => string.Join(", ", columns.Where(c => c is not null).Distinct(StringComparer.OrdinalIgnoreCase));

    /// <summary>Salesforce ids are 15 or 18 letters and digits; anything else is not put back into a query.</summary>
    private static bool IsId(string? id) => id is { Length: 15 or 18 } && id.All(char.IsAsciiLetterOrDigit);

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

    private string? Field(string concept) => CrmFieldMap.Resolve(_remote, CrmFieldMap.SalesforceDefaults, concept);

    private async Task<List<WireRecord>> QueryAsync(string instance, string soql, CancellationToken cancellationToken)
    {
        var first = new Uri($"{instance}/services/data/{_version}/query?q={Uri.EscapeDataString(soql)}");
        var rows = await _http.PagesAsync(
            first,
            url =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Accept.ParseAdd("application/json");
                request.Headers.TryAddWithoutValidation("Sforce-Query-Options", $"batchSize={Math.Clamp(_options.PageSize, 200, 2000)}");
                return request;
            },
            CrmWireJsonContext.Default.SoqlPage,
            _token,
            page => page.Records,
            page => page.Done || page.NextRecordsUrl is null ? null : new Uri(new Uri(instance + "/"), page.NextRecordsUrl),
            cancellationToken);
        return [.. rows.Select(r => new WireRecord(r))];
    }
}
