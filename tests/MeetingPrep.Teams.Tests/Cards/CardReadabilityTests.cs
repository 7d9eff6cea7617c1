using System.Text.RegularExpressions;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Teams.Cards;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>A card worth reading: nothing said twice, who is coming always there, and "Detailed" really shows more.</summary>
public sealed partial class CardReadabilityTests
{
    /// <summary>Every line a reader sees (text blocks, and rich text blocks as one line each), hidden parts included.</summary>
    internal static List<string> Lines(AdaptiveCard card) =>
    [
        .. CardWalker.Elements(card).Select(e => e switch
        {
            TextBlock t => t.Text,
            RichTextBlock r => string.Concat(r.Inlines.OfType<TextRun>().Select(run => run.Text)),
            _ => null,
        }).OfType<string>(),
    ];

    /// <summary>As the scenario-pack evaluation compares lines: case, spaces and citation marks aside.</summary>
    internal static string Normalize(string line) =>
        string.Join(' ', CitationRegex().Replace(line, " ").Trim().TrimStart('•').Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    internal static List<string> Repeated(AdaptiveCard card) =>
        [.. Lines(card).Select(Normalize).Where(l => l.Length > 0).GroupBy(l => l).Where(g => g.Count() > 1).Select(g => g.Key)];

    private static BriefingItem Line(string key, string text, double score, string citation) => TestBriefings.Item(key, text, ItemLabel.Fact, score, citation);

    /// <summary>A briefing as the old writer made them: the summary repeats section lines, several sections have hidden lines.</summary>
    private static Briefing Repetitive(BriefingLength length = BriefingLength.Standard)
    {
        var briefing = TestBriefings.Fabrikam();
        return briefing with
        {
            Recipe = BriefingRecipe.Default with { Length = length },
            Sections =
            [
                TestBriefings.Section(SectionKind.Summary, "In short",
                    Line("summary:case:4471", "Case 4471, dashboard refresh failing (EMEA), escalated 21 Nov, waiting on our engineering", 0.9, "case:4471")),
                .. briefing.Sections.Where(s => s.Kind != SectionKind.Summary).Select(s => s.Kind switch
                {
                    SectionKind.OpenIssues => s with
                    {
                        Items = [.. s.Items, Line("case:4500", "Case 4500, SSO login loop", 0.5, "case:4490"), Line("case:4501", "Case 4501, slow export", 0.4, "case:4490")],
                        OmittedCount = 2,
                    },
                    SectionKind.AccountSnapshot => s with
                    {
                        Items = [.. s.Items, Line("metric:users", "Active users 1,240 → 1,006", 0.5, "metric:fabrikam-spend")],
                        OmittedCount = 2,
                    },
                    _ => s,
                }),
            ],
        };
    }

    [Fact]
    public void No_line_of_the_card_appears_twice()
    {
        foreach (var host in Enum.GetValues<CardHost>())
        {
            var card = BriefingCardRenderer.Render(Repetitive(), TestBriefings.Viewer, host);

            Assert.Empty(Repeated(card));
            Assert.Single(Lines(card), l => l.StartsWith("• Case 4471, dashboard refresh failing", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Who_is_coming_always_has_room_on_the_card()
    {
        // Attendee lines score lowest of all, and the budget is tight: they still stay, the least urgent others go.
        var briefing = Repetitive();
        briefing = briefing with
        {
            Sections = [.. briefing.Sections.Select(s => s.Kind == SectionKind.Attendees ? s with { Items = [.. s.Items.Select(i => i with { Score = 0.01 })] } : s)],
        };

        var card = BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, new BriefingCardOptions { Budget = Tight(briefing) });

        var lines = Lines(card);
        Assert.Contains("Who is coming", lines);
        Assert.Contains(lines, l => l.StartsWith("• Priya Raman", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("• Dan Okafor", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("• Case 4501", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pinned_line_is_trimmed_after_every_ordinary_one()
    {
        var briefing = Repetitive();
        briefing = briefing with
        {
            Sections = [.. briefing.Sections.Select(s => s.Kind == SectionKind.OpenIssues ? s with { Items = [.. s.Items.Select(i => i.Key == "case:4501" ? i with { Pinned = true, Score = 0.01 } : i)] } : s)],
        };

        var card = BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, new BriefingCardOptions { Budget = Tight(briefing) });

        Assert.Contains(Lines(card), l => l.StartsWith("• Case 4501", StringComparison.Ordinal));
        Assert.True(Lines(card).Count(l => l.StartsWith('•')) < Lines(BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, CardHost.Teams)).Count(l => l.StartsWith('•')));
    }

    /// <summary>A budget about four lines short of the whole card.</summary>
    private static CardBudget Tight(Briefing briefing)
    {
        var whole = AdaptiveCardSerializer.SizeInBytes(BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, CardHost.Teams));
        return new CardBudget(whole - 1200, 28 * 1024);
    }

    [Fact]
    public void Choosing_detailed_shows_more_on_the_card()
    {
        static int VisibleLines(AdaptiveCard card) => VisibleElements(card.Body).OfType<RichTextBlock>()
            .Count(r => r.Inlines.OfType<TextRun>().FirstOrDefault()?.Text.StartsWith('•') == true);

        var standard = BriefingCardRenderer.Render(Repetitive(BriefingLength.Standard), TestBriefings.Viewer, CardHost.Teams);
        var detailed = BriefingCardRenderer.Render(Repetitive(BriefingLength.Detailed), TestBriefings.Viewer, CardHost.Teams);

        Assert.True(VisibleLines(detailed) > VisibleLines(standard), $"detailed shows {VisibleLines(detailed)} lines, standard {VisibleLines(standard)}");
        Assert.True(CardBudget.For(BriefingLength.Detailed).TargetBytes > CardBudget.For(BriefingLength.Standard).TargetBytes);
    }

    /// <summary>Elements shown without tapping anything: hidden containers and their contents are skipped.</summary>
    private static IEnumerable<CardElement> VisibleElements(IEnumerable<CardElement> elements)
    {
        foreach (var element in elements.Where(e => e.IsVisible != false))
        {
            yield return element;
            var children = element switch
            {
                Container c => c.Items,
                ColumnSet set => set.Columns.SelectMany(col => col.Items),
                _ => [],
            };
            foreach (var child in VisibleElements(children))
            {
                yield return child;
            }
        }
    }

    [GeneratedRegex(@"\[\d{1,3}\]")]
    private static partial Regex CitationRegex();
}
