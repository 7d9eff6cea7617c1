using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Web.Tests.Bot;

/// <summary>
/// A small world for the bot tests: Lena (Contoso) meets Fabrikam tomorrow at 15:00 UTC and Northwind the day after.
/// The sources are in-memory stand-ins behind the Core interfaces; the Graph and CRM wire formats are tested elsewhere.
/// </summary>
internal static class BotScenario
{
    public const string Tenant = "0c0a0b0d-2222-4222-8222-00000000c0de";
    public const string LenaOid = "3e9d0f7a-3333-4333-8333-00000000a11a";
    public const string LenaTeamsId = "29:1lena-pairwise-id";
    public const string LenaUpn = "lena.vogt@contoso.com";
    public const string BotId = "28:" + TestChannel.AppId;

    public static readonly Person Lena = new("Lena Vogt", LenaUpn);
    public static readonly Person Priya = new("Priya Raman", "priya@fabrikam.com");
    public static readonly Person Dan = new("Dan Okafor", "dan@fabrikam.com");
    public static readonly Person Sam = new("Sam Lee", "sam@northwind.com");

    public static DateTimeOffset Today { get; } = new(DateTime.UtcNow.Date, TimeSpan.Zero);

    public static Meeting Fabrikam { get; } = Make("m-fab", "Fabrikam quarterly business review", Today.AddDays(1).AddHours(15), "series-fab", Priya, Dan);

    public static Meeting Northwind { get; } = Make("m-nw", "Northwind kickoff", Today.AddDays(2).AddHours(10), null, Sam);

    private static Meeting Make(string id, string subject, DateTimeOffset start, string? series, params Person[] externals) => new(
        id,
        "ical-" + id,
        series,
        series is null ? MeetingType.SingleInstance : MeetingType.Occurrence,
        subject,
        start,
        start.AddMinutes(45),
        false,
        false,
        Sensitivity.Normal,
        ShowAs.Busy,
        Lena,
        [new Attendee(Lena, AttendeeType.Required, ResponseStatus.Organizer, Affiliation.Internal), .. externals.Select(p => new Attendee(p, AttendeeType.Required, ResponseStatus.Accepted, Affiliation.External))],
        [],
        "Teams",
        new Uri("https://teams.microsoft.com/l/meetup-join/" + id),
        new Uri("https://outlook.office.com/calendar/item/" + id),
        null);

    public sealed class Calendar : ICalendarSource
    {
        private static readonly Meeting[] All = [Fabrikam, Northwind];

        public Task<IReadOnlyList<Meeting>> GetMeetingsAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Meeting>>(user.Upn == LenaUpn ? All.Where(m => m.End > from && m.Start < to).ToList() : []);

        public Task<Meeting?> GetMeetingAsync(UserRef user, string meetingId, CancellationToken cancellationToken) =>
            Task.FromResult(user.Upn == LenaUpn ? All.FirstOrDefault(m => m.Id == meetingId) : null);

        public Task<IReadOnlyList<Meeting>> GetMeetingsWithAsync(UserRef user, IReadOnlyCollection<string> emails, DateTimeOffset since, DateTimeOffset before, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Meeting>>([]);

        public Task<TenantDomains> GetTenantDomainsAsync(UserRef user, CancellationToken cancellationToken) =>
            Task.FromResult(new TenantDomains(["contoso.com"]));
    }

    public sealed class Mail : IMailSource
    {
        public Task<IReadOnlyList<EmailMessage>> GetRecentMessagesAsync(
            UserRef user, IReadOnlyCollection<string> participants, DateTimeOffset since, int maxPerParticipant, CancellationToken cancellationToken)
        {
            IReadOnlyList<EmailMessage> messages = participants.Contains(Dan.Email, StringComparer.OrdinalIgnoreCase)
                ?
                [
                    new EmailMessage("e1", "c1", "Dashboard refresh still failing", Dan, [Lena], Today.AddDays(-2).AddHours(9),
                        "Hi Lena, the EMEA dashboard refresh is still failing since the update. Can we discuss a fix date at the QBR?", new Uri("https://outlook.office.com/mail/e1")),
                    new EmailMessage("e2", "c2", "Renewal proposal", Priya, [Lena], Today.AddDays(-5).AddHours(14),
                        "Thanks for the renewal proposal. We will review the pricing for FY27 before our meeting.", new Uri("https://outlook.office.com/mail/e2")),
                ]
                : [];
            return Task.FromResult(messages);
        }
    }

    public sealed class Crm : ICrmSource
    {
        /// <summary>Records keep their last-modified time from one call to the next, as in a real CRM (a "wrong" flag binds to that version).</summary>
        private static readonly DateTimeOffset Versioned = DateTimeOffset.UtcNow;

        public string Name => "Test CRM";

        /// <summary>The status of case 4471; a test changes it as a CRM user would.</summary>
        public string CaseStatus { get; set; } = "Waiting on engineering";

        public Task<CrmContext> GetContextAsync(CrmQuery query, CancellationToken cancellationToken)
        {
            if (!query.Emails.Any(e => e.EndsWith("@fabrikam.com", StringComparison.OrdinalIgnoreCase)))
            {
                return Task.FromResult(CrmContext.Empty);
            }

            var now = Versioned;
            return Task.FromResult(new CrmContext(
                [new CrmAccount("acc-fab", "Fabrikam", "fabrikam.com", "A", "Retail", "Lena Vogt", LenaUpn, new Uri("https://crm.test/accounts/fab"), now.AddDays(-30))],
                [new CrmContact("c-priya", "acc-fab", "Priya Raman", "priya@fabrikam.com", "VP Marketing", "Decision maker", new Uri("https://crm.test/contacts/priya"), now.AddDays(-40))],
                [new Opportunity("o-renewal", "acc-fab", "Fabrikam renewal FY27", "Proposal", 240_000m, "EUR", DateOnly.FromDateTime(now.AddDays(60).DateTime), false, now.AddDays(-5), new Uri("https://crm.test/opps/renewal"), now.AddDays(-5))],
                [],
                [new CrmCase("k-4471", "acc-fab", "4471", "Dashboard refresh failing (EMEA)", CaseStatus, CasePriority.High, true, true, now.AddDays(-20), now.AddDays(-5), "dan@fabrikam.com", new Uri("https://crm.test/cases/4471"), now.AddDays(-5))],
                []));
        }
    }
}
