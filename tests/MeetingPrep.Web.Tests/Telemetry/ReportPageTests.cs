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
/// The demo's leaders' report over its seeded history (<see cref="Demo.DemoEngagementHistory"/>), against figures worked
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
        Assert.Equal(6, await page.Locator("tbody tr").CountAsync());
    }
}
