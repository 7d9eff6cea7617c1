using System.Text.Json;
using MeetingPrep.Connectors.Crm;
using MeetingPrep.Connectors.Crm.HubSpot;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Sources;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Crm;

public sealed class HubSpotCrmSourceTests : IDisposable
{
    private const string P = "/crm/v3";
    private const string ContactSearch = P + "/objects/contacts/search";

    private readonly FakeCrmServer _fake = FakeCrmServer.Start();

    private static readonly CrmQuery Ask = new(
        ["alex@fabrikam.com", "sam@fabrikam.com", "p1@fabrikam.com", "p2@fabrikam.com", "p3@fabrikam.com", "priya@northwind.com", "x@gmail.com"],
        new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero),
        10);

    public void Dispose() => _fake.Dispose();

    [Fact]
    public async Task Searches_contacts_in_batches_follows_associations_and_reads_open_deals_tickets_and_recent_notes()
    {
        FullPortal(P);

        var context = await Source().GetContextAsync(Ask, TestContext.Current.CancellationToken);

        Assert.Equal(["101", "102"], context.Contacts.Select(c => c.Id).Order());
        Assert.All(context.Contacts, c => Assert.Equal("201", c.AccountId));
        Assert.Equal("Alex Kim", context.Contacts.Single(c => c.Id == "101").Name);
        Assert.Equal(["201", "202"], context.Accounts.Select(a => a.Id).Order());
        var fabrikam = context.Accounts.Single(a => a.Id == "201");
        Assert.Equal(("tier_1", "CONSULTING", "fabrikam.com"), (fabrikam.Tier, fabrikam.Industry, fabrikam.Domain));
        Assert.Equal(new Uri("https://app.hubspot.com/contacts/12345/record/0-2/201"), fabrikam.Url);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero), fabrikam.LastModified);

        var deal = Assert.Single(context.Opportunities);
        Assert.Equal(("301", "201", "Renewal 2027", "contractsent", 120000m, "EUR"), (deal.Id, deal.AccountId, deal.Name, deal.Stage, deal.Amount!.Value, deal.Currency));
        var ticket = Assert.Single(context.Cases);
        Assert.Equal(("401", "202", "Waiting on us", CasePriority.High, true), (ticket.Id, ticket.AccountId, ticket.Status, ticket.Priority, ticket.IsOpen));
        var note = Assert.Single(context.Notes);
        Assert.Equal(("501", "Asked about SSO.\nNext: demo"), (note.Id, note.Text));
        Assert.Equal("Asked about SSO.", note.Title);

        // Five filter groups at most per search; the second page asked with the cursor; only company domains searched.
        var searches = _fake.Requests(ContactSearch);
        Assert.Equal(3, searches.Count);
        Assert.Equal(5, FilterValues(searches[0].Body!).Count);
        Assert.Contains("\"after\":\"1\"", searches[1].Body, StringComparison.Ordinal);
        Assert.Equal(["priya@northwind.com", "x@gmail.com"], FilterValues(searches[2].Body!));
        Assert.All(searches, r => Assert.Equal("Bearer pat-token", FakeCrmServer.Header(r, "Authorization")));
        var companySearch = Assert.Single(_fake.Requests(P + "/objects/companies/search"));
        // p1..p3@fabrikam.com have no contact record, so their domain is searched too; gmail.com never is.
        Assert.Equal(["fabrikam.com", "northwind.com"], FilterValues(companySearch.Body!));
    }

    [Fact]
    public async Task The_base_path_is_configurable()
    {
        FullPortal("/gateway/crm/v3");
        var options = Options();
        options.HubSpot.BasePath = "/gateway/crm/v3";

        var context = await Source(options).GetContextAsync(Ask, TestContext.Current.CancellationToken);

        Assert.Equal(2, context.Accounts.Count);
        Assert.Empty(_fake.Requests(ContactSearch));
    }

    [Fact]
    public async Task Search_paging_stops_at_the_bound()
    {
        _fake.Json("POST", ContactSearch, Paged(Contact("101", "alex@fabrikam.com", "Alex", "Kim"), after: "next"));
        _fake.Json("POST", P + "/associations/contacts/companies/batch/read", """{"status":"COMPLETE","results":[]}""");
        _fake.Json("POST", P + "/objects/companies/search", Results());
        var options = Options();
        options.MaxPages = 2;

        await Source(options).GetContextAsync(Ask with { Emails = ["alex@fabrikam.com"] }, TestContext.Current.CancellationToken);

        Assert.Equal(2, _fake.Requests(ContactSearch).Count);
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_waited_out_on_the_apps_clock_then_the_retry_answers()
    {
        FullPortal(P);
        _fake.Json("POST", ContactSearch, """{"status":"error","message":"You have reached your secondly limit.","category":"RATE_LIMITS"}""", status: 429, priority: 1,
            headers: new Dictionary<string, string> { ["Retry-After"] = "7", ["X-HubSpot-RateLimit-Remaining"] = "0" }, scenario: "limit", setState: "ok");
        var clock = new WatchedClock(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
        var ct = TestContext.Current.CancellationToken;

        var gathering = CrmConnector.Create(Options(), clock).GetContextAsync(Ask, ct);

        // The resilience handler waits the 7 s the CRM asked for on the app's clock; nothing is retried before it passes.
        var waiting = clock.StartedAsync(TimeSpan.FromSeconds(7), ct);
        Assert.Same(waiting, await Task.WhenAny(waiting, gathering));
        Assert.Single(_fake.Requests(ContactSearch));
        clock.Advance(TimeSpan.FromSeconds(7));
        var context = await gathering;

        Assert.Equal(2, context.Contacts.Count);
        Assert.Equal(4, _fake.Requests(ContactSearch).Count);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_bound_is_not_waited_and_the_CRM_is_reported_rate_limited()
    {
        _fake.Json("POST", ContactSearch, "{}", status: 429, headers: new Dictionary<string, string> { ["Retry-After"] = "60" });

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => Source().GetContextAsync(Ask, TestContext.Current.CancellationToken));

        Assert.Contains("rate limited", ex.UserSafeReason, StringComparison.Ordinal);
        Assert.Single(_fake.Requests(ContactSearch));
    }

    [Fact]
    public async Task A_revoked_token_is_unavailable_at_once()
    {
        _fake.Json("POST", ContactSearch, """{"status":"error","message":"Authentication credentials not found.","category":"INVALID_AUTHENTICATION"}""", status: 401);

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => Source().GetContextAsync(Ask, TestContext.Current.CancellationToken));

        Assert.Equal("HubSpot", ex.SourceName);
        Assert.Contains("401", ex.UserSafeReason, StringComparison.Ordinal);
        Assert.DoesNotContain("pat-token", ex.ToString(), StringComparison.Ordinal);
        Assert.Single(_fake.Requests(ContactSearch));
    }

    [Theory]
    [InlineData("""{"total":1,"results":{"id":"101"}}""")]
    [InlineData("""{"total":1}""")]
    [InlineData("""{"total":1,"results":[{"id":""")]
    public async Task A_malformed_payload_is_unavailable(string payload)
    {
        _fake.Json("POST", ContactSearch, payload);

        await Assert.ThrowsAsync<SourceUnavailableException>(() => Source().GetContextAsync(Ask, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task No_match_is_an_empty_context()
    {
        _fake.Json("POST", ContactSearch, Results());
        _fake.Json("POST", P + "/objects/companies/search", Results());

        var context = await Source().GetContextAsync(Ask, TestContext.Current.CancellationToken);

        Assert.Empty(context.Contacts);
        Assert.Empty(context.Accounts);
        Assert.Empty(_fake.Requests(P + "/associations/companies/deals/batch/read"));
    }

    [Fact]
    public void Note_html_becomes_plain_text()
    {
        Assert.Equal("Hello & welcome\nLine two", HubSpotCrmSource.PlainText("<div>Hello &amp; <i>welcome</i></div><p>Line&nbsp;two</p>"));
    }

    private CrmOptions Options() => new()
    {
        Provider = CrmProvider.HubSpot,
        HubSpot = new RemoteCrmOptions { BaseUrl = _fake.Url, AccessToken = "pat-token", PortalId = "12345" },
    };

    private ICrmSource Source(CrmOptions? options = null) => CrmConnector.Create(options ?? Options());

    private static List<string> FilterValues(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return [.. doc.RootElement.GetProperty("filterGroups").EnumerateArray().Select(g => g.GetProperty("filters")[0].GetProperty("value").GetString()!)];
    }

    private static string Results(params string[] objects) => Results(objects, null);

    private static string Paged(string single, string? after) => Results([single], after);

    private static string Results(string[] objects, string? after) =>
        $$"""{"total":{{objects.Length}},"results":[{{string.Join(",", objects)}}]{{(after is null ? string.Empty : $",\"paging\":{{\"next\":{{\"after\":\"{after}\"}}}}")}}}""";

    private static string Contact(string id, string email, string first, string last) =>
        $$"""{"id":"{{id}}","properties":{"email":"{{email}}","firstname":"{{first}}","lastname":"{{last}}","jobtitle":"CTO","hs_lastmodifieddate":"2026-11-01T10:00:00.000Z"},"createdAt":"2025-01-01T00:00:00Z","updatedAt":"2026-11-01T10:00:00Z","archived":false}""";

    private static string Obj(string id, params (string Name, string Value)[] properties) =>
        $$"""{"id":"{{id}}","properties":{{JsonSerializer.Serialize(properties.ToDictionary(p => p.Name, p => p.Value))}},"updatedAt":"2026-11-05T00:00:00Z","archived":false}""";

    private static string Links(params (string From, string[] To)[] links) =>
        $$"""{"status":"COMPLETE","results":[{{string.Join(",", links.Select(l => $$"""{"from":{"id":"{{l.From}}"},"to":[{{string.Join(",", l.To.Select(t => $$"""{"id":"{{t}}","type":"x"}"""))}}]}"""))}}]}""";

    private void FullPortal(string p)
    {
        bool Has(string body, string text) => body.Contains(text, StringComparison.Ordinal);
        _fake.Json("POST", p + "/objects/contacts/search", Results(), priority: 20);
        _fake.Json("POST", p + "/objects/contacts/search", Paged(Contact("101", "alex@fabrikam.com", "Alex", "Kim"), after: "1"), requestBody: b => Has(b, "alex@fabrikam.com"), priority: 5);
        _fake.Json("POST", p + "/objects/contacts/search", Paged(Contact("102", "sam@fabrikam.com", "Sam", "Lee"), after: null), requestBody: b => Has(b, "\"after\":\"1\""), priority: 1);
        _fake.Json("POST", p + "/associations/contacts/companies/batch/read", Links(("101", ["201"]), ("102", ["201"])));
        _fake.Json("POST", p + "/objects/companies/batch/read", Results(Obj("201", ("name", "Fabrikam"), ("domain", "fabrikam.com"), ("hs_ideal_customer_profile", "tier_1"), ("industry", "CONSULTING"), ("hs_lastmodifieddate", "2026-11-02T08:00:00Z"))));
        _fake.Json("POST", p + "/objects/companies/search", Results(Obj("202", ("name", "Northwind"), ("domain", "northwind.com"), ("hs_lastmodifieddate", "2026-11-03T08:00:00Z"))));
        _fake.Json("POST", p + "/associations/companies/deals/batch/read", Links(("201", ["301", "302"])));
        _fake.Json("POST", p + "/associations/companies/tickets/batch/read", Links(("202", ["401"])));
        _fake.Json("POST", p + "/associations/companies/notes/batch/read", Links(("201", ["501", "502"])));
        _fake.Json("POST", p + "/objects/deals/batch/read", Results(
            Obj("301", ("dealname", "Renewal 2027"), ("amount", "120000"), ("dealstage", "contractsent"), ("closedate", "2026-12-15T00:00:00Z"), ("hs_is_closed", "false"), ("deal_currency_code", "EUR")),
            Obj("302", ("dealname", "Old deal"), ("amount", "5000"), ("dealstage", "closedwon"), ("closedate", "2026-01-15T00:00:00Z"), ("hs_is_closed", "true"))));
        _fake.Json("POST", p + "/objects/tickets/batch/read", Results(
            Obj("401", ("subject", "SSO login loop"), ("hs_pipeline_stage", "3"), ("hs_ticket_priority", "HIGH"), ("createdate", "2026-11-20T07:00:00Z"), ("closed_date", ""))));
        _fake.Json("POST", p + "/objects/notes/batch/read", Results(
            Obj("501", ("hs_note_body", "<p>Asked about <b>SSO</b>.</p><p>Next: demo</p>"), ("hs_timestamp", "2026-11-10T12:00:00Z")),
            Obj("502", ("hs_note_body", "<p>Ancient history</p>"), ("hs_timestamp", "2026-01-01T12:00:00Z"))));
    }
}
