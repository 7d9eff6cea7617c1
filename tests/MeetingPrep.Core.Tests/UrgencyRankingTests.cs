using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Core.Tests;

/// <summary>The urgency ranking: what leads, what pairs with what, and what is never trimmed.</summary>
public sealed class UrgencyRankingTests
{
    private static readonly DateTimeOffset Now = Scenario.Now;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    private static readonly CrmAccount Woodgrove = new("acc-wg", "Woodgrove Bank", "woodgrovebank.com", "A", "Banking", "Marcus Reed", "marcus@contoso.com", null, Now.AddDays(-10));
    private static readonly Person Elena = new("Elena Petrova", "elena@woodgrovebank.com");

    private static Opportunity Deal(string id, string account, string name, decimal amount, string currency, int closeInDays, int idleDays = 3) =>
        new(id, account, name, "Propose", amount, currency, Today.AddDays(closeInDays), false, Now.AddDays(-idleDays), null, Now.AddDays(-idleDays));

    private static CrmCase Case(string number, string account, CasePriority priority, bool escalated, int openedDaysAgo = 6) =>
        new("k-" + number, account, number, "Problem " + number, "Open", priority, true, escalated, Now.AddDays(-openedDaysAgo),
            escalated ? Now.AddDays(-2) : null, null, null, Now.AddDays(-1));

    private static MetricSeries Health(string account, params decimal[] values) =>
        new("s-health-" + account, account, "Health score", "points", true,
            [.. values.Select((v, i) => new MetricPoint(new DateOnly(2026, 11 - values.Length + 1, 1).AddMonths(i), v))], null, Now.AddDays(-2));

    private static Briefing Write(CrmContext crm, Meeting? meeting = null, BriefingRecipe? recipe = null) =>
        new ExtractiveBriefingWriter(new FakeTimeProvider(Now)).Write(
            new MeetingContext(Scenario.Lena, meeting ?? Scenario.Meeting(), [], [], crm, [], Now), recipe ?? BriefingRecipe.Default, new HashSet<string>());

    private static IEnumerable<BriefingItem> Items(Briefing b) => b.Sections.SelectMany(s => s.Items);

