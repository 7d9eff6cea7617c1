using System.Text;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Teams.Cards;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

public class BriefingCardRendererTests
{
    private static AdaptiveCard Render(Briefing briefing, CardHost host = CardHost.Teams) =>
        BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, host);

    [Fact]
    public void Header_ShowsTitle_TimeInTheViewersZoneAndCulture_AndJoinFirst()
    {
        var card = Render(TestBriefings.Fabrikam());

        var title = Assert.IsType<RichTextBlock>(card.Body[0]);
        Assert.Equal("Fabrikam quarterly business review", Assert.IsType<TextRun>(title.Inlines[0]).Text);
        var time = Assert.IsType<TextBlock>(card.Body[1]).Text;
        Assert.Contains("Fri 27 November, 15:00–15:45", time, StringComparison.Ordinal); // 14:00Z is 15:00 in Berlin, en-GB
        Assert.Contains("Europe/Berlin", time, StringComparison.Ordinal);

        // The first actionable thing in reading order is the join button, right under the time.
        var firstActions = card.Body.FindIndex(e => e is ActionSet);
        Assert.True(firstActions is > 0 and < 4, $"action set at {firstActions}");
        Assert.True(card.Body.FindIndex(e => e is Container or ColumnSet) > firstActions);
        var join = Assert.IsType<OpenUrlAction>(((ActionSet)card.Body[firstActions]).Actions[0]);
        Assert.Equal("Join", join.Title);
        Assert.Equal(TestBriefings.FabrikamMeeting.JoinUrl, join.Url);
    }

    [Fact]
    public void Header_NamesThePeople_TheirSideFirst_AndTheReaderAsYou()
    {
        var card = Render(TestBriefings.Fabrikam());

        var texts = CardWalker.Texts(card).ToList();
        Assert.Contains("With Priya Raman and Dan Okafor; from us: you · Microsoft Teams Meeting", texts);
        Assert.DoesNotContain(texts, t => t.Contains("2 external", StringComparison.Ordinal));
    }

    [Fact]
    public void Header_MarksACustomerOrganizer_AndCountsThoseItHasNoRoomToName()
    {
        var people = Enumerable.Range(1, 8).Select(i => new BriefingAttendee($"p{i}@fabrikam.com", $"Person {i}", BriefingAttendee.External, IsOrganizer: i == 1))
            .Concat(Enumerable.Range(1, 4).Select(i => new BriefingAttendee($"c{i}@contoso.com", $"Colleague {i}", BriefingAttendee.Internal, IsOrganizer: false)))
            .Append(new BriefingAttendee("lena.vogt@contoso.com", "Lena Vogt", BriefingAttendee.Internal, IsOrganizer: false))
            .ToList();
        var meeting = TestBriefings.FabrikamMeeting with { Attendees = people, ExternalAttendeeCount = 8, InternalAttendeeCount = 5, Location = null };

        var line = BriefingCardRenderer.WhoLine(meeting, TestBriefings.Viewer, TeamsText.English);

        Assert.Equal("With Person 1 (organizer), Person 2, Person 3, Person 4, Person 5 and 3 more; from us: you, Colleague 1, Colleague 2 and 2 more", line);
    }

    [Fact]
    public void WhoIsComing_KeepsItsPeopleAndOurColleagues_WhenTheCardIsTrimmed()
    {
        var huge = TestBriefings.Huge();
        var people = huge.Section(SectionKind.Attendees)!;
        var colleagues = new BriefingItem("attendee:internal", "From us: Lena Vogt (you), Sam Lee; account owner Sam Lee (Fabrikam)", ItemLabel.Fact, ["contact:0"], 0.01);
        var briefing = huge with { Sections = [.. huge.Sections.Select(s => s.Kind == SectionKind.Attendees ? s with { Items = [.. s.Items, colleagues] } : s)] };

        var card = Render(briefing);

        var kept = CardWalker.Elements(card).OfType<InputChoiceSet>().Single(c => c.Id == CardVerbs.ItemKeyInput).Choices.Select(c => c.Value).ToHashSet();
        Assert.Contains("attendee:internal", kept);
        Assert.All(people.Items.Take(6), item => Assert.Contains(item.Key, kept));
        Assert.DoesNotContain(people.Items.Skip(6).MinBy(i => i.Score)!.Key, kept);
    }

    [Fact]
    public void Header_UsesTheRecipeCultureOverTheUsers_AndTheUsersZone()
    {
        var newYork = BriefingCardRenderer.Render(TestBriefings.Fabrikam(), TestBriefings.NewYorkViewer, CardHost.Teams);
        Assert.Contains("9:00 AM–9:45 AM", Assert.IsType<TextBlock>(newYork.Body[1]).Text, StringComparison.Ordinal);

        var american = BriefingCardRenderer.Render(TestBriefings.Fabrikam() with { Recipe = BriefingRecipe.Default with { Culture = "en-US" } }, TestBriefings.Viewer, CardHost.Teams);
        Assert.Contains("Fri November 27, 3:00 PM–3:45 PM", Assert.IsType<TextBlock>(american.Body[1]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Dates_follow_the_cards_language_never_a_culture_of_another_language()
    {
        // An English reader with an English setting gets English text and their English culture's dates.
        var british = BriefingCardRenderer.Render(TestBriefings.Fabrikam() with { Recipe = BriefingRecipe.Default with { Culture = "en-GB" } }, TestBriefings.NewYorkViewer, CardHost.Teams);
        Assert.Contains("Fri 27 November, 09:00–09:45", Assert.IsType<TextBlock>(british.Body[1]).Text, StringComparison.Ordinal);

        // A language without interface text (Spanish) falls back to English, with English dates, never "vie 27 noviembre".
        var spanish = BriefingCardRenderer.Render(TestBriefings.Fabrikam(), TestBriefings.Viewer with { Culture = "es-ES" }, CardHost.Teams);
        Assert.Contains("Fri November 27, 3:00 PM–3:45 PM", Assert.IsType<TextBlock>(spanish.Body[1]).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Sections_FollowTheBriefingsOrder_WithTheSummaryFirst()
    {
        var briefing = TestBriefings.Fabrikam();
        var reordered = briefing with { Sections = [.. briefing.Sections.Skip(1).Reverse(), briefing.Sections[0]] };

        var headings = CardWalker.Elements(Render(reordered)).OfType<TextBlock>().Where(t => t.Style == TextBlockStyle.Heading).Select(t => t.Text).ToList();

        Assert.Equal(["In short", "Risks", "Suggested questions", "Open issues", "Account snapshot", "Who is coming"], headings);
    }

    [Fact]
    public void Citations_AreNumberedLinksToTheirSources_AndFactsAndInferencesAreMarked()
    {
        var briefing = TestBriefings.Fabrikam();
        var card = Render(briefing);
        var runs = CardWalker.Runs(card).ToList();

        var first = runs.First(r => r.Text == " [1]");
        Assert.Equal(briefing.Sources[0].Url, Assert.IsType<OpenUrlAction>(first.SelectAction).Url);
        var third = runs.First(r => r.Text == " [3]");
        Assert.Equal(new Uri("https://crm.example.com/cases/4471"), Assert.IsType<OpenUrlAction>(third.SelectAction).Url);

        // Source 7 has no URL: its number is shown, not linked.
        var seventh = runs.First(r => r.Text == " [7]");
        Assert.Null(seventh.SelectAction);

        var renewal = CardWalker.Elements(card).OfType<RichTextBlock>().Single(r => r.Inlines.OfType<TextRun>().Any(t => t.Text.Contains("Renewal (€240k ARR)", StringComparison.Ordinal)));
        Assert.Contains(renewal.Inlines.OfType<TextRun>(), t => t.Text == " (inference)" && t.Italic == true);
        var spend = CardWalker.Elements(card).OfType<RichTextBlock>().First(r => r.Inlines.OfType<TextRun>().Any(t => t.Text.Contains("Spend is down 18%", StringComparison.Ordinal)));
        Assert.DoesNotContain(spend.Inlines.OfType<TextRun>(), t => t.Text.Contains("inference", StringComparison.Ordinal));
        Assert.Contains(CardWalker.Texts(card), t => t.Contains("Lines without a mark are facts from the cited sources.", StringComparison.Ordinal));
    }

    [Fact]
    public void Details_AreCollapsedBehindToggles_ThatTargetExistingElements()
    {
        var briefing = TestBriefings.Fabrikam();
        var longer = briefing with
        {
            Sections = [.. briefing.Sections.Select(s => s.Kind == SectionKind.OpenIssues
                ? s with { Items = [.. s.Items, TestBriefings.Item("case:4500", "Case 4500, SSO login loop", ItemLabel.Fact, 0.5, "case:4490")] }
                : s)],
        };
        var card = Render(longer);
        var ids = CardWalker.Elements(card).Select(e => e.Id).Where(i => i is not null).ToHashSet();
        var toggles = CardWalker.Actions(card).OfType<ToggleVisibilityAction>().ToList();

        Assert.NotEmpty(toggles);
        Assert.All(toggles.SelectMany(t => t.TargetElements), id => Assert.Contains(id, ids));
        var hidden = CardWalker.Elements(card).Where(e => e.IsVisible == false).OfType<Container>().ToList();
        Assert.Contains(hidden, c => c.Id == "sources");
        var more = Assert.Single(hidden, c => c.Id!.EndsWith("-more", StringComparison.Ordinal));
        Assert.Equal(2, more.Items.Count); // 3 issues: the top one shows, two wait behind "Show 2 more"
        Assert.Contains(CardWalker.Texts(card), t => t == "Show 2 more issues");

        // The summary is never hidden; the first screen holds it, the title and one line per section.
        Assert.DoesNotContain(hidden, c => c.Id == "section-0-more");
    }

    [Fact]
    public void Actions_UseTheDocumentedVerbs_AndCarryTheMeetingAndItemKeys()
    {
        var briefing = TestBriefings.Fabrikam();
        var card = Render(briefing);
        var actions = CardWalker.Actions(card).ToList();
        var executes = actions.OfType<ExecuteAction>().ToList();

        Assert.Equal(
            new[] { CardVerbs.FeedbackHelpful, CardVerbs.FeedbackNotHelpful, CardVerbs.ItemFlagWrong, CardVerbs.Refresh, CardVerbs.SeriesMute, CardVerbs.BriefingAudit, CardVerbs.SettingsOpen }.Order(),
            executes.Select(e => e.Verb).Distinct().Order());
        Assert.All(executes, e => Assert.Equal(briefing.Meeting.Id, e.Data?.MeetingId));
        Assert.Equal("AAMkAGI2SERIES=", executes.Single(e => e.Verb == CardVerbs.SeriesMute).Data!.SeriesId);

        Assert.True(card.Actions!.Count <= 5, "the official renderer's default host config allows 5 actions");
        var crm = Assert.IsType<OpenUrlAction>(actions.Single(a => a.Id == "crm.open"));
        Assert.Equal(new Uri("https://crm.example.com/accounts/fabrikam"), crm.Url);

        var flag = Assert.IsType<ShowCardAction>(card.Actions!.Single(a => a.Id == "item.flag"));
        var choice = Assert.IsType<InputChoiceSet>(flag.Card.Body[0]);
        Assert.Equal(CardVerbs.ItemKeyInput, choice.Id);
        Assert.Equal(briefing.Sections.SelectMany(s => s.Items).Select(i => i.Key).Order(), choice.Choices.Select(c => c.Value).Order());
        Assert.Equal(CardVerbs.CommentInput, Assert.IsType<InputText>(flag.Card.Body[1]).Id);
        Assert.Null(flag.Card.Version);

        Assert.Equal(CardVerbs.Refresh, card.Refresh!.Action.Verb);
        Assert.Equal(briefing.Meeting.Id, card.Refresh.Action.Data!.MeetingId);
    }

    [Fact]
    public void Refresh_ListsAtMostSixtyUsers()
    {
        var users = Enumerable.Range(0, 80).Select(i => $"29:user{i}").ToList();
        var card = BriefingCardRenderer.Render(TestBriefings.Fabrikam(), TestBriefings.Viewer, new BriefingCardOptions { RefreshUserIds = users });
        Assert.Equal(users.Take(60), card.Refresh!.UserIds!);
        Assert.Null(Render(TestBriefings.Fabrikam()).Refresh!.UserIds);
    }

    [Fact]
    public void UnavailableSources_GetAPlainNotice()
    {
        var card = Render(TestBriefings.Degraded());
        var notice = CardWalker.Elements(card).OfType<Container>().Single(c => c.Style == ContainerStyle.Warning);
        var texts = notice.Items.OfType<TextBlock>().Select(t => t.Text).ToList();
        Assert.Contains(texts, t => t.Contains("may be incomplete", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.Contains("CRM: did not answer within 10 seconds", StringComparison.Ordinal));

        Assert.DoesNotContain(CardWalker.Elements(Render(TestBriefings.Fabrikam())).OfType<Container>(), c => c.Style == ContainerStyle.Warning);
    }

    [Fact]
    public void EmptyBriefing_SaysSo_AndOffersNoItemFlag()
    {
        var card = Render(TestBriefings.Empty());
        Assert.Contains(CardWalker.Texts(card), t => t.StartsWith("Nothing to brief yet", StringComparison.Ordinal));
        Assert.DoesNotContain(card.Actions!, a => a.Id == "item.flag");
    }

    [Theory]
    [InlineData(300, 500)]
    [InlineData(1000, 2000)]
    [InlineData(0, 500)]
    public void HugeBriefing_FitsTheBudget_TrimmingLowestScoresFirst_AndSaysHowManyMore(int attendees, int messages)
    {
        var briefing = TestBriefings.Huge(attendees, messages);
        foreach (var host in Enum.GetValues<CardHost>())
        {
            var card = BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, host);
            var bytes = Encoding.UTF8.GetByteCount(AdaptiveCardSerializer.Serialize(card));
            Assert.True(bytes <= CardBudget.For(briefing.Recipe.Length).TargetBytes, $"{host}: {bytes} bytes");

            var kept = CardWalker.Elements(card).OfType<InputChoiceSet>().Single(c => c.Id == CardVerbs.ItemKeyInput).Choices.Select(c => c.Value).ToHashSet();
            var all = briefing.Sections.SelectMany(s => s.Items).ToList();
            var dropped = all.Where(i => !kept.Contains(i.Key)).ToList();
            Assert.NotEmpty(kept);
            Assert.NotEmpty(dropped);

            // The summary and the first lines of who is coming always have room; the rest is trimmed by score.
            var protectedKeys = briefing.Sections.Where(s => s.Kind == SectionKind.Attendees).SelectMany(s => s.Items.Take(6)).Select(i => i.Key).Append("summary:big").ToHashSet();
            Assert.All(protectedKeys, key => Assert.Contains(key, kept));
            var ordinary = all.Where(i => !protectedKeys.Contains(i.Key)).ToList();
            Assert.True(ordinary.Where(i => kept.Contains(i.Key)).Select(i => i.Score).DefaultIfEmpty(1).Min() >= dropped.Max(i => i.Score), "a lower-scored item was kept over a higher one");

            var omittedByBriefing = briefing.Sections.Sum(s => s.OmittedCount);
            Assert.Contains(CardWalker.Texts(card), t => t.Contains($"{dropped.Count} more items in the full briefing", StringComparison.Ordinal));
            if (omittedByBriefing > 0)
            {
                Assert.Contains(CardWalker.Texts(card), t => t.Contains($"{omittedByBriefing} lesser lines were left out for length", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public void TrimmedCard_OpensTheWholeBriefing_ATeamsDialog_OrTheFullCardInOutlook()
    {
        var briefing = TestBriefings.Huge(8, 16) with { Recipe = BriefingRecipe.Default };
        var all = briefing.Sections.SelectMany(s => s.Items).ToList();

        var teams = Render(briefing);
        Assert.True(Lines(teams).Count < all.Count, "the chat card should be trimmed");
        Assert.Contains(CardWalker.Texts(teams), t => t.Contains("more items in the full briefing", StringComparison.Ordinal));
        var open = Assert.Single(CardWalker.Actions(teams).OfType<SubmitAction>());
        Assert.Equal("Open the full briefing", open.Title);
        Assert.Equal("task/fetch", open.Data!.Msteams!.Type);
        Assert.Equal(CardVerbs.BriefingFull, open.Data.Verb);
        Assert.Equal(briefing.Meeting.Id, open.Data.MeetingId);
        var outlookOpen = Assert.Single(CardWalker.Actions(Render(briefing, CardHost.Outlook)), a => a.Title == "Open the full briefing");
        Assert.Equal(CardVerbs.BriefingFull, Assert.IsType<ExecuteAction>(outlookOpen).Verb);

        // The full card: every line, none behind a toggle, within the hard limit, and no way to open itself again.
        foreach (var host in Enum.GetValues<CardHost>())
        {
            var full = BriefingCardRenderer.RenderFull(briefing, TestBriefings.Viewer, host);
            Assert.Equal(all.Count, Lines(full).Count);
            Assert.True(AdaptiveCardSerializer.SizeInBytes(full) <= CardBudget.Default.HardBytes);
            Assert.DoesNotContain(CardWalker.Elements(full), e => e.IsVisible == false && e.Id?.StartsWith("section-", StringComparison.Ordinal) == true);
            Assert.DoesNotContain(CardWalker.Texts(full), t => t.Contains("full briefing", StringComparison.Ordinal));
        }

        // A Teams dialog runs no Universal Actions; the Outlook pane does (flagging works from the full view there).
        Assert.DoesNotContain(CardWalker.Actions(BriefingCardRenderer.RenderFull(briefing, TestBriefings.Viewer, CardHost.Teams)), a => a is ExecuteAction or ShowCardAction);
        var outlookFull = BriefingCardRenderer.RenderFull(briefing, TestBriefings.Viewer, CardHost.Outlook);
        Assert.Equal(all.Count, CardWalker.Elements(outlookFull).OfType<InputChoiceSet>().Single(c => c.Id == CardVerbs.ItemKeyInput).Choices.Count);
    }

    [Fact]
    public void UntrimmedCard_HasNoFullBriefingButton()
    {
        Assert.DoesNotContain(CardWalker.Actions(Render(TestBriefings.Fabrikam())), a => a.Title == "Open the full briefing");
    }

    private static List<string> Lines(AdaptiveCard card) =>
        CardWalker.Runs(card).Select(r => r.Text).Where(t => t.StartsWith("• ", StringComparison.Ordinal)).ToList();

    [Fact]
    public void TrimmedCard_StillFillsMostOfTheTarget()
    {
        // Trimming must not throw away far more than needed (binary search finds the least trimming that fits).
        var card = Render(TestBriefings.Huge());
        Assert.True(AdaptiveCardSerializer.SizeInBytes(card) > CardBudget.For(BriefingLength.Detailed).TargetBytes * 0.85);
    }

    [Fact]
    public void TypicalBriefing_IsNotTrimmed_AndUnderTwelveKilobytes()
    {
        var briefing = TestBriefings.Fabrikam();
        var card = Render(briefing);
        Assert.True(AdaptiveCardSerializer.SizeInBytes(card) < 12 * 1024);
        var kept = CardWalker.Elements(card).OfType<InputChoiceSet>().Single().Choices.Count;
        Assert.Equal(briefing.Sections.Sum(s => s.Items.Count), kept);
        Assert.DoesNotContain(CardWalker.Texts(card), t => t.Contains("more items in the full briefing", StringComparison.Ordinal));
    }

    [Fact]
    public void HostileInput_CannotInjectLinksMentionsFormattingOrBidi()
    {
        var card = Render(TestBriefings.Hostile());
        var json = AdaptiveCardSerializer.Serialize(card);

        Assert.DoesNotContain("<at>", json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("</at>", json, StringComparison.OrdinalIgnoreCase);
        foreach (var c in "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u0000\u0007\u001b")
        {
            Assert.DoesNotContain(c, json);
        }

        // Only https links survive: the javascript:, http: and credentialed URLs are shown as text, not opened.
        var urls = CardWalker.Actions(card).OfType<OpenUrlAction>().Select(a => a.Url).ToList();
        Assert.All(urls, u => Assert.Equal(Uri.UriSchemeHttps, u.Scheme));
        Assert.DoesNotContain(urls, u => u.Host == "evil.example" || !string.IsNullOrEmpty(u.UserInfo));
        Assert.DoesNotContain(CardWalker.Actions(card), a => a.Id == "meeting.join");

        // Markdown-rendered text has every link/emphasis character escaped; untrusted text elsewhere is in text runs.
        foreach (var text in CardWalker.Elements(card).OfType<TextBlock>().Select(t => t.Text))
        {
            Assert.DoesNotMatch(@"(?<!\\)[\[\]*_`]", text);
        }

        Assert.All(CardWalker.Texts(card), t => Assert.True(t.Length <= 2000, $"text of {t.Length} chars"));
        Assert.True(Encoding.UTF8.GetByteCount(json) <= CardBudget.Default.TargetBytes);
    }

    [Fact]
    public void OutlookVariant_IsVersionFourteen_WithoutTeamsOnlyFeatures()
    {
        var card = BriefingCardRenderer.Render(TestBriefings.Fabrikam(), TestBriefings.Viewer, new BriefingCardOptions { Host = CardHost.Outlook, OutlookOriginator = "c9b8a7d6-0000-4000-8000-000000000001" });
        var json = AdaptiveCardSerializer.Serialize(card);

        Assert.Equal("1.4", card.Version);
        Assert.Null(card.MsTeams);
        Assert.Equal("c9b8a7d6-0000-4000-8000-000000000001", card.Originator);
        Assert.DoesNotContain("\"mode\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"heading\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Table\"", json, StringComparison.Ordinal);

        var teams = Render(TestBriefings.Fabrikam());
        Assert.Equal("1.5", teams.Version);
        Assert.Equal("Full", teams.MsTeams!.Width);
    }

    [Fact]
    public void AMissingOrHugeMeetingId_IsAClearError()
    {
        var briefing = TestBriefings.Fabrikam();
        Assert.Throws<ArgumentException>(() => Render(briefing with { Meeting = briefing.Meeting with { Id = " " } }));
        var error = Assert.Throws<ArgumentException>(() => Render(briefing with { Meeting = briefing.Meeting with { Id = new string('A', 5000) } }));
        Assert.Contains("at most 1024 characters", error.Message, StringComparison.Ordinal);
    }
}

public class ModelWrittenLinesTests
{
    private static string Json(Briefing briefing) => AdaptiveCardSerializer.Serialize(BriefingCardRenderer.Render(briefing, TestBriefings.Viewer, CardHost.Teams));

    private static Briefing WithModelLines()
    {
        var briefing = TestBriefings.Fabrikam();
        var summary = TestBriefings.Section(SectionKind.Summary, "In short",
            TestBriefings.Item("llm:summary:case:4471", "Case 4471 is escalated and waiting on engineering", ItemLabel.Fact, 0.9, "case:4471") with { WrittenByModel = true },
            TestBriefings.Item("llm:summary:opp:fy27", "The renewal is worth €900k", ItemLabel.Fact, 0.8, "opp:fy27") with { WrittenByModel = true, Unverified = true, VerifierNote = "'€900k' is not in the cited sources" },
            TestBriefings.Item("llm:summary:metric", "Spend may keep falling", ItemLabel.Inference, 0.7, "metric:fabrikam-spend") with { WrittenByModel = true });
        return briefing with { Sections = [summary, .. briefing.Sections.Where(s => s.Kind != SectionKind.Summary)], Writer = "azure-openai:gpt-4o" };
    }

    [Fact]
    public void Lines_the_model_wrote_are_marked_AI_and_unverified_ones_say_so_in_attention_colour()
    {
        var card = BriefingCardRenderer.Render(WithModelLines(), TestBriefings.Viewer, CardHost.Teams);
        var runs = CardWalker.Elements(card).OfType<RichTextBlock>().SelectMany(b => b.Inlines.OfType<TextRun>()).ToList();

        Assert.Contains(runs, r => r.Text == " (AI)" && r.IsSubtle == true);
        var unverified = Assert.Single(runs, r => r.Text == " (AI, unverified)");
        Assert.Equal(TextColor.Attention, unverified.Color);
        Assert.Contains(runs, r => r.Text == " (AI, inference)");
        var json = Json(WithModelLines());
        Assert.Contains("Lines marked AI were written by the model from the cited sources and checked against them.", json, StringComparison.Ordinal);
        Assert.Contains("by the azure-openai:gpt-4o writer", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extractive_briefing_carries_no_AI_mark()
    {
        var json = Json(TestBriefings.Fabrikam());

        Assert.DoesNotContain("(AI", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Lines marked AI", json, StringComparison.Ordinal);
    }
}
