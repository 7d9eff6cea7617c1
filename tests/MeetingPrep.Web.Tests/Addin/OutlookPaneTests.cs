using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingPrep.Testing;
using MeetingPrep.Web.Api;
using MeetingPrep.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MeetingPrep.Web.Tests.Addin;

/// <summary>
/// The Outlook task pane (wwwroot/outlook): its logic under node --test with office-addin-mock, and the real page in
/// headless Chromium against the real demo host on a free port, with an Office.js stand-in in place of the CDN script.
/// </summary>
public sealed partial class OutlookPaneTests
{
    private static string WwwRoot => Path.Combine(RepoPaths.Root, "src", "MeetingPrep.Web", "wwwroot");

    [Fact]
    public async Task Pane_logic_passes_its_node_tests_with_office_addin_mock()
    {
        var tools = NodeTools.Require("office-addin-mock");
        var run = await ProcessRun.RunAsync(
            NodeTools.Node,
            ["--test", "--test-reporter=tap", Path.Combine(tools, "outlook-pane.test.mjs")],
            TestContext.Current.CancellationToken,
            new Dictionary<string, string?> { ["MEETINGPREP_WWWROOT"] = WwwRoot },
            tools);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"(?m)^# fail 0$", run.Stdout);
        var passed = int.Parse(TapPass().Match(run.Stdout).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(passed >= 17, $"only {passed} node tests ran:\n{run.Stdout}");
    }

