using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Recipes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Core.Tests;

public sealed class ExtractiveWriterTests
{
    private static readonly HashSet<string> NoSuppression = [];

    /// <summary>Without the summary every line stays in its section (the summary takes its lines out of theirs).</summary>
    private static readonly BriefingRecipe NoSummary = BriefingRecipe.Default with
    {
        Sections = [.. BriefingRecipe.DefaultOrder.Select(k => new SectionSetting(k, k != SectionKind.Summary))],
    };

    private static Briefing Write(MeetingContext? context = null, BriefingRecipe? recipe = null, IReadOnlySet<string>? suppressed = null) =>
        new ExtractiveBriefingWriter(new FakeTimeProvider(Scenario.Now)).Write(context ?? Scenario.Context(), recipe ?? BriefingRecipe.Default, suppressed ?? NoSuppression);

    [Fact]
    public void Every_item_cites_a_source_listed_in_the_briefing()
    {
        var briefing = Write();

        Assert.NotEmpty(briefing.Sections);
        foreach (var item in briefing.Sections.SelectMany(s => s.Items))
        {
            Assert.NotEmpty(item.Citations);
            Assert.All(item.Citations, id => Assert.True(briefing.CitationNumber(id) > 0, $"{item.Key} cites {id}, which is not in Sources"));
        }

        Assert.Equal(briefing.Sources.Count, briefing.Sources.Select(s => s.Id).Distinct().Count());
    }

    [Fact]
    public void Sections_follow_the_QBR_order_and_start_with_a_three_line_summary()
    {
        var briefing = Write();

        // A QBR: what changed since the last one, the commitments and the account lead; then the default order.
        SectionKind[] leading = [SectionKind.Summary, SectionKind.Attendees, SectionKind.SinceLastMeeting, SectionKind.Commitments, SectionKind.AccountSnapshot];
        var order = briefing.Sections.Select(s => s.Kind).ToList();
        Assert.Equal(MeetingKind.Qbr, briefing.Meeting.Kind);
        Assert.Equal(order.OrderBy(k => Array.IndexOf(leading, k) is var i and >= 0 ? i : leading.Length + (int)k), order);
        Assert.Equal(SectionKind.Summary, order[0]);
        Assert.InRange(briefing.Section(SectionKind.Summary)!.Items.Count, 1, 3);
    }

