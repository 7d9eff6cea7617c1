using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using Xunit;

namespace MeetingPrep.Core.Tests;

public sealed class BriefingPolicyTests
{
    [Theory]
    [InlineData(Sensitivity.Private)]
    [InlineData(Sensitivity.Confidential)]
    public void Private_and_confidential_meetings_are_never_briefed_whatever_the_recipe(Sensitivity sensitivity)
    {
        var permissive = BriefingRecipe.Default with { Meetings = new MeetingSelection { Internal = true, Personal = true, MinAttendees = 1 } };

        var eligibility = BriefingPolicy.Evaluate(Scenario.Meeting(sensitivity: sensitivity), permissive);

        Assert.False(eligibility.IsBriefed);
        Assert.Contains("never briefed", eligibility.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelled_meetings_are_skipped()
    {
        Assert.False(BriefingPolicy.Evaluate(Scenario.Meeting(cancelled: true), BriefingRecipe.Default).IsBriefed);
    }

    [Fact]
    public void External_meetings_are_briefed_by_default_and_internal_ones_are_not()
    {
        var internalOnly = Scenario.Meeting(attendees: [Scenario.Internal(Scenario.LenaPerson), Scenario.Internal(new Person("Tom", "tom@contoso.com"))]);

        Assert.True(BriefingPolicy.Evaluate(Scenario.Meeting(), BriefingRecipe.Default).IsBriefed);
        Assert.False(BriefingPolicy.Evaluate(internalOnly, BriefingRecipe.Default).IsBriefed);
        Assert.True(BriefingPolicy.Evaluate(internalOnly, new RecipePatch { IncludeInternal = true }.ApplyTo(BriefingRecipe.Default)).IsBriefed);
    }

    [Fact]
    public void External_organizer_makes_a_meeting_external()
    {
        var meeting = Scenario.Meeting(attendees: [Scenario.Internal(Scenario.LenaPerson)]) with
        {
            Organizer = Scenario.Priya,
            OrganizerAffiliation = Affiliation.External,
        };

        Assert.True(BriefingPolicy.Evaluate(meeting, BriefingRecipe.Default).IsBriefed);
    }

    [Fact]
    public void Opt_out_category_keyword_recurring_and_minimum_attendees_are_honoured()
    {
        var recipe = new RecipePatch { ExcludeKeywords = ["lunch"], IncludeRecurring = false, MinAttendees = 4 }.ApplyTo(BriefingRecipe.Default);

        Assert.Contains("No briefing", BriefingPolicy.Evaluate(Scenario.Meeting(categories: ["no briefing"]), BriefingRecipe.Default).Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("lunch", BriefingPolicy.Evaluate(Scenario.Meeting(subject: "Team Lunch with Fabrikam"), recipe).Reason, StringComparison.Ordinal);
        Assert.Contains("Recurring", BriefingPolicy.Evaluate(Scenario.Meeting(seriesId: "s1"), recipe).Reason, StringComparison.Ordinal);
        Assert.Contains("Fewer than 4", BriefingPolicy.Evaluate(Scenario.Meeting(), recipe).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rooms_do_not_count_as_attendees()
    {
        var room = new Attendee(new Person("Room 4.01", "room401@contoso.com"), AttendeeType.Resource, ResponseStatus.Accepted, Affiliation.Internal);
        var meeting = Scenario.Meeting(attendees: [Scenario.Internal(Scenario.LenaPerson), room]);

        Assert.Equal(1, BriefingPolicy.CountPeople(meeting));
    }

    [Fact]
    public void A_muted_series_is_skipped_and_other_series_are_not()
    {
        var recipe = new RecipePatch { MutedSeries = ["series-a"] }.ApplyTo(BriefingRecipe.Default);

        Assert.Contains("muted", BriefingPolicy.Evaluate(Scenario.Meeting(seriesId: "series-a"), recipe).Reason, StringComparison.Ordinal);
        Assert.True(BriefingPolicy.Evaluate(Scenario.Meeting(seriesId: "series-b"), recipe).IsBriefed);
        Assert.True(BriefingPolicy.Evaluate(Scenario.Meeting(), recipe).IsBriefed);
    }
}