    [Fact]
    public void Equal_scores_are_broken_by_amount_never_by_id()
    {
        // Same account, same close date, same silence: only the amounts differ, and the smaller deal has the "earlier" id.
        var crm = Scenario.Crm() with
        {
            Opportunities =
            [
                Deal("a-addon", "acc-fab", "Fabrikam analytics add-on", 60_000m, "EUR", 60, idleDays: 30),
                Deal("z-renewal", "acc-fab", "Fabrikam renewal", 240_000m, "EUR", 60, idleDays: 30),
            ],
        };

        var briefing = Write(crm);

        var risks = Items(briefing).Where(i => i.Key.Contains("risk:opportunity:", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, risks.Count);
        Assert.Contains("Fabrikam renewal", risks[0].Text, StringComparison.Ordinal);
        var summary = briefing.Section(SectionKind.Summary)!.Items.Select(i => i.Key).ToList();
        Assert.Contains("summary:risk:opportunity:z-renewal", summary);
        var addon = summary.IndexOf("summary:risk:opportunity:a-addon");
        Assert.True(addon < 0 || addon > summary.IndexOf("summary:risk:opportunity:z-renewal"), string.Join(", ", summary));
    }

    [Fact]
    public void A_deal_is_only_ever_put_at_risk_by_its_own_accounts_cases()
    {
        // Two accounts at the table: Woodgrove has an escalated case, Fabrikam's deals have no case of their own.
        var crm = Scenario.Crm() with
        {
            Accounts = [Scenario.Fabrikam, Woodgrove],
            Opportunities = [Deal("o-pilot", "acc-fab", "Fabrikam pilot", 75_000m, "EUR", 40), Deal("o-ea", "acc-wg", "Woodgrove agreement", 1_250_000m, "USD", 50)],
            Cases = [Case("4655", "acc-wg", CasePriority.High, escalated: true)],
            Metrics = [],
        };
        var meeting = Scenario.Meeting(attendees: [Scenario.Internal(Scenario.LenaPerson), Scenario.External(Scenario.Priya), Scenario.External(Elena)]);

        var briefing = Write(crm, meeting);

        var paired = Items(briefing).Where(i => i.Citations.Contains("case:k-4655") && i.Citations.Any(c => c.StartsWith("opportunity:", StringComparison.Ordinal))).ToList();
        Assert.NotEmpty(paired);
        Assert.All(paired, i => Assert.Contains("opportunity:o-ea", i.Citations));
        Assert.DoesNotContain(Items(briefing), i => i.Text.Contains("Fabrikam pilot", StringComparison.Ordinal) && i.Text.Contains("4655", StringComparison.Ordinal));
    }

    [Fact]
    public void A_renewal_closing_in_five_days_with_falling_health_and_critical_cases_leads_the_summary()
    {
        // Everything else is loud: a big escalated case and a big deal elsewhere, falling spend, fresh mail.
        var tailspin = new CrmAccount("acc-ts", "Tailspin Toys", "tailspintoys.com", "C", "Retail", "Marcus Reed", "marcus@contoso.com", null, Now.AddDays(-5));
        var ben = new Person("Ben Carter", "ben@tailspintoys.com");
        var crm = Scenario.Crm() with
        {
            Accounts = [Scenario.Fabrikam, tailspin],
            Opportunities =
            [
                Deal("o-ts-renewal", "acc-ts", "Tailspin renewal 2027", 48_000m, "USD", 5, idleDays: 10),
                Deal("o-fab-big", "acc-fab", "Fabrikam global rollout", 2_000_000m, "EUR", 30, idleDays: 1),
            ],
            Cases =
            [
                .. Scenario.Crm().Cases,
                Case("5120", "acc-ts", CasePriority.Critical, escalated: false, openedDaysAgo: 20),
                Case("5133", "acc-ts", CasePriority.Critical, escalated: false, openedDaysAgo: 10),
            ],
            Metrics = [.. Scenario.Crm().Metrics, Health("acc-ts", 70, 69, 66, 58)],
        };
        var meeting = Scenario.Meeting(attendees: [Scenario.Internal(Scenario.LenaPerson), Scenario.External(Scenario.Priya), Scenario.External(ben)]);

        var briefing = Write(crm, meeting);

        var summary = briefing.Section(SectionKind.Summary)!.Items;
        var lead = summary[0];
        Assert.Equal("summary:risk:opportunity:o-ts-renewal", lead.Key);
        Assert.Contains("in 5 days", lead.Text, StringComparison.Ordinal);
        Assert.Contains("5120", lead.Text, StringComparison.Ordinal);
        Assert.Contains("health score down", lead.Text, StringComparison.Ordinal);
        Assert.Contains("case:k-5120", lead.Citations);
        Assert.Contains("metric:s-health-acc-ts", lead.Citations);
    }

    [Fact]
    public void A_deal_closing_within_fourteen_days_is_never_trimmed()
    {
        var crm = Scenario.Crm() with
        {
            Opportunities =
            [
                .. Enumerable.Range(1, 6).Select(i => Deal($"o-big-{i}", "acc-fab", $"Big deal {i}", 900_000m + i, "EUR", 20 + i, idleDays: 1)),
                Deal("o-tiny", "acc-fab", "Tiny renewal", 3_000m, "EUR", 9, idleDays: 1),
            ],
        };
        var recipe = BriefingRecipe.Default with { Length = BriefingLength.Brief, ItemsPerSection = 1 };

        var briefing = Write(crm, recipe: recipe);

        Assert.Contains(Items(briefing), i => i.Key.EndsWith("opportunity:o-tiny", StringComparison.Ordinal) && i.Pinned);
    }

    [Fact]
    public void The_summary_is_one_line_per_record_and_no_line_is_said_twice()
    {
        var briefing = Write(Scenario.Crm(), recipe: BriefingRecipe.Default with { Length = BriefingLength.Detailed });

        var summary = briefing.Section(SectionKind.Summary)!.Items;
        Assert.Equal(3, summary.Count);
        Assert.Equal(summary.Count, summary.Select(i => i.Citations[0]).Distinct().Count());
        var texts = Items(briefing).Select(i => string.Join(' ', i.Text.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
        Assert.Equal(texts.Count, texts.Distinct().Count());
        var below = briefing.Sections.Where(s => s.Kind != SectionKind.Summary).SelectMany(s => s.Items).Select(i => i.Key).ToHashSet();
        Assert.All(summary, i => Assert.DoesNotContain(i.Key["summary:".Length..], below));
    }

    [Fact]
    public void A_second_deal_at_risk_for_the_same_case_is_not_a_second_summary_point()
    {
        // Two deals of one account, both "at risk" for the same escalated case: one point, not two; the third line is new.
        var crm = Scenario.Crm() with
        {
            Opportunities = [Deal("o-renewal", "acc-fab", "Fabrikam renewal", 240_000m, "EUR", 60), Deal("o-addon", "acc-fab", "Fabrikam add-on", 200_000m, "EUR", 70)],
            Cases = [Case("4471", "acc-fab", CasePriority.Critical, escalated: true)],
        };

        var summary = Write(crm).Section(SectionKind.Summary)!.Items;

        Assert.Single(summary, i => i.Citations.Contains("case:k-4471"));
        Assert.Contains(summary, i => i.Key == "summary:risk:opportunity:o-renewal");
        Assert.DoesNotContain(summary, i => i.Key == "summary:risk:opportunity:o-addon");
    }

    [Fact]
    public void A_smaller_deal_whose_risk_the_summary_already_made_does_not_come_back_as_a_plain_line()
    {
        // The add-on is "at risk" for the same case as the renewal: that point is made. Its plain line (idle, no close soon)
        // is not a new point either; a larger deal would be.
        var crm = Scenario.Crm() with
        {
            Opportunities =
            [
                Deal("o-renewal", "acc-fab", "Fabrikam renewal", 240_000m, "EUR", 60),
                Deal("o-addon", "acc-fab", "Fabrikam add-on", 60_000m, "EUR", 100, idleDays: 40),
            ],
            Cases = [Case("4471", "acc-fab", CasePriority.Critical, escalated: true)],
        };

        var summary = Write(crm).Section(SectionKind.Summary)!.Items;

        Assert.Contains(summary, i => i.Key == "summary:risk:opportunity:o-renewal");
        Assert.DoesNotContain(summary, i => i.Citations.Contains("opportunity:o-addon"));

        var larger = crm with { Opportunities = [crm.Opportunities[0], Deal("o-ea", "acc-fab", "Fabrikam enterprise agreement", 1_200_000m, "EUR", 100, idleDays: 40)] };
        Assert.Contains(Write(larger).Section(SectionKind.Summary)!.Items, i => i.Citations.Contains("opportunity:o-ea"));
    }

    [Fact]
    public void At_most_two_summary_points_are_commitments()
    {
        // Three pressing commitments and a deal at risk: the deal keeps its place among the three points.
        var crm = Scenario.Crm() with
        {
            Opportunities = [Deal("o-renewal", "acc-fab", "Fabrikam renewal", 240_000m, "EUR", 60, idleDays: 30)],
            Cases = [],
            Metrics = [],
        };
        var p = Scenario.Priya;
        var l = Scenario.LenaPerson;
        var mails = new List<Core.Mail.EmailMessage>
        {
            new("c1", "t1", "Renewal", p, [l], Now.AddDays(-1), "Before we sign we need the July credit sorted.", new Uri("https://outlook.test/c1")),
            new("c2", "t2", "Security", p, [l], Now.AddDays(-2), "We will not sign the renewal unless the security questionnaire is closed.", new Uri("https://outlook.test/c2")),
            new("c3", "t3", "Hosting", p, [l], Now.AddDays(-3), "Only if the data stays in the EU can we renew the contract.", new Uri("https://outlook.test/c3")),
        };
        var briefing = new ExtractiveBriefingWriter(new FakeTimeProvider(Now)).Write(
            new MeetingContext(Scenario.Lena, Scenario.Meeting(), [], mails, crm, [], Now), BriefingRecipe.Default, new HashSet<string>());

        var summary = briefing.Section(SectionKind.Summary)!.Items;
        Assert.Equal(2, summary.Count(i => i.Key.StartsWith("summary:commitment:", StringComparison.Ordinal)));
        Assert.Contains(summary, i => i.Citations.Contains("opportunity:o-renewal"));
    }

    [Fact]
    public void What_the_customer_asks_in_their_latest_mail_outranks_the_same_ask_made_earlier()
    {
        var now = Scenario.Now;
        var older = Relevance.Commitment(false, true, false, null, now.AddDays(-1), now);
        var latest = Relevance.Commitment(false, true, false, null, now.AddDays(-1), now, latestAsk: true);
        Assert.Equal(Relevance.LatestAskWeight, latest - older, 6);
    }

    [Theory]
    [InlineData("Ohne schriftliche Bestätigung kann ich die Verlängerung nicht unterschreiben.", true)]
    [InlineData("Before we sign we need the July credit sorted.", true)]
    [InlineData("Above that the renewal has to go to a public tender in Q1.", true)]
    [InlineData("Nous ne signerons pas tant que le correctif n'est pas en production.", true)]
    [InlineData("Ohne OPC UA können wir die Anlagen in Werk Ulm nicht anbinden.", false)]
    [InlineData("Can you tell us why reporting is late this month?", false)]
    public void A_condition_on_signing_the_deal_is_told_from_other_conditions(string sentence, bool gates) =>
        Assert.Equal(gates, CommitmentCues.GatesTheDeal(sentence));

    [Fact]
    public void A_summary_line_still_counts_for_the_section_it_came_from()
    {
        var briefing = Write(Scenario.Crm());

        // The deal's risk line names case 4471, so the summary does not say it again; the case stays in its section.
        Assert.Contains(briefing.Section(SectionKind.Summary)!.Items, i => i.Key == "summary:risk:opportunity:o-renewal");
        Assert.DoesNotContain(briefing.Section(SectionKind.Risks)?.Items ?? [], i => i.Key == "risk:opportunity:o-renewal");
        Assert.Contains("summary:risk:opportunity:o-renewal", briefing.ItemsOf(SectionKind.Risks).Select(i => i.Key));
        Assert.DoesNotContain(briefing.Section(SectionKind.Summary)!.Items, i => i.Key == "summary:case:k-4471");
        Assert.Equal(SectionKind.Risks, Briefing.OriginOf("summary:risk:opportunity:o-renewal"));
        Assert.Null(Briefing.OriginOf("case:k-4471"));
    }

    [Fact]
    public void One_record_does_not_fill_a_section()
    {
        // One escalated, high-priority, ageing case and four deals it could put at risk.
        var crm = Scenario.Crm() with
        {
            Opportunities = [.. Enumerable.Range(1, 4).Select(i => Deal($"o-{i}", "acc-fab", $"Deal {i}", 100_000m * i, "EUR", 30 + i))],
            Cases = [Case("4471", "acc-fab", CasePriority.High, escalated: true, openedDaysAgo: 30)],
        };

        var briefing = Write(crm, recipe: BriefingRecipe.Default with { Length = BriefingLength.Detailed, ItemsPerSection = 8 });

        foreach (var section in briefing.Sections.Where(s => s.Items.Count > 1))
        {
            var lines = section.Items.Count(i => i.Citations.Contains("case:k-4471"));
            Assert.True(lines <= 2 && (section.Items.Count < 4 || lines * 2 <= section.Items.Count), $"{section.Title}: case 4471 is in {lines} of {section.Items.Count} lines");
        }
    }

    [Fact]
    public void Urgency_weighs_proximity_amount_risk_and_silence()
    {
        var calm = AccountRisk.None;
        var risky = new AccountRisk(EscalatedCases: 1, CriticalCases: 0, HighCases: 0, WorstFall: 0.19m, OverdueCommitments: 0);

        // Closer beats further, bigger beats smaller, at risk beats calm, silent beats active.
        Assert.True(Relevance.Opportunity(Deal("a", "x", "A", 100_000m, "EUR", 10), Now, calm) > Relevance.Opportunity(Deal("b", "x", "B", 100_000m, "EUR", 90), Now, calm));
        Assert.True(Relevance.Opportunity(Deal("a", "x", "A", 240_000m, "EUR", 60), Now, calm) > Relevance.Opportunity(Deal("b", "x", "B", 60_000m, "EUR", 60), Now, calm));
        Assert.True(Relevance.Opportunity(Deal("a", "x", "A", 60_000m, "EUR", 60), Now, risky) > Relevance.Opportunity(Deal("b", "x", "B", 240_000m, "EUR", 60), Now, calm));
        Assert.True(Relevance.Opportunity(Deal("a", "x", "A", 60_000m, "EUR", 60, idleDays: 40), Now, calm) > Relevance.Opportunity(Deal("b", "x", "B", 60_000m, "EUR", 60), Now, calm));

        // Proximity is full within 14 days (and past the date) and gone at 180.
        Assert.Equal(1, Relevance.Proximity(Today.AddDays(14), Now));
        Assert.Equal(1, Relevance.Proximity(Today.AddDays(-3), Now));
        Assert.Equal(0, Relevance.Proximity(Today.AddDays(200), Now));

        // Currencies are compared crudely in euros: ¥18M is about €108k, less than $520k.
        Assert.InRange(Relevance.InEuros(18_000_000m, "JPY"), 100_000m, 120_000m);
        Assert.True(Relevance.Size(520_000m, "USD") > Relevance.Size(18_000_000m, "JPY"));

        // Escalations and severity weigh on a case.
        Assert.True(Relevance.Case(Case("1", "x", CasePriority.High, true), Now, false) > Relevance.Case(Case("2", "x", CasePriority.High, false), Now, false));
        Assert.True(Relevance.Case(Case("1", "x", CasePriority.Critical, false), Now, false) > Relevance.Case(Case("2", "x", CasePriority.Normal, false), Now, false));
    }
}
