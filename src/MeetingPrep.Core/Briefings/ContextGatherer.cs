using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Sources;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Core.Briefings;

/// <summary>How long each source may take before the briefing goes ahead without it.</summary>
public sealed record GathererTimeouts(TimeSpan Calendar, TimeSpan Mail, TimeSpan Crm)
{
    public static GathererTimeouts Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));
}

/// <summary>
/// Fetches every source for one meeting in parallel, each under its own timeout and the caller's cancellation.
/// A failing or slow source is recorded as unavailable and leaves the others intact; only the caller's own
/// cancellation propagates.
/// </summary>
public sealed class ContextGatherer(
    ICalendarSource calendar, IMailSource mail, ICrmSource crm, TimeProvider time, GathererTimeouts timeouts, ILogger<ContextGatherer>? logger = null,
    SourceOutcomes? outcomes = null)
{
    public const string CalendarSourceName = "Calendar history";
    public const string MailSourceName = "Email";

    /// <summary>Whose system calendars and mail are read from, as the audit trail names it.</summary>
    public const string GraphProvider = "Microsoft Graph";

    /// <summary>How an unavailable CRM is named in a briefing: "CRM (HubSpot)".</summary>
    public static string CrmSourceName(string crmName) => $"CRM ({crmName})";

    /// <summary>Whether an unavailable source's name is a CRM's.</summary>
    public static bool IsCrmSource(string sourceName) => sourceName?.StartsWith("CRM (", StringComparison.Ordinal) == true;

    /// <summary>
    /// Starts the one read gathering will make that does not depend on the meeting, the calendar history up to now, so it
    /// is under way while the meeting itself is read.
    /// </summary>
    public void StartReadingHistory(UserRef user, BriefingRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var now = time.GetUtcNow();
        calendar.StartReadingHistory(user, now.AddDays(-recipe.LookBack.MeetingDays), now);
    }

    /// <param name="clientMeeting">For internal prep: the client meeting it is about, whose external people the context is read for.</param>
    public async Task<MeetingContext> GatherAsync(UserRef user, Meeting meeting, BriefingRecipe recipe, CancellationToken cancellationToken, Meeting? clientMeeting = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        // The external people coming (an external organizer included, people who declined not), or the client's.
        var externals = ClientMeetings.ExternalEmails(meeting).ToArray();
        if (externals.Length == 0 && clientMeeting is not null)
        {
            externals = [.. ClientMeetings.ExternalEmails(clientMeeting)];
        }

        var lookBack = recipe.LookBack;

        // Private meetings never trigger look-ups; the policy refuses them before this, and this is the second lock.
        if (meeting.IsPrivate || externals.Length == 0)
        {
            return new MeetingContext(user, meeting, [], [], CrmContext.Empty, [], now, clientMeeting);
        }

        var priorTask = RunAsync(
            CalendarSourceName,
            "calendar",
            timeouts.Calendar,
            ct => calendar.GetMeetingsWithAsync(user, externals, now.AddDays(-lookBack.MeetingDays), Min(now, meeting.Start), ct),
            cancellationToken);
        var mailTask = RunAsync(
            MailSourceName,
            "mail",
            timeouts.Mail,
            ct => mail.GetRecentMessagesAsync(user, externals, now.AddDays(-lookBack.EmailDays), MaxMessagesPerPerson(recipe), ct),
            cancellationToken);
        var crmQuery = new CrmQuery(externals, now.AddDays(-lookBack.NoteDays), now.AddDays(-lookBack.CaseDays), MaxCrmRecords(recipe), user.UserId);
        var crmTask = RunAsync(CrmSourceName(crm.Name), "crm", timeouts.Crm, ct => crm.GetContextAsync(crmQuery, ct), cancellationToken);
        // Colleagues' mail about the client needs the account's name, so it follows the CRM read (beside the rest).
        var colleagueMailTask = ReadColleagueMailAsync(user, meeting, externals, recipe, crmTask, cancellationToken);

        await Task.WhenAll(priorTask, mailTask, crmTask, colleagueMailTask);

        var unavailable = new List<UnavailableSource>();
        var prior = Take(await priorTask, unavailable) ?? [];
        var externalMail = Take(await mailTask, unavailable) ?? [];
        var crmContext = Take(await crmTask, unavailable) ?? CrmContext.Empty;
        // A failed colleague read adds nothing to say when the mail read failed as well.
        var colleagueMail = await colleagueMailTask is { } read ? Take(read, unavailable.Any(u => u.Source == MailSourceName) ? [] : unavailable) ?? [] : [];
        IReadOnlyList<EmailMessage> emails = colleagueMail.Count == 0
            ? externalMail
            : [.. externalMail.Concat(colleagueMail.Where(c => externalMail.All(e => e.Id != c.Id))).OrderByDescending(m => m.Sent)];

        // Prior meetings never include this occurrence itself or anything private.
        var priorClean = prior.Where(m => m.Id != meeting.Id && !m.IsPrivate && !m.IsCancelled && m.Start < meeting.Start).ToArray();
        Audit.SourceRead[] reads =
        [
            (await priorTask).Read("calendar", GraphProvider, calendar.Access, priorClean.Length),
            (await mailTask).Read("mail", GraphProvider, mail.Access, emails.Count),
            (await crmTask).Read("crm", crm.Name, crm.Access, CountOf(crmContext)),
        ];
        return new MeetingContext(user, meeting, priorClean, emails, crmContext, unavailable, now, clientMeeting) { Reads = reads };
    }

    /// <summary>
    /// The user's mail among colleagues that names the client (<see cref="ColleagueMail"/>), or null when there is no name
    /// or domain to search for.
    /// </summary>
    private async Task<Outcome<IReadOnlyList<EmailMessage>>?> ReadColleagueMailAsync(
        UserRef user, Meeting meeting, string[] externals, BriefingRecipe recipe, Task<Outcome<CrmContext>> crmTask, CancellationToken cancellationToken)
    {
        var crmContext = (await crmTask).Value ?? CrmContext.Empty;
        var query = ColleagueMail.QueryFor(
            meeting, user.Upn, externals, crmContext.Accounts, time.GetUtcNow().AddDays(-recipe.LookBack.EmailDays), MaxMessagesPerPerson(recipe));
        if (query is null)
        {
            return null;
        }

        return await RunAsync<IReadOnlyList<EmailMessage>>(
            MailSourceName,
            "mail",
            timeouts.Mail,
            async ct => [.. (await mail.GetColleagueMessagesAsync(user, query, ct)).Where(m => ColleagueMail.Belongs(query, m)).Select(m => m with { AmongColleagues = true })],
            cancellationToken);
    }

    private static int CountOf(CrmContext c) =>
        c.Accounts.Count + c.Contacts.Count + c.Opportunities.Count + c.Notes.Count + c.Cases.Count + c.Metrics.Count;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static int MaxMessagesPerPerson(BriefingRecipe recipe) => recipe.Length == BriefingLength.Detailed ? 25 : 10;

    private static int MaxCrmRecords(BriefingRecipe recipe) => recipe.Length == BriefingLength.Detailed ? 100 : 50;

    private static T? Take<T>(Outcome<T> outcome, List<UnavailableSource> unavailable)
        where T : class
    {
        if (outcome.Failure is { } failure)
        {
            unavailable.Add(failure);
            return null;
        }

        return outcome.Value;
    }

    /// <param name="kind">The source as telemetry names it: calendar, mail or crm.</param>
    private async Task<Outcome<T>> RunAsync<T>(string name, string kind, TimeSpan timeout, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
        where T : class
    {
        using var activity = CoreTelemetry.StartGather(kind);
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        var outcome = await FetchAsync(name, timeout, fetch, cancellationToken);
        CoreTelemetry.SourceAnswered(activity, kind, outcome.Kind, time.GetElapsedTime(started));
        outcomes?.Record(kind, outcome.Kind, time.GetUtcNow());
        return outcome with { StartedAt = startedAt };
    }

    private async Task<Outcome<T>> FetchAsync<T>(string name, TimeSpan timeout, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
        where T : class
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return new Outcome<T>(await fetch(cts.Token).WaitAsync(timeout, time, cts.Token), null, CoreTelemetry.SourceOk);
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnavailable(ex, name, "timeout");
            return new Outcome<T>(null, new UnavailableSource(name, $"did not answer within {timeout.TotalSeconds:0} seconds"), "timeout");
        }
        catch (SourceUnavailableException ex)
        {
            var kind = ex.IsTransient ? "transient" : "failed";
            LogUnavailable(ex, name, kind);
            return new Outcome<T>(null, new UnavailableSource(name, ex.UserSafeReason), kind);
        }
#pragma warning disable CA1031 // A source's failure, whatever it is, must not take the briefing down; it is reported instead.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogUnavailable(ex, name, ex.GetType().Name);
            return new Outcome<T>(null, new UnavailableSource(name, "failed unexpectedly"), "unexpected");
        }
    }

    /// <summary>
    /// The source, the kind of failure and the exception's types and messages with every mail address redacted
    /// (<see cref="Security.LogRedaction"/>): Graph's and CRMs' errors name mailboxes, so the exception itself is not logged.
    /// </summary>
    private void LogUnavailable(Exception exception, string source, string reason)
    {
        if (logger is not null)
        {
            Log.SourceUnavailable(logger, source, reason, Security.LogRedaction.Describe(exception));
        }
    }

    /// <param name="Kind">ok, timeout, transient, failed or unexpected (telemetry's failure kinds).</param>
    private sealed record Outcome<T>(T? Value, UnavailableSource? Failure, string Kind)
    {
        public DateTimeOffset StartedAt { get; init; }

        public Audit.SourceRead Read(string source, string provider, SourceAccess access, int items) =>
            new(source, provider, access, StartedAt, Kind, Failure is null ? items : 0);
    }
}
