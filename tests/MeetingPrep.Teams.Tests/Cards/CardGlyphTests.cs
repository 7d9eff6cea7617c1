using System.Text.RegularExpressions;
using MeetingPrep.Teams.Cards;
using MeetingPrep.Testing;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>
/// Glyphs that render everywhere: no card carries a private-use code point, and every icon-font glyph of the stock
/// adaptivecards stylesheet (Windows-only fonts, a box on macOS and Linux) is replaced by shared/cards.css, which every
/// page that renders cards loads after it. Flag choices are whole, wrapped and distinct.
/// </summary>
public partial class CardGlyphTests
{
    private static string WwwRoot => Path.Combine(RepoPaths.Root, "src", "MeetingPrep.Web", "wwwroot");

    private static bool IsPrivateUse(int codePoint) => codePoint is (>= 0xE000 and <= 0xF8FF) or (>= 0xF0000 and <= 0x10FFFF);

    [Fact]
    public void No_card_carries_a_private_use_glyph()
    {
        foreach (var (name, card) in CardCorpus.All())
        {
            var json = AdaptiveCardSerializer.Serialize(card);
            var found = json.EnumerateRunes().Where(r => IsPrivateUse(r.Value)).Select(r => $"U+{r.Value:X4}").Distinct().ToList();
            Assert.True(found.Count == 0, $"{name}: {string.Join(", ", found)}");
        }
    }

    [Fact]
    public void Every_icon_font_glyph_of_the_stock_stylesheet_is_replaced_on_every_page_that_renders_cards()
    {
        var stock = File.ReadAllText(Path.Combine(WwwRoot, "lib", "adaptivecards", "adaptivecards.css"));
        var ours = Rules(File.ReadAllText(Path.Combine(WwwRoot, "shared", "cards.css")));
        var iconRules = Rules(stock).Where(r => PrivateUseContent().IsMatch(r.Body)).Select(r => r.Selector).ToList();
        Assert.NotEmpty(iconRules);
        foreach (var selector in iconRules)
        {
            var replacement = ours.LastOrDefault(r => r.Selector == selector);
            Assert.True(replacement.Body is not null, $"{selector} keeps the stock icon-font glyph");
            Assert.Matches(@"content:\s*""\\25[0-9A-F]{2}""", replacement.Body);
            Assert.DoesNotMatch(PrivateUseContent(), replacement.Body);
        }

        foreach (var page in new[] { Path.Combine(WwwRoot, "index.html"), Path.Combine(WwwRoot, "outlook", "taskpane.html") })
        {
            var html = File.ReadAllText(page);
            var stockAt = html.IndexOf("adaptivecards/adaptivecards.css", StringComparison.Ordinal);
            var oursAt = html.IndexOf("shared/cards.css", StringComparison.Ordinal);
            Assert.True(stockAt >= 0 && oursAt > stockAt, $"{page} must load shared/cards.css after the stock stylesheet");
        }
    }

    [Fact]
    public void Flag_choices_are_whole_wrapped_and_distinct()
    {
        var briefing = TestBriefings.Fabrikam();
        var card = BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, CardHost.Teams);

        var choices = CardWalker.Elements(card).OfType<InputChoiceSet>().Single(c => c.Id == CardVerbs.ItemKeyInput);
        Assert.True(choices.Wrap);
        Assert.Equal(ChoiceInputStyle.Expanded, choices.Style);
        Assert.Equal(choices.Choices.Count, choices.Choices.Select(c => c.Title).Distinct(StringComparer.Ordinal).Count());
        // Longer than the old 40-character cut, and wrapped: lines that start alike still read apart.
        Assert.Contains(choices.Choices, c => c.Title.Length > 48);
    }

    private static List<(string Selector, string Body)> Rules(string css) =>
        [.. RuleRegex().Matches(CommentRegex().Replace(css, " ")).Select(m => (Normalize(m.Groups[1].Value), m.Groups[2].Value))];

    private static string Normalize(string selector) => string.Join(' ', selector.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline, 1000)]
    private static partial Regex CommentRegex();

    [GeneratedRegex(@"([^{}]+)\{([^{}]*)\}", RegexOptions.None, 1000)]
    private static partial Regex RuleRegex();

    [GeneratedRegex(@"content:\s*""\\[eEfF][0-9a-fA-F]{3}""", RegexOptions.None, 1000)]
    private static partial Regex PrivateUseContent();
}
