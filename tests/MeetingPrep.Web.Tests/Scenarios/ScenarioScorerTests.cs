using System.Text.RegularExpressions;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Sources;
using MeetingPrep.Demo.Scenarios;
using MeetingPrep.Web.Scenarios;
using Xunit;

namespace MeetingPrep.Web.Tests.Scenarios;

/// <summary>The scoring rules of the pack format, pinned one by one.</summary>
public sealed class ScenarioScorerTests
{
    private static readonly IReadOnlySet<string> Known = new HashSet<string> { "opportunity:opp-1", "case:c-1", "email:m-1", "contact:con-1" };

    private static readonly KeyPointExpectation Renewal = new("renewal", "EUR 240k renewal stalled", ["opportunity:opp-1"], [["renewal"], ["240"]], Lead: true);

    [Fact]
    public void A_key_point_is_covered_only_by_one_item_with_the_right_source_and_every_mention_group()
    {
        Assert.True(ScenarioScorer.Covers(Renewal, Item("Renewal €240k closes in 10 days", "opportunity:opp-1")));
        Assert.True(ScenarioScorer.Covers(Renewal, Item("RENEWAL of EUR 240,000", "case:c-1", "opportunity:opp-1")));
        Assert.False(ScenarioScorer.Covers(Renewal, Item("Renewal €240k closes in 10 days", "case:c-1")), "right words, wrong source");
        Assert.False(ScenarioScorer.Covers(Renewal, Item("Renewal closes in 10 days", "opportunity:opp-1")), "one mention group unmet");
        var score = Score(Expect(keyPoints: [Renewal]), Briefing(summary: [Item("Renewal closes soon", "opportunity:opp-1")], other: [Item("€240k at stake", "opportunity:opp-1")]));
        Assert.Equal(0, score.KeyPointsCovered);
        Assert.Single(score.Missed);
    }

    [Fact]
    public void A_lead_point_counts_for_lead_recall_only_in_the_summary()
    {
        var below = Score(Expect(keyPoints: [Renewal]), Briefing(summary: [], other: [Item("Renewal €240k", "opportunity:opp-1")]));
        Assert.Equal((1, 0, 1), (below.KeyPointsCovered, below.LeadPointsCovered, below.LeadPoints));
        Assert.Contains("not in the summary", below.Missed.Single(), StringComparison.Ordinal);

        var lead = Score(Expect(keyPoints: [Renewal]), Briefing(summary: [Item("Renewal €240k", "opportunity:opp-1")], other: []));
        Assert.Equal((1, 1), (lead.KeyPointsCovered, lead.LeadPointsCovered));
        Assert.Empty(lead.Missed);
    }

    [Fact]
    public void Each_attendee_on_the_wrong_side_missing_or_present_though_absent_is_one_wrong()
    {
        var expect = Expect(attendees: new AttendeeExpectation(["ceo@fabrikam.com", "cto@fabrikam.com"], ["anna@contoso.com"], ["marcus@contoso.com"]));
        var briefing = Briefing(
            summary: [],
            other: [],
            attendees:
            [
                new("CEO@fabrikam.com", "Helena", BriefingAttendee.Internal, IsOrganizer: true),
                new("anna@contoso.com", "Anna", BriefingAttendee.Internal, IsOrganizer: false),
                new("marcus@contoso.com", "Marcus", BriefingAttendee.Internal, IsOrganizer: false),
            ]);

        var score = Score(expect, briefing);

        Assert.Equal(3, score.Wrong);
        Assert.Contains(score.WrongLines, l => l.Contains("ceo@fabrikam.com should be external, but the briefing puts them internal", StringComparison.Ordinal));
        Assert.Contains(score.WrongLines, l => l.Contains("cto@fabrikam.com should be external, but the briefing does not list them", StringComparison.Ordinal));
        Assert.Contains(score.WrongLines, l => l.Contains("marcus@contoso.com is absent", StringComparison.Ordinal));
    }

    [Fact]
    public void A_must_not_say_hit_counts_in_items_section_titles_header_lines_and_anywhere_on_the_card()
    {
        var forbidden = new ForbiddenText("ceo-ours", "their CEO is not ours", new Regex("(?i)from us[^\\n]*Helena", RegexOptions.None, TimeSpan.FromSeconds(1)));
        var expect = Expect(mustNotSay: [forbidden]);
        Assert.Equal(1, Score(expect, Briefing([], [Item("From us: Helena Marsh, Anna", "contact:con-1")])).Wrong);
        Assert.Equal(1, Score(expect, Briefing([], []), card: Card("From us: Helena (organizer)")).Wrong);
        Assert.Equal(1, Score(expect, Briefing([], [], subject: "From us to Helena: QBR")).Wrong);
        Assert.Equal(0, Score(expect, Briefing([], [Item("From them: Helena Marsh", "contact:con-1")]), card: Card("Helena Marsh, CEO (Fabrikam)")).Wrong);
    }

