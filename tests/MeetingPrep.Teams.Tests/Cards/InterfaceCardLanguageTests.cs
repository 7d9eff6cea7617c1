using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Teams.Cards;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>
/// The cards around the briefing (settings, digest, welcome, "How this was made") and the reasons a meeting has no
/// briefing, in German, French and Japanese: every word the card says itself is in the reader's language, not English.
/// </summary>
public sealed class InterfaceCardLanguageTests
{
    [Theory]
    [InlineData("de-DE", "Ihre Briefing-Einstellungen", "Welche Besprechungen", "Speichern", "30 Tage", "1 Stunde")]
    [InlineData("ja-JP", "ブリーフィングの設定", "対象の会議", "保存", "30 日", "1 時間")]
    public void The_settings_card_is_in_the_readers_language(string culture, string title, string heading, string save, string days, string lead)
    {
        var reader = TestBriefings.Viewer with { Culture = culture };
        var card = SettingsCardBuilder.Build(BriefingRecipe.Default, reader, CardHost.Teams, TestBriefings.Fabrikam());
        var words = Words(card);

        Assert.Contains(title, words);
        Assert.Contains(heading, words);
        Assert.Contains(save, card.Actions!.Select(a => a.Title));
        Assert.Contains(days, words);
        Assert.Contains(lead, words);
        AssertNoEnglish(words, Words(SettingsCardBuilder.Build(BriefingRecipe.Default, TestBriefings.Viewer with { Culture = "en-US" }, CardHost.Teams, TestBriefings.Fabrikam())));
    }

    [Fact]
    public void The_settings_language_choice_decides_the_cards_language()
    {
        var card = SettingsCardBuilder.Build(BriefingRecipe.Default with { Culture = "ja-JP" }, TestBriefings.Viewer with { Culture = "de-DE" }, CardHost.Teams);

        Assert.Contains("ブリーフィングの設定", Words(card));
    }

    [Theory]
    [InlineData("de-DE", "Ihre Besprechungen, Fr 27. November", "Besprechung", "Bereit", "Ganztägig")]
    [InlineData("ja-JP", "11月27日", "会議", "準備済み", "終日")]
    public void The_digest_is_in_the_readers_language_with_its_dates(string culture, string title, string header, string ready, string allDay)
    {
        // Reasons come in the reader's language from the caller (TeamsText.Why); without one the card says "not briefed" itself.
        var meetings = CardCorpus.Digest().Select(m => m with { Reason = null }).ToList();
        var card = DigestCardBuilder.Build(TestBriefings.Viewer with { Culture = culture }, new DateOnly(2026, 11, 27), meetings, CardHost.Teams);
        var words = Words(card);

        Assert.Contains(words, w => w.Contains(title, StringComparison.Ordinal));
        Assert.Contains(header, words);
        Assert.Contains(ready, words);
        Assert.Contains(allDay, words);
        LocalizedCardTests.AssertNoEnglishDates(words, culture);
        AssertNoEnglish(words, Words(DigestCardBuilder.Build(TestBriefings.Viewer with { Culture = "en-US" }, new DateOnly(2026, 11, 27), meetings, CardHost.Teams)));
    }

    [Theory]
    [InlineData("de-DE", "Hallo Lena, ich bin MeetingPrep.", "Einstellungen")]
    [InlineData("ja-JP", "Lena さん、こんにちは。MeetingPrep です。", "設定")]
    public void The_welcome_card_greets_in_the_clients_language_and_keeps_the_english_commands(string locale, string greeting, string settings)
    {
        var card = WelcomeCardBuilder.Build("Lena", CardHost.Teams, TeamsText.ForLocale(locale));
        var words = Words(card);

        Assert.Equal(greeting, words[0]);
        Assert.Equal(settings, Assert.Single(card.Actions!).Title);
        Assert.Contains(words, w => w.Contains("- brief me on my next meeting", StringComparison.Ordinal)); // commands are English only
        AssertNoEnglish(words.Where(w => !w.StartsWith("- ", StringComparison.Ordinal)).ToList(), Words(WelcomeCardBuilder.Build("Lena", CardHost.Teams)));
    }

    [Theory]
    [InlineData("de-DE", "category", "Privat", "Die Besprechung hat die Kategorie „Privat“.")]
    [InlineData("ja-JP", "category", "Privat", "この会議には分類「Privat」が付いています。")]
    [InlineData("de-DE", "too_few_people", "3", "Weniger als 3 Personen nehmen teil.")]
    [InlineData("ja-JP", "private", null, "非公開または機密の会議はブリーフィングの対象外です。")]
    [InlineData("de-DE", "forbidden", null, "Sie sehen nur Briefings für Besprechungen, an denen Sie teilnehmen.")]
    public void Why_a_meeting_has_no_briefing_is_said_in_the_readers_language(string culture, string code, string? detail, string expected)
    {
        var text = TeamsText.ForLocale(culture);

        Assert.Equal(expected, text.Why(MeetingEligibility.Skipped("English reason", code, detail), "English reason"));
    }

