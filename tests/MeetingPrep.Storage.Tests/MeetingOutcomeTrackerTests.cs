using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Outcomes;
using MeetingPrep.Core.Security;
using MeetingPrep.Core.Users;
using MeetingPrep.Storage.Crm;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Storage.Tests;

/// <summary>
/// Following meetings for the outcome report on a fake clock, on both providers: the real engine decides which meetings
/// count, the real built-in CRM is read at the meeting and 14 days later, the store keeps ids and states only.
/// </summary>
public sealed class MeetingOutcomeTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly UserRef Lena = new("t1", "user-lena", "lena.vogt@contoso.com", "Lena Vogt", "UTC", "en-GB");
    private static readonly Person LenaPerson = new("Lena Vogt", "lena.vogt@contoso.com");

    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Briefed_and_unbriefed_meetings_including_those_before_the_install_are_snapshotted_at_start_and_compared_fourteen_days_on(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(T0.AddMinutes(30));
        var calendar = new Calendar(
        [
            Meeting("qbr", T0, "priya@fabrikam.com"),                                   // briefed (delivered at 09:00)
            Meeting("intro", T0.AddMinutes(10), "ana@northwind.com"),                  // before the install at 10:20
            Meeting("weekly", T0.AddMinutes(15), "ana@northwind.com", "No briefing"),    // opted out by category
            Meeting("private", T0, "priya@fabrikam.com", sensitivity: Sensitivity.Private),
            Meeting("unknown", T0, "someone@unknown-client.com"),                      // no account in the CRM
            Meeting("internal", T0),                                                   // colleagues only
            Meeting("later", T0.AddHours(2), "priya@fabrikam.com"),                    // not started yet
        ]);

        // The built-in CRM belongs to the tenant; the tracker, like its job, reads across tenants.
        await using (var crm = database.CreateContext(TenantScope.Of("t1")))
        {
            await new EfBuiltInCrmStore(crm).ReplaceAllAsync(Crm(T0.AddDays(-10), fabrikamRenewal: "Qualify", upsellClosed: false, fabCaseOpen: true, pilotClosed: false), Ct);
        }

        await using (var db = database.CreateContext())
        {
            await new EfEngagementLog(db).RecordAsync(new EngagementSignal("t1", Lena.UserId, "qbr", T0, EngagementKind.Delivered, "teams", T0.AddHours(-1)), Ct);
            await new EfEngagementLog(db).RecordAsync(new EngagementSignal("t1", Lena.UserId, null, null, EngagementKind.Installed, null, T0.AddMinutes(20)), Ct);

            var tracker = Tracker(db, calendar, time);
            Assert.Equal(3, await tracker.SnapshotStartedMeetingsAsync(Lena, Ct));
            Assert.Equal(0, await tracker.SnapshotStartedMeetingsAsync(Lena, Ct)); // already followed
            Assert.Equal(0, await tracker.TakeDueFollowUpsAsync(Ct));
        }

        // In the two weeks after: the renewal moves on, the upsell is won, Fabrikam's case is closed, Northwind's pilot lost.
        time.SetUtcNow(T0.AddDays(5));
        await using (var db = database.CreateContext(TenantScope.Of("t1")))
        {
            await new EfBuiltInCrmStore(db).ReplaceAllAsync(Crm(T0.AddDays(3), fabrikamRenewal: "Propose", upsellClosed: true, fabCaseOpen: false, pilotClosed: true), Ct);
        }

        time.SetUtcNow(T0.AddDays(13).AddHours(23));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(0, await Tracker(db, calendar, time).TakeDueFollowUpsAsync(Ct));
        }

        time.SetUtcNow(T0.AddDays(14).AddHours(1));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(3, await Tracker(db, calendar, time).TakeDueFollowUpsAsync(Ct));
            Assert.Equal(0, await Tracker(db, calendar, time).TakeDueFollowUpsAsync(Ct));
        }

        await using (var db = database.CreateContext())
        {
            var store = new EfMeetingOutcomeStore(db);
            var followed = await store.ListCompletedAsync("t1", T0.AddDays(-1), T0.AddDays(1), Ct);
            Assert.Equal(
                [("qbr", true, null), ("intro", false, "before_install"), ("weekly", false, "category")],
                followed.Select(r => (r.MeetingId, r.Briefed, r.NotBriefedReason)));
            var qbr = followed[0];
            Assert.Equal(["acc-fab"], qbr.AtMeeting.AccountIds);
            Assert.Equal(
                [new DealSnapshot("fab-renewal", "acc-fab", "Qualify", "100k-1M", DealState.Open), new DealSnapshot("fab-upsell", "acc-fab", "Propose", "10k-100k", DealState.Open)],
                qbr.AtMeeting.Deals);
            Assert.Equal(
                [new DealSnapshot("fab-renewal", "acc-fab", "Propose", "100k-1M", DealState.Open), new DealSnapshot("fab-upsell", "acc-fab", "Closed Won", "10k-100k", DealState.Won)],
                qbr.After!.Deals);
            Assert.Empty(await store.ListCompletedAsync("t2", T0.AddDays(-1), T0.AddDays(1), Ct));

            // Hand-computed: the briefed meeting moved a deal forward, won one and closed a case; the two unbriefed ones (one
            // before the install, one opted out) each saw Northwind's pilot lost: 2 of 2 lost, nothing else moved.
            var comparison = OutcomeReport.Compute(followed, new DealStageOrder(DealStageOrder.Defaults), 14, minGroupSize: 1);
            Assert.Equal(new OutcomeGroup(false, 1, 1, 1, 0, 1, 0, 1), comparison.Briefed);
            Assert.Equal(new OutcomeGroup(false, 2, 1, 0, 0, 0, 1, 0), comparison.NotBriefed);
            Assert.Equal([new ReasonCount("before_install", 1), new ReasonCount("category", 1)], comparison.NotBriefedReasons);
        }

        // Retention and "forget me" reach the followed meetings.
        await using (var db = database.CreateContext())
        {
            var purged = await new EfUserDataStore(db).PurgeOlderThanAsync(T0.AddMinutes(10), Ct);
            Assert.Equal(1, purged.Outcomes);
            Assert.Equal(2, (await new EfUserDataStore(db).ForgetUserAsync("t1", Lena.UserId, Ct)).Outcomes);
            Assert.Empty(await new EfMeetingOutcomeStore(db).ListCompletedAsync("t1", T0.AddDays(-1), T0.AddDays(1), Ct));
        }
    }

    private static MeetingOutcomeTracker Tracker(MeetingPrepDbContext db, ICalendarSource calendar, TimeProvider time)
    {
        var crm = new BuiltInCrmSource(db, Options.Create(new BuiltInCrmOptions { PublicBaseUrl = new Uri("https://meetingprep.example.com") }));
        var engagement = new EfEngagementLog(db);
        var briefings = new BriefingService(
            calendar,
            new ContextGatherer(calendar, new NoMail(), crm, time, GathererTimeouts.Default),
            new ExtractiveBriefingWriter(time),
            new EfRecipeStore(db, time),
            new EfFeedbackStore(db),
            engagement);
        return new MeetingOutcomeTracker(briefings, crm, engagement, new EfMeetingOutcomeStore(db), time, new OutcomeTrackingOptions(), NullLogger<MeetingOutcomeTracker>.Instance);
    }

    private static CrmContext Crm(DateTimeOffset changed, string fabrikamRenewal, bool upsellClosed, bool fabCaseOpen, bool pilotClosed)
    {
        var old = T0.AddDays(-30);
        return new CrmContext(
            [
                new CrmAccount("acc-fab", "Fabrikam", "fabrikam.com", null, null, null, null, null, old),
                new CrmAccount("acc-nw", "Northwind", "northwind.com", null, null, null, null, null, old),
            ],
            [],
            [
                new Opportunity("fab-renewal", "acc-fab", "Fabrikam renewal", fabrikamRenewal, 240_000m, "EUR", null, false, null, null, changed),
                new Opportunity("fab-upsell", "acc-fab", "Fabrikam upsell", upsellClosed ? "Closed Won" : "Propose", 60_000m, "EUR", null, upsellClosed, null, null, changed),
                new Opportunity("nw-pilot", "acc-nw", "Northwind pilot", pilotClosed ? "Closed Lost" : "Propose", 20_000m, "USD", null, pilotClosed, null, null, changed),
            ],
            [],
            [
                new CrmCase("fab-case", "acc-fab", "CAS-1", "Outage", fabCaseOpen ? "Active" : "Resolved", CasePriority.High, fabCaseOpen, false, old, null, null, null, changed),
                new CrmCase("nw-case", "acc-nw", "CAS-2", "Question", "Active", CasePriority.Normal, true, false, old, null, null, null, changed),
            ],
            []);
    }

    private static Meeting Meeting(string id, DateTimeOffset start, string? external = null, string? category = null, Sensitivity sensitivity = Sensitivity.Normal)
    {
        List<Attendee> people = [new(LenaPerson, AttendeeType.Required, ResponseStatus.Accepted, Affiliation.Internal)];
        people.Add(external is null
            ? new(new Person("Omar Haddad", "omar@contoso.com"), AttendeeType.Required, ResponseStatus.Accepted, Affiliation.Internal)
            : new(new Person(external, external), AttendeeType.Required, ResponseStatus.Accepted, Affiliation.External));
        return new Meeting(
            id, "ical-" + id, null, MeetingType.SingleInstance, "Meeting " + id, start, start.AddMinutes(45), false, false, sensitivity, ShowAs.Busy,
            LenaPerson, people, category is null ? [] : [category], null, null, null, null);
    }

    private sealed class Calendar(IReadOnlyList<Meeting> meetings) : ICalendarSource
    {
        public Task<IReadOnlyList<Meeting>> GetMeetingsAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Meeting>>([.. meetings.Where(m => m.End > from && m.Start < to)]);

        public Task<Meeting?> GetMeetingAsync(UserRef user, string meetingId, CancellationToken cancellationToken) =>
            Task.FromResult(meetings.FirstOrDefault(m => m.Id == meetingId));

        public Task<IReadOnlyList<Meeting>> GetMeetingsWithAsync(UserRef user, IReadOnlyCollection<string> emails, DateTimeOffset since, DateTimeOffset before, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Meeting>>([]);

        public Task<TenantDomains> GetTenantDomainsAsync(UserRef user, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class NoMail : IMailSource
    {
        public Task<IReadOnlyList<EmailMessage>> GetRecentMessagesAsync(UserRef user, IReadOnlyCollection<string> emails, DateTimeOffset since, int maxPerPerson, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<EmailMessage>>([]);
    }
}
