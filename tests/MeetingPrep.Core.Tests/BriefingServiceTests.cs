using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace MeetingPrep.Core.Tests;

public sealed class BriefingServiceTests
{
    private readonly Mock<ICalendarSource> _calendar = new();
    private readonly Mock<IMailSource> _mail = new();
    private readonly Mock<ICrmSource> _crm = new();
    private readonly Mock<IRecipeStore> _recipes = new();
    private readonly Mock<IFeedbackStore> _feedback = new();
    private readonly BriefingService _service;

    public BriefingServiceTests()
    {
        _calendar.Setup(c => c.GetMeetingsWithAsync(It.IsAny<UserRef>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([]);
        _mail.Setup(m => m.GetRecentMessagesAsync(It.IsAny<UserRef>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Scenario.Emails());
        _crm.Setup(c => c.Name).Returns("Test CRM");
        _crm.Setup(c => c.GetContextAsync(It.IsAny<CrmQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(Scenario.Crm());
        _feedback.Setup(f => f.GetSuppressedItemKeysAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(new HashSet<string>());
        _feedback.Setup(f => f.GetWrongFlagsAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var time = new FakeTimeProvider(Scenario.Now);
        _service = new BriefingService(
            _calendar.Object,
            new ContextGatherer(_calendar.Object, _mail.Object, _crm.Object, time, GathererTimeouts.Default),
            new ExtractiveBriefingWriter(time),
            _recipes.Object,
            _feedback.Object);
    }

    private void CalendarHas(Meeting meeting) =>
        _calendar.Setup(c => c.GetMeetingAsync(It.IsAny<UserRef>(), meeting.Id, It.IsAny<CancellationToken>())).ReturnsAsync(meeting);

    [Fact]
    public async Task A_meeting_not_in_the_users_calendar_is_forbidden()
    {
        var result = await _service.GetBriefingAsync(Scenario.Lena, "someone-elses", TestContext.Current.CancellationToken);

        Assert.Equal(BriefingOutcome.Forbidden, result.Outcome);
        Assert.Null(result.Briefing);
    }

    [Fact]
    public async Task A_meeting_the_user_declined_is_forbidden()
    {
        var declined = new Attendee(Scenario.LenaPerson, AttendeeType.Required, ResponseStatus.Declined, Affiliation.Internal);
        var meeting = Scenario.Meeting(attendees: [declined, Scenario.External(Scenario.Priya)]) with { Organizer = Scenario.Priya };
        CalendarHas(meeting);

        var result = await _service.GetBriefingAsync(Scenario.Lena, meeting.Id, TestContext.Current.CancellationToken);

        Assert.Equal(BriefingOutcome.Forbidden, result.Outcome);
    }

    [Fact]
    public async Task A_private_meeting_gets_a_reason_and_no_look_ups()
    {
        CalendarHas(Scenario.Meeting(sensitivity: Sensitivity.Private));

        var result = await _service.GetBriefingAsync(Scenario.Lena, "m1", TestContext.Current.CancellationToken);

        Assert.Equal(BriefingOutcome.NotBriefed, result.Outcome);
        Assert.Null(result.Meeting);
        _crm.Verify(c => c.GetContextAsync(It.IsAny<CrmQuery>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Users_recipe_and_feedback_shape_the_briefing()
    {
        CalendarHas(Scenario.Meeting());
        _recipes.Setup(r => r.GetUserPatchAsync(Scenario.Lena.TenantId, Scenario.Lena.UserId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RecipePatch { Sections = [new(SectionKind.OpenIssues, true)] });
        _feedback.Setup(f => f.GetSuppressedItemKeysAsync(Scenario.Lena.TenantId, Scenario.Lena.UserId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new HashSet<string> { "case:k-4490" });

        var result = await _service.GetBriefingAsync(Scenario.Lena, "m1", TestContext.Current.CancellationToken);

        Assert.Equal(BriefingOutcome.Ready, result.Outcome);
        var section = Assert.Single(result.Briefing!.Sections);
        Assert.Equal(["case:k-4471"], section.Items.Select(i => i.Key));
    }

    [Fact]
    public async Task The_event_read_is_in_flight_while_the_recipe_the_feedback_and_the_history_are_read()
    {
        var ct = TestContext.Current.CancellationToken;
        var meetingRead = new TaskCompletionSource<Meeting?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var flagsRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _calendar.Setup(c => c.GetMeetingAsync(It.IsAny<UserRef>(), "m1", It.IsAny<CancellationToken>())).Returns(meetingRead.Task);
        _feedback.Setup(f => f.GetWrongFlagsAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback(flagsRead.SetResult).ReturnsAsync([]);

        var briefing = _service.GetBriefingAsync(Scenario.Lena, "m1", ct);
        await flagsRead.Task.WaitAsync(ct);

        // The event has not answered, yet everything that does not depend on it has been asked for.
        Assert.False(briefing.IsCompleted);
        _recipes.Verify(r => r.GetTeamPatchAsync(Scenario.Lena.TenantId, It.IsAny<CancellationToken>()));
        _calendar.Verify(c => c.StartReadingHistory(Scenario.Lena, Scenario.Now.AddDays(-BriefingRecipe.Default.LookBack.MeetingDays), Scenario.Now));
        meetingRead.SetResult(Scenario.Meeting());
        Assert.Equal(BriefingOutcome.Ready, (await briefing).Outcome);
    }

    [Fact]
    public async Task A_meeting_just_read_from_the_calendar_is_briefed_without_reading_it_again()
    {
        var result = await _service.GetBriefingAsync(Scenario.Lena, Scenario.Meeting(), TestContext.Current.CancellationToken);

        Assert.Equal(BriefingOutcome.Ready, result.Outcome);
        _calendar.Verify(c => c.GetMeetingAsync(It.IsAny<UserRef>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_meeting_passed_in_that_the_user_does_not_attend_is_still_forbidden()
    {
        var meeting = Scenario.Meeting(attendees: [Scenario.External(Scenario.Priya)]) with { Organizer = Scenario.Priya };

        var result = await _service.GetBriefingAsync(Scenario.Lena, meeting, TestContext.Current.CancellationToken);

        Assert.Equal(BriefingOutcome.Forbidden, result.Outcome);
    }

    [Fact]
    public async Task Meeting_list_says_why_each_meeting_is_not_briefed()
    {
        _calendar.Setup(c => c.GetMeetingsAsync(It.IsAny<UserRef>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([Scenario.Meeting("a"), Scenario.Meeting("b", sensitivity: Sensitivity.Private), Scenario.Meeting("c", cancelled: true)]);

        var list = await _service.GetMeetingsAsync(Scenario.Lena, Scenario.Now, Scenario.Now.AddDays(7), TestContext.Current.CancellationToken);

        Assert.Equal([true, false, false], list.Select(m => m.Eligibility.IsBriefed));
        Assert.All(list.Skip(1), m => Assert.False(string.IsNullOrEmpty(m.Eligibility.Reason)));
    }

    [Fact]
    public async Task Internal_prep_in_a_short_window_finds_its_client_meeting_days_later_and_is_written_with_its_context()
    {
        var prep = Scenario.Meeting("prep", "Prep: Fabrikam QBR", Scenario.Now.AddMinutes(30), attendees: [Scenario.Internal(Scenario.LenaPerson), Scenario.Internal(new Person("Jo Brown", "jo.brown@contoso.com"))]);
        var qbr = Scenario.Meeting("qbr", "Quarterly business review", Scenario.Now.AddDays(3));
        var (from, to) = (Scenario.Now, Scenario.Now.AddHours(1));
        _calendar.Setup(c => c.GetMeetingsAsync(It.IsAny<UserRef>(), from, to, It.IsAny<CancellationToken>())).ReturnsAsync([prep]);
        _calendar.Setup(c => c.GetMeetingsAsync(It.IsAny<UserRef>(), from - ClientMeetings.Window, to + ClientMeetings.Window, It.IsAny<CancellationToken>()))
            .ReturnsAsync([prep, qbr]);

        var overview = Assert.Single(await _service.GetMeetingsAsync(Scenario.Lena, from, to, TestContext.Current.CancellationToken));
        Assert.True(overview.Eligibility.IsBriefed);
        Assert.Equal("qbr", overview.ClientMeeting?.Id);

        var briefing = await _service.WriteAsync(Scenario.Lena, prep, BriefingRecipe.Default, TestContext.Current.CancellationToken, overview.ClientMeeting);
        Assert.Contains(briefing.Sources, s => s.Id == "meeting:qbr");
        Assert.Contains(briefing.Sources, s => s.Id == "opportunity:o-renewal");
        _calendar.Verify(c => c.GetMeetingsAsync(It.IsAny<UserRef>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}
