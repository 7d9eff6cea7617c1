using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Sources;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Connectors.Graph;

/// <summary>
/// The calendar as briefings read it: from the local <see cref="ICalendarMirror"/> when the user's mirror is fresh (synced
/// within <see cref="GraphOptions.MirrorMaxAgeMinutes"/>) and its window holds what is asked for; from Graph otherwise
/// (never synced, stale, or a meeting outside the window). Invitations and the tenant's domains always come from Graph.
/// </summary>
public sealed class MirroredCalendarSource(GraphCalendarSource graph, ICalendarMirror mirror, GraphOptions options, TimeProvider time) : ICalendarSource
{
    public SourceAccess Access => graph.Access;

    public async Task<IReadOnlyList<Meeting>> GetMeetingsAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await CoversAsync(user, from, to, cancellationToken).ConfigureAwait(false)
            ? await mirror.GetMeetingsAsync(user, from, to, cancellationToken).ConfigureAwait(false)
            : await graph.GetMeetingsAsync(user, from, to, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Meeting?> GetMeetingAsync(UserRef user, string meetingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await FreshStateAsync(user, cancellationToken).ConfigureAwait(false) is not null
            && await mirror.GetMeetingAsync(user, meetingId, cancellationToken).ConfigureAwait(false) is { } mirrored)
        {
            return mirrored;
        }

        // Not mirrored (outside the window, or the mirror is stale): Graph knows every occurrence.
        return await graph.GetMeetingAsync(user, meetingId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Meeting>> GetMeetingsWithAsync(
        UserRef user, IReadOnlyCollection<string> emails, DateTimeOffset since, DateTimeOffset before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(emails);
        if (!await CoversAsync(user, since, before, cancellationToken).ConfigureAwait(false))
        {
            return await graph.GetMeetingsWithAsync(user, emails, since, before, cancellationToken).ConfigureAwait(false);
        }

        var wanted = emails.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).ToList();
        if (wanted.Count == 0 || before <= since)
        {
            return [];
        }

        var meetings = await mirror.GetMeetingsAsync(user, since, before, cancellationToken).ConfigureAwait(false);
        return [.. meetings.Where(m => m.Start >= since && !m.IsCancelled && !m.IsPrivate && wanted.Any(m.Attends)).OrderByDescending(m => m.Start)];
    }

    /// <summary>
    /// Starts Graph's history read only when the mirror will not answer (finding out is a local read in a unit of work of
    /// its own); a failure is the later <see cref="GetMeetingsWithAsync"/>'s to report, so it is only observed here.
    /// </summary>
    public void StartReadingHistory(UserRef user, DateTimeOffset since, DateTimeOffset before) =>
        _ = CoversAsync(user, since, before, CancellationToken.None).ContinueWith(
            covered =>
            {
                if (covered.IsCompletedSuccessfully && !covered.Result)
                {
                    graph.StartReadingHistory(user, since, before);
                }

                _ = covered.Exception;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    public Task<string?> FindInvitedMeetingIdAsync(UserRef user, string messageId, CancellationToken cancellationToken) =>
        graph.FindInvitedMeetingIdAsync(user, messageId, cancellationToken);

    public Task<TenantDomains> GetTenantDomainsAsync(UserRef user, CancellationToken cancellationToken) =>
        graph.GetTenantDomainsAsync(user, cancellationToken);

    public async Task<DateTimeOffset?> GetMirrorSyncedAtAsync(UserRef user, CancellationToken cancellationToken) =>
        (await FreshStateAsync(user, cancellationToken).ConfigureAwait(false))?.UpdatedAt;

    private async Task<bool> CoversAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await FreshStateAsync(user, cancellationToken).ConfigureAwait(false) is { } state && state.WindowStart <= from && to <= state.WindowEnd;

    private async Task<CalendarSyncState?> FreshStateAsync(UserRef user, CancellationToken cancellationToken)
    {
        var state = await mirror.GetStateAsync(user, cancellationToken).ConfigureAwait(false);
        return state is not null && time.GetUtcNow() - state.UpdatedAt <= TimeSpan.FromMinutes(options.MirrorMaxAgeMinutes) ? state : null;
    }
}
