using MeetingPrep.Connectors.Crm;
using MeetingPrep.Connectors.Crm.Salesforce;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Sources;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Crm;

public sealed class SalesforceCrmSourceTests : IDisposable
{
    private const string Fabrikam = "001000000000001AAA";
    private const string Northwind = "001000000000002AAA";
    private const string Decoy = "001000000000003AAA";
    private const string Query = "/services/data/v62.0/query";
    private const string NextPage = "/services/data/v62.0/query/01gD0000002HU6KIAW-2000";
    private const string TokenPath = "/services/oauth2/token";

    private readonly FakeCrmServer _fake = FakeCrmServer.Start();

    private static readonly CrmQuery Ask = new(
        ["alex.kim@fabrikam.com", "sam@fabrikam.com", "priya@northwind.com", "o'brien@hotmail.com"],
        new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero),
        10);

    public void Dispose() => _fake.Dispose();

    [Fact]
    public async Task Reads_contacts_over_next_records_url_then_accounts_opportunities_notes_and_cases()
    {
        Token();
        FullOrg();

        var context = await Source().GetContextAsync(Ask, TestContext.Current.CancellationToken);

        Assert.Equal(["003000000000001AAA", "003000000000002AAA"], context.Contacts.Select(c => c.Id).Order());
        Assert.Single(_fake.Requests(NextPage));
        Assert.Equal([Fabrikam, Northwind], context.Accounts.Select(a => a.Id).Order());
        var fabrikam = context.Accounts.Single(a => a.Id == Fabrikam);
        Assert.Equal(("Customer - Direct", "Consulting", "Dana Owner", "dana@contoso.com", "fabrikam.com"), (fabrikam.Tier, fabrikam.Industry, fabrikam.OwnerName, fabrikam.OwnerEmail, fabrikam.Domain));
        Assert.Equal(new Uri($"{_fake.Url}/lightning/r/Account/{Fabrikam}/view"), fabrikam.Url);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), fabrikam.LastModified);

        var opportunity = Assert.Single(context.Opportunities);
        Assert.Equal(("Renewal 2027", "Proposal/Price Quote", 120000m, new DateOnly(2026, 12, 15)), (opportunity.Name, opportunity.Stage, opportunity.Amount!.Value, opportunity.CloseDate!.Value));
        var note = Assert.Single(context.Notes);
        Assert.Equal(("QBR prep", "Asked about SSO.", "Dana Owner"), (note.Title, note.Text, note.Author));
        var crmCase = Assert.Single(context.Cases);
        Assert.Equal(("00001001", CasePriority.High, true, true, "priya@northwind.com"), (crmCase.Number, crmCase.Priority, crmCase.IsOpen, crmCase.IsEscalated, crmCase.OpenedByEmail));

        // The wire: client credentials, bearer on every query, SOQL with escaped literals, and no personal domain matched.
        var token = Assert.Single(_fake.Requests(TokenPath));
        Assert.Contains("grant_type=client_credentials", token.Body, StringComparison.Ordinal);
        Assert.Contains("client_id=consumer-key", token.Body, StringComparison.Ordinal);
        var contactQuery = FakeCrmServer.DecodedUrl(_fake.Requests(Query)[0]);
        Assert.Contains("FROM Contact WHERE Email IN ('alex.kim@fabrikam.com','sam@fabrikam.com','priya@northwind.com','o\\'brien@hotmail.com')", contactQuery, StringComparison.Ordinal);
        Assert.All(_fake.Requests(Query), r => Assert.Equal("Bearer sf-token", FakeCrmServer.Header(r, "Authorization")));
        var accountQueries = _fake.Requests(Query).Select(FakeCrmServer.DecodedUrl).Where(u => u.Contains("FROM Account", StringComparison.Ordinal)).ToList();
        Assert.Contains(accountQueries, u => u.Contains("Website LIKE '%northwind.com%'", StringComparison.Ordinal));
        Assert.DoesNotContain(accountQueries, u => u.Contains("hotmail", StringComparison.Ordinal));
        Assert.Contains(_fake.Requests(Query), r => FakeCrmServer.DecodedUrl(r).Contains("IsClosed = false OR ClosedDate >= 2026-09-01T00:00:00Z", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stops_at_the_page_bound_even_when_salesforce_says_there_is_more()
    {
        Token();
        _fake.Json("GET", Query, Page(true, null));
        _fake.Json("GET", Query, Page(false, NextPage, Contact("003000000000001AAA", "alex.kim@fabrikam.com")), url: u => u.Contains("FROM Contact ", StringComparison.Ordinal), priority: 5);
        _fake.Json("GET", NextPage, Page(false, NextPage, Contact("003000000000001AAA", "alex.kim@fabrikam.com")));
        var options = Options();
        options.MaxPages = 2;

        var context = await Source(options).GetContextAsync(Ask with { Emails = ["alex.kim@fabrikam.com"] }, TestContext.Current.CancellationToken);

        Assert.Single(_fake.Requests(NextPage));
        Assert.Single(context.Contacts);
    }

    [Fact]
    public async Task A_503_with_Retry_After_is_waited_out()
    {
        Token();
        FullOrg();
        _fake.Json("GET", Query, "[]", status: 503, priority: 1, headers: new Dictionary<string, string> { ["Retry-After"] = "1" }, scenario: "busy", setState: "ok");

        var clock = new WatchedClock(CrmConnector.StandingStill);
        var ct = TestContext.Current.CancellationToken;

        var context = await clock.RunAsync(CrmConnector.Create(Options(), clock).GetContextAsync(Ask, ct), TimeSpan.FromSeconds(1), ct);

        Assert.Equal(2, context.Contacts.Count);
    }

    [Fact]
    public async Task The_daily_request_limit_is_reported_and_not_retried()
    {
        Token();
        _fake.Json("GET", Query, """[{"message":"TotalRequests Limit exceeded.","errorCode":"REQUEST_LIMIT_EXCEEDED"}]""", status: 403);

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => Source().GetContextAsync(Ask, TestContext.Current.CancellationToken));

        Assert.Contains("request limit", ex.UserSafeReason, StringComparison.Ordinal);
        Assert.Single(_fake.Requests(Query));
    }

    [Fact]
    public async Task A_rejected_sign_in_is_unavailable()
    {
        _fake.Json("POST", TokenPath, """{"error":"invalid_client","error_description":"invalid client credentials"}""", status: 400);

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => Source().GetContextAsync(Ask, TestContext.Current.CancellationToken));

        Assert.Equal("Salesforce", ex.SourceName);
        Assert.Contains("sign-in to the CRM was rejected", ex.UserSafeReason, StringComparison.Ordinal);
        Assert.Empty(_fake.Requests(Query));
    }

    [Fact]
    public async Task An_expired_session_signs_in_again_and_carries_on()
    {
        Token();
        FullOrg();
        _fake.Json("GET", Query, """[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""", status: 401, priority: 1, scenario: "session", setState: "renewed");

        var context = await Source().GetContextAsync(Ask, TestContext.Current.CancellationToken);

        Assert.Equal(2, context.Contacts.Count);
        Assert.Equal(2, _fake.Requests(TokenPath).Count);
    }

    [Fact]
    public async Task A_persistent_401_is_unavailable()
    {
        Token();
        _fake.Json("GET", Query, """[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]""", status: 401);

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => Source().GetContextAsync(Ask, TestContext.Current.CancellationToken));

        Assert.Contains("401", ex.UserSafeReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"totalSize":1,"done":true,"records":[{"Id":""")]
    [InlineData("""{"totalSize":1,"done":true}""")]
    [InlineData("""not json""")]
    public async Task A_malformed_payload_is_unavailable(string payload)
    {
        Token();
        _fake.Json("GET", Query, payload);

        await Assert.ThrowsAsync<SourceUnavailableException>(() => Source().GetContextAsync(Ask, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task No_match_is_an_empty_context()
    {
        Token();
        _fake.Json("GET", Query, """{"totalSize":0,"done":true,"records":[]}""");

        var context = await Source().GetContextAsync(Ask, TestContext.Current.CancellationToken);

        Assert.Empty(context.Contacts);
        Assert.Empty(context.Accounts);
        Assert.DoesNotContain(_fake.Requests(Query), r => FakeCrmServer.DecodedUrl(r).Contains("FROM Opportunity", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("o'brien", "'o\\'brien'")]
    [InlineData("back\\slash", "'back\\\\slash'")]
    [InlineData("line\nbreak", "'line\\nbreak'")]
    [InlineData("x' OR Name != '", "'x\\' OR Name != \\''")]
    public void Soql_literals_escape_quotes_backslashes_and_control_characters(string value, string expected)
    {
        Assert.Equal(expected, SalesforceCrmSource.Literal(value));
    }

    [Fact]
    public void Like_patterns_escape_wildcards()
    {
        Assert.Equal("100\\%\\_off", SalesforceCrmSource.EscapeLike("100%_off"));
    }

    private CrmOptions Options() => new()
    {
        Provider = CrmProvider.Salesforce,
        Salesforce = new RemoteCrmOptions { BaseUrl = _fake.Url, ClientId = "consumer-key", ClientSecret = "consumer-secret" },
    };

    private ICrmSource Source(CrmOptions? options = null) =>
        CrmConnector.Create(options ?? Options());

    private void Token() =>
        _fake.Json("POST", TokenPath, $$"""{"access_token":"sf-token","instance_url":"{{_fake.Url}}","id":"x","token_type":"Bearer","issued_at":"1795000000000","signature":"s"}""");

    private static string Page(bool done, string? next, params string[] records) =>
        $$"""{"totalSize":{{records.Length}},"done":{{(done ? "true" : "false")}}{{(next is null ? string.Empty : $",\"nextRecordsUrl\":\"{next}\"")}},"records":[{{string.Join(",", records)}}]}""";

    private static string Contact(string id, string email) =>
        $$"""{"attributes":{"type":"Contact","url":"/services/data/v62.0/sobjects/Contact/{{id}}"},"Id":"{{id}}","Name":"{{email}}","Title":"CTO","Email":"{{email}}","AccountId":"{{Fabrikam}}","LastModifiedDate":"2026-11-01T10:00:00.000+0000"}""";

    private static string Account(string id, string name, string site) =>
        $$"""
        {"attributes":{"type":"Account","url":"/services/data/v62.0/sobjects/Account/{{id}}"},"Id":"{{id}}","Name":"{{name}}","Website":"{{site}}",
         "Type":"Customer - Direct","Industry":"Consulting",
         "Owner":{"attributes":{"type":"User"},"Name":"Dana Owner","Email":"dana@contoso.com"},"LastModifiedDate":"2026-11-02T08:00:00.000+0000"}
        """;

    private void FullOrg()
    {
        bool Soql(string url, string fragment) => url.Contains(fragment, StringComparison.Ordinal);
        _fake.Json("GET", Query, Page(false, NextPage, Contact("003000000000001AAA", "alex.kim@fabrikam.com")), url: u => Soql(u, "FROM Contact "), priority: 5);
        _fake.Json("GET", NextPage, Page(true, null, Contact("003000000000002AAA", "sam@fabrikam.com")));
        _fake.Json("GET", Query, Page(true, null, Account(Fabrikam, "Fabrikam", "www.fabrikam.com")), url: u => Soql(u, "FROM Account WHERE Id IN"), priority: 5);
        _fake.Json("GET", Query, Page(true, null, Account(Northwind, "Northwind", "https://northwind.com"), Account(Decoy, "Not Northwind", "notnorthwind.com")), url: u => Soql(u, "FROM Account WHERE Website LIKE"), priority: 5);
        _fake.Json("GET", Query, Page(true, null, $$$"""
            {"attributes":{"type":"Opportunity"},"Id":"006000000000001AAA","AccountId":"{{{Fabrikam}}}","Name":"Renewal 2027","StageName":"Proposal/Price Quote",
             "Amount":120000.0,"CloseDate":"2026-12-15","IsClosed":false,"LastActivityDate":"2026-11-18","LastModifiedDate":"2026-11-03T09:00:00.000+0000"}
            """), url: u => Soql(u, "FROM Opportunity "), priority: 5);
        _fake.Json("GET", Query, Page(true, null, $$$"""
            {"attributes":{"type":"Note"},"Id":"002000000000001AAA","ParentId":"{{{Fabrikam}}}","Title":"QBR prep","Body":"Asked about SSO.",
             "CreatedDate":"2026-11-10T12:00:00.000+0000","LastModifiedDate":"2026-11-10T12:00:00.000+0000","CreatedBy":{"attributes":{"type":"User"},"Name":"Dana Owner"}}
            """), url: u => Soql(u, "FROM Note "), priority: 5);
        _fake.Json("GET", Query, Page(true, null, $$$"""
            {"attributes":{"type":"Case"},"Id":"500000000000001AAA","AccountId":"{{{Northwind}}}","CaseNumber":"00001001","Subject":"SSO login loop","Status":"Working",
             "Priority":"High","IsClosed":false,"IsEscalated":true,"CreatedDate":"2026-11-20T07:00:00.000+0000","ClosedDate":null,
             "Contact":{"attributes":{"type":"Contact"},"Email":"priya@northwind.com"},"LastModifiedDate":"2026-11-21T07:00:00.000+0000"}
            """), url: u => Soql(u, "FROM Case "), priority: 5);
    }
}