    [Fact]
    public async Task Pane_renders_the_briefing_card_from_the_running_demo_host_in_Chromium()
    {
        var chromium = Requires.Chromium();
        var tools = NodeTools.Require("playwright-core");
        var ct = TestContext.Current.CancellationToken;
        await using var app = new MeetingPrepApp();
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

        // A briefed meeting of the first demo user, by its Graph id; Outlook would hold its EWS form.
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Add("X-MeetingPrep-User", "lena.vogt@contoso.com");
        using var meetings = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/me/meetings", UriKind.Relative), ct));
        var briefed = meetings.RootElement.GetProperty("meetings").EnumerateArray().First(m => m.GetProperty("briefed").GetBoolean());
        var graphId = briefed.GetProperty("id").GetString()!;
        var subject = briefed.GetProperty("subject").GetString()!;
        var ewsId = graphId.Replace('-', '/').Replace('_', '+');

        var scenarios = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(scenarios, JsonSerializer.Serialize(new object[]
            {
                new { name = "attendee", item = new { mode = "read", itemType = "appointment", itemId = ewsId, subject, start = briefed.GetProperty("start").GetString(), user = "lena.vogt@contoso.com" }, click = "Helpful" },
                new { name = "forbidden", item = new { mode = "read", itemType = "appointment", itemId = "AAMkAGNvbnRvc28/b3RoZXI+bWVldGluZw==", subject = "Someone else's meeting", start = "2026-12-01T10:00:00Z", user = "lena.vogt@contoso.com" } },
                new { name = "organizer-unsaved", item = new { mode = "compose", itemType = "appointment", subject = "Fabrikam kickoff", start = "2026-12-02T09:00:00Z", user = "lena.vogt@contoso.com", saved = false } },
            }), ct);

            var run = await ProcessRun.RunAsync(
                NodeTools.Node,
                [Path.Combine(tools, "outlook-pane-check.js"), "--base", baseUrl, "--scenarios", scenarios, "--chromium", chromium, "--screenshots", RepoPaths.Artifacts],
                ct);
            Assert.True(run.ExitCode == 0, run.ToString());
            using var report = JsonDocument.Parse(run.Stdout);
            var byName = report.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
            foreach (var scenario in byName.Values)
            {
                Assert.True(scenario.GetProperty("pageErrors").GetArrayLength() == 0, scenario.ToString());
                Assert.True(scenario.GetProperty("officeJsServed").GetBoolean(), "the page did not load Office.js from Microsoft's CDN URL");
                Assert.Equal(0, scenario.GetProperty("blocked").GetArrayLength());
            }

            var attendee = byName["attendee"];
            Assert.True(attendee.GetProperty("cardRendered").GetBoolean(), attendee.ToString());
            Assert.False(attendee.GetProperty("errorVisible").GetBoolean());
            Assert.Contains(subject, attendee.GetProperty("cardText").GetString(), StringComparison.Ordinal);
            Assert.Equal(subject, attendee.GetProperty("subject").GetString());
            var convert = Assert.Single(attendee.GetProperty("officeCalls").EnumerateArray());
            Assert.Equal(["convertToRestId", ewsId, "v2.0"], convert.EnumerateArray().Select(e => e.GetString()));
            var requests = attendee.GetProperty("requests").EnumerateArray().ToList();
            Assert.Equal($"/api/meetings/{Uri.EscapeDataString(graphId)}/card", requests[0].GetProperty("path").GetString());
            Assert.Equal("outlook", requests[0].GetProperty("query").GetProperty("host").GetString());
            Assert.Equal("lena.vogt@contoso.com", requests[0].GetProperty("headers").GetProperty("x-meetingprep-user").GetString());
            var post = Assert.Single(requests, r => r.GetProperty("method").GetString() == "POST");
            Assert.Equal("/api/cards/action", post.GetProperty("path").GetString());
            Assert.Equal("outlook", post.GetProperty("query").GetProperty("host").GetString());
            Assert.Equal("feedback.helpful", post.GetProperty("body").GetProperty("verb").GetString());
            Assert.Equal(graphId, post.GetProperty("body").GetProperty("data").GetProperty("meetingId").GetString());
            Assert.False(string.IsNullOrEmpty(attendee.GetProperty("toast").GetString()));

            var forbidden = byName["forbidden"];
            Assert.False(forbidden.GetProperty("cardRendered").GetBoolean());
            Assert.Equal("No briefing for you here", forbidden.GetProperty("errorTitle").GetString());
            Assert.Equal("You can only see briefings for meetings you attend.", forbidden.GetProperty("errorDetail").GetString());

            var unsaved = byName["organizer-unsaved"];
            Assert.Equal("This meeting has not been saved yet", unsaved.GetProperty("errorTitle").GetString());
            Assert.Equal("Fabrikam kickoff", unsaved.GetProperty("subject").GetString());
            Assert.Equal(0, unsaved.GetProperty("requests").GetArrayLength());

            Assert.True(new FileInfo(Path.Combine(RepoPaths.Artifacts, "outlook-pane-attendee.png")).Length > 1000);
        }
        finally
        {
            File.Delete(scenarios);
        }
    }

    [Fact]
    public async Task Pane_fits_320_and_450_pixels_in_English_and_Japanese_for_every_kind_of_item()
    {
        var chromium = Requires.Chromium();
        var tools = NodeTools.Require("playwright-core");
        var ct = TestContext.Current.CancellationToken;
        await using var app = new MeetingPrepApp();
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Add("X-MeetingPrep-User", "lena.vogt@contoso.com");
        using var meetings = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/me/meetings", UriKind.Relative), ct));
        var all = meetings.RootElement.GetProperty("meetings").EnumerateArray().ToList();
        static string Reason(JsonElement m) => m.GetProperty("reason").ValueKind == JsonValueKind.String ? m.GetProperty("reason").GetString()! : string.Empty;
        var cases = new Dictionary<string, JsonElement>
        {
            ["briefed"] = all.First(m => m.GetProperty("briefed").GetBoolean()),
            ["not-briefed"] = all.First(m => !m.GetProperty("briefed").GetBoolean() && !Reason(m).StartsWith("Private", StringComparison.Ordinal)),
            ["private"] = all.First(m => Reason(m).StartsWith("Private", StringComparison.Ordinal)),
        };
        var scenarios = new List<object>();
        foreach (var language in new[] { "en-GB", "ja-JP" })
        {
            foreach (var width in new[] { 320, 450 })
            {
                foreach (var (name, meeting) in cases)
                {
                    var ews = meeting.GetProperty("id").GetString()!.Replace('-', '/').Replace('_', '+');
                    scenarios.Add(new
                    {
                        name = $"{name}-{language}-{width}",
                        width,
                        item = new { mode = "read", itemType = "appointment", itemId = ews, subject = meeting.GetProperty("subject").GetString(), start = meeting.GetProperty("start").GetString(), user = "lena.vogt@contoso.com", displayLanguage = language },
                    });
                }

                // An invitation opened from the inbox is a message the server resolves to its meeting; the demo mailbox
                // holds no invitations, so the pane says the meeting is not in the calendar (resolution: GraphInvitationTests).
                scenarios.Add(new
                {
                    name = $"invitation-{language}-{width}",
                    width,
                    item = new { mode = "read", itemType = "message", itemClass = "IPM.Schedule.Meeting.Request", itemId = "AAMkAGludml0YXRpb24=", subject = "Invitation: " + cases["briefed"].GetProperty("subject").GetString(), user = "lena.vogt@contoso.com", displayLanguage = language },
                });
            }
        }

        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(scenarios), ct);
            var run = await ProcessRun.RunAsync(
                NodeTools.Node,
                [Path.Combine(tools, "outlook-pane-check.js"), "--base", baseUrl, "--scenarios", file, "--chromium", chromium, "--screenshots", RepoPaths.Artifacts],
                ct);
            Assert.True(run.ExitCode == 0, run.ToString());
            using var report = JsonDocument.Parse(run.Stdout);
            foreach (var scenario in report.RootElement.EnumerateArray())
            {
                var name = scenario.GetProperty("name").GetString()!;
                var japanese = name.Contains("ja-JP", StringComparison.Ordinal);
                Assert.True(scenario.GetProperty("pageErrors").GetArrayLength() == 0, scenario.ToString());
                Assert.True(scenario.GetProperty("overflow").GetInt32() <= 0, $"{name} scrolls sideways: {scenario}");
                Assert.Equal(japanese ? "ja-JP" : "en-GB", scenario.GetProperty("lang").GetString());
                Assert.True(new FileInfo(Path.Combine(RepoPaths.Artifacts, $"outlook-pane-{name}.png")).Length > 1000, name);
                var cardText = scenario.GetProperty("cardText").GetString()!;
                if (name.StartsWith("briefed", StringComparison.Ordinal))
                {
                    Assert.True(scenario.GetProperty("askVisible").GetBoolean(), name);
                    Assert.Contains(japanese ? "役に立った" : "Helpful", cardText, StringComparison.Ordinal);
                    Assert.DoesNotContain("Open in Outlook", cardText, StringComparison.Ordinal);
                }
                else if (name.StartsWith("invitation", StringComparison.Ordinal))
                {
                    Assert.Equal(japanese ? "予定表に会議がありません" : "Meeting not in your calendar", scenario.GetProperty("errorTitle").GetString());
                }
                else
                {
                    // Not briefed, private included: a card that says so, in the pane's language, and no question box.
                    Assert.True(scenario.GetProperty("cardRendered").GetBoolean(), scenario.ToString());
                    Assert.False(scenario.GetProperty("askVisible").GetBoolean(), name);
                    Assert.Contains(japanese ? "設定" : "Settings", cardText, StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Demo_host_tells_the_pane_to_use_the_demo_user_and_serves_its_files()
    {
        await using var app = new MeetingPrepApp();
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var config = await client.GetFromJsonAsync<JsonElement>(new Uri("/outlook/config.json", UriKind.Relative), ct);
        Assert.Equal("demo", config.GetProperty("mode").GetString());
        foreach (var path in new[] { "/outlook/taskpane.html", "/outlook/taskpane.js", "/outlook/pane.js", "/outlook/auth.js", "/outlook/signin.html", "/outlook/signin.js", "/outlook/hostconfig.outlook.json", "/shared/cards.js", "/lib/msal-browser/msal-browser.min.js", "/outlook/icons/icon-80.png" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Production_serves_only_the_pane_files_and_publishes_the_NAA_settings()
    {
        await using var app = new MeetingPrepApp(
            new Dictionary<string, string?>
            {
                ["Bot:AppId"] = "6a0f3e4d-1b2c-4d5e-8f90-112233445566",
                ["Bot:AppPassword"] = "not-a-real-secret",
                ["Bot:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
                ["Graph:TenantId"] = "72f988bf-86f1-41af-91ab-2d7cd011db47",
                ["Graph:ClientId"] = "0d9c8b7a-6e5f-4a3b-9c2d-1e0f2a3b4c5d",
                ["Graph:ClientSecret"] = "not-a-real-secret",
            },
            environment: "Production");
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var config = await client.GetFromJsonAsync<JsonElement>(new Uri("/outlook/config.json", UriKind.Relative), ct);
        Assert.Equal("naa", config.GetProperty("mode").GetString());
        Assert.Equal("0d9c8b7a-6e5f-4a3b-9c2d-1e0f2a3b4c5d", config.GetProperty("clientId").GetString());
        Assert.Equal("https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47", config.GetProperty("authority").GetString());
        Assert.Equal(["api://0d9c8b7a-6e5f-4a3b-9c2d-1e0f2a3b4c5d/access_as_user"], config.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        using var pane = await client.GetAsync(new Uri("/outlook/taskpane.html", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, pane.StatusCode);

        // The Office dialog's sign-in page (no nested app authentication, SSO refused): MSAL and messageParent, under
        // the pane's policy, which lets MSAL reach Entra.
        using var signIn = await client.GetAsync(new Uri("/outlook/signin.html", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var signInPage = await signIn.Content.ReadAsStringAsync(ct);
        Assert.Contains("../lib/msal-browser/msal-browser.min.js", signInPage, StringComparison.Ordinal);
        Assert.Contains("src=\"signin.js\"", signInPage, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://login.microsoftonline.com", signIn.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        using var signInScript = await client.GetAsync(new Uri("/outlook/signin.js", UriKind.Relative), ct);
        Assert.Contains("messageParent", await signInScript.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        using var renderer = await client.GetAsync(new Uri("/lib/adaptivecards/adaptivecards.min.js", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.OK, renderer.StatusCode);
        using var demoPage = await client.GetAsync(new Uri("/index.html", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.NotFound, demoPage.StatusCode);
        using var card = await client.GetAsync(new Uri("/api/meetings/AAMk/card?host=outlook", UriKind.Relative), ct);
        Assert.Equal(HttpStatusCode.Unauthorized, card.StatusCode);
    }

    [Fact]
    public void Pane_loads_office_js_from_microsofts_cdn_and_shares_the_card_module_with_the_demo_page()
    {
        var html = File.ReadAllText(Path.Combine(WwwRoot, "outlook", "taskpane.html"));
        Assert.Contains("<script src=\"https://appsforoffice.microsoft.com/lib/1/hosted/office.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("from '../shared/cards.js'", File.ReadAllText(Path.Combine(WwwRoot, "outlook", "taskpane.js")), StringComparison.Ordinal);
        Assert.Contains("from './shared/cards.js'", File.ReadAllText(Path.Combine(WwwRoot, "app.js")), StringComparison.Ordinal);
        Assert.DoesNotContain("new AC.AdaptiveCard()", File.ReadAllText(Path.Combine(WwwRoot, "app.js")), StringComparison.Ordinal);
    }

    [Fact]
    public void Vendored_msal_is_the_pinned_package_with_its_licence()
    {
        var vendored = Path.Combine(WwwRoot, "lib", "msal-browser");
        Assert.True(File.Exists(Path.Combine(vendored, "LICENSE")));
        Assert.StartsWith("/*! @azure/msal-browser v5.29.0", File.ReadAllText(Path.Combine(vendored, "msal-browser.min.js")), StringComparison.Ordinal);
        var package = Path.Combine(NodeTools.Folder, "node_modules", "@azure", "msal-browser", "lib", "msal-browser.min.js");
        if (File.Exists(package))
        {
            Assert.Equal(File.ReadAllBytes(package), File.ReadAllBytes(Path.Combine(vendored, "msal-browser.min.js")));
        }
    }

    [GeneratedRegex(@"(?m)^# pass (\d+)$")]
    private static partial Regex TapPass();
}
