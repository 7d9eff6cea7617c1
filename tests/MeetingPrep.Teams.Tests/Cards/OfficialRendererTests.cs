using System.Text.Json;
using MeetingPrep.Teams.Cards;
using MeetingPrep.Testing;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>
/// Every card, parsed by Microsoft's own renderer (adaptivecards 3.0.6, run by tests/tools/validate-cards.js), with zero
/// parse or validation events, and rendered in headless Chromium with a Teams-like host config; screenshots go to
/// test-artifacts/cards. Needs node and 'npm ci --prefix tests/tools' (and Chromium for the render).
/// </summary>
public class OfficialRendererTests
{
    private static readonly string[] Packages = ["adaptivecards", "markdown-it", "playwright-core"];

    [Fact]
    public async Task EveryCard_ParsesWithZeroEvents_AndPassesOurChecks()
    {
        var tools = NodeTools.Require(Packages);
        using var report = await RunAsync(tools, Corpus(), render: false, chromium: null);

        var cards = report.RootElement.GetProperty("cards").EnumerateArray().ToList();
        Assert.Equal(CardCorpus.All().Count, cards.Count);
        foreach (var card in cards)
        {
            var name = card.GetProperty("name").GetString();
            Assert.True(card.GetProperty("parseEvents").GetArrayLength() == 0, $"{name}: {card.GetProperty("parseEvents")}");
            Assert.True(card.GetProperty("checks").GetArrayLength() == 0, $"{name}: {card.GetProperty("checks")}");
        }
    }

    [Fact]
    public async Task EveryCard_RendersInHeadlessChromium_WithScreenshots()
    {
        var chromium = Requires.Chromium();
        var tools = NodeTools.Require(Packages);
        var screenshots = Path.Combine(RepoPaths.Artifacts, "cards");
        using var report = await RunAsync(tools, Corpus(), render: true, chromium, screenshots);

        foreach (var card in report.RootElement.GetProperty("cards").EnumerateArray())
        {
            var name = card.GetProperty("name").GetString()!;
            var render = card.GetProperty("render");
            Assert.True(render.GetProperty("ok").GetBoolean(), $"{name}: {render}");
            Assert.True(render.GetProperty("events").GetArrayLength() == 0, $"{name}: {render.GetProperty("events")}");
            Assert.False(render.TryGetProperty("consoleErrors", out var errors), $"{name}: {errors}");
            Assert.True(render.GetProperty("markdownUsed").GetBoolean());
            Assert.True(render.GetProperty("height").GetDouble() > 40, $"{name} rendered {render.GetProperty("height")} px tall");
            var shot = render.GetProperty("screenshot").GetString()!;
            Assert.True(new FileInfo(shot).Length > 1000, $"{name}: screenshot {shot} is empty");

            if (name.StartsWith("briefing-fabrikam", StringComparison.Ordinal))
            {
                var text = render.GetProperty("text").GetString()!;
                Assert.Contains("Fabrikam quarterly business review", text, StringComparison.Ordinal);
                Assert.Contains("In short", text, StringComparison.Ordinal);
                Assert.Contains("[1]", text, StringComparison.Ordinal);
                Assert.True(render.GetProperty("links").GetInt32() >= 5, $"{name}: citations and join should render as links");
                Assert.True(render.GetProperty("buttons").GetInt32() >= 3, $"{name}: feedback actions should render as buttons");
            }

            if (name.StartsWith("briefing-hostile", StringComparison.Ordinal))
            {
                // The injected markdown shows as literal characters, never as a link or bold text.
                var text = render.GetProperty("text").GetString()!;
                Assert.Contains("**Urgent** [click here](https://evil.example/phish)", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task TheHarness_ReportsWhatTheRendererAndOurChecksFind()
    {
        var tools = NodeTools.Require(Packages);
        (string, string)[] broken =
        [
            ("table-in-1.4", """{"type":"AdaptiveCard","version":"1.4","body":[{"type":"Table","columns":[{"width":1}],"rows":[]},{"type":"TextBlock","text":"h","style":"heading"}]}"""),
            ("empty-factset", """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"FactSet","facts":[]},{"type":"Image","url":""}]}"""),
            ("unknown", """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"Bogus"}],"actions":[{"type":"Action.Execute","verb":"a"},{"type":"Action.Execute","verb":"b"},{"type":"Action.Execute","verb":"c"},{"type":"Action.Execute","verb":"d"},{"type":"Action.Execute","verb":"e"},{"type":"Action.Execute","verb":"f"}]}"""),
        ];

        using var report = await RunAsync(tools, broken, render: false, chromium: null);
        var byName = report.RootElement.GetProperty("cards").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c);

        string Events(string name) => string.Join("\n", byName[name + ".json"].GetProperty("parseEvents").EnumerateArray().Select(e => e.GetProperty("message").GetString()));
        Assert.Contains("Unknown element type \"Table\"", Events("table-in-1.4"), StringComparison.Ordinal);
        Assert.Contains("supported in version 1.5", Events("table-in-1.4"), StringComparison.Ordinal);
        Assert.Contains("Unknown element type \"Bogus\"", Events("unknown"), StringComparison.Ordinal);
        Assert.Contains("Maximum number of actions exceeded", Events("unknown"), StringComparison.Ordinal);
        var checks = byName["empty-factset.json"].GetProperty("checks").ToString();
        Assert.Contains("FactSet without facts", checks, StringComparison.Ordinal);
        Assert.Contains("Image without url", checks, StringComparison.Ordinal);
    }

    private static IEnumerable<(string Name, string Json)> Corpus() =>
        CardCorpus.All().Select(c => (c.Name, AdaptiveCardSerializer.Serialize(c.Card)));

    private static Task<JsonDocument> RunAsync(string tools, IEnumerable<(string Name, string Json)> cards, bool render, string? chromium, string? screenshots = null) =>
        OfficialCardValidator.RunAsync(tools, cards, render, chromium, screenshots, TestContext.Current.CancellationToken);
}
