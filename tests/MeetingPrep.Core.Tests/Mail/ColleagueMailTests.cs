using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;
using Moq;
using Xunit;

namespace MeetingPrep.Core.Tests.Mail;

/// <summary>Mail among the account team about the client: what is searched, what is kept, and that a shared view never shows it.</summary>
public sealed class ColleagueMailTests
{
    private static readonly DateTimeOffset Since = Scenario.Now.AddDays(-30);
    private static readonly Person Marek = new("Marek Kowalski", "marek.kowalski@contoso.com");
    private static readonly Person Sofia = new("Sofia Greco", "sofia.greco@contoso.com");
    private static readonly Person SalesOps = new("Sales Operations", "salesops@contoso.com");
    private static readonly Person AllSales = new("All sales", "sales-all@contoso.com");
    private static readonly Person DealDesk = new("Deal desk", "dealdesk@contoso.fr");
    private static readonly CrmAccount Aurelia = new("acc-aur", "Torrefazione Aurelia S.p.A.", "torrefazioneaurelia.it", "A", "Food", null, null, null, Scenario.Now);
    private static readonly Person Davide = new("Davide Rinaldi", "d.rinaldi@torrefazioneaurelia.it");

    private static Meeting ClientMeeting() => Scenario.Meeting(attendees:
    [
        Scenario.Internal(Scenario.LenaPerson), Scenario.External(Davide), Scenario.Internal(Marek),
        new Attendee(Sofia, AttendeeType.Required, ResponseStatus.Declined, Affiliation.Internal),
    ]);

    private static ColleagueMailQuery Query() =>
        ColleagueMail.QueryFor(ClientMeeting(), Scenario.Lena.Upn, [Davide.Email], [Aurelia], Since, 10)!;

    private static readonly CrmAccount WideWorld = new("acc-wwi", "Wide World Importers", "wideworldimporters.com", null, null, null, null, null, Scenario.Now);

    private static EmailMessage Mail(string id, Person from, IReadOnlyList<Person> to, string text, int daysAgo = 1, string subject = "Update") =>
        new(id, "conv-" + id, subject, from, to, Scenario.Now.AddDays(-daysAgo), text, null);

    [Fact]
    public void The_query_names_the_client_by_the_words_its_domain_spells_its_initials_and_its_domain()
    {
        var query = Query();

        Assert.Equal("lena.vogt@contoso.com", query.User);
        Assert.Equal(["contoso.com"], query.InternalDomains);
        // "S.p.A." is a legal form, not a name.
        Assert.Equal(["Torrefazione", "Aurelia", "torrefazioneaurelia.it"], query.Mentions);
        Assert.Equal(Since, query.Since);
        Assert.Equal(
            ["Wide", "World", "Importers", "WWI", "wideworldimporters.com"],
            ColleagueMail.QueryFor(ClientMeeting(), Scenario.Lena.Upn, ["diego@wideworldimporters.com"], [WideWorld], Since, 10)!.Mentions);
    }

    [Fact]
    public void Without_a_name_or_a_domain_there_is_nothing_to_search()
    {
        Assert.Null(ColleagueMail.QueryFor(ClientMeeting(), Scenario.Lena.Upn, [], [], Since, 10));
    }

    [Fact]
    public void Only_the_users_own_conversations_among_us_that_name_the_client_belong()
    {
        var query = Query();

        Assert.True(ColleagueMail.Belongs(query, Mail("ok", Marek, [Scenario.LenaPerson], "The written report on Aurelia will not be ready before 10 December.")));
        Assert.True(ColleagueMail.Belongs(query, Mail("subject", Sofia, [Scenario.LenaPerson], "Finance allows +5 %.", subject: "AURELIA – margine")));
        // The deal desk writes from our French domain: the same organisation under another ending is one of us.
        Assert.True(ColleagueMail.Belongs(query, Mail("sibling", DealDesk, [Scenario.LenaPerson], "Aurelia: 5 % is the floor.")));
        // Someone outside is on it: that is mail with the customer, read (and judged) as such, never as our own talk.
        Assert.False(ColleagueMail.Belongs(query, Mail("external", Marek, [Scenario.LenaPerson, Davide], "Aurelia: the patch is live.")));
        // A digest to a list: the user is not on it by address.
        Assert.False(ColleagueMail.Belongs(query, Mail("digest", SalesOps, [AllSales], "Renewals closing in December: Torrefazione Aurelia, Cartiere del Garda.")));
        // An announcement to many people is not a conversation about the account.
        Person[] many = [.. Enumerable.Range(1, ColleagueMail.MaxPeople).Select(i => new Person("P" + i, $"p{i}@contoso.com"))];
        Assert.False(ColleagueMail.Belongs(query, Mail("many", SalesOps, [Scenario.LenaPerson, .. many], "Aurelia renewal kick-off.")));
        // Another customer, a word that only contains the name, and mail older than the look-back.
        Assert.False(ColleagueMail.Belongs(query, Mail("other", Marek, [Scenario.LenaPerson], "The demo tenant for Cartiere del Garda is ready.")));
        Assert.False(ColleagueMail.Belongs(query, Mail("part", Marek, [Scenario.LenaPerson], "See the Aurelian wall photos.")));
        Assert.False(ColleagueMail.Belongs(query, Mail("old", Marek, [Scenario.LenaPerson], "Aurelia kickoff notes.", daysAgo: 45)));
    }

