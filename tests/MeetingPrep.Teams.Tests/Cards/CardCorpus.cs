using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Outcomes;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Sources;
using MeetingPrep.Teams.Cards;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>Every kind of card we emit, for both hosts, from normal, oversized and hostile inputs.</summary>
internal static class CardCorpus
{
    public static IReadOnlyList<(string Name, AdaptiveCard Card)> All()
    {
        var cards = new List<(string, AdaptiveCard)>();
        foreach (var host in Enum.GetValues<CardHost>())
        {
            var h = host.ToString().ToLowerInvariant();
            cards.Add(($"briefing-fabrikam.{h}", BriefingCardRenderer.Render(TestBriefings.Fabrikam(), TestBriefings.Viewer, host)));
            cards.Add(($"briefing-degraded.{h}", BriefingCardRenderer.Render(TestBriefings.Degraded(), TestBriefings.NewYorkViewer, host)));
            cards.Add(($"briefing-empty.{h}", BriefingCardRenderer.Render(TestBriefings.Empty(), TestBriefings.Viewer, host)));
            cards.Add(($"briefing-huge.{h}", BriefingCardRenderer.Render(TestBriefings.Huge(), TestBriefings.Viewer, host)));
            cards.Add(($"briefing-hostile.{h}", BriefingCardRenderer.Render(TestBriefings.Hostile(), TestBriefings.Viewer, host)));
            cards.Add(($"settings.{h}", SettingsCardBuilder.Build(BriefingRecipe.Default, TestBriefings.Viewer, host)));
            cards.Add(($"settings-preview.{h}", SettingsCardBuilder.Build(
                BriefingRecipe.Default with { Length = BriefingLength.Brief, Culture = "de-DE", Instructions = "Lead with open cases" },
                TestBriefings.Viewer,
                host,
                TestBriefings.Fabrikam(),
                ["'lookBack.emailDays' must be a whole number from 1 to 365."])));
            cards.Add(($"settings-flags.{h}", SettingsCardBuilder.Build(BriefingRecipe.Default, TestBriefings.Viewer, host, flags:
            [
                new(12, "AAMkAGI2TG93AAA=", "case:4471", new("Case", "case:4471", "2026-11-21T08:00:00.0000000Z", "Case 4471: dashboard refresh failing (EMEA)"), "Closed **yesterday** <at>x</at>", TestBriefings.Now),
                new(3, "AAMkAGI2TG93AAA=", "legacy:key", null, null, TestBriefings.Now.AddDays(-3)),
            ])));
            cards.Add(($"briefing-full.{h}", BriefingCardRenderer.RenderFull(TestBriefings.Huge(10, 20), TestBriefings.Viewer, host)));
            cards.Add(($"answer.{h}", AnswerCardBuilder.Build(Answer(), host)));
            cards.Add(($"answer-empty.{h}", AnswerCardBuilder.Build(new ChatAnswer("Who is Dan?", [], [], null), host)));
            cards.Add(($"digest.{h}", DigestCardBuilder.Build(TestBriefings.Viewer, new DateOnly(2026, 11, 27), Digest(), host)));
            cards.Add(($"digest-empty.{h}", DigestCardBuilder.Build(TestBriefings.Viewer, new DateOnly(2026, 11, 27), [], host)));
            cards.Add(($"team-report.{h}", TeamReport(host)));
            cards.Add(($"team-report-empty.{h}", TeamReportCardBuilder.Build(
                [], new OutcomeComparison(14, Hidden, Hidden, [], OutcomeComparison.AssociationCaveat), 5, 15, new Uri("https://meetingprep.example.com/report"), host, TeamsText.English)));
            cards.Add(($"error.{h}", StatusCards.Error("We could not prepare this briefing", "The calendar did not answer. Try again in a minute.", "AAMk1", host)));
            cards.Add(($"empty.{h}", StatusCards.Empty("No meetings to brief today", "Meetings with people outside the company get a briefing an hour before they start.", host)));
            cards.Add(($"welcome.{h}", WelcomeCardBuilder.Build("Lena **Vogt**", host)));
            cards.Add(($"briefing-audit.{h}", BriefingAuditCardBuilder.Build("AAMk1", [Audit(fellBack: false), Audit(fellBack: true)], TestBriefings.Viewer, host)));
            cards.Add(($"briefing-audit-none.{h}", BriefingAuditCardBuilder.Build("AAMk1", [], TestBriefings.Viewer, host)));
        }

        return cards;
    }

