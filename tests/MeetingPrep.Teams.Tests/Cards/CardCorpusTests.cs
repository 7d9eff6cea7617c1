using MeetingPrep.Testing;
using System.Text;
using MeetingPrep.Teams.Cards;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>Rules every emitted card obeys: the official schema, the size budget, the host's version.</summary>
public class CardCorpusTests
{
    private static readonly Lazy<IReadOnlyList<(string Name, AdaptiveCard Card)>> Corpus = new(CardCorpus.All);

    public static TheoryData<string> Names() => [.. CardCorpus.All().Select(c => c.Name)];

    private static AdaptiveCard Card(string name) => Corpus.Value.Single(c => c.Name == name).Card;

    [Theory]
    [MemberData(nameof(Names))]
    public void Card_ValidatesAgainstTheAdaptiveCardSchema(string name)
    {
        var json = AdaptiveCardSerializer.Serialize(Card(name));
        var errors = AdaptiveCardSchema.Validate(json);
        Assert.True(errors.Count == 0, $"{name} is not a valid 1.5 card:\n{string.Join("\n", errors.Take(20))}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Card_IsUnderTheHardBudget_AndTheTypicalTarget(string name)
    {
        var bytes = Encoding.UTF8.GetByteCount(AdaptiveCardSerializer.Serialize(Card(name)));
        Assert.True(bytes <= CardBudget.Default.HardBytes, $"{name}: {bytes} bytes > 28 KB");
        // The huge briefing is a detailed one, which may use more of the room (CardBudget.Detailed). The settings card
        // keeps to the typical target: its times are typed Input.Time pickers, not a choice per time.
        // The full briefing (a dialog or the pane's full view) scrolls, so it may use all of it (CardBudget.Whole).
        var target = name.StartsWith("briefing-huge", StringComparison.Ordinal) ? CardBudget.Detailed
            : name.StartsWith("briefing-full", StringComparison.Ordinal) ? CardBudget.Whole
            : CardBudget.Default;
        Assert.True(bytes <= target.TargetBytes, $"{name}: {bytes} bytes > {target.TargetBytes / 1024} KB");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Card_HasTheHostsVersion_AndNoOneFiveFeaturesForOutlook(string name)
    {
        var card = Card(name);
        var json = AdaptiveCardSerializer.Serialize(card);
        Assert.False(string.IsNullOrWhiteSpace(card.FallbackText));
        if (name.EndsWith(".teams", StringComparison.Ordinal))
        {
            Assert.Equal("1.5", card.Version);
            Assert.Contains("\"msteams\":{\"width\":\"Full\"}", json, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("1.4", card.Version);
            Assert.DoesNotContain("msteams", json, StringComparison.Ordinal);
            Assert.DoesNotContain(CardWalker.Elements(card), e => e is Table);
            Assert.DoesNotContain(CardWalker.Actions(card), a => a.Mode is not null || a.Tooltip is not null);
            Assert.DoesNotContain(CardWalker.Elements(card).OfType<TextBlock>(), t => t.Style is not null);
        }
    }

    [Fact]
    public void Serializer_WritesTypeDiscriminators_OmitsNulls_AndKeepsTextUnescaped()
    {
        var card = new AdaptiveCard
        {
            Version = "1.5",
            Body = [new TextBlock { Text = "Größe ✓ <b>" }, new RichTextBlock { Inlines = [new TextRun { Text = "x" }] }],
            Actions = [new ExecuteAction { Verb = "v", Data = new CardActionData { MeetingId = "m" } }],
        };

        var json = AdaptiveCardSerializer.Serialize(card);

        Assert.Equal(
            "{\"type\":\"AdaptiveCard\",\"version\":\"1.5\",\"body\":[{\"type\":\"TextBlock\",\"text\":\"Größe ✓ <b>\"},{\"type\":\"RichTextBlock\",\"inlines\":[{\"type\":\"TextRun\",\"text\":\"x\"}]}],\"actions\":[{\"type\":\"Action.Execute\",\"verb\":\"v\",\"data\":{\"meetingId\":\"m\"}}]}",
            json);
    }

    [Fact]
    public void DigestTable_BecomesColumnSetsForOutlook()
    {
        var teams = DigestCardBuilder.Build(TestBriefings.Viewer, new DateOnly(2026, 11, 27), CardCorpus.Digest(), CardHost.Teams);
        var outlook = DigestCardBuilder.Build(TestBriefings.Viewer, new DateOnly(2026, 11, 27), CardCorpus.Digest(), CardHost.Outlook);

        var table = Assert.Single(CardWalker.Elements(teams).OfType<Table>());
        Assert.Equal(5, table.Rows.Count); // header + 4 meetings
        var rows = CardWalker.Elements(outlook).OfType<Container>().Single(c => c.Items.All(i => i is ColumnSet)).Items.Cast<ColumnSet>().ToList();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(["2", "5", "3"], r.Columns.Select(c => c.Width)));

        // Sorted by start, in the viewer's zone: the all-day event, then 09:30 Berlin (08:30Z).
        var times = rows.Skip(1).Select(r => Assert.IsType<TextBlock>(r.Columns[0].Items[0]).Text).ToList();
        Assert.Equal(["All day", "09:30", "15:00", "17:00"], times);
    }

    [Fact]
    public void Schema_AllowsOnlyTheHostExtensions_AndStaysStrictElsewhere()
    {
        Assert.Empty(AdaptiveCardSchema.Validate("""{"type":"AdaptiveCard","version":"1.5","body":[],"msteams":{"width":"Full"},"originator":"x"}"""));
        Assert.NotEmpty(AdaptiveCardSchema.Validate("""{"type":"AdaptiveCard","version":"1.5","body":[],"msteams":{"width":"Half"}}"""));
        Assert.NotEmpty(AdaptiveCardSchema.Validate("""{"type":"AdaptiveCard","version":"1.5","body":[],"custom":1}"""));
        Assert.NotEmpty(AdaptiveCardSchema.Validate("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"x","colour":"red"}]}"""));
        Assert.NotEmpty(AdaptiveCardSchema.Validate("""{"type":"AdaptiveCard","version":"1.5","body":[{"type":"FactSet","facts":[{"title":"a"}]}]}"""));
    }
}