    [Fact]
    public async Task The_gatherer_adds_colleague_mail_marked_as_such_after_the_crm_names_the_client()
    {
        var calendar = new Mock<ICalendarSource>();
        calendar.Setup(c => c.GetMeetingsWithAsync(It.IsAny<UserRef>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([]);
        var crm = new Mock<ICrmSource>();
        crm.Setup(c => c.Name).Returns("Test CRM");
        crm.Setup(c => c.GetContextAsync(It.IsAny<CrmQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(CrmContext.Empty with { Accounts = [Aurelia] });
        var external = Mail("with-davide", Davide, [Scenario.LenaPerson], "The report has not arrived.", daysAgo: 2);
        var internalTalk = Mail("among-us", Marek, [Scenario.LenaPerson], "Aurelia: the report slips to 10 December.");
        var digest = Mail("digest", SalesOps, [AllSales], "Aurelia closes in December.");
        var mail = new Mock<IMailSource>();
        mail.Setup(m => m.GetRecentMessagesAsync(It.IsAny<UserRef>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync([external]);
        ColleagueMailQuery? asked = null;
        mail.Setup(m => m.GetColleagueMessagesAsync(It.IsAny<UserRef>(), It.IsAny<ColleagueMailQuery>(), It.IsAny<CancellationToken>()))
            .Callback<UserRef, ColleagueMailQuery, CancellationToken>((_, q, _) => asked = q)
            .ReturnsAsync([internalTalk, digest]);
        var gatherer = new ContextGatherer(calendar.Object, mail.Object, crm.Object, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Scenario.Now), GathererTimeouts.Default);

        var context = await gatherer.GatherAsync(Scenario.Lena, ClientMeeting(), BriefingRecipe.Default, TestContext.Current.CancellationToken);

        Assert.Equal(["among-us", "with-davide"], context.Emails.Select(e => e.Id));
        Assert.True(context.Emails[0].AmongColleagues);
        Assert.False(context.Emails[1].AmongColleagues);
        Assert.Contains("Aurelia", asked!.Mentions);
        Assert.Equal(10, asked.Max);
        Assert.Equal(2, context.Reads.Single(r => r.Source == "mail").Items);
    }

    [Fact]
    public void A_shared_view_leaves_out_colleague_mail_even_when_conversations_are_not_internal_only()
    {
        var recipe = BriefingRecipe.Default with
        {
            Sections = [.. BriefingRecipe.Default.Sections.Select(s => s.Kind is SectionKind.RecentConversations or SectionKind.Commitments ? s with { InternalOnly = false } : s)],
        };
        var internalTalk = Mail("among-us", Marek, [Scenario.LenaPerson], "Aurelia: finance allows down to +5 %.") with { AmongColleagues = true };
        var context = Scenario.Context(ClientMeeting()) with { Emails = [.. Scenario.Emails(), internalTalk] };
        var briefing = new Briefings.Writing.ExtractiveBriefingWriter(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Scenario.Now)).Write(context, recipe, new HashSet<string>());
        Assert.Contains(briefing.Sections.SelectMany(s => s.Items), i => i.Citations.Contains("email:among-us"));

        var shared = BriefingAudience.ForShared(briefing, context);
        var sharedContext = BriefingAudience.ForShared(context, recipe);

        Assert.DoesNotContain(shared.Sections.SelectMany(s => s.Items), i => i.Citations.Contains("email:among-us"));
        Assert.DoesNotContain(shared.Sources, s => s.Id == "email:among-us");
        Assert.Contains(shared.Sections.SelectMany(s => s.Items), i => i.Citations.Contains("email:e1"));
        Assert.DoesNotContain(sharedContext.Emails, e => e.AmongColleagues);
        Assert.Equal(3, sharedContext.Emails.Count);
    }
}
