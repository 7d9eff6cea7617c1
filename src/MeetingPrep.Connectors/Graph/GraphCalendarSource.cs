using System.Globalization;
using MeetingPrep.Connectors.Caching;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Sources;
using MeetingPrep.Core.Users;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace MeetingPrep.Connectors.Graph;

/// <summary>
/// <see cref="ICalendarSource"/> over Microsoft Graph: calendarView with paging, all times in UTC, private events redacted,
/// attendees classified against the tenant's verified domains.
/// </summary>
public sealed class GraphCalendarSource(GraphServiceClient client, GraphCaller caller, TenantDomainsCache domainsCache, TimeProvider time) : ICalendarSource
{
    /// <summary>How long a user's past calendar window is reused across briefings.</summary>
    public static readonly TimeSpan PastWindowLifetime = TimeSpan.FromMinutes(10);

    private readonly ExpiringCache<IReadOnlyList<Meeting>> _pastMeetings = new(PastWindowLifetime, time);

    internal const string Source = "calendar";

    public SourceAccess Access => caller.Options.AccessMode;
    internal const string PreferUtc = "outlook.timezone=\"UTC\"";
    // Fewer, larger pages: a 90-day window is one round trip rather than three (Graph allows up to 1000 per page).
    private const int PageSize = 250;
    private const int MaxPages = 200;

    public async Task<IReadOnlyList<Meeting>> GetMeetingsAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (to <= from)
        {
            throw new ArgumentException("The window must end after it starts.", nameof(to));
        }

