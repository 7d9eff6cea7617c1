using System.Text.Json;
using MeetingPrep.Core.Crm;
using Xunit;

namespace MeetingPrep.Demo.Tests;

public sealed class DemoTenantTests
{
    // A Thursday evening in late November: no DST change in the next 14 days in any common zone.
    internal static readonly DateTimeOffset Now = new(2026, 11, 26, 23, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Has_three_users_in_different_zones_with_the_first_as_default()
    {
        var tenant = DemoTenant.Create(Now, 7);

        Assert.True(tenant.Users.Count >= 3);
        Assert.Equal(tenant.Users.Count, tenant.Users.Select(u => u.TimeZone).Distinct().Count());
        Assert.Equal(tenant.Users.Count, tenant.Users.Select(u => u.ResolveTimeZone().BaseUtcOffset).Distinct().Count());
        Assert.All(tenant.Users, u => Assert.True(Guid.TryParse(u.UserId, out _)));
        Assert.All(tenant.Users, u => Assert.Equal(tenant.TenantId, u.TenantId));
        Assert.All(tenant.Users, u => Assert.EndsWith("@contoso.com", u.Upn, StringComparison.Ordinal));
        Assert.Same(tenant.Users[0], tenant.DefaultUser);
        Assert.Equal("lena.vogt@contoso.com", tenant.DefaultUser.Upn);
        Assert.Same(tenant.Users[1], tenant.FindUser("MARCUS.REED@contoso.com"));
        Assert.Same(tenant.Users[2], tenant.FindUser(tenant.Users[2].UserId.ToUpperInvariant()));
        Assert.Null(tenant.FindUser("nobody@contoso.com"));
        Assert.Throws<ArgumentException>(() => tenant.GetUser("nobody@contoso.com"));
        Assert.Equal(["contoso.com", "contoso.onmicrosoft.com"], tenant.Domains);
        Assert.Equal(Guid.Parse(DemoTenant.FixedTenantId).ToString(), tenant.TenantId);
    }

    [Fact]
    public void Crm_has_six_or_more_accounts_each_with_the_full_picture()
    {
        var crm = DemoTenant.Create(Now, 7).Crm;

        Assert.True(crm.Accounts.Count >= 6);
        foreach (var account in crm.Accounts)
        {
            Assert.False(string.IsNullOrEmpty(account.Domain));
            Assert.Contains(crm.Contacts, c => c.AccountId == account.Id);
            Assert.Contains(crm.Opportunities, o => o.AccountId == account.Id && !o.IsClosed && o.Amount > 0 && o.Currency is { Length: 3 } && o.CloseDate is not null);
            Assert.Contains(crm.Notes, n => n.AccountId == account.Id && n.Text.Length > 40);
            Assert.Contains(crm.Cases, c => c.AccountId == account.Id && c.IsOpen);
            var series = crm.Metrics.Where(m => m.AccountId == account.Id).ToList();
            Assert.True(series.Count >= 3);
            Assert.All(series, s => Assert.Equal(12, s.Points.Count));
            Assert.All(series, s => Assert.Equal(s.Points.OrderBy(p => p.Period).Select(p => p.Period), s.Points.Select(p => p.Period)));
        }

        Assert.Contains(crm.Cases, c => c.IsEscalated && c.IsOpen && c.EscalatedAt is not null);
        Assert.Contains(crm.Cases, c => !c.IsOpen);
        Assert.All(crm.Cases, c => Assert.False(string.IsNullOrEmpty(c.OpenedByEmail)));
        Assert.Contains(crm.Opportunities, o => o.IsClosed);
        Assert.Contains(crm.Contacts, c => c.Role == "Decision maker");

        // Down, up and flat series exist whatever the seed (the noise never flips a shape).
        foreach (var seed in Enumerable.Range(1, 12))
        {
            var trends = DemoTenant.Create(Now, seed).Crm.Metrics.Select(m => MetricTrend.Of(m, 3)!.Direction).ToList();
            Assert.Contains(TrendDirection.Down, trends);
            Assert.Contains(TrendDirection.Up, trends);
            Assert.Contains(TrendDirection.Flat, trends);
        }

        var fabrikamSpend = crm.Metrics.Single(m => m.Id == "met-fabrikam-spend");
        Assert.Equal(TrendDirection.Down, MetricTrend.Of(fabrikamSpend, 3)!.Direction);
        Assert.Equal(TrendDirection.Flat, MetricTrend.Of(fabrikamSpend with { Points = fabrikamSpend.Points.Take(9).ToList() }, 6)!.Direction);

        // The personal address must not match any account by domain.
        var gmail = Assert.Single(crm.Contacts, c => c.Email.EndsWith("@gmail.com", StringComparison.Ordinal));
        Assert.True(PersonalMailDomains.Contains("gmail.com"));
        Assert.DoesNotContain(crm.Accounts, a => string.Equals(a.Domain, "gmail.com", StringComparison.OrdinalIgnoreCase));
        Assert.NotNull(gmail.AccountId);

        var links = crm.Accounts.Select(a => (a.Url, "accounts", a.Id))
            .Concat(crm.Contacts.Select(c => (c.Url, "contacts", c.Id)))
            .Concat(crm.Opportunities.Select(o => (o.Url, "opportunities", o.Id)))
            .Concat(crm.Notes.Select(n => (n.Url, "notes", n.Id)))
            .Concat(crm.Cases.Select(c => (c.Url, "cases", c.Id)))
            .Concat(crm.Metrics.Select(m => (m.Url, "metrics", m.Id)));
        Assert.All(links, l => Assert.Equal($"https://crm.demo.meetingprep.local/{l.Item2}/{l.Id}", l.Url?.ToString()));
        Assert.All(crm.Notes, n => Assert.True(n.LastModified <= Now));
    }

    [Theory]
    [InlineData("2026-11-26T23:30:00Z")]
    [InlineData("2026-11-27T00:10:00Z")] // Friday just after midnight
    [InlineData("2026-11-28T12:00:00Z")] // Saturday
    [InlineData("2027-03-02T08:00:00Z")] // US DST change inside the window
    [InlineData("2027-07-15T16:45:00Z")] // summer: DST changes months away on both sides
    public async Task Next_14_days_hold_at_least_40_meetings_across_the_demo_users(string now)
    {
        var at = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);
        using var client = new SandboxClient(DemoTenant.Create(at, 11));
        var uids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in client.Tenant.Users)
        {
            var (events, _) = await client.CalendarViewAsync(user.Upn, at, at.AddDays(14), top: 100);
            Assert.True(events.Count >= 15, $"{user.Upn} has only {events.Count} meetings");
            foreach (var e in events)
            {
                var start = DateTimeOffset.Parse(e.GetProperty("start").GetProperty("dateTime").GetString()! + "Z", System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(start < at.AddDays(14));
                uids.Add(e.GetProperty("iCalUId").GetString()!);
            }
        }

        Assert.True(uids.Count >= 40, $"only {uids.Count} distinct meetings");
    }

