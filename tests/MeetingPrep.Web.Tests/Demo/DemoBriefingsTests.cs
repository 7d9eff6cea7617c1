using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MeetingPrep.Demo;
using MeetingPrep.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Web.Tests.Demo;

/// <summary>
/// Properties over every demo meeting of every demo user, through the real host, the production Graph connector on the
/// sandbox, and the built-in CRM: who may see what, citations, budgets, and every card valid for every host.
/// </summary>
public sealed class DemoBriefingsTests : IAsyncLifetime
{
    /// <summary>The hard card budget (incoming webhooks, Workflows and older clients stop at 28 KB).</summary>
    private const int CardBudgetBytes = 28 * 1024;

    private static readonly string[] InjectionMarkers = ["ignore previous instructions", "ignore all previous", "system prompt", "you are now"];

    private readonly MeetingPrepApp _app = new(clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));
    private readonly List<DemoBriefing> _briefings = [];
    private readonly List<(string Name, string Json)> _cards = [];
    private readonly List<(string Upn, JsonElement Meeting, HttpStatusCode Status, string Body)> _refused = [];
    private DemoTenant _tenant = null!;

    public async ValueTask InitializeAsync()
    {
        using var client = _app.CreateClient();
        _tenant = _app.Services.GetRequiredService<DemoTenant>();
        foreach (var user in _tenant.Users)
        {
            using var list = await client.GetAsync($"/api/me/meetings?as={user.Upn}", TestContext.Current.CancellationToken);
            list.EnsureSuccessStatusCode();
            using var doc = JsonDocument.Parse(await list.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            foreach (var meeting in doc.RootElement.GetProperty("meetings").EnumerateArray())
            {
                var id = meeting.GetProperty("id").GetString()!;
                using var response = await client.GetAsync($"/api/meetings/{Uri.EscapeDataString(id)}/briefing?as={user.Upn}", TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    _refused.Add((user.Upn, meeting.Clone(), response.StatusCode, body));
                    continue;
                }

                _briefings.Add(new DemoBriefing(user.Upn, meeting.Clone(), JsonDocument.Parse(body).RootElement.Clone()));
                foreach (var host in new[] { "teams", "outlook" })
                {
                    using var card = await client.GetAsync($"/api/meetings/{Uri.EscapeDataString(id)}/card?host={host}&as={user.Upn}", TestContext.Current.CancellationToken);
                    card.EnsureSuccessStatusCode();
                    _cards.Add(($"{user.Upn.Split('@')[0]}-{_cards.Count:D3}-{host}", await card.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
                }
            }
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void Every_user_gets_briefings_and_every_refusal_says_why()
    {
        foreach (var user in _tenant.Users)
        {
            Assert.Contains(_briefings, b => b.Upn == user.Upn);
        }

        Assert.True(_briefings.Count >= 20, $"only {_briefings.Count} briefings across the demo users");
        foreach (var (upn, meeting, status, body) in _refused)
        {
            Assert.False(meeting.GetProperty("briefed").GetBoolean(), $"{upn}: listed as briefed but answered {status}");
            var reason = meeting.GetProperty("reason").GetString()!;
            using var problem = JsonDocument.Parse(body);
            if (reason.StartsWith("You declined", StringComparison.Ordinal))
            {
                // Declined: the user no longer attends, so the meeting is not theirs to see.
                Assert.Equal(HttpStatusCode.Forbidden, status);
                continue;
            }

            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Equal(reason, problem.RootElement.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public void Every_item_cites_a_source_of_its_briefing_and_every_source_can_be_opened()
    {
        foreach (var (upn, meeting, briefing) in _briefings)
        {
            var sources = briefing.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
            Assert.All(sources.Values, s => Assert.StartsWith("http", s.GetProperty("url").GetString(), StringComparison.Ordinal));
            foreach (var item in Items(briefing))
            {
                var citations = item.GetProperty("citations").EnumerateArray().Select(c => c.GetString()!).ToList();
                Assert.True(citations.Count > 0, $"{upn} {Subject(meeting)}: '{item.GetProperty("text")}' cites nothing");
                Assert.All(citations, c => Assert.True(sources.ContainsKey(c), $"{upn} {Subject(meeting)}: cites unknown {c}"));
                Assert.Contains(item.GetProperty("label").GetString(), new[] { "Fact", "Inference" });
            }
        }
    }

    [Fact]
    public void No_private_or_confidential_meeting_is_briefed_or_leaks_its_text()
    {
        var secret = _tenant.Meetings
            .Where(m => m.Is(DemoMeetingKind.Private) || m.Is(DemoMeetingKind.Confidential))
            .ToList();
        Assert.NotEmpty(secret);
        var everything = string.Join("\n", _briefings.Select(b => b.Briefing.ToString()).Concat(_cards.Select(c => c.Json)).Concat(_refused.Select(r => r.Meeting.ToString() + r.Body)));
        foreach (var meeting in secret)
        {
            Assert.DoesNotContain(meeting.Subject, everything, StringComparison.Ordinal);
        }

        Assert.All(_refused.Where(r => Subject(r.Meeting) == "Private appointment"), r => Assert.Contains("never briefed", r.Body, StringComparison.Ordinal));
        Assert.Contains(_refused, r => Subject(r.Meeting) == "Private appointment");
    }

    [Fact]
    public void Every_briefing_stays_within_its_length_budget_and_quotes_no_injected_instruction()
    {
        foreach (var (upn, meeting, briefing) in _briefings)
        {
            var recipe = briefing.GetProperty("recipe");
            var maxItems = recipe.GetProperty("maxTotalItems").GetInt32();
            var maxChars = recipe.GetProperty("maxItemChars").GetInt32();
            var perSection = recipe.GetProperty("effectiveItemsPerSection").GetInt32();
            var sections = briefing.GetProperty("sections").EnumerateArray().ToList();
            var body = sections.Where(s => s.GetProperty("kind").GetString() != "Summary").SelectMany(s => s.GetProperty("items").EnumerateArray()).ToList();
            Assert.True(body.Count <= maxItems, $"{upn} {Subject(meeting)}: {body.Count} items > {maxItems}");
            Assert.All(sections, s => Assert.InRange(s.GetProperty("items").GetArrayLength(), 1, Math.Max(perSection, 3)));
            foreach (var item in Items(briefing))
            {
                var text = item.GetProperty("text").GetString()!;
                Assert.True(text.Length <= maxChars, $"{upn} {Subject(meeting)}: {text.Length} chars: {text}");
                Assert.DoesNotContain(InjectionMarkers, m => text.Contains(m, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    [Fact]
    public void Every_card_is_under_budget_and_valid_against_the_official_schema()
    {
        Assert.Equal(_briefings.Count * 2, _cards.Count);
        foreach (var (name, json) in _cards)
        {
            var size = System.Text.Encoding.UTF8.GetByteCount(json);
            Assert.True(size < CardBudgetBytes, $"{name}: {size} bytes");
            var errors = AdaptiveCardSchema.Validate(json);
            Assert.True(errors.Count == 0, $"{name}: {string.Join("; ", errors)}");
        }
    }

    [Fact]
    public async Task Every_card_parses_with_zero_events_in_the_official_renderer()
    {
        var tools = NodeTools.Require(OfficialCardValidator.Packages);

        using var report = await OfficialCardValidator.RunAsync(tools, _cards, render: false, chromium: null, screenshots: null, TestContext.Current.CancellationToken);

        var cards = report.RootElement.GetProperty("cards").EnumerateArray().ToList();
        Assert.Equal(_cards.Count, cards.Count);
        foreach (var card in cards)
        {
            var name = card.GetProperty("name").GetString();
            Assert.True(card.GetProperty("parseEvents").GetArrayLength() == 0, $"{name}: {card.GetProperty("parseEvents")}");
            Assert.True(card.GetProperty("checks").GetArrayLength() == 0, $"{name}: {card.GetProperty("checks")}");
        }
    }

    [Fact]
    public async Task Every_built_in_crm_citation_opens_a_page_about_that_record()
    {
        using var client = _app.CreateClient();
        var crmLinks = _briefings
            .SelectMany(b => b.Briefing.GetProperty("sources").EnumerateArray())
            .Select(s => new Uri(s.GetProperty("url").GetString()!))
            .Where(u => u.AbsolutePath.StartsWith("/crm/", StringComparison.Ordinal))
            .DistinctBy(u => u.AbsolutePath)
            .ToList();
        Assert.NotEmpty(crmLinks);

        foreach (var link in crmLinks)
        {
            using var page = await client.GetAsync(link.PathAndQuery, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Contains("<h1>", html, StringComparison.Ordinal);

            // Readable: the account by its name ("Fabrikam, Inc.", not "fabrikam"), times formatted, not raw timestamps.
            Assert.DoesNotMatch(@"<dt>Account</dt><dd>[a-z]+</dd>", html);
            Assert.DoesNotMatch(@"<dd>\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ</dd>", html);
        }

        Assert.Contains(crmLinks, l => l.AbsolutePath.StartsWith("/crm/cases/", StringComparison.Ordinal) || l.AbsolutePath.StartsWith("/crm/notes/", StringComparison.Ordinal));

    }

    [Fact]
    public async Task A_crm_record_opens_only_with_the_signed_link_a_briefing_cited_it_with()
    {
        using var client = _app.CreateClient();
        var cited = _briefings
            .SelectMany(b => b.Briefing.GetProperty("sources").EnumerateArray().Select(s => (b.Upn, Url: new Uri(s.GetProperty("url").GetString()!))))
            .Where(c => c.Url.AbsolutePath.StartsWith("/crm/", StringComparison.Ordinal))
            .ToList();
        // A record cited for one demo user and a colleague none of whose briefings cites it.
        var (citedFor, link, colleague) = cited
            .OrderByDescending(c => c.Url.AbsolutePath.StartsWith("/crm/notes/", StringComparison.Ordinal))
            .SelectMany(c => _tenant.Users
                .Where(u => !cited.Any(x => x.Upn == u.Upn && x.Url.AbsolutePath == c.Url.AbsolutePath))
                .Select(u => (c.Upn, c.Url, Colleague: u.Upn)))
            .First();
        var other = cited.First(c => c.Url.AbsolutePath != link.AbsolutePath).Url;

        // The id alone is guessable: no signed-in demo user, not even the one it was cited for, opens it by id.
        foreach (var upn in new[] { colleague, citedFor })
        {
            using var byId = await client.GetAsync($"{link.AbsolutePath}?as={upn}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Forbidden, byId.StatusCode);
            Assert.DoesNotContain("<dl>", await byId.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        // Another record's signature does not open this one; the cited link does, from a browser with no session.
        using var borrowed = await client.GetAsync(link.AbsolutePath + other.Query, TestContext.Current.CancellationToken);
        using var browser = new HttpClient(_app.Server.CreateHandler()) { BaseAddress = _app.Server.BaseAddress };
        using var opened = await browser.GetAsync(link.PathAndQuery, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, borrowed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("no-store", opened.Headers.CacheControl?.ToString());

        using var missing = await client.GetAsync("/crm/cases/no-such-case", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, missing.StatusCode);
    }

    [Fact]
    public async Task A_user_cannot_read_a_colleagues_meeting()
    {
        using var client = _app.CreateClient();
        var lena = _briefings.First(b => b.Upn == _tenant.Users[0].Upn);
        var id = lena.Meeting.GetProperty("id").GetString()!;
        var other = _tenant.Users[1].Upn;

        using var briefing = await client.GetAsync($"/api/meetings/{Uri.EscapeDataString(id)}/briefing?as={other}", TestContext.Current.CancellationToken);
        using var card = await client.GetAsync($"/api/meetings/{Uri.EscapeDataString(id)}/card?as={other}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, briefing.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, card.StatusCode);
        Assert.DoesNotContain(Subject(lena.Meeting), await briefing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flagging_an_item_wrong_removes_it_from_the_next_briefing()
    {
        using var client = _app.CreateClient();
        var (upn, meeting, briefing) = _briefings.First(b => Items(b.Briefing).Any(i => i.GetProperty("key").GetString()!.StartsWith("case:", StringComparison.Ordinal)));
        var id = meeting.GetProperty("id").GetString()!;
        var key = Items(briefing).First(i => i.GetProperty("key").GetString()!.StartsWith("case:", StringComparison.Ordinal)).GetProperty("key").GetString()!;

        using var flag = await client.PostAsJsonAsync($"/api/meetings/{Uri.EscapeDataString(id)}/feedback?as={upn}", new { kind = "Wrong", itemKey = key, comment = "Closed yesterday" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, flag.StatusCode);

        using var again = await client.GetAsync($"/api/meetings/{Uri.EscapeDataString(id)}/briefing?as={upn}", TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.DoesNotContain(Items(doc.RootElement), i => i.GetProperty("key").GetString() == key);

        // "Wrong" applies to the record: no line citing it is left, in any section.
        var record = Items(briefing).First(i => i.GetProperty("key").GetString() == key).GetProperty("citations")[0].GetString()!;
        Assert.DoesNotContain(Items(doc.RootElement), i => i.GetProperty("citations").EnumerateArray().Any(c => c.GetString() == record));

        // Listed with its record and version, and undone: the lines come back.
        using var list = JsonDocument.Parse(await client.GetStringAsync($"/api/me/feedback?as={upn}", TestContext.Current.CancellationToken));
        var flagged = list.RootElement.GetProperty("flags").EnumerateArray().Single(f => f.GetProperty("itemKey").GetString() == key);
        Assert.Equal(record, flagged.GetProperty("record").GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(flagged.GetProperty("record").GetProperty("version").GetString()));
        Assert.Equal("Closed yesterday", flagged.GetProperty("comment").GetString());
        var flagId = flagged.GetProperty("id").GetInt64();

        using var notTheirs = await client.DeleteAsync($"/api/me/feedback/{flagId}?as={_tenant.Users[1].Upn}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        using var undo = await client.DeleteAsync($"/api/me/feedback/{flagId}?as={upn}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NoContent, undo.StatusCode);
        using var back = await client.GetAsync($"/api/meetings/{Uri.EscapeDataString(id)}/briefing?as={upn}", TestContext.Current.CancellationToken);
        using var backDoc = JsonDocument.Parse(await back.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Contains(Items(backDoc.RootElement), i => i.GetProperty("key").GetString() == key);
    }

    [Fact]
    public void No_card_repeats_a_line()
    {
        foreach (var (name, json) in _cards)
        {
            using var doc = JsonDocument.Parse(json);
            var lines = new List<string>();
            CollectLines(doc.RootElement, lines);
            var repeated = lines.Select(NormalizeLine).Where(l => l.Length > 0).GroupBy(l => l, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(repeated.Count == 0, $"{name} repeats: {string.Join(" | ", repeated)}");
        }
    }

    [Fact]
    public void Customers_are_never_from_us_and_customer_organised_meetings_are_briefed()
    {
        var customers = _tenant.Crm.Contacts.Select(c => c.Name).ToList();
        foreach (var (upn, meeting, briefing) in _briefings)
        {
            foreach (var fromUs in Items(briefing).Where(i => i.GetProperty("key").GetString() == "attendee:internal"))
            {
                var text = fromUs.GetProperty("text").GetString()!;
                var listed = text.Split(';')[0];
                Assert.DoesNotContain(customers, c => listed.Contains(c, StringComparison.Ordinal));
            }
        }

        // Organised by the customer: Tailspin's CEO invited Marcus; Adventure Works' VP Engineering invited only colleagues.
        var marcus = _tenant.Users.Single(u => u.Upn.StartsWith("marcus.", StringComparison.Ordinal)).Upn;
        var renewal = _briefings.Single(b => b.Upn == marcus && Subject(b.Meeting) == "Tailspin renewal check-in");
        Assert.Equal(3, renewal.Briefing.GetProperty("meeting").GetProperty("externalAttendeeCount").GetInt32());
        Assert.Contains(Items(renewal.Briefing), i => i.GetProperty("key").GetString() == "attendee:ben.carter@tailspintoys.com");
        Assert.Contains(_briefings, b => b.Upn == marcus && Subject(b.Meeting) == "Adventure Works: catalogue import and API limits");
    }

    /// <summary>A card's lines as a reader sees them: each TextBlock, and each RichTextBlock as one line.</summary>
    private static void CollectLines(JsonElement element, List<string> lines)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var child in element.EnumerateArray())
            {
                CollectLines(child, lines);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        var type = element.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type == "TextBlock" && element.TryGetProperty("text", out var text))
        {
            lines.Add(text.GetString()!);
        }
        else if (type == "RichTextBlock" && element.TryGetProperty("inlines", out var inlines))
        {
            lines.Add(string.Concat(inlines.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : i.TryGetProperty("text", out var r) ? r.GetString() : null)));
        }

        foreach (var property in element.EnumerateObject())
        {
            CollectLines(property.Value, lines);
        }
    }

    /// <summary>As the scenario-pack evaluation compares lines: case, spaces and citation marks aside.</summary>
    private static string NormalizeLine(string line) =>
        string.Join(' ', System.Text.RegularExpressions.Regex.Replace(line, @"\[\d{1,3}\]", " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    private static IEnumerable<JsonElement> Items(JsonElement briefing) =>
        briefing.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray());

    private static string Subject(JsonElement meeting) => meeting.GetProperty("subject").GetString()!;

    private sealed record DemoBriefing(string Upn, JsonElement Meeting, JsonElement Briefing);
}
