using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>A sentence quoted from a message or note, with who wrote it, when, and the words that say what it is about.</summary>
internal sealed record QuotedFact(string Sentence, double Salience, MeetingPrep.Core.Sources.SourceRef Source, DateTimeOffset At, string Who, IReadOnlySet<string> Tokens);

/// <summary>Look-ups over one meeting's context, computed once per briefing: who is external, which accounts are in play, threads.</summary>
internal sealed class ContextFacts
{
    private readonly Dictionary<string, CrmContact> _contactsByEmail;
    private readonly HashSet<string> _externalEmails;
    private readonly HashSet<string> _ourDomains;
    private readonly TimeZoneInfo _zone;
    private IReadOnlyList<Commitment>? _commitments;
    private IReadOnlyList<QuotedFact>? _quotedFacts;

    public ContextFacts(MeetingContext context)
    {
        Context = context;
        _contactsByEmail = context.Crm.Contacts
            .GroupBy(c => c.Email, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

        ExternalPeople = context.Meeting.ExternalAttendees.Select(a => a.Person).ToList();

        // Our side: the reader's domain and those of the colleagues invited (the writer has no tenant domain list).
        _ourDomains = context.Meeting.Attendees.Where(a => a.Affiliation == Affiliation.Internal && !a.IsRoom).Select(a => a.Person.Domain)
            .Append(new Person(string.Empty, context.User.Upn).Domain)
            .Concat(context.Meeting.OrganizerAffiliation == Affiliation.Internal ? [context.Meeting.Organizer.Domain] : [])
            .Where(d => d.Length > 0)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        _zone = context.User.ResolveTimeZone();
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
        LastMeeting = PreviousOf(context.Meeting, context.PriorMeetings);
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

    /// <summary>The meeting "since the last meeting" compares with (see <see cref="PreviousOf"/>).</summary>
    public Meeting? LastMeeting { get; }

    /// <summary>
    /// The previous meeting of the same series; without a series, the latest earlier one of the same kind (QBR, renewal,
    /// escalation, by its subject) with most of the same external people, else the latest with most of them.
    /// </summary>
    internal static Meeting? PreviousOf(Meeting meeting, IEnumerable<Meeting> prior)
    {
        var earlier = prior.Where(m => m.Start < meeting.Start && m.Id != meeting.Id && !m.IsCancelled).OrderByDescending(m => m.Start).ToList();
        if (meeting.SeriesId is { } series && earlier.FirstOrDefault(m => m.SeriesId == series) is { } occurrence)
        {
            return occurrence;
        }

        var people = meeting.ExternalAttendees.Select(a => a.Person.Email).ToList();
        double Overlap(Meeting m) => people.Count == 0 ? 0 : people.Count(m.Attends) / (double)people.Count;
        var sameKind = MeetingKinds.KindOfSubject(meeting.Subject);
        return earlier.FirstOrDefault(m => sameKind is not null && MeetingKinds.KindOfSubject(m.Subject) == sameKind && Overlap(m) >= 0.5)
            ?? earlier.OrderByDescending(Overlap).ThenByDescending(m => m.Start).FirstOrDefault();
    }

    public bool IsExternalAttendee(string email) => _externalEmails.Contains(email);

    /// <summary>Whether an address is one of us: the reader's or an invited colleague's domain, or a subdomain of one.</summary>
    public bool IsOurs(string email)
    {
        if (_externalEmails.Contains(email))
        {
            return false;
        }

        var domain = new Person(string.Empty, email).Domain;
        return domain.Length > 0 && _ourDomains.Any(d => domain == d || domain.EndsWith("." + d, StringComparison.Ordinal));
    }

    /// <summary>The calendar day of an instant in the reader's time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    /// <summary>What we promised and what they asked for or made a condition, with their state (computed once).</summary>
    public IReadOnlyList<Commitment> Commitments => _commitments ??= CommitmentFinder.Find(this);

    /// <summary>The salient sentences of every message and note (computed once), for lines that say what bears on a point.</summary>
    public IReadOnlyList<QuotedFact> QuotedFacts => _quotedFacts ??=
        Context.Emails.DistinctBy(e => e.Id)
            .SelectMany(e => SalientSentences.Find(e.Text, 3).Select(s => new QuotedFact(s.Sentence, s.Salience, SourceRefs.For(e), e.Sent, e.From.Name, CommitmentFinder.Tokens(s.Sentence))))
            .Concat(Context.Crm.Notes.SelectMany(n => SalientSentences.Find(n.Text, 3)
                .Select(s => new QuotedFact(s.Sentence, s.Salience, SourceRefs.For(n), n.Created, n.Author is { Length: > 0 } a ? $"note by {a}" : "note", CommitmentFinder.Tokens(s.Sentence)))))
            .ToList();

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
        Context.Emails.Any(e => e.ConversationId == message.ConversationId && e.Sent > message.Sent && IsOurs(e.From.Email));

    /// <summary>An account's open cases, most urgent first.</summary>
    public IEnumerable<CrmCase> OpenCasesOf(string accountId) =>
        Context.Crm.Cases.Where(c => c.IsOpen && c.AccountId == accountId)
            .OrderByDescending(c => c.IsEscalated).ThenByDescending(c => c.Priority).ThenByDescending(c => c.EscalatedAt ?? c.LastModified);

    /// <summary>An account's metrics moving the wrong way by at least 10 %, worst first.</summary>
    public IEnumerable<(MetricSeries Series, MetricTrend Trend, CrmAccount Account)> FallingTrendsOf(string accountId, int periods) =>
        Trends(periods).Where(t => t.Account.Id == accountId && !t.Trend.IsGood && Math.Abs(t.Trend.ChangeRatio ?? 0) >= 0.1m)
            .OrderByDescending(t => Math.Abs(t.Trend.ChangeRatio ?? 0));

    /// <summary>What puts this account's deals at risk: only its own cases, metrics and overdue commitments.</summary>
    public AccountRisk RiskOf(string accountId, int periods)
    {
        var overdueCommitments = Commitments.Count(c => c.AccountId == accountId && c.IsPressing);
        var cases = OpenCasesOf(accountId).ToList();
        var escalated = cases.Count(c => c.IsEscalated);
        var critical = cases.Count(c => !c.IsEscalated && c.Priority == CasePriority.Critical);
        var high = cases.Count(c => !c.IsEscalated && c.Priority == CasePriority.High);
        var worst = FallingTrendsOf(accountId, periods).Select(t => Math.Abs(t.Trend.ChangeRatio ?? 0)).DefaultIfEmpty(0).Max();
        return new AccountRisk(escalated, critical, high, worst, overdueCommitments);
    }

    /// <summary>The account has an open deal closing within this many days.</summary>
    public bool HasDealClosingWithin(string accountId, int days) =>
        Context.Crm.Opportunities.Any(o => !o.IsClosed && o.AccountId == accountId && o.CloseDate is { } d && Relevance.DaysUntil(d, Now) <= days);

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