    [Fact]
    public async Task Every_special_meeting_kind_is_in_the_next_14_days()
    {
        var tenant = DemoTenant.Create(Now, 7);
        using var client = new SandboxClient(tenant);
        var all = new List<JsonElement>();
        foreach (var user in tenant.Users)
        {
            all.AddRange((await client.CalendarViewAsync(user.UserId, Now, Now.AddDays(14), top: 200)).Events);
        }

        static string S(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? string.Empty : e.GetProperty(name).ToString();
        bool External(JsonElement e) => e.GetProperty("attendees").EnumerateArray().Append(e.GetProperty("organizer"))
            .Any(a => tenant.TenantDomains.Classify(a.GetProperty("emailAddress").GetProperty("address").GetString()!) == Core.Meetings.Affiliation.External);

        Assert.Contains(all, e => External(e) && S(e, "sensitivity") == "normal");
        Assert.Contains(all, e => !External(e) && e.GetProperty("attendees").GetArrayLength() > 1);
        Assert.Contains(all, e => S(e, "type") == "occurrence" && S(e, "seriesMasterId").Length > 0);
        Assert.Contains(all, e => S(e, "type") == "exception" && !e.GetProperty("isCancelled").GetBoolean());
        Assert.Contains(all, e => S(e, "type") == "exception" && e.GetProperty("isCancelled").GetBoolean());
        Assert.Contains(all, e => S(e, "type") == "singleInstance" && e.GetProperty("isCancelled").GetBoolean());
        Assert.Contains(all, e => S(e, "sensitivity") == "private" && S(e, "bodyPreview").Length > 40);
        Assert.Contains(all, e => S(e, "sensitivity") == "confidential" && S(e, "bodyPreview").Length > 40 && External(e));
        Assert.Contains(all, e => e.GetProperty("isAllDay").GetBoolean() && S(e, "start").Contains("T00:00:00.0000000", StringComparison.Ordinal));
        Assert.Contains(all, e => e.GetProperty("attendees").GetArrayLength() == 150);
        Assert.Contains(all, e => e.GetProperty("categories").EnumerateArray().Any(c => c.GetString() == "No briefing"));
        Assert.Contains(all, e => e.GetProperty("isOnlineMeeting").GetBoolean()
            && e.GetProperty("onlineMeeting").GetProperty("joinUrl").GetString()!.StartsWith("https://teams.microsoft.com/l/meetup-join/", StringComparison.Ordinal));
        Assert.Contains(all, e => e.GetProperty("attendees").EnumerateArray().Any(a => a.GetProperty("type").GetString() == "resource")
            && e.GetProperty("location").GetProperty("locationType").GetString() == "conferenceRoom");
        Assert.DoesNotContain(all, e => S(e, "type") == "seriesMaster");
        Assert.DoesNotContain(all, e => e.GetProperty("attendees").EnumerateArray().Any(a =>
            a.GetProperty("emailAddress").GetProperty("address").GetString() == e.GetProperty("organizer").GetProperty("emailAddress").GetProperty("address").GetString()));
        Assert.All(all.Where(e => e.GetProperty("isOrganizer").GetBoolean()), e => Assert.Equal("organizer", e.GetProperty("responseStatus").GetProperty("response").GetString()));

        // Each user holds their own copy: same iCalUId, different event ids.
        var shared = all.GroupBy(e => S(e, "iCalUId")).First(g => g.Count() > 1);
        Assert.Equal(shared.Count(), shared.Select(e => S(e, "id")).Distinct().Count());

        // The catalog agrees with the wire.
        var upcoming = tenant.Meetings.Where(m => m.Start >= Now && m.Start < Now.AddDays(14)).ToList();
        foreach (var kind in Enum.GetValues<DemoMeetingKind>().Where(k => k != DemoMeetingKind.None))
        {
            Assert.Contains(upcoming, m => m.Is(kind));
        }
    }

    [Fact]
    public void Any_day_of_the_year_has_every_meeting_kind_and_forty_meetings_ahead()
    {
        for (var i = 0; i < 41; i++)
        {
            // Every 9 days and 7 hours through a year: all weekdays, times of day and both DST seasons.
            var now = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddHours(i * ((9 * 24) + 7));
            var tenant = DemoTenant.Create(now, i);
            var ahead = tenant.Meetings.Where(m => m.Start >= now && m.Start < now.AddDays(14)).ToList();

            Assert.True(ahead.Select(m => m.ICalUId).Distinct().Count() >= 40, $"{now:O}: {ahead.Count} meetings");
            foreach (var kind in Enum.GetValues<DemoMeetingKind>().Where(k => k != DemoMeetingKind.None))
            {
                Assert.True(ahead.Any(m => m.Is(kind)), $"{now:O}: no {kind} meeting in the next 14 days");
            }

            Assert.Contains(tenant.Meetings, m => m.Start < now && m.Start > now.AddDays(-90) && m.Is(DemoMeetingKind.External) && !m.Is(DemoMeetingKind.Recurring));
            Assert.True(tenant.DstSeries.TransitionsCrossed.Count >= 2, $"{now:O}: DST series crosses {tenant.DstSeries.TransitionsCrossed.Count} changes");
        }
    }

    [Fact]
    public void Same_seed_and_day_give_identical_data_and_another_seed_does_not()
    {
        var morning = DemoTenant.Create(new DateTimeOffset(2026, 11, 26, 0, 5, 0, TimeSpan.Zero), 3);
        var evening = DemoTenant.Create(new DateTimeOffset(2026, 11, 26, 23, 55, 0, TimeSpan.Zero), 3);
        var other = DemoTenant.Create(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero), 4);

        Assert.Equal(Snapshot(morning), Snapshot(evening));
        Assert.NotEqual(Snapshot(morning), Snapshot(other));
    }

