using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Core.Tests;

/// <summary>Who is in the room: the organizer is classified like everyone else, and people who declined are not coming.</summary>
public sealed class AttendeeTests
{
    private static readonly Person Ben = new("Ben Carter", "ben.carter@fabrikam.com");
    private static readonly Person Tom = new("Tom Weber", "tom.weber@contoso.com");

    private static Attendee Declined(Person p, Affiliation side) => new(p, AttendeeType.Required, ResponseStatus.Declined, side);

    /// <summary>Fabrikam's CEO organised it; Lena and Priya accepted; Tom (ours) and Dan (theirs) declined.</summary>
    private static Meeting CustomerOrganised() =>
        Scenario.Meeting(attendees:
        [
            Scenario.Internal(Scenario.LenaPerson),
            Scenario.External(Scenario.Priya),
            Declined(Tom, Affiliation.Internal),
            Declined(Scenario.Dan, Affiliation.External),
        ]) with
        {
            Organizer = Ben,
            OrganizerAffiliation = Affiliation.External,
        };

    private static Briefing Write(Meeting meeting) =>
        new ExtractiveBriefingWriter(new FakeTimeProvider(Scenario.Now))
            .Write(Scenario.Context(meeting), BriefingRecipe.Default, new HashSet<string>());

    [Fact]
    public void An_external_organizer_counts_as_external_and_declined_people_are_not_counted()
    {
        var meeting = CustomerOrganised();

        Assert.Equal([Ben.Email, Scenario.Priya.Email], meeting.ExternalAttendees.Select(a => a.Person.Email));
        Assert.Equal([Scenario.LenaPerson.Email], meeting.InternalAttendees.Select(a => a.Person.Email));
        Assert.Equal([Tom.Email, Scenario.Dan.Email], meeting.Declined.Select(a => a.Person.Email));
        Assert.Equal(3, BriefingPolicy.CountPeople(meeting));

        var header = ExtractiveBriefingWriter.Describe(meeting, "Europe/Berlin");
        Assert.Equal(2, header.ExternalAttendeeCount);
        Assert.Equal(1, header.InternalAttendeeCount);
    }

    [Fact]
    public void The_customer_organizer_is_one_of_them_and_declined_colleagues_are_not_from_us()
    {
        var attendees = Write(CustomerOrganised()).Section(SectionKind.Attendees)!.Items;

        Assert.Contains(attendees, i => i.Key == "attendee:ben.carter@fabrikam.com");
        Assert.DoesNotContain(attendees, i => i.Key == "attendee:dan@fabrikam.com");
        var fromUs = Assert.Single(attendees, i => i.Key == "attendee:internal");
        Assert.StartsWith("From us: Lena Vogt (you);", fromUs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ben Carter", fromUs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tom Weber", fromUs.Text, StringComparison.Ordinal);
        var declined = Assert.Single(attendees, i => i.Key == "attendee:declined");
        Assert.Equal("Declined, not coming: Tom Weber, Dan Okafor (Fabrikam)", declined.Text);
    }

    [Fact]
    public void A_meeting_whose_only_external_person_declined_is_internal()
    {
        var meeting = Scenario.Meeting(attendees: [Scenario.Internal(Scenario.LenaPerson), Scenario.Internal(Tom), Declined(Scenario.Priya, Affiliation.External)]);

        Assert.False(meeting.HasExternalPeople);
        Assert.False(BriefingPolicy.Evaluate(meeting, BriefingRecipe.Default).IsBriefed);
    }

    [Fact]
    public void A_customer_organised_meeting_with_only_colleagues_invited_is_briefed()
    {
        var meeting = Scenario.Meeting(attendees: [Scenario.Internal(Scenario.LenaPerson), Scenario.Internal(Tom)]) with
        {
            Organizer = Ben,
            OrganizerAffiliation = Affiliation.External,
        };

        Assert.True(BriefingPolicy.Evaluate(meeting, BriefingRecipe.Default).IsBriefed);
        Assert.Equal([Ben.Email], meeting.ExternalAttendees.Select(a => a.Person.Email));
    }
}