    /// <summary>An audit record with a source that was unavailable, as "How this was made" shows it.</summary>
    internal static Core.Briefings.Audit.BriefingAuditRecord Audit(bool fellBack) => new(
        "tenant", "user", "AAMk1", TestBriefings.Now.AddHours(2), TestBriefings.Now, "extractive (no LLM)", fellBack ? "azure-openai:gpt-4o" : null, fellBack,
        [
            new("calendar", "Microsoft Graph", SourceAccess.Delegated, TestBriefings.Now, "ok", 1),
            new("mail", "Microsoft Graph", SourceAccess.Application, TestBriefings.Now, "timeout", 0),
            new("crm", "Built-in CRM", SourceAccess.Application, TestBriefings.Now, "ok", 12),
        ]);

    private static readonly OutcomeGroup Hidden = new(true, null, null, null, null, null, null, null);

    /// <summary>The leaders' digest over three weeks, the middle one hidden (too few people).</summary>
    public static AdaptiveCard TeamReport(CardHost host, TeamsText? text = null) => TeamReportCardBuilder.Build(
        [
            new EngagementWeek(new DateOnly(2026, 11, 2), false, 8, 16, 6, 0.375, 5, 1, 0.8333, 2, 0.125, [new FlaggedSource("case", 2)], 1, 3, 90),
            new EngagementWeek(new DateOnly(2026, 11, 9), true, null, null, null, null, null, null, null, null, null, null, null, null, null),
            new EngagementWeek(new DateOnly(2026, 11, 16), false, 7, 14, 12, 0.8571, 10, 2, 0.8333, 3, 0.2143, [new FlaggedSource("case", 2), new FlaggedSource("opportunity", 1)], 0, 5, 180),
        ],
        new OutcomeComparison(
            14,
            new OutcomeGroup(false, 32, 8, 0.25, 0.0625, 0.125, 0.125, 0.5),
            Hidden,
            [],
            OutcomeComparison.AssociationCaveat),
        5,
        15,
        new Uri("https://meetingprep.example.com/report"),
        host,
        text ?? TeamsText.English);

    public static ChatAnswer Answer() => new(
        "What did Priya ask about last week?",
        [
            new AnswerLine("She asked why the monthly reports were late again and whether the EMEA dashboard fix has a date.", ItemLabel.Fact, ["email:AAMkLate", "case:4471"]),
            new AnswerLine("She is likely to raise it in the review.", ItemLabel.Inference, ["email:AAMkLate"]),
        ],
        [
            new SourceRef(SourceKind.Email, "email:AAMkLate", "Late reports again", new DateTimeOffset(2026, 11, 19, 9, 12, 0, TimeSpan.Zero), new Uri("https://outlook.office365.com/owa/?ItemID=AAMkLate")),
            new SourceRef(SourceKind.Case, "case:4471", "Case 4471", null, new Uri("https://crm.example.com/cases/4471")),
        ],
        "AAMkAGI2TG93AAA=");

    public static IReadOnlyList<DigestEntry> Digest() =>
    [
        new("m2", "Fabrikam quarterly business review", new DateTimeOffset(2026, 11, 27, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 27, 14, 45, 0, TimeSpan.Zero), false, true, null, new Uri("https://teams.microsoft.com/l/meetup-join/x")),
        new("m1", "Team stand-up", new DateTimeOffset(2026, 11, 27, 8, 30, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 27, 8, 45, 0, TimeSpan.Zero), false, false, "Internal meeting", null),
        new("m3", "Contoso <at>intro</at> [call](https://evil.example)", new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 27, 16, 30, 0, TimeSpan.Zero), false, false, "Private meeting", null),
        new("m0", "Company holiday", new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero), true, false, "All-day event", null),
    ];
}
