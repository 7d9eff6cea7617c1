using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Users;
using Xunit;

namespace MeetingPrep.Core.Tests;

/// <summary>What makes a sent card out of date, and the "what changed" lines its update carries.</summary>
public sealed class MaterialFactsTests
{
    private static readonly UserRef Berlin = new("tenant-1", "user-1", "lena@contoso.com", "Lena Vogt", "Europe/Berlin", "de-DE");
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);

    private static MaterialFacts Sent() => new(
        Start,
        Start.AddHours(1),
        [new MaterialFacts.Mail("m-1", "Daniel Ashford")],
        [new MaterialFacts.Case("c-1", "00042", CasePriority.Normal, false)],
        [new MaterialFacts.Deal("o-1", "Fabrikam renewal", "Proposal", new DateOnly(2026, 3, 31))]);

    [Fact]
    public void The_same_facts_read_back_from_storage_are_no_change()
    {
        var sent = Sent();

        var stored = MaterialFacts.FromJson(sent.ToJson());

        Assert.NotNull(stored);
        Assert.Empty(sent.ChangesSince(stored, Berlin));
        Assert.Null(MaterialFacts.FromJson(null));
        Assert.Null(MaterialFacts.FromJson("not json"));
    }

    [Fact]
    public void A_moved_meeting_says_where_it_went_in_the_viewers_zone()
    {
        var moved = Sent() with { Start = Start.AddMinutes(30), End = Start.AddMinutes(90) };

        Assert.Equal(["Moved(03/10/2026 10:30:00 +01:00, 03/10/2026 10:00:00 +01:00)"], moved.ChangesSince(Sent(), Berlin).Select(c => c.ToString()));
        var nextDay = Sent() with { Start = Start.AddDays(1), End = Start.AddDays(1).AddHours(1) };
        Assert.Equal([MaterialChange.MovedDay], nextDay.ChangesSince(Sent(), Berlin).Select(c => c.Code));
    }

    [Fact]
    public void An_escalated_case_new_mail_and_a_deal_moving_are_each_named_while_a_mail_dropping_out_is_not()
    {
        var now = Sent() with
        {
            Mails = [new MaterialFacts.Mail("m-2", "Priya Raman")],
            Cases = [new MaterialFacts.Case("c-1", "00042", CasePriority.Critical, true)],
            Deals = [new MaterialFacts.Deal("o-1", "Fabrikam renewal", "Negotiation", new DateOnly(2026, 4, 15))],
        };

        Assert.Equal(
            [
                "NewEmail(Priya Raman)",
                "CaseEscalated(00042, Critical)",
                "DealStage(Fabrikam renewal, Negotiation, Proposal)",
                "DealCloseDate(Fabrikam renewal, 04/15/2026, 03/31/2026)",
            ],
            now.ChangesSince(Sent(), Berlin).Select(c => c.ToString()));
        Assert.Empty((Sent() with { Mails = [] }).ChangesSince(Sent(), Berlin));
    }
}
