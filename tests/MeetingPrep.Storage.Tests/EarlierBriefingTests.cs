using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;
using MeetingPrep.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Storage.Tests;

/// <summary>
/// "Since the last briefing": the facts the last card about the same account showed (stored with its delivery) are read
/// back from the real delivery log and compared with the CRM now, so the next briefing says what moved.
/// </summary>
public sealed class EarlierBriefingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private static readonly UserRef Sanne = new("tenant-1", "user-sanne", "sanne@northwind.test", "Sanne de Vries", "Europe/Amsterdam", "en-GB");
    private static readonly Person Me = new("Sanne de Vries", "sanne@northwind.test");
    private static readonly Person Marloes = new("Marloes Jansen", "m.jansen@vdmeulen.test");
    private static readonly DeliveryLease Lease = new("instance-a", TimeSpan.FromMinutes(5));

    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Meeting Meeting(string id, DateTimeOffset start) => new(
        id, "ical-" + id, null, MeetingType.SingleInstance, "Van der Meulen – WMS", start, start.AddHours(1), false, false, Sensitivity.Normal, ShowAs.Busy, Me,
        [new Attendee(Me, AttendeeType.Required, ResponseStatus.Organizer, Affiliation.Internal), new Attendee(Marloes, AttendeeType.Required, ResponseStatus.Accepted, Affiliation.External)],
        [], "Teams", null, null, null);

    private static CrmContext Crm(string stage, DateOnly close, bool escalated) => new(
        [new CrmAccount("acc-vdm", "Van der Meulen", "vdmeulen.test", "A", "Food", "Sanne de Vries", Sanne.Upn, null, Now.AddDays(-40))],
        [],
        [
            new Opportunity("o-renewal", "acc-vdm", "Van der Meulen – WMS renewal 2027", stage, 228_000m, "EUR", close, false, Now.AddDays(-2), null, Now.AddDays(-2)),
            new Opportunity("o-voice", "acc-vdm", "Van der Meulen – voice picking", stage == "Negotiation" ? "Qualify" : "Proposal", 64_000m, "EUR", new DateOnly(2027, 2, 26), false, Now.AddDays(-2), null, Now.AddDays(-2)),
        ],
        [],
        [new CrmCase("k-20417", "acc-vdm", "CAS-20417", "Scanners drop after update", "Open", CasePriority.High, true, escalated, Now.AddDays(-18), escalated ? Now.AddDays(-17) : null, null, null, Now.AddDays(-1))],
        []);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_next_briefing_says_what_moved_since_the_last_card_about_the_account(Provider provider)
    {
        await using var database = await DeliveryLogSchedulerTests.ModelDatabase.CreateAsync(provider);
        var first = Meeting("m-qbr", Now.AddDays(-20));
        var then = new MeetingContext(Sanne, first, [], [], Crm("Proposal", new DateOnly(2026, 11, 30), escalated: false), [], Now.AddDays(-21));

        // The card for the earlier meeting went out showing the renewal closing 30 Nov and the case not escalated.
        await using (var db = database.CreateContext())
        {
            var log = new EfDeliveryLog(db);
            var claim = Assert.IsType<DeliveryClaim>(await log.TryClaimAsync(DeliveryKey.For(Sanne, first.Id, first.Start), Lease, Now.AddDays(-21), Ct));
            Assert.True(await log.BeginSendAsync(claim, Lease, Now.AddDays(-21), Ct));
            Assert.True(await log.RecordAsync(claim, new DeliveryRecord(DeliveryStatus.Sent, Now.AddDays(-21), ActivityId: "1:card", Facts: MaterialFacts.Of(then).ToJson()), Ct));
        }

        var next = Meeting("m-renewal", Now.AddDays(2));
        var now = new MeetingContext(Sanne, next, [], [], Crm("Negotiation", new DateOnly(2026, 12, 11), escalated: true), [], Now);
        EarlierBriefing? earlier;
        await using (var db = database.CreateContext())
        {
            earlier = await EarlierBriefing.FindAsync(new EfDeliveryLog(db), Sanne, next, now, Ct);
        }

        Assert.NotNull(earlier);
        Assert.Equal(first.Start, earlier.MeetingStart);
        var briefing = new ExtractiveBriefingWriter(new FakeTimeProvider(Now))
            .Write(now with { Earlier = earlier }, BriefingRecipe.Default with { Length = BriefingLength.Detailed, ItemsPerSection = 10 }, new HashSet<string>());
        var items = briefing.Sections.SelectMany(s => s.Items).ToList();

        // The renewal slipped: said in its risk line, which leads the summary, citing the deal.
        var slip = Assert.Single(briefing.Section(SectionKind.Summary)!.Items, i => i.Text.Contains("close date slipped from 30 Nov 2026 to 11 Dec 2026 since 10 Nov", StringComparison.Ordinal));
        Assert.Contains("opportunity:o-renewal", slip.Citations);
        Assert.Equal(briefing.Section(SectionKind.Summary)!.Items[0], slip);
        Assert.Contains(items, i => i.Text.Contains("stage moved from Proposal to Negotiation since 10 Nov", StringComparison.Ordinal) && i.Citations.Contains("opportunity:o-renewal"));
        Assert.Contains(items, i => i.Text.Contains("stage moved from Proposal to Qualify since 10 Nov", StringComparison.Ordinal) && i.Citations.Contains("opportunity:o-voice"));
        Assert.Contains(items, i => i.Text == "Case CAS-20417 escalated since 10 Nov" && i.Citations.Contains("case:k-20417"));

        // The same meeting's own earlier card is not "the last briefing", nor one about other accounts.
        await using (var db = database.CreateContext())
        {
            Assert.Null(await EarlierBriefing.FindAsync(new EfDeliveryLog(db), Sanne, first, then, Ct));
            var elsewhere = now with { Crm = now.Crm with { Opportunities = [], Cases = [] } };
            Assert.Null(await EarlierBriefing.FindAsync(new EfDeliveryLog(db), Sanne, next, elsewhere, Ct));
        }
    }
}
