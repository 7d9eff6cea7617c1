using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using Xunit;
using static MeetingPrep.Core.Tests.Scenario;

namespace MeetingPrep.Core.Tests;

/// <summary>Internal prep for a client meeting is found by the client's name in its subject or agenda, and briefed as a client meeting.</summary>
public sealed class ClientMeetingsTests
{
    private static readonly Person Jo = new("Jo Brown", "jo.brown@contoso.com");
    private static readonly Person Rebecca = new("Rebecca Lindholm", "rebecca@margiestravel.com");
    private static readonly Person Aisha = new("Aisha Khan", "aisha@woodgrove-bank.co.uk");

    private static Meeting Prep(string subject, int inDays = 1, string? agenda = null) =>
        Meeting("prep", subject, Now.AddDays(inDays), attendees: [Internal(LenaPerson), Internal(Jo)]) with { BodyPreview = agenda };

    private static Meeting ClientMeeting(string id, Person person, int inDays) =>
        Meeting(id, "Executive briefing", Now.AddDays(inDays), attendees: [Internal(LenaPerson), External(person)]);

    [Theory]
    [InlineData("Prep: Margie's Travel executive briefing", "margies")]
    [InlineData("Vorbereitung Margie’s Travel", "margies")]
    [InlineData("Woodgrove RCA – internal review", "woodgrove")]
    [InlineData("Prep for Thursday", "none")]
    [InlineData("Travel policy review", "none")]
    public void The_client_is_named_by_most_of_its_mail_domain(string subject, string expected)
    {
        var margies = ClientMeeting("margies", Rebecca, 3);
        var woodgrove = ClientMeeting("woodgrove", Aisha, 2);

        var found = ClientMeetings.FindFor(Prep(subject), [margies, woodgrove, Prep(subject)]);

        Assert.Equal(expected, found?.Id ?? "none");
    }

    [Fact]
    public void The_agenda_can_name_the_client_and_the_nearest_upcoming_meeting_wins()
    {
        var before = ClientMeeting("before", Rebecca, -2);
        var after = ClientMeeting("after", Rebecca, 4);
        var far = ClientMeeting("far", Rebecca, 30);

        var found = ClientMeetings.FindFor(Prep("Internal sync", agenda: "1. Margies Travel renewal: our pricing position"), [far, before, after]);

        Assert.Equal("after", found?.Id);
    }

    [Fact]
    public void Client_meetings_and_private_meetings_have_no_client_meeting_of_their_own()
    {
        var margies = ClientMeeting("margies", Rebecca, 3);
        Assert.Null(ClientMeetings.FindFor(Meeting("ext", "Margie's Travel prep", Now.AddDays(1)), [margies]));
        Assert.Null(ClientMeetings.FindFor(Prep("Margie's Travel prep") with { Sensitivity = Sensitivity.Private }, [margies]));
        Assert.Null(ClientMeetings.FindFor(Prep("Margie's Travel prep"), [margies with { IsCancelled = true }]));
    }

    [Fact]
    public void Internal_prep_about_a_client_is_briefed_even_when_internal_meetings_are_off()
    {
        var recipe = BriefingRecipe.Default;
        var prep = Prep("Prep: Margie's Travel executive briefing");
        Assert.False(BriefingPolicy.Evaluate(prep, recipe).IsBriefed);
        Assert.True(BriefingPolicy.Evaluate(prep, recipe, ClientMeeting("margies", Rebecca, 3)).IsBriefed);
    }
}
