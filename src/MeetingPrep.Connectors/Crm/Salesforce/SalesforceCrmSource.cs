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

    public Task<CrmContext> GetContextAsync(CrmQuery query, CancellationToken cancellationToken) =>
        CrmQueryPlan.RunAsync(query, new Queries(this), cancellationToken);

    /// <summary>Every call after sign-in goes to the org's own instance, which the token response names.</summary>
    private async Task<string> InstanceAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            var signIn = await _token.GetTokenAsync(refresh: false, timeout.Token);
            return (signIn.InstanceUrl ?? _baseUrl).TrimEnd('/');
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SourceUnavailableException(Name, $"the CRM did not answer within {_options.TimeoutSeconds} s", ex);
        }
    }

    /// <summary>SOQL and Salesforce's field names, for one meeting (signs in once).</summary>
    private sealed class Queries(SalesforceCrmSource crm) : RemoteCrmQueries(crm._remote, CrmFieldMap.SalesforceDefaults)
    {
        private string? _instance;

        private string AccountColumns => Columns("Id", "Name", Website, Tier, Industry, Health, "Owner.Name", "Owner.Email", "LastModifiedDate");

        public override async Task<IReadOnlyList<CrmContact>> ContactsByEmailAsync(IReadOnlyList<string> emails, CancellationToken cancellationToken)
        {
            var contacts = new List<CrmContact>();
            foreach (var chunk in RemoteCrmHelpers.Chunks(emails, InChunk))
            {
                var rows = await QueryAsync($"SELECT {Columns("Id", "Name", "Title", "Email", "AccountId", "LastModifiedDate", Role)} FROM Contact WHERE Email IN ({In(chunk)})", cancellationToken);
                contacts.AddRange(rows
                    .Where(r => IsId(r.String("Id")) && r.String("Email") is not null)
                    .Select(r => new CrmContact(
                        r.String("Id")!,
                        IsId(r.String("AccountId")) ? r.String("AccountId") : null,
                        r.String("Name") ?? r.String("Email")!,
                        r.String("Email")!,
                        r.String("Title"),
                        r.String(Role),
                        Link("Contact", r.String("Id")!),
                        r.Time("LastModifiedDate") ?? DateTimeOffset.MinValue)));
            }

            return contacts;
        }

        public override async Task<IReadOnlyList<CrmAccount>> AccountsByIdAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var accounts = new List<CrmAccount>();
            foreach (var chunk in RemoteCrmHelpers.Chunks(ids, InChunk))
            {
                accounts.AddRange(Accounts(await QueryAsync($"SELECT {AccountColumns} FROM Account WHERE Id IN ({In(chunk)})", cancellationToken)));
            }

            return accounts;
        }

        public override async Task<IReadOnlyList<CrmAccount>> AccountsByDomainAsync(IReadOnlyList<string> domains, CancellationToken cancellationToken)
        {
            var accounts = new List<CrmAccount>();
            if (Website is null)
            {
                return accounts;
            }

            foreach (var chunk in RemoteCrmHelpers.Chunks(domains, 20))
            {
                var like = string.Join(" OR ", chunk.Select(d => $"{Website} LIKE {Literal("%" + EscapeLike(d) + "%", escapeBackslash: false)}"));
                accounts.AddRange(Accounts(await QueryAsync($"SELECT {AccountColumns} FROM Account WHERE {like}", cancellationToken)));
            }

            return accounts;
        }

        public override async Task<IReadOnlyList<Opportunity>> OpportunitiesAsync(IReadOnlyList<string> accountIds, DateTimeOffset? closedSince, int max, CancellationToken cancellationToken)
        {
            var state = closedSince is { } since ? $"(IsClosed = false OR LastModifiedDate >= {RemoteCrmHelpers.Iso(since)})" : "IsClosed = false";
            var rows = await QueryAsync(
                $"SELECT {Columns("Id", "AccountId", "Name", Stage, "Amount", "CloseDate", "IsClosed", "IsWon", "LastActivityDate", "LastModifiedDate")} FROM Opportunity " +
                $"WHERE AccountId IN ({In(accountIds)}) AND {state} ORDER BY CloseDate ASC NULLS LAST LIMIT {max}",
                cancellationToken);
            return [.. rows
                .Where(r => IsId(r.String("Id")) && r.String("AccountId") is not null)
                .Select(r => new Opportunity(
                    r.String("Id")!,
                    r.String("AccountId")!,
                    r.String("Name") ?? "(unnamed opportunity)",
                    r.String(Stage) ?? "Open",
                    r.Decimal("Amount"),
                    null,
                    r.Date("CloseDate"),
                    r.Bool("IsClosed") ?? false,
                    r.Time("LastActivityDate"),
                    Link("Opportunity", r.String("Id")!),
                    r.Time("LastModifiedDate") ?? DateTimeOffset.MinValue,
                    IsWon: r.Bool("IsClosed") == true ? r.Bool("IsWon") : null))];
        }

        public override async Task<IReadOnlyList<CrmNote>> NotesAsync(IReadOnlyList<string> accountIds, DateTimeOffset since, int max, CancellationToken cancellationToken)
        {
            var rows = await QueryAsync(
                $"SELECT Id, ParentId, Title, Body, CreatedDate, LastModifiedDate, CreatedBy.Name FROM Note " +
                $"WHERE ParentId IN ({In(accountIds)}) AND CreatedDate >= {RemoteCrmHelpers.Iso(since)} ORDER BY CreatedDate DESC LIMIT {max}",
                cancellationToken);
            return [.. rows
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
                })];
        }

        public override async Task<IReadOnlyList<CrmCase>> CasesAsync(IReadOnlyList<string> accountIds, DateTimeOffset closedSince, int max, CancellationToken cancellationToken)
        {
            var rows = await QueryAsync(
                $"SELECT Id, AccountId, CaseNumber, Subject, Status, Priority, IsClosed, IsEscalated, CreatedDate, ClosedDate, Contact.Email, LastModifiedDate FROM Case " +
                $"WHERE AccountId IN ({In(accountIds)}) AND (IsClosed = false OR ClosedDate >= {RemoteCrmHelpers.Iso(closedSince)}) ORDER BY CreatedDate DESC LIMIT {max}",
                cancellationToken);
            return [.. rows
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
                    r.Time("LastModifiedDate") ?? DateTimeOffset.MinValue))];
        }

        private List<CrmAccount> Accounts(List<WireRecord> rows)
        {
            return [.. rows
                .Where(r => IsId(r.String("Id")))
                .Select(r => Remember(
                    new CrmAccount(
                        r.String("Id")!,
                        r.String("Name") ?? "(unnamed account)",
                        CrmQueryPlan.DomainOf(r.String(Website)),
                        r.String(Tier),
                        r.String(Industry),
                        r.String("Owner.Name"),
                        r.String("Owner.Email"),
                        Link("Account", r.String("Id")!),
                        r.Time("LastModifiedDate") ?? DateTimeOffset.MinValue),
                    r.Decimal(Health)))];
        }

        private Uri Link(string type, string id) => new($"{(crm._remote.AppUrl ?? _instance ?? crm._baseUrl).TrimEnd('/')}/lightning/r/{type}/{Uri.EscapeDataString(id)}/view");

        private async Task<List<WireRecord>> QueryAsync(string soql, CancellationToken cancellationToken)
        {
            _instance ??= await crm.InstanceAsync(cancellationToken);
            return await crm.QueryAsync(_instance, soql, cancellationToken);
        }
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
