using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Teams.Bot.Chat;
using Xunit;

namespace MeetingPrep.Teams.Tests.Bot;

public sealed class IntentClassifierTests
{
    [Theory]
    [InlineData("brief me on my next meeting", ChatIntentKind.NextMeeting)]
    [InlineData("<at>MeetingPrep</at> brief me on my next meeting", ChatIntentKind.NextMeeting)]
    [InlineData("what's my next meeting?", ChatIntentKind.NextMeeting)]
    [InlineData("prep for Contoso at 3", ChatIntentKind.PrepFor)]
    [InlineData("brief me on Contoso", ChatIntentKind.PrepFor)]
    [InlineData("who is Priya from Fabrikam", ChatIntentKind.WhoIs)]
    [InlineData("who's Dan?", ChatIntentKind.WhoIs)]
    [InlineData("what is open with Fabrikam", ChatIntentKind.OpenItems)]
    [InlineData("any open issues for fabrikam", ChatIntentKind.OpenItems)]
    [InlineData("last emails with Dan", ChatIntentKind.LastEmails)]
    [InlineData("last emials with Dan", ChatIntentKind.LastEmails)]
    [InlineData("settings", ChatIntentKind.Settings)]
    [InlineData("setings", ChatIntentKind.Settings)]
    [InlineData("help", ChatIntentKind.Help)]
    [InlineData("what can you do", ChatIntentKind.Help)]
    [InlineData("the weather in Oslo", ChatIntentKind.Unknown)]
    [InlineData("", ChatIntentKind.Unknown)]
    public void Classifies_the_documented_questions(string text, ChatIntentKind expected)
    {
        Assert.Equal(expected, IntentClassifier.Classify(text).Kind);
    }

    [Fact]
    public void Entities_are_the_words_left_after_cues_and_filler()
    {
        var intent = IntentClassifier.Classify("who is Priya from Fabrikam");

        Assert.Equal(["priya", "fabrikam"], intent.Terms);
    }

    [Theory]
    [InlineData("prep for Contoso at 3", 3, true)]
    [InlineData("prep for Contoso at 3pm", 15, false)]
    [InlineData("prep for Contoso at 3:30 pm", 15, false)]
    [InlineData("prep for Contoso 15:00", 15, false)]
    [InlineData("prep for Contoso at 12am", 0, false)]
    public void Times_are_read_with_am_pm_ambiguity(string text, int hour, bool ambiguous)
    {
        var time = IntentClassifier.Classify(text).Time;

        Assert.NotNull(time);
        Assert.Equal(hour, time.Hour);
        Assert.Equal(ambiguous, time.IsAmbiguous);
    }

    [Fact]
    public void A_bare_number_is_not_a_time()
    {
        Assert.Null(IntentClassifier.Classify("what are the top 3 open issues").Time);
    }

    [Fact]
    public void An_ambiguous_time_matches_morning_and_afternoon()
    {
        var three = new TimeOfDayMention(3, 0, IsAmbiguous: true);

        Assert.True(three.Matches(new TimeOnly(15, 0)));
        Assert.True(three.Matches(new TimeOnly(3, 15)));
        Assert.False(three.Matches(new TimeOnly(16, 0)));
        Assert.False(new TimeOfDayMention(3, 0, IsAmbiguous: false).Matches(new TimeOnly(15, 0)));
    }

    [Theory]
    [InlineData("fabrikam", "fabrikam", 1.0)]
    [InlineData("fabrikan", "fabrikam", 0.875)]
    [InlineData("priya", "priyanka", 0.625)]
    public void Similarity_is_one_minus_relative_edit_distance(string a, string b, double expected)
    {
        Assert.Equal(expected, Fuzzy.Similarity(a, b), 3);
    }
}