        // The domains only classify the events: both reads are in flight together.
        var domainsRead = GetTenantDomainsAsync(user, cancellationToken);
        var events = await ReadCalendarViewAsync(user, from, to, cancellationToken).ConfigureAwait(false);
        var domains = await domainsRead.ConfigureAwait(false);
        return [.. events.Select(e => GraphEventMapper.Map(e, domains, user)).OfType<Meeting>()];
    }

    /// <summary>
    /// An invitation (an eventMessage) names its meeting by iCalUId, the same in every attendee's copy: the message is read
    /// with its event's iCalUId, and the user's own calendar is asked for the event with that iCalUId.
    /// </summary>
    public async Task<string?> FindInvitedMeetingIdAsync(UserRef user, string messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!MeetingIds.IsWellFormed(messageId))
        {
            return null;
        }

        var message = await caller.RunAsync(
            Source,
            "invitation",
            user.UserId,
            ct => NullIfNotFound(() => client.Users[user.UserId].Messages[messageId].GetAsync(
                rc =>
                {
                    rc.QueryParameters.Select = ["id"];
                    rc.QueryParameters.Expand = ["microsoft.graph.eventMessage/event($select=iCalUId)"];
                },
                ct)),
            cancellationToken).ConfigureAwait(false);
        if (message is not EventMessage { Event.ICalUId: { Length: > 0 } uid })
        {
            return null;
        }

        var events = await caller.RunAsync(
            Source,
            "event by iCalUId",
            user.UserId,
            ct => client.Users[user.UserId].Events.GetAsync(
                rc =>
                {
                    rc.QueryParameters.Filter = $"iCalUId eq '{uid.Replace("'", "''", StringComparison.Ordinal)}'";
                    rc.QueryParameters.Select = ["id"];
                    rc.QueryParameters.Top = 1;
                },
                ct),
            cancellationToken).ConfigureAwait(false);
        return events?.Value?.FirstOrDefault()?.Id;
    }

    /// <summary>A read of one item by id, where Graph's 404 means "no such item" (null), not a failure.</summary>
    private static async Task<T?> NullIfNotFound<T>(Func<Task<T?>> read)
        where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (ODataError e) when (e.ResponseStatusCode == 404)
        {
            return null;
        }
    }

    public async Task<Meeting?> GetMeetingAsync(UserRef user, string meetingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrWhiteSpace(meetingId);
        if (!MeetingIds.IsWellFormed(meetingId))
        {
            // ".." would make the SDK's path another resource (the user); no such event exists.
            return null;
        }

        var domainsRead = GetTenantDomainsAsync(user, cancellationToken);
        var ev = await caller.RunAsync(
            Source,
            "event",
            user.UserId,
            ct => NullIfNotFound(() => client.Users[user.UserId].Events[meetingId].GetAsync(
                rc =>
                {
                    rc.QueryParameters.Select = GraphEventMapper.Select;
                    rc.Headers.Add("Prefer", PreferUtc);
                },
                ct)),
            cancellationToken).ConfigureAwait(false);
        var domains = await domainsRead.ConfigureAwait(false);
        return ev is null ? null : GraphEventMapper.Map(ev, domains, user);
    }

    public async Task<IReadOnlyList<Meeting>> GetMeetingsWithAsync(
        UserRef user, IReadOnlyCollection<string> emails, DateTimeOffset since, DateTimeOffset before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emails);
        var wanted = emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).ToList();
        if (wanted.Count == 0 || before <= since)
        {
            return [];
        }

        var meetings = await ReadPastWindowAsync(user, since, before, cancellationToken).ConfigureAwait(false);
        return
        [
            .. meetings
                .Where(m => m.Start >= since && m.Start < before && !m.IsCancelled && !m.IsPrivate && wanted.Any(m.Attends))
                .OrderByDescending(m => m.Start),
        ];
    }

    public void StartReadingHistory(UserRef user, DateTimeOffset since, DateTimeOffset before)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (before > since)
        {
            // The read is shared through the cache (and runs without a caller's cancellation); a failure is the later
            // GetMeetingsWithAsync's to report, so it is only observed here.
            _ = ReadPastWindowAsync(user, since, before, CancellationToken.None)
                .ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Every briefing asks for the same past window give or take a few minutes: read it once per user per day-hour
    /// window, shared by the briefings of the next minutes; callers cut it to exactly [since, before).
    /// </summary>
    private Task<IReadOnlyList<Meeting>> ReadPastWindowAsync(UserRef user, DateTimeOffset since, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(since.UtcDateTime.Date, TimeSpan.Zero);
        var to = new DateTimeOffset(before.UtcDateTime.Date.AddHours(before.UtcDateTime.Hour + 1), TimeSpan.Zero);
        var key = string.Create(CultureInfo.InvariantCulture, $"{user.TenantId}|{user.UserId}|{from:O}|{to:O}");
        return _pastMeetings.GetAsync(key, ct => GetMeetingsAsync(user, from, to, ct), cancellationToken);
    }

    public Task<TenantDomains> GetTenantDomainsAsync(UserRef user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return domainsCache.GetAsync(user.TenantId, ct => FetchTenantDomainsAsync(ct), cancellationToken);
    }

    private async Task<TenantDomains> FetchTenantDomainsAsync(CancellationToken cancellationToken)
    {
        var page = await caller.RunAsync(
            Source,
            "organization",
            mailbox: null,
            ct => client.Organization.GetAsync(rc => rc.QueryParameters.Select = ["id", "displayName", "verifiedDomains"], ct),
            cancellationToken).ConfigureAwait(false);
        var names = page?.Value?.SelectMany(o => o.VerifiedDomains ?? []).Select(d => d.Name).OfType<string>().ToList() ?? [];
        if (names.Count == 0)
        {
            // Without domains everyone would look external, and internal people would be researched as clients.
            throw new SourceUnavailableException(Source, "Microsoft Graph returned no verified domains for the organisation.");
        }

        return new TenantDomains(names);
    }

    private async Task<List<Event>> ReadCalendarViewAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var events = new List<Event>();
        var page = await caller.RunAsync(
            Source,
            "calendarView",
            user.UserId,
            ct => client.Users[user.UserId].CalendarView.GetAsync(
                rc =>
                {
                    rc.QueryParameters.StartDateTime = FormatUtc(from);
                    rc.QueryParameters.EndDateTime = FormatUtc(to);
                    rc.QueryParameters.Select = GraphEventMapper.Select;
                    rc.QueryParameters.Orderby = ["start/dateTime"];
                    rc.QueryParameters.Top = PageSize;
                    rc.Headers.Add("Prefer", PreferUtc);
                },
                ct),
            cancellationToken).ConfigureAwait(false);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var pages = 1; ; pages++)
        {
            events.AddRange(page?.Value ?? []);
            var next = page?.OdataNextLink;
            if (string.IsNullOrEmpty(next))
            {
                return events;
            }

            // nextLink is opaque and followed as is; a repeated one would loop forever.
            if (!seen.Add(next) || pages >= MaxPages)
            {
                throw new SourceUnavailableException(Source, "Microsoft Graph kept returning more pages than expected.");
            }

            page = await caller.RunAsync(
                Source,
                "calendarView page",
                user.UserId,
                ct => client.Users[user.UserId].CalendarView.WithUrl(next).GetAsync(rc => rc.Headers.Add("Prefer", PreferUtc), ct),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Graph reads a value without offset as UTC; a "Z" form avoids a '+' that query encoding could mangle.</summary>
    internal static string FormatUtc(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
