using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Core.Outcomes;

/// <summary>
/// Follows external meetings for the outcome report. When a meeting has started, its accounts' deals and cases are read
/// through the CRM connector (the same query plan as a briefing, matched on the external attendees) and kept as a
/// snapshot with whether the meeting was briefed; <see cref="OutcomeTrackingOptions.Days"/> later the same accounts are read
/// again, deals and cases closed since the meeting included. Private, cancelled and declined meetings are never looked up.
/// </summary>
public sealed class MeetingOutcomeTracker(
    BriefingService briefings,
    ICrmSource crm,
    IEngagementLog engagement,
    IMeetingOutcomeStore store,
    TimeProvider time,
    OutcomeTrackingOptions options,
    ILogger<MeetingOutcomeTracker> logger)
{
    /// <summary>Rule codes of meetings that are no comparison at all: never looked up, never counted.</summary>
    private static readonly HashSet<string> NotComparable = new(StringComparer.Ordinal) { "private", "cancelled", "not_attending" };

    /// <summary>Takes the first snapshot of the user's external meetings that started within the look-back; returns how many.</summary>
    public async Task<int> SnapshotStartedMeetingsAsync(UserRef user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow();
        var overviews = (await briefings.GetMeetingsAsync(user, now - options.Lookback, now, cancellationToken))
            .Where(o => o.Meeting.Start <= now && o.Meeting.Start > now - options.Lookback && o.Meeting.HasExternalPeople
                && !o.Meeting.IsPrivate && !o.Meeting.IsCancelled && !NotComparable.Contains(o.Eligibility.Code ?? string.Empty))
            .ToList();
        if (overviews.Count == 0)
        {
            return 0;
        }

        var followed = await store.FollowedAsync(user.TenantId, user.UserId, [.. overviews.Select(o => o.Meeting.Id)], cancellationToken);
        var fresh = overviews.Where(o => !followed.Contains(o.Meeting.Id)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        // Delivered before the meeting started: a delivery precedes its meeting by at most a day (the longest lead time).
        var signals = (await engagement.ListAsync(user.TenantId, fresh.Min(o => o.Meeting.Start).AddDays(-1).AddHours(-1), now, cancellationToken))
            .Where(s => s.UserId == user.UserId)
            .ToList();
        var delivered = signals
            .Where(s => s.Kind == EngagementKind.Delivered && s.MeetingId is not null)
            .Select(s => (s.MeetingId!, s.At))
            .ToList();

        // Installed after a meeting started: nothing could brief it (signals older than the window are before any of these meetings).
        var installedAt = signals.Where(s => s.Kind == EngagementKind.Installed).Select(s => (DateTimeOffset?)s.At).Max();

        var taken = 0;
        foreach (var overview in fresh)
        {
            var meeting = overview.Meeting;
            var briefed = delivered.Any(d => d.Item1 == meeting.Id && d.At <= meeting.Start);
            var reason = briefed ? null : overview.Eligibility.Code ?? (installedAt > meeting.Start ? MeetingOutcomeRecord.BeforeInstall : MeetingOutcomeRecord.NotDelivered);
            try
            {
                var context = await crm.GetContextAsync(
                    new CrmQuery(ClientMeetings.ExternalEmails(meeting), now, meeting.Start, options.MaxRecordsPerKind, user.UserId, DealsClosedSince: meeting.Start),
                    cancellationToken);
                if (context.Accounts.Count == 0)
                {
                    continue; // no account known: nothing to follow
                }

                var record = new MeetingOutcomeRecord(user.TenantId, user.UserId, meeting.Id, meeting.Start, briefed, reason, AccountSnapshot.From(context, now));
                if (await store.AddAsync(record, cancellationToken))
                {
                    taken++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The next run looks again while the meeting is within the look-back.
                Log.OutcomeSnapshotFailed(logger, ex, user.TenantId, user.UserId, ex.GetType().Name);
            }
        }

        return taken;
    }

    /// <summary>Takes the second snapshot of every followed meeting whose time has come; returns how many.</summary>
    public async Task<int> TakeDueFollowUpsAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await store.ListAwaitingFollowUpAsync(now.AddDays(-options.Days), options.MaxFollowUpsPerRun, cancellationToken);
        var taken = 0;
        foreach (var record in due.Where(r => r.MeetingStart >= now.AddDays(-options.RetentionDays)))
        {
            try
            {
                var context = await crm.GetContextAsync(
                    new CrmQuery([], now, record.MeetingStart, options.MaxRecordsPerKind, record.UserId, record.AtMeeting.AccountIds, DealsClosedSince: record.MeetingStart),
                    cancellationToken);
                await store.CompleteAsync(record, AccountSnapshot.From(context, now), cancellationToken);
                taken++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Left waiting: the next run tries again.
                Log.OutcomeFollowUpFailed(logger, ex, record.TenantId, record.UserId, ex.GetType().Name);
            }
        }

        return taken;
    }
}
