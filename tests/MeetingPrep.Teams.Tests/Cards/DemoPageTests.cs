using System.Diagnostics;
using System.Text.Json;
using MeetingPrep.Teams.Cards;
using MeetingPrep.Testing;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>
/// The demo home page (src/MeetingPrep.Web/wwwroot) in headless Chromium against a stand-in for the host's API with
/// real cards: user picker, meetings with reasons, the rendered card, toggles, an Action.Execute round trip.
/// </summary>
public class DemoPageTests
{
    private static string WwwRoot => Path.Combine(RepoPaths.Root, "src", "MeetingPrep.Web", "wwwroot");

    [Fact]
    public void HostConfig_IsTheSameInTheDemoAndTheRenderTests()
    {
        Assert.Equal(
            File.ReadAllText(Path.Combine(NodeTools.Folder, "host-config.teams.json")),
            File.ReadAllText(Path.Combine(WwwRoot, "hostconfig.teams.json")));
    }

    [Fact]
    public void VendoredRenderer_IsThePinnedPackage_WithItsLicences()
    {
        foreach (var file in new[] { "lib/adaptivecards/adaptivecards.min.js", "lib/adaptivecards/adaptivecards.css", "lib/adaptivecards/LICENSE", "lib/markdown-it/markdown-it.min.js", "lib/markdown-it/LICENSE" })
        {
            Assert.True(File.Exists(Path.Combine(WwwRoot, file)), file);
        }

        var tools = Path.Combine(NodeTools.Folder, "node_modules");
        if (Directory.Exists(Path.Combine(tools, "adaptivecards")))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(tools, "adaptivecards", "dist", "adaptivecards.min.js")), File.ReadAllBytes(Path.Combine(WwwRoot, "lib", "adaptivecards", "adaptivecards.min.js")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(tools, "markdown-it", "dist", "browser", "markdown-it.umd.min.js")), File.ReadAllBytes(Path.Combine(WwwRoot, "lib", "markdown-it", "markdown-it.min.js")));
        }
    }

    [Fact]
    public async Task DemoPage_ListsMeetings_RendersTheCard_AndRoundTripsActions()
    {
        var chromium = Requires.Chromium();
        var tools = NodeTools.Require("adaptivecards", "markdown-it", "playwright-core");
        var cards = Directory.CreateTempSubdirectory("mp-demo-cards-");
        try
        {
            var ct = TestContext.Current.CancellationToken;
            await File.WriteAllTextAsync(Path.Combine(cards.FullName, "briefing.teams.json"), AdaptiveCardSerializer.Serialize(BriefingCardRenderer.Render(TestBriefings.Fabrikam(), TestBriefings.Viewer, CardHost.Teams)), ct);
            await File.WriteAllTextAsync(Path.Combine(cards.FullName, "briefing.outlook.json"), AdaptiveCardSerializer.Serialize(BriefingCardRenderer.Render(TestBriefings.Fabrikam(), TestBriefings.Viewer, CardHost.Outlook)), ct);
            await File.WriteAllTextAsync(Path.Combine(cards.FullName, "refreshed.teams.json"), AdaptiveCardSerializer.Serialize(StatusCards.Error("We could not prepare this briefing", "Try again.", "AAMkAGI2TG93AAA=", CardHost.Teams)), ct);
            var screenshot = Path.Combine(RepoPaths.Artifacts, "demo-home.png");

            var narrow = Path.Combine(RepoPaths.Artifacts, "demo-home-320.png");
            using var report = await RunAsync(tools, ["--wwwroot", WwwRoot, "--cards", cards.FullName, "--chromium", chromium, "--screenshot", screenshot, "--narrow", narrow], ct);
            var root = report.RootElement;

            Assert.True(root.GetProperty("pageErrors").GetArrayLength() == 0, root.GetProperty("pageErrors").ToString());
            Assert.Equal(["404 /api/meetings/AAMkStandup/card"], root.GetProperty("failedResponses").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(0, root.GetProperty("blocked").GetArrayLength());
            Assert.Contains("Lena Vogt (lena.vogt@contoso.com)", root.GetProperty("users").EnumerateArray().Select(u => u.GetString()));
            var meetings = root.GetProperty("meetings").EnumerateArray().Select(m => m.GetString()!).ToList();
            Assert.Contains("Briefing ready", meetings[0], StringComparison.Ordinal);
            Assert.Contains("Not briefed: Internal meeting", meetings[1], StringComparison.Ordinal);
            Assert.Contains("Team stand-up <b>not bold</b>", meetings[1], StringComparison.Ordinal); // text, not markup
            Assert.Contains("15:00", meetings[0], StringComparison.Ordinal); // 14:00Z in the user's zone (Berlin, UTC+1 in November)
            Assert.Contains("Fabrikam quarterly business review", root.GetProperty("cardText").GetString(), StringComparison.Ordinal);
            Assert.False(root.GetProperty("sourcesVisibleBefore").GetBoolean());
            Assert.True(root.GetProperty("sourcesVisibleAfter").GetBoolean());
            Assert.Equal("Thanks for the feedback.", root.GetProperty("toast").GetString());
            Assert.Contains("We could not prepare this briefing", root.GetProperty("refreshedText").GetString(), StringComparison.Ordinal);
            Assert.Contains("Could not load the card (404", root.GetProperty("missingCardStatus").GetString(), StringComparison.Ordinal);

            // At 320 px: no sideways scrolling, and every control on screen and tappable.
            var small = root.GetProperty("narrow");
            Assert.Equal(320, small.GetProperty("width").GetInt32());
            Assert.True(small.GetProperty("overflow").GetInt32() <= 0, $"the page scrolls sideways at 320 px: {small}");
            Assert.True(small.GetProperty("controls").GetInt32() >= 5, small.ToString());
            Assert.True(small.GetProperty("unreachable").GetArrayLength() == 0, $"controls out of reach at 320 px: {small}");
            Assert.True(new FileInfo(narrow).Length > 1000);

            var posts = root.GetProperty("requests").EnumerateArray().Where(r => r.GetProperty("method").GetString() == "POST").ToList();
            Assert.Equal(2, posts.Count);
            Assert.Equal("lena.vogt@contoso.com", posts[0].GetProperty("query").GetProperty("as").GetString());
            Assert.Equal(CardVerbs.FeedbackHelpful, posts[0].GetProperty("body").GetProperty("verb").GetString());
            Assert.Equal("AAMkAGI2TG93AAA=", posts[0].GetProperty("body").GetProperty("data").GetProperty("meetingId").GetString());
            Assert.Equal(CardVerbs.Refresh, posts[1].GetProperty("body").GetProperty("verb").GetString());
            Assert.Contains(root.GetProperty("requests").EnumerateArray(), r => r.GetProperty("path").GetString() == "/api/meetings/AAMkAGI2TG93AAA%3D/card" && r.GetProperty("query").GetProperty("host").GetString() == "outlook");
            Assert.True(new FileInfo(screenshot).Length > 1000);
        }
        finally
        {
            cards.Delete(recursive: true);
        }
    }

    private static async Task<JsonDocument> RunAsync(string tools, string[] arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(NodeTools.Node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(tools, "demo-page-check.js"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"demo-page-check.js exited {process.ExitCode}: {await stderr}");
        return JsonDocument.Parse(await stdout);
    }
}