    [Theory]
    [InlineData("de-DE", "So entstand dieses Briefing", "Gelesene Quellen", "Zurück zum Briefing", "1 Datensatz · als Sie")]
    [InlineData("fr-FR", "Comment ce briefing a été rédigé", "Sources lues", "Retour au briefing", "1 enregistrement · en votre nom")]
    [InlineData("ja-JP", "このブリーフィングの作成方法", "参照したソース", "ブリーフィングに戻る", "1 件のレコード · あなたとして")]
    public void How_a_briefing_was_made_is_said_in_the_readers_language(string culture, string title, string heading, string back, string calendarRead)
    {
        IReadOnlyList<Core.Briefings.Audit.BriefingAuditRecord> records = [CardCorpus.Audit(fellBack: true), CardCorpus.Audit(fellBack: false)];
        var card = BriefingAuditCardBuilder.Build("AAMk1", records, TestBriefings.Viewer with { Culture = culture }, CardHost.Teams);
        var words = Words(card);

        Assert.Equal(title, words[0]);
        Assert.Contains(heading, words);
        Assert.Contains(words, w => w.StartsWith(calendarRead, StringComparison.Ordinal));
        Assert.Equal(back, Assert.Single(card.Actions!).Title);

        // The recipe's language wins over the client's, as on the other cards.
        Assert.Equal(title, Words(BriefingAuditCardBuilder.Build("AAMk1", records, TestBriefings.Viewer with { Culture = "en-US" }, CardHost.Teams, culture))[0]);

        // Source and provider names are data, the same in every language.
        var names = records[0].Sources.Select(s => $"{s.Source} ({s.Provider})").ToHashSet(StringComparer.Ordinal);
        var english = Words(BriefingAuditCardBuilder.Build("AAMk1", records, TestBriefings.Viewer with { Culture = "en-US" }, CardHost.Teams));
        AssertNoEnglish(words, english.Where(w => !names.Contains(w)));
        AssertNoEnglish(Words(BriefingAuditCardBuilder.Build("AAMk1", [], TestBriefings.Viewer with { Culture = culture }, CardHost.Teams)),
            Words(BriefingAuditCardBuilder.Build("AAMk1", [], TestBriefings.Viewer with { Culture = "en-US" }, CardHost.Teams)));
    }

    [Theory]
    [InlineData("de-DE", "Die Briefings Ihres Teams, Woche vom 16. Nov. 2026", "Woche für Woche", "Vollständigen Bericht öffnen")]
    [InlineData("fr-FR", "Les briefings de votre équipe, semaine du 16 nov. 2026", "Semaine par semaine", "Ouvrir le rapport complet")]
    [InlineData("ja-JP", "チームのブリーフィング（2026年11月16日の週）", "週ごと", "レポート全体を開く")]
    public void The_leaders_weekly_card_is_in_the_readers_language(string culture, string title, string heading, string open)
    {
        var card = CardCorpus.TeamReport(CardHost.Teams, TeamsText.For(System.Globalization.CultureInfo.GetCultureInfo(culture)));
        var words = Words(card);

        Assert.Equal(title, words[0]);
        Assert.Equal(title, card.FallbackText);
        Assert.Contains(heading, words);
        Assert.Equal(open, Assert.Single(card.Actions!).Title);
        AssertNoEnglish(words, Words(CardCorpus.TeamReport(CardHost.Teams)));
    }

    [Fact]
    public void Every_rule_of_the_briefing_policy_has_its_sentence()
    {
        // Each code BriefingPolicy and BriefingService skip with.
        var codes = new[] { "private", "cancelled", "personal", "free", "category", "keyword", "muted", "recurring", "too_few_people", "external_off", "internal_off", "not_attending", "forbidden" };
        var german = TeamsText.ForLocale("de-DE");
        foreach (var code in codes)
        {
            Assert.NotEqual("English", german.Why(MeetingEligibility.Skipped("English", code, "x"), "English"));
        }

        // A rule with no sentence says Core's English reason rather than nothing.
        Assert.Equal("English", german.Why(MeetingEligibility.Skipped("English", "some_new_rule"), "English"));
        Assert.Equal(german["Briefing.None"], german.Why((MeetingEligibility?)null, null));
    }

    /// <summary>
    /// What the card says itself: text, labels, placeholders, choices and buttons; not the lines it quotes (rich text runs)
    /// nor the languages offered, each named in itself.
    /// </summary>
    private static List<string> Words(AdaptiveCard card)
    {
        var quoted = CardWalker.Runs(card).Select(r => r.Text)
            .Concat(CardWalker.Elements(card).OfType<InputChoiceSet>().Where(c => c.Id == SettingsForm.Culture).SelectMany(c => c.Choices.Skip(1)).Select(c => c.Title))
            .ToHashSet(StringComparer.Ordinal);
        var inputs = CardWalker.Elements(card).SelectMany(e => e switch
        {
            InputText t => new[] { t.Label, t.Placeholder },
            InputChoiceSet c => [c.Label],
            InputToggle t => [t.Title, t.Label],
            _ => [],
        });
        return [.. CardWalker.Texts(card).Where(t => !quoted.Contains(t)), .. inputs.OfType<string>()];
    }

    /// <summary>No sentence or label of the English card appears as it is (short shared words like "Briefing" aside).</summary>
    private static void AssertNoEnglish(IReadOnlyCollection<string> words, IEnumerable<string> english)
    {
        var sentences = english.Where(e => e.Length > 12).ToHashSet(StringComparer.Ordinal);
        var found = words.Where(sentences.Contains).ToList();
        Assert.True(found.Count == 0, "English left: " + string.Join(" | ", found));
    }
}
