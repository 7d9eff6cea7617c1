using MeetingPrep.Teams.Cards;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

public class CardTextTests
{
    [Theory]
    [InlineData("**bold**", @"\*\*bold\*\*")]
    [InlineData("_it_", @"\_it\_")]
    [InlineData("[click](https://evil.example)", @"\[click\]\(https://evil.example\)")]
    [InlineData("# Heading", @"\# Heading")]
    [InlineData("- item", @"\- item")]
    [InlineData("+ item", @"\+ item")]
    [InlineData("1. first", @"1\. first")]
    [InlineData("Q3-2026 at 3.5%", "Q3-2026 at 3.5%")]
    [InlineData("`code` ~~x~~ a|b", @"\`code\` \~\~x\~\~ a\|b")]
    [InlineData(@"back\slash", @"back\\slash")]
    [InlineData("<at>Everyone</at>", "‹at›Everyone‹/at›")]
    [InlineData("<b>html</b>", "‹b›html‹/b›")]
    public void Markdown_EscapesTheTeamsSubset(string input, string expected) =>
        Assert.Equal(expected, CardText.Markdown(input));

    [Fact]
    public void Plain_LeavesMarkdownAlone_ButNeutralizesMentionTags()
    {
        Assert.Equal("**a** [b](c) ‹at>x‹/at> <b>", CardText.Plain("**a** [b](c) <at>x</at> <b>"));
        Assert.Equal("‹AT>x‹/At>", CardText.Plain("<AT>x</At>"));
    }

    [Fact]
    public void Sanitize_RemovesBidiOverridesAndIsolates_KeepsMarks()
    {
        var text = "invoice\u202Efdp.exe\u202C \u2066iso\u2069 \u202Aa\u202B\u202D \u200Fm\u200E\u061C";
        var clean = CardText.Sanitize(text);
        Assert.Equal("invoicefdp.exe iso a \u200Fm\u200E\u061C", clean);
        foreach (var c in "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069")
        {
            Assert.DoesNotContain(c, clean);
        }
    }

    [Fact]
    public void Sanitize_TurnsControlsAndLineBreaksIntoSingleSpaces()
    {
        Assert.Equal("a b c d e", CardText.Sanitize("  a\r\n\tb\u0000\u0007c\u2028d\u0085\u001be  "));
        Assert.Equal("ab", CardText.Sanitize("a\u200B\uFEFF\u00ADb"));
        Assert.Equal("👨\u200D👩\u200D👧", CardText.Sanitize("👨\u200D👩\u200D👧"));
    }

    [Fact]
    public void Sanitize_ReplacesLoneSurrogates()
    {
        Assert.Equal("a\uFFFDb\uFFFD", CardText.Sanitize("a\uD800b\uDC00"));
    }

    [Fact]
    public void Cap_LimitsLength_WithoutSplittingAPair()
    {
        var text = string.Concat(Enumerable.Repeat("🙂", 100));
        var capped = CardText.Plain(text, 11);
        Assert.True(capped.Length <= 11, capped);
        Assert.EndsWith("…", capped, StringComparison.Ordinal);
        Assert.Equal("🙂🙂🙂🙂🙂…", capped);
        Assert.Equal("short", CardText.Plain("short", 11));
        Assert.Equal(CardText.DefaultMaxLength, CardText.Markdown(new string('x', 10_000)).Length);
    }

    [Fact]
    public void Markdown_EscapesAfterCapping_SoEscapesAreNeverCutInHalf()
    {
        var escaped = CardText.Markdown(new string('*', 1000), 10);
        Assert.Equal(@"\*\*\*\*\*\*\*\*\*…", escaped);
    }

    [Theory]
    [InlineData("https://crm.example.com/a", true)]
    [InlineData("http://127.0.0.1:5000/a", true)]
    [InlineData("http://localhost:5000/a", true)]
    [InlineData("http://crm.example.com/a", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("data:text/html,hi", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("https://user:pw@crm.example.com/", false)]
    public void SafeUrl_AllowsHttpsAndLoopbackOnly(string url, bool allowed) =>
        Assert.Equal(allowed, CardText.SafeUrl(new Uri(url)) is not null);

    [Theory]
    [InlineData(null, CardHost.Teams, true)]
    [InlineData("", CardHost.Teams, true)]
    [InlineData("teams", CardHost.Teams, true)]
    [InlineData("Outlook", CardHost.Outlook, true)]
    [InlineData("1", CardHost.Teams, false)]
    [InlineData("teams,outlook", CardHost.Teams, false)]
    [InlineData("slack", CardHost.Teams, false)]
    public void CardHosts_ParseOnlyTheTwoNames(string? value, CardHost expected, bool ok)
    {
        Assert.Equal(ok, CardHosts.TryParse(value, out var host));
        Assert.Equal(expected, host);
    }
}
