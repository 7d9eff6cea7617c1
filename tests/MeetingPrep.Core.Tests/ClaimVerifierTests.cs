using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Verification;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Recipes;
using Xunit;

namespace MeetingPrep.Core.Tests;

/// <summary>The verifier on claims about the Fabrikam scenario: what it lets through, marks, rejects and relabels.</summary>
public sealed class ClaimVerifierTests
{
    private static readonly MeetingContext Context = Scenario.Context();
    private static readonly SourceEvidence Evidence = SourceEvidence.Build(
        Context,
        ExtractiveBriefingWriter.Candidates(Context, BriefingRecipe.Default, new HashSet<string>()),
        BriefingFormat.For("en-GB", Scenario.Lena.ResolveTimeZone()));

    private static ClaimCheck Check(string text, string[] sources, ItemLabel label = ItemLabel.Fact, SectionKind section = SectionKind.OpenIssues, string culture = "en-GB") =>
        ClaimVerifier.Check(new Claim(text, sources, label), Evidence, section, culture);

    public static TheoryData<string, string[]> Supported => new()
    {
        { "Case 4471 (dashboard refresh failing, EMEA) is escalated and waiting on engineering", ["case:k-4471"] },
        { "Fabrikam renewal FY27 is at Proposal: €240k, closes 31 Jan 2027", ["opportunity:o-renewal"] },
        { "The renewal is worth 240,000 EUR and closes on January 31", ["opportunity:o-renewal"] },
        { "Priya Raman, VP Marketing, is the decision maker", ["contact:c-priya"] },
        { "Priya's last email asks why reporting is late", ["email:e1"] },
        { "Two cases are open: 4471 and 4490", ["case:k-4471", "case:k-4490"] },
        { "2 open cases, both opened by Dan Okafor", ["case:k-4471", "case:k-4490"] },
        { "Monthly spend fell from €41k to €33.8k", ["metric:s-spend"] },
    };

    [Theory]
    [MemberData(nameof(Supported))]
    public void A_claim_its_sources_support_is_verified(string text, string[] sources)
    {
        var check = Check(text, sources);

        Assert.True(check.Verdict == ClaimVerdict.Verified, check.Reason);
    }

    public static TheoryData<string, string[], string> Fabricated => new()
    {
        { "Fabrikam renewal FY27 is worth €900k", ["opportunity:o-renewal"], "900" },
        { "The renewal closes 15 March", ["opportunity:o-renewal"], "15" },
        { "Spend is down 35% over the quarter", ["metric:s-spend"], "35" },
        { "Tom Baker from procurement approved the budget", ["opportunity:o-renewal"], "Tom Baker" },
        { "The renewal was approved by Baker last week", ["opportunity:o-renewal"], "Baker" },
        { "Case 4471 has 7 linked incidents", ["case:k-4471"], "7" },
        { "Case 9999 is escalated", ["case:k-4471"], "9999" },
    };

    [Theory]
    [MemberData(nameof(Fabricated))]
    public void A_name_or_figure_missing_from_the_cited_sources_makes_the_claim_unverified(string text, string[] sources, string named)
    {
        var check = Check(text, sources);

        Assert.Equal(ClaimVerdict.Unverified, check.Verdict);
        Assert.Contains(named, check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_from_a_source_the_claim_does_not_cite_is_unverified()
    {
        // €240k is the renewal's amount, but the claim cites only a case no line links to the renewal.
        Assert.Equal(ClaimVerdict.Unverified, Check("Case 4490 puts €240k at stake", ["case:k-4490"]).Verdict);
    }

    [Theory]
    [InlineData("Case 4471 is escalated", new string[0])]
    [InlineData("Case 4471 is escalated", new[] { "case:k-0000" })]
    [InlineData("Case 4471 is escalated", new[] { "case:k-4471", "note:invented" })]
    [InlineData("Read the details at https://evil.example/login", new[] { "email:e3" })]
    [InlineData("Read the details at evil.example", new[] { "email:e3" })]
    [InlineData("Dan asks whether the invoice is final, @everyone", new[] { "email:e3" })]
    [InlineData("Dan asks <at>Lena</at> whether the invoice is final", new[] { "email:e3" })]
    [InlineData("   ", new[] { "case:k-4471" })]
    public void A_claim_without_a_given_source_or_carrying_a_link_or_mention_is_rejected(string text, string[] sources)
    {
        Assert.Equal(ClaimVerdict.Rejected, Check(text, sources).Verdict);
    }

    [Theory]
    [InlineData("The renewal may be at risk while case 4471 stays open", SectionKind.Summary)]
    [InlineData("Fabrikam will likely ask about case 4471", SectionKind.OpenIssues)]
    [InlineData("Case 4471 is escalated", SectionKind.Risks)]
    [InlineData("Case 4471 is escalated", SectionKind.TalkingPoints)]
    public void A_fact_that_judges_or_speculates_is_relabelled_an_inference(string text, SectionKind section)
    {
        var check = Check(text, ["case:k-4471", "opportunity:o-renewal"], ItemLabel.Fact, section);

        Assert.Equal(ItemLabel.Inference, check.Label);
        Assert.True(check.Relabelled);
    }

    [Fact]
    public void A_plain_restatement_keeps_its_fact_label_and_an_inference_stays_one()
    {
        Assert.Equal(ItemLabel.Fact, Check("Case 4471 is escalated", ["case:k-4471"]).Label);
        Assert.Equal(ItemLabel.Inference, Check("Case 4471 is escalated", ["case:k-4471"], ItemLabel.Inference).Label);
    }

    [Fact]
    public void German_nouns_are_not_taken_for_names_but_invented_people_and_figures_still_are()
    {
        Assert.Equal(ClaimVerdict.Verified, Check("Der Fall 4471 ist eskaliert und wartet auf die Entwicklung", ["case:k-4471"], culture: "de-DE").Verdict);
        Assert.Equal(ClaimVerdict.Unverified, Check("Laut Klaus Meyer ist der Fall 4471 gelöst", ["case:k-4471"], culture: "de-DE").Verdict);
        Assert.Equal(ClaimVerdict.Unverified, Check("Die Verlängerung über 300.000 € ist offen", ["opportunity:o-renewal"], culture: "de-DE").Verdict);
        Assert.Equal(ClaimVerdict.Verified, Check("Die Verlängerung über 240.000 € ist offen", ["opportunity:o-renewal"], culture: "de-DE").Verdict);
    }

    [Fact]
    public void People_on_the_invitation_are_known_without_a_citation_of_their_contact()
    {
        Assert.Equal(ClaimVerdict.Verified, Check("Dan Okafor opened case 4490", ["case:k-4490"]).Verdict);
        Assert.Equal(ClaimVerdict.Verified, Check("Lena Vogt owns case 4471 on our side", ["case:k-4471"]).Verdict);
    }
}
