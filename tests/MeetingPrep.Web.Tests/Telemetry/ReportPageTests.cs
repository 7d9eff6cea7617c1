using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace MeetingPrep.Web.Tests.Telemetry;

/// <summary>
/// The demo's leaders' report over its seeded history (<see cref="Demo.DemoEngagementHistory"/>, <see cref="Demo.DemoOutcomeHistory"/>), against figures worked
/// out by hand from that history's rules, and the page as headless Chromium draws it (test-artifacts/report-page.png).
/// With the clock at Thursday 26 November 2026 the history covers the weeks of 12 October to 16 November.
/// </summary>
public sealed class ReportPageTests
{
    private const string Lena = "lena.vogt@contoso.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_report_shows_the_seeded_weeks_with_hand_computed_figures()
    {
        await using var app = new MeetingPrepApp(clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));
        using var client = app.CreateClient();

        var report = await client.GetFromJsonAsync<JsonObject>($"/api/admin/report?as={Lena}", Ct);
        var weeks = report!["weeks"]!.AsArray();
        Assert.Equal(
            ["2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16"],
            weeks.Select(w => w!["weekStart"]!.GetValue<string>()));

        // Week 0: 8 people, 16 briefings, 6 opened before (k < 6), 5 of those 6 helpful (k = 3 was not), 2 case lines
        // flagged, 6 × 15 minutes.
        var first = weeks[0]!;
        Assert.Equal((8, 16, 6), (first["people"]!.GetValue<int>(), first["meetingsBriefed"]!.GetValue<int>(), first["openedBeforeMeeting"]!.GetValue<int>()));
        Assert.Equal((0.375, 0.8333, 0.125), (first["shareOpenedBeforeMeeting"]!.GetValue<double>(), first["helpfulRate"]!.GetValue<double>(), first["wrongLinesPerBriefing"]!.GetValue<double>()));
        Assert.Equal(90, first["minutesSaved"]!.GetValue<int>());

        // Week 3 (odd): one more flagged line, citing an opportunity. Week 4: 14 of 16 opened, 11 of 14 helpful (3, 7, 11 were not).
        Assert.Equal(3, weeks[3]!["linesFlaggedWrong"]!.GetValue<int>());
        Assert.Equal((14, 0.7857, 210), (weeks[4]!["openedBeforeMeeting"]!.GetValue<int>(), weeks[4]!["helpfulRate"]!.GetValue<double>(), weeks[4]!["minutesSaved"]!.GetValue<int>()));

        // Week 5: three people, below the minimum group size of five.
        Assert.True(weeks[5]!["suppressed"]!.GetValue<bool>());
        Assert.Null(weeks[5]!["people"]);

        var page = await client.GetStringAsync($"/report?as={Lena}", Ct);
        Assert.Contains("<td>2026-10-12</td><td>8</td><td>16</td><td>38 %</td><td>83 %</td>", page, StringComparison.Ordinal);
        Assert.Contains("case (2), opportunity (1)", page, StringComparison.Ordinal);
        Assert.Contains("<td>2026-11-16</td><td colspan=\"7\" class=\"muted\">Fewer than 5 people: not shown</td>", page, StringComparison.Ordinal);
        Assert.Equal(2, page.Split("<polyline", StringSplitOptions.None).Length - 1);
    }

    [Fact]
    public async Task The_demo_report_compares_briefed_and_unbriefed_meetings_with_hand_computed_outcomes()
    {
        await using var app = new MeetingPrepApp(clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));
        using var client = app.CreateClient();

        // DemoOutcomeHistory's rules over i = 0–31 briefed and j = 0–23 unbriefed meetings: forward 8 and 4, back 2 and 2,
        // won 4 and 2, lost 4 and 4, case closed 16 and 8.
        var outcomes = (await client.GetFromJsonAsync<JsonObject>($"/api/admin/report?as={Lena}", Ct))!["outcomes"]!;
        Assert.Equal(14, outcomes["days"]!.GetValue<int>());
        var briefed = outcomes["briefed"]!;
        Assert.Equal((false, 32, 8), (briefed["suppressed"]!.GetValue<bool>(), briefed["meetings"]!.GetValue<int>(), briefed["people"]!.GetValue<int>()));
        Assert.Equal((0.25, 0.0625, 0.125, 0.125, 0.5), Shares(briefed));
        var notBriefed = outcomes["notBriefed"]!;
        Assert.Equal((false, 24, 6), (notBriefed["suppressed"]!.GetValue<bool>(), notBriefed["meetings"]!.GetValue<int>(), notBriefed["people"]!.GetValue<int>()));
        Assert.Equal((0.1667, 0.0833, 0.0833, 0.1667, 0.3333), Shares(notBriefed));
        Assert.Equal(
            ["category:8", "muted:8", "not_delivered:8"],
            outcomes["notBriefedReasons"]!.AsArray().Select(r => $"{r!["reason"]!.GetValue<string>()}:{r["meetings"]!.GetValue<int>()}"));
        Assert.Contains("association, not a proof", outcomes["caveat"]!.GetValue<string>(), StringComparison.Ordinal);

        // A window before the history: both sides below the minimum group size.
        var early = (await client.GetFromJsonAsync<JsonObject>($"/api/admin/report?as={Lena}&from=2026-09-01T00:00:00Z&to=2026-10-01T00:00:00Z", Ct))!["outcomes"]!;
        Assert.True(early["briefed"]!["suppressed"]!.GetValue<bool>());
        Assert.Empty(early["notBriefedReasons"]!.AsArray());

        var page = await client.GetStringAsync($"/report?as={Lena}", Ct);
        Assert.Contains("<tr><td>Meetings (people)</td><td>32 (8)</td><td>24 (6)</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><td>A deal closed won</td><td>13 %</td><td>8 %</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("An association, not a proof", page, StringComparison.Ordinal);
        Assert.Contains("Not briefed because: category (8), muted (8), not delivered (8).", page, StringComparison.Ordinal);

        static (double, double, double, double, double) Shares(JsonNode group) => (
            group["stageForward"]!.GetValue<double>(), group["stageBack"]!.GetValue<double>(), group["closedWon"]!.GetValue<double>(),
            group["closedLost"]!.GetValue<double>(), group["caseClosed"]!.GetValue<double>());
    }

    [Fact]
    public async Task Chromium_draws_the_report_page_with_its_trend_lines()
    {
        var chromium = Requires.Chromium();
        await using var app = new MeetingPrepApp(clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));
        app.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1100, Height = 700 } });
        var response = await page.GotoAsync($"{address}/report?as={Lena}");
        Assert.Equal(200, response!.Status);

        var chart = page.Locator("svg[role=img]");
        await chart.WaitForAsync();
        Directory.CreateDirectory(RepoPaths.Artifacts);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "report-page.png"), FullPage = true });

        var box = await chart.BoundingBoxAsync();
        Assert.True(box is { Width: > 600, Height: > 200 }, "The chart is drawn at its size.");
        Assert.Equal(2, await page.Locator("svg polyline").CountAsync());
        Assert.Equal(6, await page.Locator("table.weeks tbody tr").CountAsync());
        Assert.Equal(6, await page.Locator("table.outcomes tbody tr").CountAsync());
    }
}