public sealed class MeetingMatcherTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private static readonly MeetingPrep.Core.Meetings.Person Me = new("Lena Vogt", "lena@contoso.com");

    private static MeetingPrep.Core.Meetings.Meeting Meeting(string id, string subject, DateTimeOffset start, params MeetingPrep.Core.Meetings.Person[] externals) => new(
        id, "ical-" + id, null, MeetingPrep.Core.Meetings.MeetingType.SingleInstance, subject, start, start.AddHours(1), false, false,
        MeetingPrep.Core.Meetings.Sensitivity.Normal, MeetingPrep.Core.Meetings.ShowAs.Busy, Me,
        [.. externals.Select(p => new MeetingPrep.Core.Meetings.Attendee(p, MeetingPrep.Core.Meetings.AttendeeType.Required, MeetingPrep.Core.Meetings.ResponseStatus.Accepted, MeetingPrep.Core.Meetings.Affiliation.External))],
        [], null, null, null, null);

    private static readonly MeetingPrep.Core.Meetings.Meeting ContosoMorning = Meeting("c-am", "Quarterly review", Now.AddHours(2), new MeetingPrep.Core.Meetings.Person("Ann Berg", "ann@contoso-partners.com"));
    private static readonly MeetingPrep.Core.Meetings.Meeting ContosoAfternoon = Meeting("c-pm", "Contoso pricing", Now.AddHours(7), new MeetingPrep.Core.Meetings.Person("Ola Dahl", "ola@contoso-partners.com"));
    private static readonly MeetingPrep.Core.Meetings.Meeting Fabrikam = Meeting("f", "Renewal", Now.AddDays(1), new MeetingPrep.Core.Meetings.Person("Priya Raman", "priya@fabrikam.com"), new MeetingPrep.Core.Meetings.Person("Dan Okafor", "dan@fabrikam.com"));
    private static readonly MeetingPrep.Core.Meetings.Meeting[] All = [ContosoMorning, ContosoAfternoon, Fabrikam];

    private static MeetingMatch? Match(string text) => MeetingMatcher.Best(All, IntentClassifier.Classify(text), Me.Email, TimeZoneInfo.Utc, Now);

    [Fact]
    public void A_time_picks_the_meeting_at_that_hour_in_the_users_zone()
    {
        Assert.Equal("c-pm", Match("prep for contoso partners at 3")?.Meeting.Id);
        Assert.Equal("c-am", Match("prep for contoso partners at 10am")?.Meeting.Id);
    }

    [Fact]
    public void A_person_and_their_company_are_matched_despite_a_typo()
    {
        var match = Match("who is Pirya from Fabrikam");

        Assert.Equal("f", match?.Meeting.Id);
        Assert.Equal("priya@fabrikam.com", match?.Person?.Email);
    }

    [Fact]
    public void A_person_from_another_company_is_not_claimed()
    {
        Assert.Null(Match("who is Priya from Contoso")?.Person);
    }

    [Fact]
    public void Nothing_matches_names_that_are_not_in_the_users_meetings()
    {
        Assert.Null(Match("what is open with Globex"));
    }
}

public sealed class MentionRemovalTests
{
    [Fact]
    public void Mentions_are_removed_in_one_pass_even_from_a_flood_of_unclosed_ones()
    {
        // 250 KB of unclosed <at>: the lazy regex this replaced rescanned to the end from each one and timed out.
        var flood = "<at>Bot</at> help " + string.Concat(Enumerable.Repeat("<at>", 64 * 1024));

        var tokens = IntentClassifier.Tokenize(flood);

        Assert.Equal("help", tokens[0]);
        Assert.Equal(["who", "is", "priya"], IntentClassifier.Tokenize("<at>MeetingPrep</at> who is <AT>x</AT>Priya"));
    }
}

public sealed class CommitmentQuestionTests
{
    [Theory]
    [InlineData("what did we promise Fabrikam", CommitmentFocus.Promises, "fabrikam")]
    [InlineData("was haben wir Fabrikam versprochen", CommitmentFocus.Promises, "fabrikam")]
    [InlineData("what is overdue", CommitmentFocus.Overdue, null)]
    [InlineData("was ist überfällig", CommitmentFocus.Overdue, null)]
    [InlineData("what did they ask for", CommitmentFocus.Asks, null)]
    public void Commitment_questions_are_understood_with_their_focus(string text, CommitmentFocus focus, string? term)
    {
        var intent = IntentClassifier.Classify(text);

        Assert.Equal(ChatIntentKind.Commitments, intent.Kind);
        Assert.Equal(focus, intent.Focus);
        Assert.Equal(term is null ? [] : [term], intent.Terms);
    }

