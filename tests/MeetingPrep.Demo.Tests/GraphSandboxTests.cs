using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit;

namespace MeetingPrep.Demo.Tests;

public sealed class GraphSandboxTests
{
    private static readonly DateTimeOffset Now = DemoTenantTests.Now;

    private static string View(string user, DateTimeOffset start, DateTimeOffset end, string extra = "") =>
        $"users/{user}/calendarView?startDateTime={Uri.EscapeDataString(SandboxClient.Iso(start))}&endDateTime={Uri.EscapeDataString(SandboxClient.Iso(end))}{extra}";

    [Fact]
    public async Task Paging_follows_absolute_next_links_to_the_full_window()
    {
        using var client = new SandboxClient(DemoTenant.Create(Now, 7));
        var (all, onePage) = await client.CalendarViewAsync("lena.vogt@contoso.com", Now.AddDays(-30), Now.AddDays(14), top: 1000);
        var (paged, pages) = await client.CalendarViewAsync("lena.vogt@contoso.com", Now.AddDays(-30), Now.AddDays(14), top: 7);

        Assert.Equal(1, onePage);
        Assert.True(all.Count > 50);
        Assert.Equal((all.Count + 6) / 7, pages);
        Assert.Equal(all.Select(e => e.GetProperty("id").GetString()), paged.Select(e => e.GetProperty("id").GetString()));
        Assert.Equal(all.Count, paged.Select(e => e.GetProperty("id").GetString()).Distinct().Count());
        var starts = paged.Select(e => e.GetProperty("start").GetProperty("dateTime").GetString()).ToList();
        Assert.Equal(starts.Order(StringComparer.Ordinal), starts);

        var (_, first) = await client.GetAsync(View("lena.vogt@contoso.com", Now, Now.AddDays(14), "&%24top=5"));
        var next = first.GetProperty("@odata.nextLink").GetString()!;
        Assert.StartsWith(GraphSandboxHandler.BaseUrl + "/users/", next, StringComparison.Ordinal);
        Assert.Contains("%24skip=5", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Select_returns_only_the_selected_properties_and_unknown_ones_are_refused()
    {
        using var client = new SandboxClient(DemoTenant.Create(Now, 7));
        var (_, page) = await client.GetAsync(View("marcus.reed@contoso.com", Now, Now.AddDays(3), "&%24select=subject,start,iCalUId&%24top=3"));
        foreach (var e in page.GetProperty("value").EnumerateArray())
        {
            Assert.Equal(["@odata.etag", "id", "iCalUId", "subject", "start"], e.EnumerateObject().Select(p => p.Name).ToArray());
        }

        Assert.EndsWith("calendarView(subject,start,iCalUId)", page.GetProperty("@odata.context").GetString(), StringComparison.Ordinal);
        var (bad, error) = await client.GetAsync(View("marcus.reed@contoso.com", Now, Now.AddDays(3), "&%24select=subject,nonsense"));
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Contains("nonsense", error.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outlook_timezone_preference_converts_start_and_end_and_is_confirmed()
    {
        using var client = new SandboxClient(DemoTenant.Create(Now, 7));
        var url = View("weiling.tan@contoso.com", Now, Now.AddDays(7), "&%24top=20");
        var (utcResponse, utc) = await client.GetAsync(url);
        var (pstResponse, pst) = await client.GetAsync(url, "outlook.timezone=\"Pacific Standard Time\"");
        var (_, sg) = await client.GetAsync(url, "outlook.timezone=\"Asia/Singapore\"");

        Assert.False(utcResponse.Headers.Contains("Preference-Applied"));
        Assert.Equal("outlook.timezone=\"Pacific Standard Time\"", Assert.Single(pstResponse.Headers.GetValues("Preference-Applied")));
        var pacific = TimeZoneInfo.FindSystemTimeZoneById("Pacific Standard Time");
        var singapore = TimeZoneInfo.FindSystemTimeZoneById("Asia/Singapore");
        var rows = utc.GetProperty("value").EnumerateArray().Zip(pst.GetProperty("value").EnumerateArray(), sg.GetProperty("value").EnumerateArray()).ToList();
        Assert.NotEmpty(rows);
        foreach (var (u, p, s) in rows.Where(r => !r.First.GetProperty("isAllDay").GetBoolean()))
        {
            Assert.Equal("UTC", u.GetProperty("start").GetProperty("timeZone").GetString());
            Assert.Equal("Pacific Standard Time", p.GetProperty("end").GetProperty("timeZone").GetString());
            var instant = new DateTimeOffset(Local(u.GetProperty("start")), TimeSpan.Zero);
            Assert.Equal(TimeZoneInfo.ConvertTime(instant, pacific).DateTime, Local(p.GetProperty("start")));
            Assert.Equal(TimeZoneInfo.ConvertTime(instant, singapore).DateTime, Local(s.GetProperty("start")));
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}$", p.GetProperty("start").GetProperty("dateTime").GetString());
        }

        var (unknown, error) = await client.GetAsync(url, "outlook.timezone=\"Mars/Olympus_Mons\"");
        Assert.Equal(400, (int)unknown.StatusCode);
        Assert.Equal("TimeZoneNotSupportedException", error.GetProperty("error").GetProperty("code").GetString());
    }

    private static DateTime Local(JsonElement time) =>
        DateTime.ParseExact(time.GetProperty("dateTime").GetString()!, "yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-11-26T23:30:00Z", false)]
    [InlineData("2027-03-02T08:00:00Z", true)]
    [InlineData("2027-10-27T10:00:00Z", true)] // US change on 7 Nov 2027
    public async Task Weekly_new_york_series_shows_two_utc_offsets_across_the_dst_change(string now, bool inWindow)
    {
        var at = DateTimeOffset.Parse(now, CultureInfo.InvariantCulture);
        var tenant = DemoTenant.Create(at, 7);
        using var client = new SandboxClient(tenant);
        var series = tenant.DstSeries;
        var ny = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var from = new DateTimeOffset(series.FirstDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(series.LastDate.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var (events, _) = await client.CalendarViewAsync("marcus.reed@contoso.com", from, to, top: 200);
        var occurrences = events.Where(e => e.GetProperty("subject").GetString()!.Contains("weekly risk", StringComparison.Ordinal))
            .Select(e => new DateTimeOffset(Local(e.GetProperty("start")), TimeSpan.Zero)).ToList();

        Assert.True(occurrences.Count >= 8);
        Assert.All(occurrences, o => Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(o, ny).DateTime)));
        Assert.Equal(2, occurrences.Select(o => ny.GetUtcOffset(o)).Distinct().Count());
        Assert.Equal(2, occurrences.Select(o => o.Hour).Distinct().Count());
        Assert.Equal(inWindow, series.BothOffsetsInNext14Days);

        var (window, _) = await client.CalendarViewAsync("marcus.reed@contoso.com", at, at.AddDays(14), top: 200);
        var inside = window.Where(e => e.GetProperty("subject").GetString()!.Contains("weekly risk", StringComparison.Ordinal))
            .Select(e => new DateTimeOffset(Local(e.GetProperty("start")), TimeSpan.Zero)).ToList();
        Assert.Equal(inWindow ? 2 : 1, inside.Select(o => ny.GetUtcOffset(o)).Distinct().Count());

        // Lena attends from Berlin: her wall-clock time for the series changes too.
        var (lena, _) = await client.CalendarViewAsync("lena.vogt@contoso.com", from, to, top: 300, prefer: "outlook.timezone=\"Europe/Berlin\"");
        var berlinHours = lena.Where(e => e.GetProperty("subject").GetString()!.Contains("weekly risk", StringComparison.Ordinal))
            .Select(e => Local(e.GetProperty("start")).Hour).Distinct().ToList();
        Assert.True(berlinHours.Count >= 2, string.Join(",", berlinHours));
    }

    [Fact]
    public async Task Event_by_id_returns_the_event_or_graphs_404()
    {
        var tenant = DemoTenant.Create(Now, 7);
        using var client = new SandboxClient(tenant);
        var (events, _) = await client.CalendarViewAsync(tenant.DefaultUser.UserId, Now, Now.AddDays(7), top: 100);
        var occurrence = events.First(e => e.GetProperty("type").GetString() == "occurrence");
        var id = occurrence.GetProperty("id").GetString()!;

        var (ok, one) = await client.GetAsync($"users/{tenant.DefaultUser.UserId}/events/{Uri.EscapeDataString(id)}?%24select=subject,type");
        Assert.Equal(200, (int)ok.StatusCode);
        Assert.Equal(id, one.GetProperty("id").GetString());
        Assert.Equal("occurrence", one.GetProperty("type").GetString());

        var masterId = occurrence.GetProperty("seriesMasterId").GetString()!;
        var (_, master) = await client.GetAsync($"users/{tenant.DefaultUser.Upn}/events/{Uri.EscapeDataString(masterId)}");
        Assert.Equal("seriesMaster", master.GetProperty("type").GetString());
        Assert.Equal("weekly", master.GetProperty("recurrence").GetProperty("pattern").GetProperty("type").GetString());

        var (missing, error) = await client.GetAsync($"users/{tenant.DefaultUser.UserId}/events/AAMkNoSuchEvent%3D");
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Equal("ErrorItemNotFound", error.GetProperty("error").GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetProperty("message").GetString()));
        Assert.Equal("application/json", missing.Content.Headers.ContentType?.MediaType);

        var (noUser, userError) = await client.GetAsync("users/nobody@contoso.com/events/x");
        Assert.Equal(404, (int)noUser.StatusCode);
        Assert.Equal("ErrorInvalidUser", userError.GetProperty("error").GetProperty("code").GetString());

        var (unknown, unknownError) = await client.GetAsync("groups/abc/threads");
        Assert.Equal(400, (int)unknown.StatusCode);
        Assert.Equal("BadRequest", unknownError.GetProperty("error").GetProperty("code").GetString());

        var (noWindow, windowError) = await client.GetAsync("users/lena.vogt@contoso.com/calendarView");
        Assert.Equal(400, (int)noWindow.StatusCode);
        Assert.Equal("ErrorInvalidParameter", windowError.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Message_search_matches_participants_newest_first_and_pages()
    {
        var tenant = DemoTenant.Create(Now, 7);
        using var client = new SandboxClient(tenant);
        const string address = "elena.petrova@woodgrovebank.com";
        var url = $"users/marcus.reed@contoso.com/messages?%24search={Uri.EscapeDataString($"\"participants:{address}\"")}&%24top=50"
            + "&%24select=id,conversationId,subject,from,toRecipients,ccRecipients,sentDateTime,receivedDateTime,body,bodyPreview,webLink,hasAttachments";
        var (_, result) = await client.GetAsync(url);
        var messages = result.GetProperty("value").EnumerateArray().ToList();

        Assert.True(messages.Count >= 20);
        foreach (var m in messages)
        {
            var people = m.GetProperty("toRecipients").EnumerateArray().Concat(m.GetProperty("ccRecipients").EnumerateArray()).Append(m.GetProperty("from"))
                .Select(p => p.GetProperty("emailAddress").GetProperty("address").GetString());
            Assert.Contains(address, people);
            Assert.Equal("html", m.GetProperty("body").GetProperty("contentType").GetString());
            Assert.StartsWith("https://outlook.office365.com/owa/?ItemID=", m.GetProperty("webLink").GetString(), StringComparison.Ordinal);
            Assert.False(m.TryGetProperty("uniqueBody", out _));
        }

        var sent = messages.Select(m => m.GetProperty("sentDateTime").GetString()).ToList();
        Assert.Equal(sent.OrderDescending(StringComparer.Ordinal), sent);
        Assert.True(messages.GroupBy(m => m.GetProperty("conversationId").GetString()).Max(g => g.Count()) >= 20);

        // A participant of no thread in this mailbox finds nothing; a Lena-only contact is not in Marcus' mailbox.
        var (_, none) = await client.GetAsync("users/marcus.reed@contoso.com/messages?%24search=%22participants%3Acamille.durand%40northwindtraders.com%22");
        Assert.Equal(0, none.GetProperty("value").GetArrayLength());

        // Paging with $skiptoken to the end gives the same messages.
        var ids = new List<string>();
        string? next = $"users/marcus.reed@contoso.com/messages?%24search={Uri.EscapeDataString($"\"participants:{address}\"")}&%24top=7&%24select=id";
        while (next is not null)
        {
            var (_, page) = await client.GetAsync(next);
            ids.AddRange(page.GetProperty("value").EnumerateArray().Select(m => m.GetProperty("id").GetString()!));
            next = page.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            Assert.True(next is null || next.Contains("%24skiptoken=", StringComparison.Ordinal));
        }

