using System.Globalization;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.CalendarView.Delta;
using Microsoft.Kiota.Abstractions.Authentication;
using Xunit;

namespace MeetingPrep.Demo.Tests;

/// <summary>The official Graph SDK (what the production connector uses) reads the sandbox: paging, batching, delta, errors.</summary>
public sealed class GraphSdkCompatibilityTests : IDisposable
{
    private static readonly DateTimeOffset Now = DemoTenantTests.Now;
    private readonly DemoTenant _tenant = DemoTenant.Create(Now, 7);
    private readonly GraphSandboxHandler _handler;
    private readonly HttpClient _http;
    private readonly GraphServiceClient _client;

    public GraphSdkCompatibilityTests()
    {
        _handler = new GraphSandboxHandler(_tenant);
        _http = GraphClientFactory.Create(GraphClientFactory.CreateDefaultHandlers(), version: "v1.0", finalHandler: _handler);
        _http.BaseAddress = new Uri(GraphSandboxHandler.BaseUrl + "/");
        _client = new GraphServiceClient(_http, new AnonymousAuthenticationProvider(), GraphSandboxHandler.BaseUrl);
    }

    private static string Utc(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Calendar_view_pages_through_the_sdk_page_iterator()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await _client.Users[_tenant.DefaultUser.UserId].CalendarView.GetAsync(rc =>
        {
            rc.QueryParameters.StartDateTime = Utc(Now);
            rc.QueryParameters.EndDateTime = Utc(Now.AddDays(14));
            rc.QueryParameters.Select = ["id", "iCalUId", "subject", "start", "end", "type", "seriesMasterId", "attendees", "onlineMeeting", "sensitivity", "isAllDay"];
            rc.QueryParameters.Orderby = ["start/dateTime"];
            rc.QueryParameters.Top = 8;
            rc.Headers.Add("Prefer", "outlook.timezone=\"UTC\"");
        }, ct);
        var events = new List<Event>();
        var iterator = PageIterator<Event, EventCollectionResponse>.CreatePageIterator(_client, first!, e =>
        {
            events.Add(e);
            return true;
        });
        await iterator.IterateAsync(ct);

        var expected = _tenant.Meetings.Count(m => m.UserIds.Contains(_tenant.DefaultUser.UserId) && m.End > Now && m.Start < Now.AddDays(14));
        Assert.Equal(expected, events.Count);
        Assert.Contains(events, e => e.Type == EventType.Exception);
        Assert.Contains(events, e => e.Attendees?.Count == 150);
        Assert.All(events, e => Assert.Equal("UTC", e.Start?.TimeZone));
        Assert.Contains(events, e => e.OnlineMeeting?.JoinUrl?.StartsWith("https://teams.microsoft.com/", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Mailbox_settings_name_the_users_zone_as_exchange_does_and_select_is_honoured()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = _tenant.DefaultUser;

        var settings = await _client.Users[user.UserId].MailboxSettings.GetAsync(rc => rc.QueryParameters.Select = ["timeZone"], ct);

        // Exchange keeps Windows ids; either kind is one TimeZoneInfo knows, and it is the user's own zone.
        var zone = settings!.TimeZone!;
        Assert.Equal(GraphJsonZone(user.TimeZone), zone);
        Assert.True(TimeZoneInfo.TryFindSystemTimeZoneById(zone, out var found));
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById(user.TimeZone).BaseUtcOffset, found!.BaseUtcOffset);
        Assert.Null(settings.Language);

        static string GraphJsonZone(string iana) => TimeZoneInfo.TryConvertIanaIdToWindowsId(iana, out var windows) ? windows : iana;
    }

    [Fact]
    public async Task Batched_message_searches_come_back_per_step()
    {
        var ct = TestContext.Current.CancellationToken;
        var addresses = _tenant.Crm.Contacts.Select(c => c.Email).ToList();
        Assert.True(addresses.Count > 20);
        var batch = new BatchRequestContentCollection(_client, 20);
        var ids = new Dictionary<string, string>();
        foreach (var address in addresses)
        {
            var request = _client.Users["marcus.reed@contoso.com"].Messages.ToGetRequestInformation(rc =>
            {
                rc.QueryParameters.Search = $"\"participants:{address}\"";
                rc.QueryParameters.Top = 5;
                rc.QueryParameters.Select = ["id", "conversationId", "subject", "from", "toRecipients", "ccRecipients", "sentDateTime", "body", "webLink", "hasAttachments"];
            });
            ids[await batch.AddBatchRequestStepAsync(request)] = address;
        }

        var before = _handler.HttpRequestCount;
        var response = await _client.Batch.PostAsync(batch, ct);

        Assert.Equal(before + 2, _handler.HttpRequestCount); // 21+ steps: two batches of at most 20
        var found = 0;
        foreach (var (id, address) in ids)
        {
            var page = await response.GetResponseByIdAsync<MessageCollectionResponse>(id);
            Assert.NotNull(page?.Value);
            Assert.All(page.Value, m => Assert.Contains(address,
                (m.ToRecipients ?? []).Concat(m.CcRecipients ?? []).Append(m.From!).Select(r => r.EmailAddress?.Address), StringComparer.OrdinalIgnoreCase));
            found += page.Value.Count;
        }

        Assert.True(found > 10);
    }

    [Fact]
    public async Task Delta_rounds_work_with_the_sdk_request_builder()
    {
        var ct = TestContext.Current.CancellationToken;
        var url = $"{GraphSandboxHandler.BaseUrl}/users/{_tenant.DefaultUser.UserId}/calendarView/delta?startDateTime={Uri.EscapeDataString(Utc(Now))}&endDateTime={Uri.EscapeDataString(Utc(Now.AddDays(14)))}";
        async Task<(List<Event> Items, string DeltaLink)> Round(string start)
        {
            var items = new List<Event>();
            var next = start;
            while (true)
            {
                var page = await new DeltaRequestBuilder(next, _client.RequestAdapter).GetAsDeltaGetResponseAsync(rc => rc.Headers.Add("Prefer", "odata.maxpagesize=9"), ct);
                items.AddRange(page?.Value ?? []);
                if (page?.OdataDeltaLink is { Length: > 0 } delta)
                {
                    return (items, delta);
                }

                next = page!.OdataNextLink!;
            }
        }

        var (initial, deltaLink) = await Round(url);
        Assert.True(initial.Count > 20);
        var target = initial.First(e => e.Type == EventType.SingleInstance && e.IsCancelled == false);
        Assert.True(_tenant.RescheduleMeeting(target.ICalUId!, TimeSpan.FromMinutes(30)));
        var (changes, _) = await Round(deltaLink);

        var changed = Assert.Single(changes);
        Assert.Equal(target.Id, changed.Id);
        Assert.Equal(DateTime.Parse(target.Start!.DateTime!, CultureInfo.InvariantCulture).AddMinutes(30), DateTime.Parse(changed.Start!.DateTime!, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Unknown_event_is_an_odata_error_and_domains_read()
    {
        var ct = TestContext.Current.CancellationToken;
        var error = await Assert.ThrowsAsync<ODataError>(() => _client.Users[_tenant.DefaultUser.UserId].Events["AAMkNope="].GetAsync(cancellationToken: ct));
        Assert.Equal(404, error.ResponseStatusCode);
        Assert.Equal("ErrorItemNotFound", error.Error?.Code);

        var org = await _client.Organization.GetAsync(rc => rc.QueryParameters.Select = ["id", "displayName", "verifiedDomains"], ct);
        Assert.Equal(["contoso.com", "contoso.onmicrosoft.com"], org!.Value!.Single().VerifiedDomains!.Select(d => d.Name).ToArray());
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }
}
