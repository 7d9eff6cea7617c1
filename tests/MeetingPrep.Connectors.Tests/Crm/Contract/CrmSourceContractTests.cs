using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Outcomes;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Crm.Contract;

/// <summary>
/// What every CRM must answer for a meeting, the same for all four: each provider serves one small world (in its own
/// wire format, or its own database) and runs these facts. The remote fakes answer every query with all their records of
/// that kind, so what is kept is decided by the matching rules alone.
/// </summary>
public abstract class CrmSourceContractTests : IAsyncDisposable
{
    private static readonly DateTimeOffset NotesSince = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset CasesSince = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Mixed case and spaces, a personal address whose domain an account claims, a non-address, a subsidiary's domain.</summary>
    private static readonly IReadOnlyList<string> Attendees =
        ["  Alex.Kim@Fabrikam.com ", "sam@fabrikam.com", "priya@northwind.com", "someone@gmail.com", "not-an-address", "ops@litware.com"];

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The provider's id for record number <paramref name="n"/> of the world, in the shape its CRM uses.</summary>
    protected abstract string IdOf(int n);

    /// <summary>
    /// A source serving <paramref name="world"/>: its accounts' domains as the CRM keeps web sites, health scores as the
    /// one-point "Health" series of <see cref="CrmContext.Metrics"/>.
    /// </summary>
    protected abstract Task<ICrmSource> SourceAsync(CrmContext world);

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Contacts_match_by_address_ignoring_case_and_accounts_by_contact_then_company_domain()
    {
        var context = await (await SourceAsync(World())).GetContextAsync(Ask(10), Ct);

        Assert.Equal([IdOf(Alex), IdOf(Sam)], context.Contacts.Select(c => c.Id).Order(StringComparer.Ordinal));
        Assert.All(context.Contacts, c => Assert.Equal(IdOf(Fabrikam), c.AccountId));

        // Fabrikam through its contacts; Northwind by domain, Litware by a subdomain site; never the look-alike
        // "notnorthwind.com" nor an account claiming gmail.com.
        Assert.Equal([IdOf(Fabrikam), IdOf(Northwind), IdOf(Litware)], context.Accounts.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Equal("fabrikam.com", context.Accounts.Single(a => a.Id == IdOf(Fabrikam)).Domain);
    }

    [Fact]
    public async Task Matched_accounts_bring_open_deals_by_close_date_recent_notes_open_and_lately_closed_cases_and_health()
    {
        var context = await (await SourceAsync(World())).GetContextAsync(Ask(10), Ct);

        Assert.Equal([IdOf(NorthwindPilot), IdOf(FabrikamRenewal)], context.Opportunities.Select(o => o.Id));
        Assert.Equal([IdOf(RecentNote)], context.Notes.Select(n => n.Id));
        Assert.Equal("Asked about SSO.", context.Notes[0].Text);
        Assert.Equal([IdOf(OpenCase), IdOf(LatelyClosedCase)], context.Cases.Select(c => c.Id));
        Assert.Equal([true, false], context.Cases.Select(c => c.IsOpen));
        var health = Assert.Single(context.Metrics);
        Assert.Equal((IdOf(Fabrikam), 72m), (health.AccountId, Assert.Single(health.Points).Value));
    }

    [Fact]
    public async Task Every_kind_is_capped_at_the_asked_maximum_contacts_accounts_first()
    {
        var context = await (await SourceAsync(World())).GetContextAsync(Ask(1), Ct);

        Assert.Equal([IdOf(Alex)], context.Contacts.Select(c => c.Id));
        Assert.Equal([IdOf(Fabrikam)], context.Accounts.Select(a => a.Id));
        Assert.Equal([IdOf(FabrikamRenewal)], context.Opportunities.Select(o => o.Id));
        Assert.Equal([IdOf(RecentNote)], context.Notes.Select(n => n.Id));
        Assert.Equal([IdOf(LatelyClosedCase)], context.Cases.Select(c => c.Id));
    }

    [Fact]
    public async Task Without_a_plausible_company_address_nothing_matches()
    {
        var source = await SourceAsync(World());

        Assert.Equal(CrmContext.Empty, await source.GetContextAsync(Ask(10) with { Emails = ["not-an-address", "a@b@fabrikam.com", ""] }, Ct));
        var personal = await source.GetContextAsync(Ask(10) with { Emails = ["someone@gmail.com"] }, Ct);
        Assert.Empty(personal.Accounts);
    }

    [Fact]
    public async Task Accounts_read_by_id_bring_the_deals_closed_since_as_won_or_lost()
    {
        var source = await SourceAsync(World());
        var byId = new CrmQuery([], NotesSince, CasesSince, 10, AccountIds: [IdOf(Fabrikam), IdOf(Northwind), IdOf(99)], DealsClosedSince: ClosedSince);

        var context = await source.GetContextAsync(byId, Ct);

        Assert.Empty(context.Contacts);
        Assert.Equal([IdOf(Fabrikam), IdOf(Northwind)], context.Accounts.Select(a => a.Id).Order(StringComparer.Ordinal));
        Assert.Equal(
            new[] { (IdOf(FabrikamRenewal), DealState.Open), (IdOf(FabrikamClosedDeal), DealState.Lost), (IdOf(NorthwindPilot), DealState.Open), (IdOf(NorthwindWonDeal), DealState.Won) }
                .OrderBy(d => d.Item1, StringComparer.Ordinal),
            context.Opportunities.Select(o => (o.Id, AccountSnapshot.StateOf(o))).OrderBy(d => d.Id, StringComparer.Ordinal));

        // Closed before the date asked for: not there; without a date, open deals only (as a briefing reads them).
        var later = await source.GetContextAsync(byId with { DealsClosedSince = ClosedSince.AddDays(40) }, Ct);
        Assert.Equal([IdOf(FabrikamRenewal), IdOf(NorthwindPilot)], later.Opportunities.Select(o => o.Id).Order(StringComparer.Ordinal));
        var open = await source.GetContextAsync(byId with { DealsClosedSince = null }, Ct);
        Assert.Equal([IdOf(FabrikamRenewal), IdOf(NorthwindPilot)], open.Opportunities.Select(o => o.Id).Order(StringComparer.Ordinal));
    }

    private static readonly DateTimeOffset ClosedSince = new(2026, 10, 20, 0, 0, 0, TimeSpan.Zero);

    private static CrmQuery Ask(int max) => new(Attendees, NotesSince, CasesSince, max);

    private const int Fabrikam = 1;
    private const int Northwind = 2;
    private const int NotNorthwind = 3;
    private const int GmailFans = 4;
    private const int Litware = 5;
    private const int Alex = 11;
    private const int Sam = 12;
    private const int Bob = 13;
    private const int FabrikamRenewal = 21;
    private const int FabrikamClosedDeal = 22;
    private const int NorthwindPilot = 23;
    private const int DecoyDeal = 24;
    private const int NorthwindWonDeal = 25;
    private const int RecentNote = 31;
    private const int OldNote = 32;
    private const int DecoyNote = 33;
    private const int OpenCase = 41;
    private const int LatelyClosedCase = 42;
    private const int LongClosedCase = 43;
    private const int DecoyCase = 44;

    private CrmContext World()
    {
        var t = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        CrmAccount Account(int n, string name, string site) => new(IdOf(n), name, site, null, null, null, null, null, t);
        CrmContact Contact(int n, string email, int account) => new(IdOf(n), IdOf(account), email, email, null, null, null, t);
        Opportunity Deal(int n, int account, DateOnly close, bool closed, bool? won = null) =>
            new(IdOf(n), IdOf(account), $"Deal {n}", won switch { true => "Closed Won", false => "Closed Lost", null => "Propose" }, 1000m, null, close, closed, null, null, t, won);
        CrmNote Note(int n, int account, string text, DateTimeOffset created) => new(IdOf(n), IdOf(account), text, text, null, created, null, created);
        CrmCase Case(int n, int account, bool open, DateTimeOffset opened, DateTimeOffset changed) =>
            new(IdOf(n), IdOf(account), $"CAS-{n}", $"Case {n}", open ? "Open" : "Closed", CasePriority.Normal, open, false, opened, null, null, null, changed);
        MetricSeries Health(int account, decimal score) =>
            new($"{IdOf(account)}:health", IdOf(account), "Health", "score", true, [new MetricPoint(new DateOnly(2026, 11, 1), score)], null, t);

        return new CrmContext(
            [Account(Fabrikam, "Fabrikam", "fabrikam.com"), Account(Northwind, "Northwind", "northwind.com"),
             Account(NotNorthwind, "Not Northwind", "notnorthwind.com"), Account(GmailFans, "Gmail Fans", "gmail.com"),
             Account(Litware, "Litware EU", "eu.litware.com")],
            [Contact(Alex, "alex.kim@fabrikam.com", Fabrikam), Contact(Sam, "Sam@Fabrikam.com", Fabrikam), Contact(Bob, "bob@notnorthwind.com", NotNorthwind)],
            [Deal(FabrikamRenewal, Fabrikam, new DateOnly(2026, 12, 15), false), Deal(FabrikamClosedDeal, Fabrikam, new DateOnly(2026, 1, 15), true, won: false),
             Deal(NorthwindPilot, Northwind, new DateOnly(2026, 12, 1), false), Deal(DecoyDeal, NotNorthwind, new DateOnly(2026, 11, 30), false),
             Deal(NorthwindWonDeal, Northwind, new DateOnly(2026, 10, 30), true, won: true)],
            [Note(RecentNote, Fabrikam, "Asked about SSO.", new DateTimeOffset(2026, 11, 10, 12, 0, 0, TimeSpan.Zero)),
             Note(OldNote, Fabrikam, "Ancient history", new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero)),
             Note(DecoyNote, NotNorthwind, "Not ours", new DateTimeOffset(2026, 11, 12, 12, 0, 0, TimeSpan.Zero))],
            [Case(OpenCase, Northwind, true, new DateTimeOffset(2026, 11, 20, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 21, 7, 0, 0, TimeSpan.Zero)),
             Case(LatelyClosedCase, Fabrikam, false, new DateTimeOffset(2026, 8, 1, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 9, 15, 7, 0, 0, TimeSpan.Zero)),
             Case(LongClosedCase, Fabrikam, false, new DateTimeOffset(2026, 2, 1, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 7, 0, 0, TimeSpan.Zero)),
             Case(DecoyCase, NotNorthwind, true, new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 7, 0, 0, TimeSpan.Zero))],
            [Health(Fabrikam, 72m), Health(NotNorthwind, 40m)]);
    }
}