    [Fact]
    public void Escalated_case_ranks_above_a_new_normal_case_and_closed_cases_are_left_out()
    {
        var issues = Write(recipe: NoSummary).Section(SectionKind.OpenIssues)!.Items;

        Assert.Equal(["case:k-4471", "case:k-4490"], issues.Select(i => i.Key));
        Assert.Contains("escalated", issues[0].Text, StringComparison.Ordinal);
        Assert.Contains("Dan Okafor", issues[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Bigger_deal_ranks_first_and_closed_opportunities_are_left_out()
    {
        var opportunities = Write().Section(SectionKind.Opportunities)!.Items;

        Assert.Equal(["opportunity:o-renewal", "opportunity:o-small"], opportunities.Select(i => i.Key));
        Assert.Contains("€240k", opportunities[0].Text, StringComparison.Ordinal);
        Assert.Contains("no activity for 26 days", opportunities[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Trend_shows_values_period_direction_and_change()
    {
        var spend = Write(recipe: NoSummary).Section(SectionKind.AccountSnapshot)!.Items.Single(i => i.Key == "metric:s-spend");

        Assert.Equal("Monthly spend: €41k → €34k over 3 months (−18%, down)", spend.Text);
        Assert.Equal(ItemLabel.Fact, spend.Label);
    }

    [Fact]
    public void Facts_and_inferences_are_labelled()
    {
        var briefing = Write();

        Assert.All(briefing.Section(SectionKind.OpenIssues)!.Items, i => Assert.Equal(ItemLabel.Fact, i.Label));
        Assert.All(briefing.Section(SectionKind.Risks)!.Items, i => Assert.Equal(ItemLabel.Inference, i.Label));
        Assert.All(briefing.Section(SectionKind.TalkingPoints)!.Items, i => Assert.Equal(ItemLabel.Inference, i.Label));
    }

    [Fact]
    public void Prompt_injection_text_is_never_quoted()
    {
        var text = string.Join("\n", Write(recipe: BriefingRecipe.Default with { Length = BriefingLength.Detailed }).Sections.SelectMany(s => s.Items).Select(i => i.Text));

        Assert.DoesNotContain("Ignore previous instructions", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("account is healthy", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Is the November invoice final?", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Promise_from_the_last_meeting_not_found_as_delivered_is_flagged_as_inference()
    {
        var briefing = Write();

        var promise = Assert.Single(briefing.Sections.SelectMany(s => s.Items), i => i.Key.Contains("commitment:note:n-oct", StringComparison.Ordinal) && i.Text.Contains("promised", StringComparison.Ordinal));
        Assert.Equal(ItemLabel.Inference, promise.Label);
        Assert.Contains("custom attribution report", promise.Text, StringComparison.Ordinal);
        Assert.Contains("overdue", promise.Text, StringComparison.Ordinal);
        Assert.Contains("note:n-oct", promise.Citations);
    }

    [Fact]
    public void Promise_is_not_flagged_when_a_later_email_from_us_delivered_it()
    {
        var context = Scenario.Context();
        var delivered = new Core.Mail.EmailMessage("e9", "conv-report", "Attribution report", Scenario.LenaPerson, [Scenario.Priya], Scenario.Now.AddDays(-40),
            "Here is the custom attribution report, attached as promised.", null);
        context = context with { Emails = [.. context.Emails, delivered] };

        var items = Write(context, BriefingRecipe.Default with { Length = BriefingLength.Detailed }).Sections.SelectMany(s => s.Items).ToList();

        var promise = Assert.Single(items, i => i.Key.Contains("commitment:note:n-oct", StringComparison.Ordinal) && i.Text.Contains("promised", StringComparison.Ordinal));
        Assert.DoesNotContain("overdue", promise.Text, StringComparison.Ordinal);
        Assert.Contains("delivered", promise.Text, StringComparison.Ordinal);
        Assert.Contains("email:e9", promise.Citations);
    }

    [Fact]
    public void An_item_flagged_wrong_is_suppressed_everywhere_including_the_summary()
    {
        var before = Write();
        Assert.Contains(before.Sections.SelectMany(s => s.Items), i => i.Key is "case:k-4471" or "summary:case:k-4471");

        var after = Write(suppressed: new HashSet<string> { "case:k-4471" });

        Assert.DoesNotContain(after.Sections.SelectMany(s => s.Items), i => i.Key is "case:k-4471" or "summary:case:k-4471");
        Assert.Contains(after.Sections.SelectMany(s => s.Items), i => i.Key is "case:k-4490" or "summary:case:k-4490");
    }

    [Fact]
    public void Recipe_turns_sections_off_and_reorders_them()
    {
        var recipe = new RecipePatch
        {
            Sections = [new(SectionKind.Risks, true), new(SectionKind.OpenIssues, true), new(SectionKind.Summary, false)],
        }.ApplyTo(BriefingRecipe.Default);

        var briefing = Write(recipe: recipe);

        Assert.Equal([SectionKind.Risks, SectionKind.OpenIssues], briefing.Sections.Select(s => s.Kind));
    }

    [Fact]
    public void Items_per_section_trims_lower_ranked_items_and_counts_them()
    {
        var briefing = Write(recipe: NoSummary with { ItemsPerSection = 1 });

        var issues = briefing.Section(SectionKind.OpenIssues)!;
        Assert.Equal("case:k-4471", Assert.Single(issues.Items).Key);
        Assert.Equal(1, issues.OmittedCount);
    }

    [Fact]
    public void Brief_length_caps_total_items_and_item_length()
    {
        var recipe = BriefingRecipe.Default with { Length = BriefingLength.Brief };

        var briefing = Write(recipe: recipe);

        var items = briefing.Sections.Where(s => s.Kind != SectionKind.Summary).SelectMany(s => s.Items).ToList();
        Assert.InRange(items.Count, 1, recipe.MaxTotalItems);
        Assert.All(briefing.Sections.SelectMany(s => s.Items), i => Assert.True(i.Text.Length <= recipe.MaxItemChars, i.Text));
    }

    [Fact]
    public void Missing_data_is_stated_when_the_sources_were_read()
    {
        var context = Scenario.Context() with { Emails = [], PriorMeetings = [] };

        var briefing = Write(context);

        Assert.False(briefing.IsDegraded);
        Assert.Contains(briefing.Notes, n => n.Contains("No email with the attendees", StringComparison.Ordinal));
        Assert.Contains(briefing.Notes, n => n.Contains("1 external attendee is not in the CRM", StringComparison.Ordinal));
        Assert.Contains(briefing.Sections.SelectMany(s => s.Items), i => i.Text.StartsWith("No earlier meeting", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unavailable_mailbox_is_named_and_never_described_as_having_no_mail()
    {
        var context = Scenario.Context(unavailable: [new UnavailableSource("Email", "Microsoft Graph is temporarily unavailable.")]) with { Emails = [] };

        var briefing = Write(context);

        Assert.True(briefing.IsDegraded);
        Assert.Equal("Email", Assert.Single(briefing.Unavailable).Source);
        Assert.DoesNotContain(briefing.Notes, n => n.Contains("No email", StringComparison.Ordinal));
        Assert.Contains(briefing.Notes, n => n.Contains("1 external attendee is not in the CRM", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unavailable_crm_or_calendar_history_is_never_described_as_empty()
    {
        var context = Scenario.Context(unavailable:
            [
                new UnavailableSource(ContextGatherer.CrmSourceName("Test CRM"), "did not answer within 15 seconds"),
                new UnavailableSource(ContextGatherer.CalendarSourceName, "Microsoft Graph is temporarily unavailable."),
            ]) with { Crm = CrmContext.Empty, PriorMeetings = [] };

        var briefing = Write(context);

        var text = string.Join("\n", briefing.Notes.Concat(briefing.Sections.SelectMany(s => s.Items).Select(i => i.Text)));
        Assert.DoesNotContain("not in the CRM", text, StringComparison.Ordinal);
        Assert.DoesNotContain("No CRM account matched", text, StringComparison.Ordinal);
        Assert.DoesNotContain("No earlier meeting", text, StringComparison.Ordinal);
        Assert.Equal(2, briefing.Unavailable.Count);
    }

    [Fact]
    public void Attendees_show_role_company_and_last_interaction_with_internal_owner()
    {
        var attendees = Write().Section(SectionKind.Attendees)!.Items;

        var priya = Assert.Single(attendees, i => i.Key == "attendee:priya@fabrikam.com");
        Assert.Contains("Priya Raman, VP Marketing (Fabrikam): Decision maker; last contact", priya.Text, StringComparison.Ordinal);
        var dan = Assert.Single(attendees, i => i.Key == "attendee:dan@fabrikam.com");
        Assert.Contains("not in the CRM", dan.Text, StringComparison.Ordinal);
        Assert.Contains(attendees, i => i.Text.Contains("account owner Lena Vogt (Fabrikam)", StringComparison.Ordinal));
    }

    [Fact]
    public void Dates_and_numbers_follow_the_language_of_the_text_not_a_foreign_recipe_culture()
    {
        // The extractive writer writes English: a German culture must not put "21 Nov." or "1,3M" into English lines.
        var german = Write(recipe: NoSummary with { Culture = "de-DE" });

        var spend = german.Section(SectionKind.AccountSnapshot)!.Items.Single(i => i.Key == "metric:s-spend");
        Assert.Equal("Monthly spend: €41k → €34k over 3 months (−18%, down)", spend.Text);
        var issues = german.Section(SectionKind.OpenIssues)!.Items[0].Text;
        Assert.Contains(" Nov", issues, StringComparison.Ordinal);
        Assert.DoesNotContain("Nov.", issues, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_input_gives_the_same_briefing()
    {
        var a = Write();
        var b = Write();

        Assert.Equal(
            a.Sections.SelectMany(s => s.Items).Select(i => i.Key + i.Text),
            b.Sections.SelectMany(s => s.Items).Select(i => i.Key + i.Text));
    }
}