        Assert.Equal(messages.Select(m => m.GetProperty("id").GetString()), ids);

        var (combined, error) = await client.GetAsync($"users/marcus.reed@contoso.com/messages?%24search=%22participants%3A{address}%22&%24orderby=receivedDateTime%20desc");
        Assert.Equal(400, (int)combined.StatusCode);
        Assert.Equal("ErrorInvalidUrlQuery", error.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Mail_bodies_are_messy_multilingual_and_carry_injection_test_text()
    {
        var tenant = DemoTenant.Create(Now, 7);
        using var client = new SandboxClient(tenant);
        var bodies = new List<string>();
        foreach (var user in tenant.Users)
        {
            var (_, page) = await client.GetAsync($"users/{user.UserId}/messages?%24top=1000&%24select=body");
            bodies.AddRange(page.GetProperty("value").EnumerateArray().Select(m => m.GetProperty("body").GetProperty("content").GetString()!));
        }

        Assert.Contains(bodies, b => b.Contains("<script", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(bodies, b => b.Contains("<table", StringComparison.Ordinal) && b.Contains("<table", StringComparison.Ordinal) && b.IndexOf("<table", b.IndexOf("<table", StringComparison.Ordinal) + 1, StringComparison.Ordinal) > 0);
        Assert.Contains(bodies, b => b.Contains("divRplyFwdMsg", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("gmail_quote", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("id=\"Signature\"", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("&auml;", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("請求書", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("Bonjour", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("Ignore previous instructions", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("display:none", StringComparison.Ordinal) && b.Contains("ignore all previous instructions", StringComparison.Ordinal));
        Assert.Contains(bodies, b => b.Contains("](https://", StringComparison.Ordinal));

        var (text, plain) = await client.GetAsync($"users/{tenant.DefaultUser.UserId}/messages?%24top=3&%24select=body", "outlook.body-content-type=\"text\"");
        Assert.Contains("outlook.body-content-type=\"text\"", text.Headers.GetValues("Preference-Applied"));
        Assert.All(plain.GetProperty("value").EnumerateArray(), m =>
        {
            Assert.Equal("text", m.GetProperty("body").GetProperty("contentType").GetString());
            Assert.DoesNotContain("<p style", m.GetProperty("body").GetProperty("content").GetString(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Batch_answers_each_step_and_refuses_more_than_twenty()
    {
        var tenant = DemoTenant.Create(Now, 7);
        using var client = new SandboxClient(tenant);
        var view = View("lena.vogt@contoso.com", Now, Now.AddDays(5), "&$select=subject,start&$top=3");
        var batch = JsonSerializer.Serialize(new
        {
            requests = new object[]
            {
                new { id = "1", method = "GET", url = "/" + view, headers = new Dictionary<string, string> { ["Prefer"] = "outlook.timezone=\"Europe/Berlin\"" } },
                new { id = "2", method = "GET", url = "/users/lena.vogt@contoso.com/messages?$search=\"participants:priya.raman@fabrikam.com\"&$top=2&$select=id,subject,from" },
                new { id = "3", method = "GET", url = "users/no.such.user@contoso.com/calendarView?startDateTime=2026-11-27T00:00:00Z&endDateTime=2026-11-28T00:00:00Z" },
                new { id = "4", method = "GET", url = "/v1.0/organization?$select=id,displayName,verifiedDomains" },
                new { id = "5", method = "GET", url = "/me/events/AAMkUnknown=" },
            },
        });
        var before = client.Handler.HttpRequestCount;
        var (response, json) = await client.PostJsonAsync("$batch", batch);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(before + 1, client.Handler.HttpRequestCount);
        var responses = json.GetProperty("responses").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(["1", "2", "3", "4", "5"], responses.Keys.Order().ToArray());
        Assert.Equal(404, responses["5"].GetProperty("status").GetInt32());
        Assert.Equal("ErrorItemNotFound", responses["5"].GetProperty("body").GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(200, responses["1"].GetProperty("status").GetInt32());
        Assert.Equal("outlook.timezone=\"Europe/Berlin\"", responses["1"].GetProperty("headers").GetProperty("Preference-Applied").GetString());
        Assert.Equal(3, responses["1"].GetProperty("body").GetProperty("value").GetArrayLength());
        Assert.Equal("Europe/Berlin", responses["1"].GetProperty("body").GetProperty("value")[0].GetProperty("start").GetProperty("timeZone").GetString());
        Assert.StartsWith(GraphSandboxHandler.BaseUrl, responses["1"].GetProperty("body").GetProperty("@odata.nextLink").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, responses["2"].GetProperty("body").GetProperty("value").GetArrayLength());
        Assert.Equal(404, responses["3"].GetProperty("status").GetInt32());
        Assert.Equal("ErrorInvalidUser", responses["3"].GetProperty("body").GetProperty("error").GetProperty("code").GetString());
        var domains = responses["4"].GetProperty("body").GetProperty("value")[0].GetProperty("verifiedDomains").EnumerateArray()
            .Select(d => d.GetProperty("name").GetString()).ToArray();
        Assert.Equal(["contoso.com", "contoso.onmicrosoft.com"], domains);

        var tooMany = JsonSerializer.Serialize(new
        {
            requests = Enumerable.Range(1, 21).Select(i => new { id = i.ToString(CultureInfo.InvariantCulture), method = "GET", url = "/organization" }).ToArray(),
        });
        var (rejected, error) = await client.PostJsonAsync("$batch", tooMany);
        Assert.Equal(400, (int)rejected.StatusCode);
        Assert.Equal("BadRequest", error.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("20", error.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);

        var (malformed, _) = await client.PostJsonAsync("$batch", "{\"requests\": [");
        Assert.Equal(400, (int)malformed.StatusCode);
    }

    [Fact]
    public async Task Delta_pages_to_a_delta_link_which_then_returns_only_changes()
    {
        var tenant = DemoTenant.Create(Now, 7);
        using var client = new SandboxClient(tenant);
        const string lena = "lena.vogt@contoso.com";
        var start = Now;
        var end = Now.AddDays(14);
        var (view, _) = await client.CalendarViewAsync(lena, start, end, top: 500);

        async Task<(List<JsonElement> Items, string DeltaLink, int Pages)> Round(string url)
        {
            var items = new List<JsonElement>();
            var pages = 0;
            while (true)
            {
                var (response, page) = await client.GetAsync(url, "odata.maxpagesize=6");
                Assert.Equal(200, (int)response.StatusCode);
                Assert.Contains("odata.maxpagesize=6", response.Headers.GetValues("Preference-Applied").Single(), StringComparison.Ordinal);
                pages++;
                items.AddRange(page.GetProperty("value").EnumerateArray());
                Assert.True(page.GetProperty("value").GetArrayLength() <= 6);
                if (page.TryGetProperty("@odata.deltaLink", out var delta))
                {
                    Assert.False(page.TryGetProperty("@odata.nextLink", out _));
                    Assert.Contains("%24deltatoken=", delta.GetString(), StringComparison.Ordinal);
                    return (items, delta.GetString()!, pages);
                }

                url = page.GetProperty("@odata.nextLink").GetString()!;
                Assert.Contains("%24skiptoken=", url, StringComparison.Ordinal);
            }
        }

        var (initial, deltaLink, initialPages) = await Round($"users/{lena}/calendarView/delta?startDateTime={SandboxClient.Iso(start)}&endDateTime={SandboxClient.Iso(end)}");
        Assert.Equal(view.Select(e => e.GetProperty("id").GetString()).Order(), initial.Select(e => e.GetProperty("id").GetString()).Order());
        Assert.Equal((view.Count + 5) / 6, initialPages);

        var (unchanged, deltaLink2, _) = await Round(deltaLink);
        Assert.Empty(unchanged);

        var moved = view.First(e => e.GetProperty("type").GetString() == "occurrence");
        var cancelled = view.First(e => e.GetProperty("type").GetString() == "singleInstance" && !e.GetProperty("isCancelled").GetBoolean());
        var deleted = view.Last(e => e.GetProperty("type").GetString() == "singleInstance");
        Assert.True(tenant.RescheduleMeeting(moved.GetProperty("iCalUId").GetString()!, TimeSpan.FromHours(2)));
        Assert.True(tenant.CancelMeeting(cancelled.GetProperty("iCalUId").GetString()!));
        Assert.True(tenant.DeleteMeeting(deleted.GetProperty("iCalUId").GetString()!));
        Assert.False(tenant.CancelMeeting("no-such-uid"));

        var (changes, deltaLink3, _) = await Round(deltaLink2);
        var byId = changes.ToDictionary(e => e.GetProperty("id").GetString()!);
        Assert.Equal(3, byId.Count);
        Assert.Equal("exception", byId[moved.GetProperty("id").GetString()!].GetProperty("type").GetString());
        Assert.True(byId[cancelled.GetProperty("id").GetString()!].GetProperty("isCancelled").GetBoolean());
        Assert.Equal("deleted", byId[deleted.GetProperty("id").GetString()!].GetProperty("@removed").GetProperty("reason").GetString());

        var (after, _, _) = await Round(deltaLink3);
        Assert.Empty(after);

        var (bad, error) = await client.GetAsync($"users/{lena}/calendarView/delta?%24deltatoken=not-a-token");
        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Equal("BadRequest", error.GetProperty("error").GetProperty("code").GetString());
        var (foreign, _) = await client.GetAsync(deltaLink3.Replace(lena, "marcus.reed@contoso.com", StringComparison.Ordinal));
        Assert.Equal(400, (int)foreign.StatusCode);
    }

    [Fact]
    public async Task Organization_lists_verified_domains_with_select()
    {
        var tenant = DemoTenant.Create(Now, 7);
        using var client = new SandboxClient(tenant);
        var (response, json) = await client.GetAsync("organization?$select=id,displayName,verifiedDomains");

        Assert.Equal(200, (int)response.StatusCode);
        var org = Assert.Single(json.GetProperty("value").EnumerateArray());
        Assert.Equal(["id", "displayName", "verifiedDomains"], org.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(tenant.TenantId, org.GetProperty("id").GetString());
        var first = org.GetProperty("verifiedDomains")[0];
        Assert.True(first.GetProperty("isDefault").GetBoolean());
        Assert.True(org.GetProperty("verifiedDomains")[1].GetProperty("isInitial").GetBoolean());
    }

    [Fact]
    public async Task Unknown_host_is_accepted_and_cancellation_is_honoured()
    {
        using var handler = new GraphSandboxHandler(DemoTenant.Create(Now, 7));
        using var http = new HttpClient(handler);
        using var response = await http.GetAsync("http://127.0.0.1:5999/v1.0/organization", TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("http://127.0.0.1:5999/v1.0/$metadata#organization", body, StringComparison.Ordinal);

        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => http.GetAsync("http://x/v1.0/organization", cts.Token));
        Assert.Equal(Encoding.UTF8.WebName, response.Content.Headers.ContentType?.CharSet);
    }
}
