using Hangfire;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Outcomes;
using MeetingPrep.Core.Security;
using MeetingPrep.Web.Security;

namespace MeetingPrep.Web.Scheduling;

/// <summary>
/// The hourly <c>meeting-outcomes</c> job (README, "The report"): for each user who installed the bot, the first snapshot
/// of their external meetings that started in the last hours, then every follow-up snapshot whose day has come. The
/// recipient list is read across (allow-listed) tenants, but each user's snapshots and each tenant's follow-ups run in
/// that tenant's own scope, so the CRM they read (the built-in one filters by tenant) is that tenant's. Errors stay with
/// their meeting; the next run tries again.
/// </summary>
public sealed class MeetingOutcomeJob(
    IServiceScopeFactory scopes,
    IProactiveRecipients recipients,
    TenantScope tenant,
    ILogger<MeetingOutcomeJob> logger)
{
    public const string RecurringJobId = "meeting-outcomes";

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task<(int Snapshots, int FollowUps)> RunAsync(CancellationToken cancellationToken)
    {
        tenant.EnterAllTenants();
        var users = (await recipients.ListAsync(cancellationToken)).DistinctBy(u => (u.TenantId, u.UserId)).ToList();
        var snapshots = 0;
        foreach (var user in users)
        {
            try
            {
                await using var scope = scopes.CreateTenantScope(user.TenantId);
                snapshots += await scope.ServiceProvider.GetRequiredService<MeetingOutcomeTracker>().SnapshotStartedMeetingsAsync(user, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.OutcomeCalendarFailed(logger, ex, user.TenantId, user.UserId, ex.GetType().Name);
            }
        }

        var followUps = 0;
        foreach (var tenantId in users.Select(u => u.TenantId).Distinct(StringComparer.Ordinal))
        {
            // The tenant filter keeps each run to that tenant's followed meetings.
            await using var scope = scopes.CreateTenantScope(tenantId);
            followUps += await scope.ServiceProvider.GetRequiredService<MeetingOutcomeTracker>().TakeDueFollowUpsAsync(cancellationToken);
        }

        Log.OutcomeRun(logger, snapshots, followUps);
        return (snapshots, followUps);
    }
}
