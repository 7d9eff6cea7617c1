using Hangfire;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Outcomes;
using MeetingPrep.Core.Security;

namespace MeetingPrep.Web.Scheduling;

/// <summary>
/// The hourly <c>meeting-outcomes</c> job (README, "The report"): for each user who installed the bot, the first snapshot
/// of their external meetings that started in the last hours, then every follow-up snapshot whose day has come. Errors
/// stay with their meeting; the next run tries again.
/// </summary>
public sealed class MeetingOutcomeJob(
    MeetingOutcomeTracker tracker,
    IProactiveRecipients recipients,
    TenantScope tenant,
    ILogger<MeetingOutcomeJob> logger)
{
    public const string RecurringJobId = "meeting-outcomes";

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task<(int Snapshots, int FollowUps)> RunAsync(CancellationToken cancellationToken)
    {
        // Like the delivery tick: recipients across (allow-listed) tenants; every store call names its tenant.
        tenant.EnterAllTenants();
        var snapshots = 0;
        foreach (var user in (await recipients.ListAsync(cancellationToken)).DistinctBy(u => (u.TenantId, u.UserId)))
        {
            try
            {
                snapshots += await tracker.SnapshotStartedMeetingsAsync(user, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.OutcomeCalendarFailed(logger, ex, user.TenantId, user.UserId, ex.GetType().Name);
            }
        }

        var followUps = await tracker.TakeDueFollowUpsAsync(cancellationToken);
        Log.OutcomeRun(logger, snapshots, followUps);
        return (snapshots, followUps);
    }
}