    [Fact]
    public void Briefing_a_meeting_that_must_not_be_briefed_and_the_reverse_are_wrong()
    {
        var mustNot = Expect() with { Briefed = false, ReasonMatch = new Regex("(?i)private") };
        Assert.Equal(1, Score(mustNot, Briefing([], [])).Wrong);
        Assert.Equal(0, ScenarioScorer.Score("p", mustNot, null, "Private appointments are never briefed.", null, Known).Wrong);
        Assert.Equal(1, ScenarioScorer.Score("p", mustNot, null, "Internal meetings are not briefed.", null, Known).Wrong);

        var must = Expect(keyPoints: [Renewal]);
        var skipped = ScenarioScorer.Score("p", must, null, "Internal meetings are not briefed.", null, Known);
        Assert.Equal((1, 0, 1), (skipped.Wrong, skipped.KeyPointsCovered, skipped.KeyPoints));
    }

    [Fact]
    public void Cited_counts_items_whose_citation_names_a_record_of_the_pack()
    {
        var score = Score(Expect(), Briefing([Item("a", "opportunity:opp-1")], [Item("b", "email:m-404"), Item("c", "case:c-1", "email:m-404")]));
        Assert.Equal((3, 2), (score.Items, score.CitedItems));
    }

    [Fact]
    public void Repeated_lines_are_compared_without_case_spaces_markdown_or_citation_marks()
    {
        Assert.Equal(2, ScenarioScorer.RepeatedLines(["Renewal €240k closes 20 Mar [1]", "renewal  €240k closes 20 mar [1][2]", "Case 4471 escalated"]));
        Assert.Equal(3, ScenarioScorer.RepeatedLines(["**Open issues**", "Open issues", "open issues ¹"]));
        Assert.Equal(0, ScenarioScorer.RepeatedLines(["Renewal €240k", "Renewal €60k"]));
        var lines = ScenarioScorer.CardLines(Card("Line one\nLine two", "Line one"));
        Assert.Equal(["Line one", "Line two", "Line one", "Fact title Fact value"], lines);
        var score = Score(Expect(), Briefing([], []), card: Card("Renewal [1]", "renewal [2]"));
        Assert.Equal(2, score.RepeatedLines);
        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(Card("Renewal [1]", "renewal [2]")), score.CardBytes);
    }

    [Fact]
    public void Totals_and_floors_are_summed_over_meetings()
    {
        var a = Score(Expect(keyPoints: [Renewal]), Briefing([Item("Renewal €240k", "opportunity:opp-1")], []));
        var b = Score(Expect(keyPoints: [Renewal with { Lead = false }]), Briefing([], []));
        var totals = ScoreTotals.Of([a, b]);

        Assert.Equal(0.5, totals.KeyPointRecall);
        Assert.Equal(1.0, totals.LeadRecall);
        Assert.Empty(EvalCommand.CheckFloors(totals, new EvalFloors(0.5, 1.0, 0, 1.0, 0)));
        var missed = EvalCommand.CheckFloors(totals, new EvalFloors(0.9, null, null, null, null));
        Assert.Contains("key-point recall 50.0% is below the floor 90.0%", missed.Single().Replace(" %", "%", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static MeetingScore Score(MeetingExpectation expect, Briefing briefing, string? card = null) =>
        ScenarioScorer.Score("pack", expect, briefing, null, card ?? Card(), Known);

    private static MeetingExpectation Expect(IReadOnlyList<KeyPointExpectation>? keyPoints = null, AttendeeExpectation? attendees = null, IReadOnlyList<ForbiddenText>? mustNotSay = null) =>
        new("anna@contoso.com", "evt-1", true, null, attendees, keyPoints ?? [], mustNotSay ?? []);

    private static BriefingItem Item(string text, params string[] citations) => new("k:" + text, text, ItemLabel.Fact, citations, 1);

    private static Briefing Briefing(IReadOnlyList<BriefingItem> summary, IReadOnlyList<BriefingItem> other, IReadOnlyList<BriefingAttendee>? attendees = null, string subject = "Fabrikam QBR")
    {
        var meeting = new BriefingMeeting("evt-1", subject, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), false, "UTC", null, null, null, null, 0, 0, attendees ?? []);
        var sources = summary.Concat(other).SelectMany(i => i.Citations).Distinct()
            .Select(id => new SourceRef(SourceKind.Opportunity, id, id, null, null)).ToList();
        return new Briefing(
            meeting,
            "user-1",
            [new BriefingSection(SectionKind.Summary, "In short", summary, 0), new BriefingSection(SectionKind.Risks, "Risks", other, 0)],
            sources,
            [],
            [],
            BriefingRecipe.Default,
            "extractive",
            DateTimeOffset.UnixEpoch);
    }

    private static string Card(params string[] texts) =>
        "{\"type\":\"AdaptiveCard\",\"version\":\"1.5\",\"body\":["
        + string.Join(",", texts.Select(t => "{\"type\":\"TextBlock\",\"text\":" + System.Text.Json.JsonSerializer.Serialize(t) + "}"))
        + (texts.Length > 0 ? "," : string.Empty)
        + "{\"type\":\"FactSet\",\"facts\":[{\"title\":\"Fact title\",\"value\":\"Fact value\"}]}],\"actions\":[{\"type\":\"Action.Execute\",\"title\":\"Refresh\",\"data\":{\"text\":\"Line one\"}}]}";
}
