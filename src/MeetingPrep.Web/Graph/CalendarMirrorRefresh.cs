using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Users;
using MeetingPrep.Web.Scheduling;

namespace MeetingPrep.Web.Graph;

/// <summary>
/// Keeps a user's calendar mirror (<see cref="ICalendarMirror"/>) current. Change notifications sync at once
/// (<see cref="GraphNotificationJob"/>); the scheduler's tick syncs every user too (usually one delta request that finds
/// nothing), which keeps the mirror fresh where there are no notifications (the demo, no public URL) and reconciles it
/// where there are. Both take the same per-user lock: two rounds of one user must not race on the delta link.
/// </summary>
public sealed class CalendarMirrorRefresh(
    IServiceProvider services, IProactiveRecipients recipients, IJobLock locks, TimeProvider time, ILogger<CalendarMirrorRefresh> logger)
{
    /// <summary>The per-user lock every calendar sync round holds.</summary>
    internal static string LockName(string tenantId, string userKey) => $"graph-sync:{tenantId}:{userKey}";

    /// <summary>One delta round over the user's mirror window as of now (the caller holds the user's lock).</summary>
    public Task<CalendarChanges> SyncAsync(ICalendarChangeSource source, UserRef user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (from, to) = CalendarMirrorWindow.At(time.GetUtcNow());
        return source.SyncAsync(user, from, to, cancellationToken);
    }

    /// <summary>
    /// The tick's round for one recipient. A round already running (a notification's) makes this one unnecessary; a
    /// failed round leaves the mirror as it was, and briefings read Graph once it is stale.
    /// </summary>
    public async Task RefreshAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        if (services.GetService<ICalendarChangeSource>() is not { } source)
        {
            return;
        }

        await using var held = await locks.TryAcquireAsync(LockName(tenantId, userId), cancellationToken);
        if (held is null || await recipients.FindAsync(tenantId, userId, cancellationToken) is not { } user)
        {
            return;
        }

        try
        {
            var changes = await SyncAsync(source, user, cancellationToken);
            Log.MirrorRefreshed(logger, tenantId, userId, changes.Upserted.Count, changes.RemovedIds.Count, changes.IsFullSync);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.MirrorRefreshFailed(logger, ex, tenantId, userId, ex.GetType().Name);
        }
    }
}