    [Fact]
    public async Task Same_seed_and_day_give_identical_graph_json()
    {
        var window = (Start: new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), End: new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero));
        string[] urls =
        [
            $"users/lena.vogt@contoso.com/calendarView?startDateTime={SandboxClient.Iso(window.Start)}&endDateTime={SandboxClient.Iso(window.End)}&$top=1000",
            $"users/marcus.reed@contoso.com/calendarView?startDateTime={SandboxClient.Iso(window.Start)}&endDateTime={SandboxClient.Iso(window.End)}&$top=1000",
            "users/weiling.tan@contoso.com/messages?$top=1000",
            "users/marcus.reed@contoso.com/messages?$top=1000",
        ];
        using var a = new SandboxClient(DemoTenant.Create(new DateTimeOffset(2026, 11, 26, 1, 0, 0, TimeSpan.Zero), 5));
        using var b = new SandboxClient(DemoTenant.Create(new DateTimeOffset(2026, 11, 26, 22, 0, 0, TimeSpan.Zero), 5));
        foreach (var url in urls)
        {
            var left = await a.GetRawAsync(url, "outlook.timezone=\"Europe/Berlin\"");
            var right = await b.GetRawAsync(url, "outlook.timezone=\"Europe/Berlin\"");
            Assert.True(left.Length > 10_000, url);
            Assert.Equal(left, right);
        }
    }

    private static string Snapshot(DemoTenant tenant) =>
        JsonSerializer.Serialize(new { tenant.Crm, tenant.Meetings, tenant.Threads, tenant.DstSeries, tenant.Users });

    [Fact]
    public void Mail_has_messy_long_non_english_and_injection_threads()
    {
        var tenant = DemoTenant.Create(Now, 7);

        Assert.Contains(tenant.Threads, t => t.Is(DemoThreadKind.LongThread) && t.MessageCount >= 20);
        Assert.True(tenant.Threads.Count(t => t.Is(DemoThreadKind.MessyHtml)) >= 3);
        Assert.True(tenant.Threads.Count(t => t.Is(DemoThreadKind.PromptInjection)) >= 2);
        Assert.Equal(["de", "fr", "ja"], tenant.Threads.Where(t => t.Is(DemoThreadKind.NonEnglish)).Select(t => t.Language).Order().ToArray());
        Assert.All(tenant.Threads.Where(t => t.AccountId is not null), t => Assert.NotEmpty(t.ExternalParticipants));
        Assert.All(tenant.Users, u => Assert.Contains(tenant.Threads, t => t.UserIds.Contains(u.UserId)));
    }

    [Fact]
    public void Dst_series_crosses_both_neighbouring_changes_of_its_zone()
    {
        var tenant = DemoTenant.Create(Now, 7);
        var series = tenant.DstSeries;

        Assert.Equal("America/New_York", series.TimeZone);
        Assert.True(series.TransitionsCrossed.Count >= 2);
        Assert.Contains(series.TransitionsCrossed, t => t < Now);
        Assert.Contains(series.TransitionsCrossed, t => t > Now);
        Assert.False(series.BothOffsetsInNext14Days);
        Assert.True(DemoTenant.Create(new DateTimeOffset(2027, 3, 2, 8, 0, 0, TimeSpan.Zero), 7).DstSeries.BothOffsetsInNext14Days);
    }
}
