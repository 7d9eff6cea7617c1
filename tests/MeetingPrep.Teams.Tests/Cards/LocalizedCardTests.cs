using System.Globalization;
using System.Text.RegularExpressions;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Teams.Cards;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>Cards in the reader's language, with dates and numbers in that language's culture.</summary>
public sealed partial class LocalizedCardTests
{
    [Fact]
    public void A_german_reader_gets_a_german_card_with_german_dates()
    {
        var card = BriefingCardRenderer.Render(TestBriefings.Fabrikam(), TestBriefings.Viewer with { Culture = "de-DE" }, CardHost.Teams);

        Assert.Equal(@"Fr 27. November, 15:00–15:45 \(Ihre Ortszeit, Europe/Berlin\)", Assert.IsType<TextBlock>(card.Body[1]).Text);
        var headings = CardWalker.Elements(card).OfType<TextBlock>().Where(t => t.Style == TextBlockStyle.Heading).Select(t => t.Text).ToList();
        Assert.Equal(["Kurz gesagt", "Wer kommt", "Kunde auf einen Blick", "Offene Themen", "Gesprächsthemen", "Risiken"], headings);
        Assert.Equal(["Hilfreich", "Nicht hilfreich", "Fehler melden", "Im CRM öffnen", "Mehr"], card.Actions!.Select(a => a.Title));

        var chrome = InterfaceText(card);
        Assert.Contains(chrome, t => t.StartsWith("Zeilen ohne Markierung sind Fakten", StringComparison.Ordinal));
        AssertNoEnglishDates(chrome, "de-DE");
    }

    [Fact]
    public void The_language_setting_wins_over_the_teams_locale()
    {
        var japanese = BriefingCardRenderer.Render(
            TestBriefings.Fabrikam() with { Recipe = BriefingRecipe.Default with { Culture = "ja-JP" } }, TestBriefings.Viewer, CardHost.Outlook);

        Assert.StartsWith("11月27日", Assert.IsType<TextBlock>(japanese.Body[1]).Text.Split(' ', 2)[1], StringComparison.Ordinal);
        Assert.Contains("15:00–15:45", Assert.IsType<TextBlock>(japanese.Body[1]).Text, StringComparison.Ordinal);
        Assert.Contains("役に立った", japanese.Actions!.Select(a => a.Title));
        AssertNoEnglishDates(InterfaceText(japanese), "ja-JP");
    }

    [Fact]
    public void French_follows_french_typography()
    {
        var card = BriefingCardRenderer.Render(TestBriefings.Fabrikam(), TestBriefings.Viewer with { Culture = "fr-FR" }, CardHost.Teams);

        Assert.Equal(@"ven. 27 novembre, 15:00–15:45 \(votre heure locale, Europe/Berlin\)", Assert.IsType<TextBlock>(card.Body[1]).Text);
        Assert.StartsWith("Avec Priya Raman et Dan Okafor ; de notre côté : vous", CardWalker.Texts(card).ElementAt(2), StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_lines_stay_as_written()
    {
        var briefing = TestBriefings.Fabrikam();
        var card = BriefingCardRenderer.Render(briefing, TestBriefings.Viewer with { Culture = "de-DE" }, CardHost.Teams);

        var lines = CardWalker.Runs(card).Select(r => r.Text).ToList();
        Assert.Contains("• Case 4471, dashboard refresh failing (EMEA), escalated 21 Nov, waiting on our engineering", lines);
    }

    /// <summary>No English day or month name, nor AM/PM, unless the language writes it the same ("November" in German).</summary>
    internal static void AssertNoEnglishDates(IEnumerable<string> texts, string cultureName)
    {
        var own = DateWords(CultureInfo.GetCultureInfo(cultureName));
        var english = DateWords(CultureInfo.GetCultureInfo("en-US")).Append("Sept").Where(w => !own.Contains(w)).ToHashSet(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var found = WordRegex().Matches(text).Select(m => m.Value).FirstOrDefault(english.Contains);
            Assert.True(found is null, $"English date word '{found}' in: {text}");
        }
    }

    private static HashSet<string> DateWords(CultureInfo culture)
    {
        var f = culture.DateTimeFormat;
        return f.DayNames.Concat(f.AbbreviatedDayNames).Concat(f.MonthNames).Concat(f.AbbreviatedMonthNames).Append(f.AMDesignator).Append(f.PMDesignator)
            .Select(w => w.TrimEnd('.')).Where(w => w.Length > 0).ToHashSet(StringComparer.Ordinal);
    }


    /// <summary>What the card says itself: everything but the briefing's lines and source titles (quoted as written).</summary>
    private static List<string> InterfaceText(AdaptiveCard card)
    {
        var quoted = CardWalker.Elements(card).OfType<RichTextBlock>().SelectMany(r => r.Inlines.OfType<TextRun>()).Select(r => r.Text).ToHashSet();
        var choices = CardWalker.Elements(card).OfType<InputChoiceSet>().SelectMany(c => c.Choices).Select(c => c.Title).ToHashSet();
        return CardWalker.Texts(card).Where(t => !quoted.Contains(t) && !choices.Contains(t)).ToList();
    }

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex WordRegex();
}
