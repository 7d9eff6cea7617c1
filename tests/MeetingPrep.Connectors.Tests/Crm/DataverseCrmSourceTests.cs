using MeetingPrep.Connectors.Crm;
using MeetingPrep.Connectors.Crm.Dataverse;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Sources;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Crm;

public sealed class DataverseCrmSourceTests : IDisposable
{
    private const string Fabrikam = "11111111-1111-1111-1111-111111111111";
    private const string Northwind = "22222222-2222-2222-2222-222222222222";
    private const string Decoy = "33333333-3333-3333-3333-333333333333";
    private const string Alex = "aaaaaaaa-0000-0000-0000-000000000001";
    private const string Sam = "aaaaaaaa-0000-0000-0000-000000000002";
    private const string Api = "/api/data/v9.2/";
    private const string TokenPath = "/tenant-1/oauth2/v2.0/token";

    private readonly FakeCrmServer _fake = FakeCrmServer.Start(https: true);

    private static readonly CrmQuery Query = new(
        ["Alex.Kim@Fabrikam.com", "sam@fabrikam.com", "priya@northwind.com", "someone@gmail.com"],
        new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero),
        10);

    public void Dispose() => _fake.Dispose();

    [Fact]
    public async Task Reads_contacts_across_pages_accounts_by_contact_and_domain_and_everything_attached()
    {
        Token();
        FullTenant();

        var context = await Source().GetContextAsync(Query, TestContext.Current.CancellationToken);

        Assert.Equal([Alex, Sam], context.Contacts.Select(c => c.Id).Order());
        Assert.All(context.Contacts, c => Assert.Equal(Fabrikam, c.AccountId));
        Assert.Equal(2, _fake.Requests(Api + "contacts").Count);

        // Fabrikam through the contacts, Northwind by domain; the decoy whose site only contains the domain is dropped.
        Assert.Equal([Fabrikam, Northwind], context.Accounts.Select(a => a.Id).Order());
        var fabrikam = context.Accounts.Single(a => a.Id == Fabrikam);
        Assert.Equal("Preferred Customer", fabrikam.Tier);
        Assert.Equal("Consulting", fabrikam.Industry);
        Assert.Equal("Dana Owner", fabrikam.OwnerName);
        Assert.Equal(new Uri($"{_fake.Url}/main.aspx?pagetype=entityrecord&etn=account&id={Fabrikam}"), fabrikam.Url);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), fabrikam.LastModified);
        Assert.Equal("northwind.com", context.Accounts.Single(a => a.Id == Northwind).Domain);

        var opportunity = Assert.Single(context.Opportunities);
        Assert.Equal(("Renewal 2027", "Propose", 120000m, new DateOnly(2026, 12, 15)), (opportunity.Name, opportunity.Stage, opportunity.Amount!.Value, opportunity.CloseDate!.Value));
        var note = Assert.Single(context.Notes);
        Assert.Equal(("QBR prep", "Asked about SSO."), (note.Title, note.Text));
        var crmCase = Assert.Single(context.Cases);
        Assert.Equal(("CAS-01001", "In Progress", CasePriority.High, true, "alex.kim@fabrikam.com"), (crmCase.Number, crmCase.Status, crmCase.Priority, crmCase.IsOpen, crmCase.OpenedByEmail));
        Assert.Contains("etn=incident", crmCase.Url!.AbsoluteUri, StringComparison.Ordinal);

        // The wire: a bearer token from client credentials, OData headers, page size, and a personal domain never matched to an account.
        var token = Assert.Single(_fake.Requests(TokenPath));
        Assert.Contains("grant_type=client_credentials", token.Body, StringComparison.Ordinal);
        Assert.Contains("scope=" + Uri.EscapeDataString(_fake.Url + "/.default"), token.Body, StringComparison.Ordinal);
        var first = _fake.Requests(Api + "contacts")[0];
        Assert.Equal("Bearer dv-token", FakeCrmServer.Header(first, "Authorization"));
        Assert.Equal("4.0", FakeCrmServer.Header(first, "OData-Version"));
        Assert.Contains("odata.maxpagesize=100", FakeCrmServer.Header(first, "Prefer"), StringComparison.Ordinal);
        Assert.Contains("emailaddress1 eq 'alex.kim@fabrikam.com'", FakeCrmServer.DecodedUrl(first), StringComparison.Ordinal);
        Assert.DoesNotContain(_fake.Requests(Api + "accounts"), r => FakeCrmServer.DecodedUrl(r).Contains("gmail.com", StringComparison.Ordinal));
        Assert.Contains(_fake.Requests(Api + "accounts"), r => FakeCrmServer.DecodedUrl(r).Contains("contains(websiteurl,'northwind.com')", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Field_map_chooses_the_tier_field_and_reads_a_health_score()
    {
        Token();
        FullTenant();
        var options = Options();
        options.Dataverse.FieldMap["Tier"] = "new_tier";
        options.Dataverse.FieldMap["Health"] = "new_healthscore";

        var context = await Source(options).GetContextAsync(Query, TestContext.Current.CancellationToken);

        Assert.Equal("Gold", context.Accounts.Single(a => a.Id == Fabrikam).Tier);
        var health = Assert.Single(context.Metrics, m => m.AccountId == Fabrikam);
        Assert.Equal(72m, Assert.Single(health.Points).Value);
        Assert.Contains(_fake.Requests(Api + "accounts"), r => FakeCrmServer.DecodedUrl(r).Contains("new_tier", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stops_following_next_links_at_the_page_bound()
    {
        Token();
        _fake.Json("GET", Api + "contacts", ContactsPage([Contact(Alex, "alex.kim@fabrikam.com")], $"{_fake.Url}{Api}contacts?$skiptoken=again"));
        _fake.Json("GET", Api + "accounts", """{"value":[]}""");
        var options = Options();
        options.MaxPages = 3;

        var context = await Source(options).GetContextAsync(Query, TestContext.Current.CancellationToken);

        Assert.Equal(3, _fake.Requests(Api + "contacts").Count);
        Assert.Single(context.Contacts.DistinctBy(c => c.Id));
    }

    [Fact]
    public async Task Waits_out_a_429_with_Retry_After_and_retries()
    {
        Token();
        FullTenant();
        _fake.Json("GET", Api + "contacts", """{"error":{"code":"0x80072322","message":"Number of requests exceeded"}}""", status: 429, priority: 1,
            headers: new Dictionary<string, string> { ["Retry-After"] = "1" }, scenario: "throttle", setState: "served");

        var clock = new WatchedClock(CrmConnector.StandingStill);
        var ct = TestContext.Current.CancellationToken;
        var gathering = CrmConnector.Create(Options(), clock).GetContextAsync(Query, ct);

        // Nothing is retried before the second the CRM asked for has passed on the app's clock.
        var waiting = clock.StartedAsync(TimeSpan.FromSeconds(1), ct);
        Assert.Same(waiting, await Task.WhenAny(waiting, gathering));
        Assert.Single(_fake.Requests(Api + "contacts"));
        clock.Advance(TimeSpan.FromSeconds(1));
        var context = await gathering;

        Assert.Equal(2, context.Contacts.Count);
        Assert.Equal(3, _fake.Requests(Api + "contacts").Count);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_bound_reports_the_source_unavailable_without_waiting()
    {
        Token();
        _fake.Json("GET", Api + "contacts", "{}", status: 429, headers: new Dictionary<string, string> { ["Retry-After"] = "300" });

        // The clock stands still: a wait for the 300 s would never end, so answering at all shows none was started.
        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => Source().GetContextAsync(Query, TestContext.Current.CancellationToken));

        Assert.Equal("Dynamics 365", ex.SourceName);
        Assert.Contains("rate limited", ex.UserSafeReason, StringComparison.Ordinal);
        Assert.Single(_fake.Requests(Api + "contacts"));
    }

    [Fact]
    public async Task Accounts_read_by_id_put_only_guids_into_the_filter()
    {
        Token();
        FullTenant();

        // An id kept from another CRM (the built-in store's ids are free text) must not reach the unquoted filter.
        var byId = Query with { Emails = [], AccountIds = [Fabrikam, "x or statecode eq 0"] };
        var context = await Source().GetContextAsync(byId, TestContext.Current.CancellationToken);

        Assert.Equal([Fabrikam], context.Accounts.Select(a => a.Id));
        Assert.Empty(_fake.Requests(Api + "contacts"));
        Assert.All(_fake.Requests(Api + "accounts"), r => Assert.DoesNotContain("statecode", FakeCrmServer.DecodedUrl(r), StringComparison.Ordinal));
        Assert.Contains(_fake.Requests(Api + "accounts"), r => FakeCrmServer.DecodedUrl(r).Contains($"accountid eq {Fabrikam}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rejected_sign_in_is_unavailable_and_never_calls_the_api()
    {
        _fake.Json("POST", TokenPath, """{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}""", status: 401);

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => Source().GetContextAsync(Query, TestContext.Current.CancellationToken));

        Assert.Contains("sign-in to the CRM was rejected", ex.UserSafeReason, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", ex.ToString(), StringComparison.Ordinal);
        Assert.Empty(_fake.Requests(Api + "contacts"));
    }

    [Fact]
    public async Task A_401_from_the_api_signs_in_again_once_then_reports_unavailable()
    {
        Token();
        _fake.Json("GET", Api + "contacts", """{"error":{"code":"0x80040220","message":"Principal user is missing prvReadContact"}}""", status: 401);

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => Source().GetContextAsync(Query, TestContext.Current.CancellationToken));

        Assert.Contains("401", ex.UserSafeReason, StringComparison.Ordinal);
        Assert.Equal(2, _fake.Requests(TokenPath).Count);
        Assert.Equal(2, _fake.Requests(Api + "contacts").Count);
    }

    [Theory]
    [InlineData("""{"value":[{"contactid":""")]
    [InlineData("""<html>Service Unavailable</html>""")]
    [InlineData("""{"value":"not an array"}""")]
    [InlineData("""{"no_value":[]}""")]
    public async Task A_malformed_payload_is_unavailable_not_a_crash(string payload)
    {
        Token();
        _fake.Json("GET", Api + "contacts", payload);

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => Source().GetContextAsync(Query, TestContext.Current.CancellationToken));

        Assert.Equal("Dynamics 365", ex.SourceName);
    }

    [Fact]
    public async Task A_slow_server_times_out_as_unavailable()
    {
        Token();
        _fake.Json("GET", Api + "contacts", """{"value":[]}""", delay: TimeSpan.FromSeconds(30));
        var options = Options();
        options.TimeoutSeconds = 1;
        var clock = new WatchedClock(CrmConnector.StandingStill);
        var ct = TestContext.Current.CancellationToken;

        // The answer never comes in the test's time; the 1 s attempt limit ends the call once the app's clock passes it.
        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => clock.RunAsync(CrmConnector.Create(options, clock).GetContextAsync(Query, ct), TimeSpan.FromSeconds(1), ct));

        Assert.Contains("did not answer within 1 s", ex.UserSafeReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_match_anywhere_is_an_empty_context()
    {
        Token();
        _fake.Json("GET", Api + "contacts", """{"value":[]}""");
        _fake.Json("GET", Api + "accounts", """{"value":[]}""");

        var context = await Source().GetContextAsync(Query, TestContext.Current.CancellationToken);

        Assert.Empty(context.Contacts);
        Assert.Empty(context.Accounts);
        Assert.Empty(context.Opportunities);
        Assert.Empty(_fake.Requests(Api + "opportunities"));
    }

    [Fact]
    public async Task Logs_never_carry_secrets_tokens_addresses_or_note_text()
    {
        Token();
        FullTenant();
        _fake.Json("GET", Api + "incidents", "{}", status: 500, priority: 1);
        var logger = new ListLogger<DataverseCrmSource>();
        var source = CrmConnector.Create(Options(), services: s => s.AddSingleton<Microsoft.Extensions.Logging.ILogger<DataverseCrmSource>>(logger));

        await Assert.ThrowsAsync<SourceUnavailableException>(() => source.GetContextAsync(Query, TestContext.Current.CancellationToken));

        var logged = string.Join("\n", logger.Messages);
        Assert.Contains("HTTP 500", logged, StringComparison.Ordinal);
        foreach (var secret in new[] { "secret-value", "dv-token", "fabrikam.com", "Asked about SSO", "$filter" })
        {
            Assert.DoesNotContain(secret, logged, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Odata_literals_double_single_quotes()
    {
        Assert.Equal("'o''brien@contoso.com'", DataverseCrmSource.Literal("o'brien@contoso.com"));
    }

    private CrmOptions Options() => new()
    {
        Provider = CrmProvider.Dataverse,
        Dataverse = new RemoteCrmOptions
        {
            BaseUrl = _fake.Url,
            Authority = _fake.Url,
            TenantId = "tenant-1",
            ClientId = "client-1",
            ClientSecret = "secret-value",
        },
    };

    private ICrmSource Source(CrmOptions? options = null) => CrmConnector.Create(options ?? Options());

    private void Token() =>
        _fake.Json("POST", TokenPath, """{"token_type":"Bearer","expires_in":3599,"access_token":"dv-token"}""");

    private static string Contact(string id, string email) =>
        $$"""{"contactid":"{{id}}","fullname":"{{email}}","emailaddress1":"{{email}}","jobtitle":"CTO","_parentcustomerid_value":"{{Fabrikam}}","modifiedon":"2026-11-01T10:00:00Z"}""";

    private static string ContactsPage(IEnumerable<string> contacts, string? next) =>
        $$"""{"@odata.context":"x","value":[{{string.Join(",", contacts)}}]{{(next is null ? string.Empty : $",\"@odata.nextLink\":\"{next}\"")}}}""";

    private static string Account(string id, string name, string site) =>
        $$"""
        {"accountid":"{{id}}","name":"{{name}}","websiteurl":"{{site}}",
         "accountcategorycode":1,"accountcategorycode@OData.Community.Display.V1.FormattedValue":"Preferred Customer",
         "industrycode":7,"industrycode@OData.Community.Display.V1.FormattedValue":"Consulting",
         "new_tier":"Gold","new_healthscore":72,
         "_ownerid_value":"99999999-0000-0000-0000-000000000000","_ownerid_value@OData.Community.Display.V1.FormattedValue":"Dana Owner",
         "modifiedon":"2026-11-02T08:00:00Z"}
        """;

    private void FullTenant()
    {
        _fake.Json("GET", Api + "contacts", ContactsPage([Contact(Alex, "alex.kim@fabrikam.com")], $"{_fake.Url}{Api}contacts?$select=contactid&$skiptoken=page2"));
        _fake.Json("GET", Api + "contacts", ContactsPage([Contact(Sam, "sam@fabrikam.com")], null), url: u => u.Contains("$skiptoken=page2", StringComparison.Ordinal), priority: 2);
        _fake.Json("GET", Api + "accounts", $$"""{"value":[{{Account(Fabrikam, "Fabrikam", "https://www.fabrikam.com")}}]}""", url: u => u.Contains("accountid eq", StringComparison.Ordinal), priority: 2);
        _fake.Json("GET", Api + "accounts", $$"""{"value":[{{Account(Northwind, "Northwind", "https://www.northwind.com")}},{{Account(Decoy, "Not Northwind", "https://notnorthwind.com")}}]}""", url: u => u.Contains("contains(", StringComparison.Ordinal), priority: 2);
        _fake.Json("GET", Api + "opportunities", $$"""
            {"value":[{"opportunityid":"44444444-0000-0000-0000-000000000001","name":"Renewal 2027","stepname":"Propose","estimatedvalue":120000.00,
              "estimatedclosedate":"2026-12-15","statecode":0,"_parentaccountid_value":"{{Fabrikam}}","modifiedon":"2026-11-03T09:00:00Z"}]}
            """);
        _fake.Json("GET", Api + "annotations", $$"""
            {"value":[{"annotationid":"55555555-0000-0000-0000-000000000001","subject":"QBR prep","notetext":"Asked about SSO.","createdon":"2026-11-10T12:00:00Z",
              "modifiedon":"2026-11-10T12:00:00Z","_objectid_value":"{{Fabrikam}}","_createdby_value@OData.Community.Display.V1.FormattedValue":"Dana Owner"}]}
            """);
        _fake.Json("GET", Api + "incidents", $$"""
            {"value":[{"incidentid":"66666666-0000-0000-0000-000000000001","title":"SSO login loop","ticketnumber":"CAS-01001","prioritycode":1,
              "statecode":0,"statuscode":1,"statuscode@OData.Community.Display.V1.FormattedValue":"In Progress","createdon":"2026-11-20T07:00:00Z",
              "modifiedon":"2026-11-21T07:00:00Z","_customerid_value":"{{Northwind}}","isescalated":false,"_primarycontactid_value":"{{Alex}}"}]}
            """);
    }
}

/// <summary>Keeps every formatted log message, to check what would reach the logs.</summary>
internal sealed class ListLogger<T> : Microsoft.Extensions.Logging.ILogger<T>
{
    public List<string> Messages { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

    public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (Messages)
        {
            Messages.Add(formatter(state, exception) + " " + exception);
        }
    }
}
