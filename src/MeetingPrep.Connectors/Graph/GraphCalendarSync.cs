using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Sources;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.CalendarView.Delta;

namespace MeetingPrep.Connectors.Graph;

/// <summary>
/// Incremental calendar sync with <c>calendarView/delta</c>. The delta link is stored per user with the window it was
/// opened for; a new window, or a link Graph no longer knows (410), starts a fresh full round.
/// Delta has no <c>$select</c> (full events come back) and can report changes outside the window, which are filtered here.
/// Each round is applied to the local <see cref="ICalendarMirror"/> together with the new delta link.
/// </summary>
public sealed class GraphCalendarSync(
    GraphServiceClient client,
    GraphCaller caller,
    GraphCalendarSource calendar,
    ICalendarSyncStateStore store,
    ICalendarMirror mirror,
    TimeProvider time,
    ILogger<GraphCalendarSync> logger) : ICalendarChangeSource
{
    internal const string PreferPageSize = "odata.maxpagesize=50";
    private const int MaxPages = 500;

    public async Task<CalendarChanges> SyncAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (to <= from)
        {
            throw new ArgumentException("The window must end after it starts.", nameof(to));
        }

        var domains = await calendar.GetTenantDomainsAsync(user, cancellationToken).ConfigureAwait(false);
        var state = await store.GetAsync(user.TenantId, user.UserId, cancellationToken).ConfigureAwait(false);
        var resume = state is not null && state.WindowStart == from && state.WindowEnd == to ? state.DeltaLink : null;
        try
        {
            return await RunRoundAsync(user, domains, from, to, resume, cancellationToken).ConfigureAwait(false);
        }
        catch (SourceUnavailableException ex) when (resume is not null && ex.InnerException is ODataError { ResponseStatusCode: 410 })
        {
            // The sync state expired or was reset on Graph's side: forget it and read the whole window again.
            Log.GraphCalendarResync(logger);
            await store.DeleteAsync(user.TenantId, user.UserId, cancellationToken).ConfigureAwait(false);
            return await RunRoundAsync(user, domains, from, to, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<CalendarChanges> RunRoundAsync(
        UserRef user, TenantDomains domains, DateTimeOffset from, DateTimeOffset to, string? deltaLink, CancellationToken cancellationToken)
    {
        var upserted = new Dictionary<string, Meeting>(StringComparer.Ordinal);
        var removed = new HashSet<string>(StringComparer.Ordinal);
        var link = deltaLink;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var pages = 0; ; pages++)
        {
            var current = link;
            var page = await caller.RunAsync(
                GraphCalendarSource.Source,
                "calendarView/delta",
                user.UserId,
                ct => new DeltaRequestBuilder(current ?? FirstRoundUrl(user, from, to), client.RequestAdapter)
                    .GetAsDeltaGetResponseAsync(rc => rc.Headers.Add("Prefer", PreferPageSize), ct),
                cancellationToken).ConfigureAwait(false);

            foreach (var ev in page?.Value ?? [])
            {
                if (ev.Id is null)
                {
                    continue;
                }

                if (ev.AdditionalData?.ContainsKey("@removed") == true)
                {
                    upserted.Remove(ev.Id);
                    removed.Add(ev.Id);
                    continue;
                }

                var meeting = GraphEventMapper.Map(ev, domains, user);
                if (meeting is null)
                {
                    continue;
                }

                if (meeting.End > from && meeting.Start < to)
                {
                    removed.Remove(ev.Id);
                    upserted[ev.Id] = meeting;
                }
                else
                {
                    // Moved out of the window (Graph reports such changes too): for this window it is gone.
                    upserted.Remove(ev.Id);
                    removed.Add(ev.Id);
                }
            }

            if (page?.OdataDeltaLink is { Length: > 0 } done)
            {
                var changes = new CalendarChanges([.. upserted.Values.OrderBy(m => m.Start)], [.. removed], IsFullSync: deltaLink is null);
                await mirror.ApplyAsync(user, changes, new CalendarSyncState(done, from, to, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                return changes;
            }

            link = page?.OdataNextLink;
            if (string.IsNullOrEmpty(link))
            {
                throw new SourceUnavailableException(GraphCalendarSource.Source, "Microsoft Graph ended a calendar sync without a delta link.");
            }

            if (!seen.Add(link) || pages >= MaxPages)
            {
                throw new SourceUnavailableException(GraphCalendarSource.Source, "Microsoft Graph kept returning more pages than expected.");
            }
        }
    }

    /// <summary>
    /// The first round's URL, built here because the SDK's builder emits the OData function form "delta()"; Graph accepts
    /// both, and the plain form is what the docs and our Graph sandbox use.
    /// </summary>
    private string FirstRoundUrl(UserRef user, DateTimeOffset from, DateTimeOffset to) =>
        $"{client.RequestAdapter.BaseUrl}/users/{Uri.EscapeDataString(user.UserId)}/calendarView/delta"
        + $"?startDateTime={Uri.EscapeDataString(GraphCalendarSource.FormatUtc(from))}&endDateTime={Uri.EscapeDataString(GraphCalendarSource.FormatUtc(to))}";
}
