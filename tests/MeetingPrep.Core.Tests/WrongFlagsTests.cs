using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Sources;
using Xunit;

namespace MeetingPrep.Core.Tests;

public class WrongFlagsTests
{
    private static readonly DateTimeOffset CaseModified = new(2026, 11, 21, 8, 0, 0, TimeSpan.Zero);

    private static Briefing Briefing(DateTimeOffset caseModified) => new(
        new BriefingMeeting("m1", "Fabrikam QBR", CaseModified, CaseModified.AddHours(1), false, "UTC", null, null, null, null, 1, 1, []),
        "u1",
        [
            new BriefingSection(SectionKind.Summary, "In short", [Item("summary:case:4471", "Case 4471 escalated", "case:4471")], 0),
            new BriefingSection(SectionKind.OpenIssues, "Open issues", [Item("case:4471", "Case 4471, dashboard refresh failing", "case:4471"), Item("case:4490", "Case 4490, export", "case:4490")], 0),
            new BriefingSection(SectionKind.Risks, "Risks", [Item("risk:renewal", "Renewal at risk while 4471 is open", "opportunity:fy27", "case:4471")], 0),
        ],
        [
            new SourceRef(SourceKind.Case, "case:4471", "Case 4471", caseModified, null),
            new SourceRef(SourceKind.Case, "case:4490", "Case 4490", CaseModified, null),
            new SourceRef(SourceKind.Opportunity, "opportunity:fy27", "Opportunity \"FY27\"", null, null),
        ],
        [],
        [],
        BriefingRecipe.Default,
        "extractive",
        CaseModified);

    private static BriefingItem Item(string key, string text, params string[] citations) => new(key, text, ItemLabel.Fact, citations, 0.5);

    private static IEnumerable<string> Keys(Briefing briefing) => briefing.Sections.SelectMany(s => s.Items).Select(i => i.Key);

    [Fact]
    public void A_flag_names_the_lines_primary_record_in_its_current_version()
    {
        var record = WrongFlags.RecordOf(Briefing(CaseModified), "risk:renewal");

        Assert.Equal(new FlaggedRecord("Opportunity", "opportunity:fy27", record!.Version, "Opportunity \"FY27\""), record);
        Assert.StartsWith("sha256:", record.Version, StringComparison.Ordinal); // no last-modified: a content hash
        Assert.Equal("2026-11-21T08:00:00.0000000Z", WrongFlags.RecordOf(Briefing(CaseModified), "case:4471")!.Version);
        Assert.Null(WrongFlags.RecordOf(Briefing(CaseModified), "case:gone"));
    }

    [Fact]
    public void Every_line_citing_the_flagged_record_is_left_out_and_a_newer_version_brings_them_back()
    {
        var briefing = Briefing(CaseModified);
        var flag = new WrongFlag(1, "m1", "case:4471", WrongFlags.RecordOf(briefing, "case:4471"), null, CaseModified);

        var suppressed = WrongFlags.Suppress(briefing, [flag]);

        Assert.Equal(["case:4490"], Keys(suppressed));
        Assert.Equal([SectionKind.OpenIssues], suppressed.Sections.Select(s => s.Kind)); // sections left empty go

        var corrected = WrongFlags.Suppress(Briefing(CaseModified.AddDays(2)), [flag]);
        Assert.Equal(Keys(briefing), Keys(corrected));
    }

    [Fact]
    public void A_flag_bound_to_no_record_leaves_out_its_line_by_key_only()
    {
        var briefing = Briefing(CaseModified);

        var suppressed = WrongFlags.Suppress(briefing, [new WrongFlag(1, "m1", "case:4471", null, null, CaseModified)]);

        Assert.Equal(["summary:case:4471", "case:4490", "risk:renewal"], Keys(suppressed));
        Assert.Same(briefing, WrongFlags.Suppress(briefing, []));
    }
}
