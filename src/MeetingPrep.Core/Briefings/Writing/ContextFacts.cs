using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>Look-ups over one meeting's context, computed once per briefing: who is external, which accounts are in play, threads.</summary>
internal sealed class ContextFacts
{
    private readonly Dictionary<string, CrmContact> _contactsByEmail;
    private readonly HashSet<string> _externalEmails;

    public ContextFacts(MeetingContext context)
    {
        Context = context;
        _contactsByEmail = context.Crm.Contacts
            .GroupBy(c => c.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        var external = new List<Person>();
        if (context.Meeting.OrganizerAffiliation == Affiliation.External)
        {
            external.Add(context.Meeting.Organizer);
        }

        external.AddRange(context.Meeting.ExternalAttendees.Select(a => a.Person));
        ExternalPeople = external.DistinctBy(p => p.Email.ToLowerInvariant()).ToList();
        _externalEmails = ExternalPeople.Select(p => p.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);

        // Accounts in play, most attended first: by the attendees' contacts, then by their domain.
        Accounts = context.Crm.Accounts
            .DistinctBy(a => a.Id)
            .OrderByDescending(a => ExternalPeople.Count(p => AccountFor(p.Email)?.Id == a.Id))
            .ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

        Threads = context.Emails
            .DistinctBy(e => e.Id)
            .GroupBy(e => e.ConversationId)
            .Select(g => g.OrderByDescending(e => e.Sent).ToList())
            .OrderByDescending(t => t[0].Sent)
            .ToList();
        LastMeeting = context.PriorMeetings.OrderByDescending(m => m.Start).FirstOrDefault();
    }

    public MeetingContext Context { get; }

    /// <summary>Mail was read: its silence means no mail. When it was unavailable, nothing may be said about absence.</summary>
    public bool MailRead => !Context.Unavailable.Any(u => u.Source == ContextGatherer.MailSourceName);

    /// <summary>The CRM answered: a person or account missing from it is really missing.</summary>
    public bool CrmRead => !Context.Unavailable.Any(u => ContextGatherer.IsCrmSource(u.Source));

    /// <summary>Earlier meetings were read: none found means none held.</summary>
    public bool CalendarHistoryRead => !Context.Unavailable.Any(u => u.Source == ContextGatherer.CalendarSourceName);

    public Meeting Meeting => Context.Meeting;

    public DateTimeOffset Now => Context.Now;

    public IReadOnlyList<Person> ExternalPeople { get; }

    public IReadOnlyList<CrmAccount> Accounts { get; }

    /// <summary>Mail threads, each newest message first, newest thread first.</summary>
    public IReadOnlyList<List<EmailMessage>> Threads { get; }

    public Meeting? LastMeeting { get; }

    public bool IsExternalAttendee(string email) => _externalEmails.Contains(email);

    public CrmContact? ContactFor(string email) => _contactsByEmail.GetValueOrDefault(email);

    public CrmAccount? AccountFor(string email)
    {
        if (ContactFor(email)?.AccountId is { } accountId && Context.Crm.Accounts.FirstOrDefault(a => a.Id == accountId) is { } byContact)
        {
            return byContact;
        }

        var at = email.LastIndexOf('@');
        var domain = at >= 0 ? email[(at + 1)..] : string.Empty;
        if (domain.Length == 0 || PersonalMailDomains.Contains(domain))
        {
            return null;
        }

        return Context.Crm.Accounts.FirstOrDefault(a => a.Domain is { } d && string.Equals(d, domain, StringComparison.OrdinalIgnoreCase));
    }

    public string NameOf(string email) =>
        ExternalPeople.FirstOrDefault(p => p.Is(email))?.Name ?? ContactFor(email)?.Name ?? email;

    public EmailMessage? LastEmailWith(string email) =>
        Context.Emails.Where(e => e.From.Is(email) || e.Recipients.Any(r => r.Is(email))).MaxBy(e => e.Sent);

    /// <summary>Someone on our side wrote in the same thread after this message.</summary>
    public bool AnsweredAfter(EmailMessage message) =>
        Context.Emails.Any(e => e.ConversationId == message.ConversationId && e.Sent > message.Sent && !IsExternalAttendee(e.From.Email));

    /// <summary>A later note or email says the promised thing was sent or delivered (a shared distinctive word and a done-word).</summary>
    public bool MentionedAsDoneAfter(string promise, DateTimeOffset since)
    {
        var words = promise.Split([' ', ',', '.', ';', ':', '"'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => w.Length >= 7)
            .Select(w => w.ToUpperInvariant())
            .ToHashSet();
        if (words.Count == 0)
        {
            return false;
        }

        string[] done = ["SENT", "DELIVERED", "SHARED", "ATTACHED", "COMPLETED", "DONE", "HERE IS", "GELIEFERT"];
        var later = Context.Crm.Notes.Where(n => n.Created > since.AddDays(3)).Select(n => n.Text)
            .Concat(Context.Emails.Where(e => e.Sent > since && !IsExternalAttendee(e.From.Email)).Select(e => e.Subject + " " + e.Text));
        return later.Select(t => t.ToUpperInvariant()).Any(t => done.Any(t.Contains) && words.Any(t.Contains));
    }

    public IEnumerable<(MetricSeries Series, MetricTrend Trend, CrmAccount Account)> Trends(int periods)
    {
        foreach (var series in Context.Crm.Metrics)
        {
            var account = Accounts.FirstOrDefault(a => a.Id == series.AccountId);
            if (account is not null && MetricTrend.Of(series, periods) is { } trend)
            {
                yield return (series, trend, account);
            }
        }
    }
}
