using MeetingPrep.Testing;
using System.Text;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Sources;
using MeetingPrep.Teams.Cards;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>The 28 KB hard budget holds for any briefing, not just the ones we thought of.</summary>
public class CardBudgetTests
{
    private static readonly string[] Alphabets =
    [
        "abcdefghijklmnopqrstuvwxyz ",
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя ",
        "日本語のテキストと漢字",
        "🙂👨‍👩‍👧🚀✓",
        "*_[]()<>#-+.!`~|\\&\"'",
        "\u202E\u2066\u200F\u0000\u0007\r\n\t",
    ];

    /// <summary>The trim count estimated from the lines' texts lands on the card bisection finds, for any briefing.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void The_estimated_trim_renders_the_card_bisection_renders(int seed)
    {
        var random = new Random(seed);
        var briefings = Enumerable.Range(0, 4).Select(_ => RandomBriefing(random)).Append(TestBriefings.Huge()).Append(TestBriefings.Huge(40, 60));
        foreach (var briefing in briefings)
        {
            foreach (var host in Enum.GetValues<CardHost>())
            {
                var options = new BriefingCardOptions { Host = host };
                Assert.Equal(
                    AdaptiveCardSerializer.Serialize(BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, options, TrimSearch.Bisect)),
                    AdaptiveCardSerializer.Serialize(BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, options, TrimSearch.Interpolate)));
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void RandomBriefings_StayUnderTheHardBudget_AndValidate(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 4; round++)
        {
            var briefing = RandomBriefing(random);
            foreach (var host in Enum.GetValues<CardHost>())
            {
                var card = BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, host);
                var json = AdaptiveCardSerializer.Serialize(card);
                var bytes = Encoding.UTF8.GetByteCount(json);
                Assert.True(bytes <= CardBudget.Default.HardBytes, $"seed {seed} round {round} {host}: {bytes} bytes");
                Assert.True(bytes <= CardBudget.For(briefing.Recipe.Length).TargetBytes, $"seed {seed} round {round} {host}: {bytes} bytes over the target");
                var errors = AdaptiveCardSchema.Validate(json);
                Assert.True(errors.Count == 0, string.Join("\n", errors.Take(5)));
            }
        }
    }

    [Fact]
    public void WhenEvenTheFixedPartsCannotFit_TheCardSaysSo_InsteadOfBreakingTheLimit()
    {
        var options = new BriefingCardOptions { Budget = new CardBudget(600, 1200) };
        var card = BriefingCardRenderer.Render(TestBriefings.Fabrikam(), TestBriefings.Viewer, options);

        Assert.True(AdaptiveCardSerializer.SizeInBytes(card) <= 1200);
        Assert.Contains(CardWalker.Texts(card), t => t.Contains("too large for a card", StringComparison.Ordinal));
    }

    [Fact]
    public void ATighterBudget_KeepsFewerItems()
    {
        var loose = BriefingCardRenderer.Render(TestBriefings.Fabrikam(), TestBriefings.Viewer, CardHost.Teams);
        var tight = BriefingCardRenderer.Render(TestBriefings.Fabrikam(), TestBriefings.Viewer, new BriefingCardOptions { Budget = new CardBudget(7 * 1024, 28 * 1024) });

        static int Kept(AdaptiveCard card) => CardWalker.Elements(card).OfType<InputChoiceSet>().Single().Choices.Count;
        Assert.True(AdaptiveCardSerializer.SizeInBytes(tight) <= 7 * 1024);
        Assert.True(Kept(tight) < Kept(loose));
        Assert.Contains(CardWalker.Texts(tight), t => t.Contains($"{Kept(loose) - Kept(tight)} more items in the full briefing", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnlimitedBudget_TrimsNothing_SoTheBenchmarkBaselineIsTheWholeCard()
    {
        // The benchmark harness compares trimming against serializing this untrimmed card; it must really be untrimmed.
        var huge = TestBriefings.Huge();
        var unlimited = new BriefingCardOptions { Budget = new CardBudget(int.MaxValue / 2, int.MaxValue / 2) };

        var untrimmed = BriefingCardRenderer.Render(huge, TestBriefings.Viewer, unlimited);
        var trimmed = BriefingCardRenderer.Render(huge, TestBriefings.Viewer, CardHost.Teams);

        // The footer counts what the card leaves out of the briefing: nothing when nothing is trimmed.
        var omitted = 0;
        static int? More(AdaptiveCard card) => CardWalker.Texts(card)
            .Select(t => System.Text.RegularExpressions.Regex.Match(t, @"(\d+) more items in the full briefing"))
            .Where(m => m.Success)
            .Select(m => (int?)int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .FirstOrDefault();
        Assert.Null(More(untrimmed));
        Assert.True(More(trimmed) > omitted + 700, $"trimmed card leaves out {More(trimmed)}");
        Assert.True(AdaptiveCardSerializer.SizeInBytes(untrimmed) > CardBudget.Default.HardBytes);
        Assert.True(AdaptiveCardSerializer.SizeInBytes(trimmed) <= CardBudget.For(huge.Recipe.Length).TargetBytes);
    }

    private static Briefing RandomBriefing(Random random)
    {
        string Text(int max)
        {
            var alphabet = Alphabets[random.Next(Alphabets.Length)];
            var length = random.Next(0, max);
            var sb = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                sb.Append(alphabet[random.Next(alphabet.Length)]);
            }

            return sb.ToString();
        }

        var sources = Enumerable.Range(0, random.Next(0, 400))
            .Select(i => new SourceRef((SourceKind)random.Next(8), $"s:{i}", Text(3000), random.Next(2) == 0 ? null : TestBriefings.Now.AddDays(-random.Next(100)), random.Next(3) == 0 ? null : new Uri($"https://crm.example.com/{i}/{Uri.EscapeDataString(Text(300))}")))
            .ToList();
        var sections = Enumerable.Range(0, random.Next(0, 12)).Select(s => new BriefingSection(
            (SectionKind)random.Next(9),
            Text(500),
            Enumerable.Range(0, random.Next(0, 300)).Select(i => new BriefingItem(
                $"k:{s}:{i}:{Text(200)}",
                Text(1500),
                (ItemLabel)random.Next(2),
                sources.Count == 0 ? [] : Enumerable.Range(0, random.Next(0, 20)).Select(_ => sources[random.Next(sources.Count)].Id).ToList(),
                random.NextDouble())).ToList(),
            random.Next(0, 1000))).ToList();
        return TestBriefings.Fabrikam() with
        {
            Meeting = TestBriefings.FabrikamMeeting with { Subject = Text(10_000), Location = Text(3000), SeriesId = Text(200) },
            Sections = sections,
            Sources = sources,
            Unavailable = Enumerable.Range(0, random.Next(0, 30)).Select(_ => new UnavailableSource(Text(500), Text(2000))).ToList(),
            Notes = Enumerable.Range(0, random.Next(0, 30)).Select(_ => Text(4000)).ToList(),
            Writer = Text(300),
            Recipe = BriefingRecipe.Default with { Length = (BriefingLength)random.Next(3), Culture = random.Next(2) == 0 ? Text(20) : null },
        };
    }
}