    [Theory]
    [InlineData(CommitmentKind.Promise, CommitmentState.Overdue, CommitmentFocus.Promises, true)]
    [InlineData(CommitmentKind.Promise, CommitmentState.Open, CommitmentFocus.Overdue, false)]
    [InlineData(CommitmentKind.Promise, CommitmentState.Overdue, CommitmentFocus.Overdue, true)]
    [InlineData(CommitmentKind.Condition, CommitmentState.Open, CommitmentFocus.Asks, true)]
    [InlineData(CommitmentKind.Condition, CommitmentState.Open, CommitmentFocus.Promises, false)]
    [InlineData(CommitmentKind.Ask, CommitmentState.Answered, CommitmentFocus.All, true)]
    public void Commitment_lines_are_narrowed_by_their_typed_kind_and_state(CommitmentKind kind, CommitmentState state, CommitmentFocus focus, bool wanted)
    {
        // The wording says the opposite of the fields: only the fields count.
        var item = new BriefingItem("commitment:email:m1:1", "Ken Sato promised on 14 Oct — overdue: \"we promised\"", ItemLabel.Inference, ["email:m1"], 0.8)
        {
            Commitment = new BriefingCommitment(kind, state, "Ken Sato", kind == CommitmentKind.Promise, new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.Zero), null),
        };

        Assert.Equal(wanted, CommitmentLine.Wanted(item, focus));
    }

    [Fact]
    public void A_line_without_typed_fields_answers_only_the_question_for_all_commitments()
    {
        var reworded = new BriefingItem("commitment:email:m1:2", "We still owe them the plan", ItemLabel.Inference, ["email:m1"], 0.8);

        Assert.True(CommitmentLine.Wanted(reworded, CommitmentFocus.All));
        Assert.False(CommitmentLine.Wanted(reworded, CommitmentFocus.Promises));
        Assert.False(CommitmentLine.Wanted(reworded, CommitmentFocus.Overdue));
    }
}

public sealed class EarliestMeetingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private static readonly MeetingPrep.Core.Meetings.Person Me = new("Lena Vogt", "lena@contoso.com");

    private static MeetingPrep.Core.Meetings.Meeting Meeting(string id, string subject, DateTimeOffset start, MeetingPrep.Core.Meetings.Person organizer, params MeetingPrep.Core.Meetings.Person[] externals) => new(
        id, "ical-" + id, null, MeetingPrep.Core.Meetings.MeetingType.SingleInstance, subject, start, start.AddHours(1), false, false,
        MeetingPrep.Core.Meetings.Sensitivity.Normal, MeetingPrep.Core.Meetings.ShowAs.Busy, organizer,
        [.. externals.Select(p => new MeetingPrep.Core.Meetings.Attendee(p, MeetingPrep.Core.Meetings.AttendeeType.Required, MeetingPrep.Core.Meetings.ResponseStatus.Accepted, MeetingPrep.Core.Meetings.Affiliation.External))],
        [], null, null, null, null);

    [Fact]
    public void A_company_resolves_to_the_earliest_upcoming_meeting_however_its_name_was_found()
    {
        var camille = new MeetingPrep.Core.Meetings.Person("Camille Durand (Acme)", "camille@acmetraders.com");
        var sooner = Meeting("sooner", "Acme: weekly status", Now.AddHours(1), Me, camille);
        var later = Meeting("later", "Acme workshop", Now.AddHours(3), camille, camille);

        var match = MeetingMatcher.Best([later, sooner], IntentClassifier.Classify("brief me on Acme"), Me.Email, TimeZoneInfo.Utc, Now);

        Assert.Equal("sooner", match?.Meeting.Id);
    }

    [Fact]
    public void A_person_is_mentioned_by_a_whole_word_of_their_name_in_any_script()
    {
        var ken = new MeetingPrep.Core.Meetings.Person("Ken Sato (佐藤 健)", "ken@litware.example");

        Assert.True(ExtractiveChatAnswerer.Mentions("18 Nov, 佐藤健: 請求書", ken));
        Assert.True(ExtractiveChatAnswerer.Mentions("Ken asked for a plan", ken));
        Assert.False(ExtractiveChatAnswerer.Mentions("a token was refreshed", ken));
    }
}
