using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Feedback;
using Xunit;

namespace MeetingPrep.Core.Tests;

/// <summary>The leaders' report over a seeded week of signals, against figures worked out by hand.</summary>
public sealed class EngagementReportTests
{
    private const string Tenant = "t1";

    private static readonly DateTimeOffset Tue = new(2026, 11, 17, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Week of Monday 16 November: five people, six briefings delivered (u1 twice). Opened before the meeting: m1, m3 (twice,
    /// counted once), m4; m2 only after it started, m5 and m6 never: 3 of 6. Votes: u1 helpful, u2 not helpful then
    /// helpful (the last counts), u3 not helpful: 2 of 3. Three lines flagged (two citing cases, one an opportunity): 3
    /// per 6 briefings. One settings change, two questions. 3 opened × 15 minutes = 45 minutes saved. The next week has
    /// three people and shows nothing.
    /// </summary>
    public static IEnumerable<EngagementSignal> History()
    {
        var m1 = Tue.AddHours(10);
        var m2 = Tue.AddHours(10);
        var m345 = Tue.AddDays(1).AddHours(9);
        var m6 = Tue.AddDays(2).AddHours(9);
        yield return Signal("u1", "m1", m1, EngagementKind.Delivered, m1.AddHours(-1));
        yield return Signal("u2", "m2", m2, EngagementKind.Delivered, m2.AddHours(-1));
        yield return Signal("u3", "m3", m345, EngagementKind.Delivered, m345.AddHours(-1));
        yield return Signal("u4", "m4", m345, EngagementKind.Delivered, m345.AddHours(-1));
        yield return Signal("u5", "m5", m345, EngagementKind.Delivered, m345.AddHours(-1));
        yield return Signal("u1", "m6", m6, EngagementKind.Delivered, m6.AddHours(-1));

        yield return Signal("u1", "m1", null, EngagementKind.Opened, m1.AddMinutes(-30), "card_refresh");
        yield return Signal("u2", "m2", null, EngagementKind.Opened, m2.AddMinutes(60), "pane");
        yield return Signal("u3", "m3", null, EngagementKind.Opened, m345.AddMinutes(-60), "pane");
        yield return Signal("u3", "m3", null, EngagementKind.Opened, m345.AddMinutes(-30), "open");
        yield return Signal("u4", "m4", null, EngagementKind.Opened, m345.AddMinutes(-10), "pane");

        yield return Feedback("u1", "m1", FeedbackKind.Helpful, null, m1.AddMinutes(-20));
        yield return Feedback("u2", "m2", FeedbackKind.NotHelpful, null, m2.AddMinutes(70));
        yield return Feedback("u2", "m2", FeedbackKind.Helpful, null, m2.AddMinutes(80));
        yield return Feedback("u3", "m3", FeedbackKind.NotHelpful, null, m345.AddMinutes(-20));
        yield return Feedback("u1", "m1", FeedbackKind.Wrong, "case:4471", m1.AddMinutes(-15));
        yield return Feedback("u3", "m3", FeedbackKind.Wrong, "summary:case:9", m345.AddMinutes(-15));
        yield return Feedback("u4", "m4", FeedbackKind.Wrong, "opportunity:o-2", m345.AddMinutes(-5));

        yield return Signal("u5", null, null, EngagementKind.SettingsChanged, Tue.AddHours(12), "settings");
        yield return Signal("u2", null, null, EngagementKind.QuestionAsked, Tue.AddHours(13), "Commitments");
        yield return Signal("u2", null, null, EngagementKind.QuestionAsked, Tue.AddHours(14), "OpenItems");

        // The next week: three people only.
        var next = Tue.AddDays(7).AddHours(10);
        yield return Signal("u1", "m7", next, EngagementKind.Delivered, next.AddHours(-1));
        yield return Signal("u2", "m8", next, EngagementKind.Delivered, next.AddHours(-1));
        yield return Signal("u3", "m9", next, EngagementKind.Delivered, next.AddHours(-1));
    }

    [Fact]
    public void The_figures_of_a_seeded_week_equal_the_hand_computed_ones()
    {
        var weeks = EngagementReport.Compute(History(), new EngagementReportOptions());

        Assert.Equal(2, weeks.Count);
        var week = weeks[0];
        Assert.Equal(new DateOnly(2026, 11, 16), week.WeekStart);
        Assert.False(week.Suppressed);
        Assert.Equal(5, week.People);
        Assert.Equal(6, week.MeetingsBriefed);
        Assert.Equal(3, week.OpenedBeforeMeeting);
        Assert.Equal(0.5, week.ShareOpenedBeforeMeeting);
        Assert.Equal((2, 1), (week.HelpfulVotes, week.NotHelpfulVotes));
        Assert.Equal(0.6667, week.HelpfulRate);
        Assert.Equal(3, week.LinesFlaggedWrong);
        Assert.Equal(0.5, week.WrongLinesPerBriefing);
        Assert.Equal([new FlaggedSource("case", 2), new FlaggedSource("opportunity", 1)], week.TopFlaggedSources);
        Assert.Equal(1, week.SettingsChanged);
        Assert.Equal(2, week.QuestionsAsked);
        Assert.Equal(45, week.MinutesSaved);
    }

    [Fact]
    public void A_week_with_fewer_people_than_the_minimum_shows_no_figures()
    {
        var weeks = EngagementReport.Compute(History(), new EngagementReportOptions());

        var small = weeks[1];
        Assert.Equal(new DateOnly(2026, 11, 23), small.WeekStart);
        Assert.True(small.Suppressed);
        Assert.Null(small.People);
        Assert.Null(small.MeetingsBriefed);
        Assert.Null(small.TopFlaggedSources);

        // With a minimum of three, the same week shows its figures; with six, the first week is hidden too.
        Assert.Equal(3, EngagementReport.Compute(History(), new EngagementReportOptions { MinGroupSize = 3 })[1].MeetingsBriefed);
        Assert.All(EngagementReport.Compute(History(), new EngagementReportOptions { MinGroupSize = 6 }), w => Assert.True(w.Suppressed));
    }

    [Fact]
    public void The_minutes_saved_follow_the_configured_assumption()
    {
        var week = EngagementReport.Compute(History(), new EngagementReportOptions { MinutesSavedPerBriefingOpened = 20 })[0];

        Assert.Equal(60, week.MinutesSaved);
    }

    [Theory]
    [InlineData("case:4471", "case")]
    [InlineData("summary:opportunity:o-1", "opportunity")]
    [InlineData("email:AAMk==", "email")]
    [InlineData("no colon", "other")]
    [InlineData("we ird:1", "other")]
    public void A_flagged_line_is_recorded_by_the_kind_of_record_it_cites(string key, string kind) =>
        Assert.Equal(kind, EngagementSignal.RecordKindOf(key));

    private static EngagementSignal Signal(string user, string? meeting, DateTimeOffset? start, EngagementKind kind, DateTimeOffset at, string? detail = null) =>
        new(Tenant, user, meeting, start, kind, detail, at);

    private static EngagementSignal Feedback(string user, string meeting, FeedbackKind kind, string? itemKey, DateTimeOffset at) =>
        EngagementSignal.ForFeedback(new FeedbackEntry(Tenant, user, meeting, itemKey, kind, "a comment never stored in a signal", at));
}
