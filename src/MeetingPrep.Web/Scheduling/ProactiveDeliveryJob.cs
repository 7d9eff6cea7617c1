using Hangfire;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Security;

namespace MeetingPrep.Web.Scheduling;

/// <summary>
/// The proactive delivery jobs (Hangfire's activator makes one DI scope per job). The recurring tick only fans out: it
/// enqueues one job per recipient, so every instance's workers share the wave on PostgreSQL and a slow mailbox delays
/// only its own user. No automatic retry: the delivery log retries failed deliveries (with backoff, until the meeting
/// starts) and keeps every send single. No overlapping fan-outs either: the <see cref="IJobLock"/> lets one tick run at
/// a time across instances, and a tick that finds it taken is skipped.
/// </summary>
public sealed class ProactiveDeliveryJob(
    ProactiveBriefingPlanner planner,
    ProactiveWaveFanOut fanOut,
    Graph.CalendarMirrorRefresh mirror,
    IJobLock locks,
    TenantScope tenant,
    ILogger<ProactiveDeliveryJob> logger)
{
    public const string RecurringJobId = "proactive-briefings";

    /// <summary>The every-minute job that finishes a fan-out whose instance died (see <see cref="ProactiveWaveFanOut"/>).</summary>
    public const string ResumeJobId = "proactive-briefings-resume";

    // Not Hangfire's DisableConcurrentExecution: its lock on PostgreSQL is a row that outlives a killed instance by its
    // 10-minute timeout, during which every instance's tick waits for it instead of delivering.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var held = await locks.TryAcquireAsync(RecurringJobId, cancellationToken);
        if (held is null)
        {
            Log.ProactiveTickSkipped(logger);
            return;
        }

        // A tick goes over every (allow-listed) recipient; each store call still names its user's tenant.
        tenant.EnterAllTenants();
        Log.ProactiveTickFannedOut(logger, await fanOut.StartAsync(cancellationToken));
    }

    /// <summary>Finishes the last tick's fan-out if its instance died before enqueuing everyone; under the tick's lock.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        await using var held = await locks.TryAcquireAsync(RecurringJobId, cancellationToken);
        if (held is null)
        {
            return;
        }

        tenant.EnterAllTenants();
        await fanOut.ResumeAsync(cancellationToken);
    }

    /// <summary>One user's share of a tick's wave.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task RunWaveForUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        RunForUserAsync(tenantId, userId, cancellationToken);

    /// <summary>
    /// One user's tick, enqueued when a calendar change notification makes a briefing due before the next regular tick.
    /// It may overlap the regular wave: the delivery log's claim keeps each briefing single.
    /// </summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunForUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        // One user's briefings act in their tenant only: the built-in CRM (like every tenant-owned row) is read in it.
        tenant.Enter(tenantId);

        // The tick keeps the calendar mirror fresh first, so this tick's briefings read it rather than Graph.
        await mirror.RefreshAsync(tenantId, userId, cancellationToken);
        await planner.RunForUserAsync(tenantId, userId, cancellationToken);
    }
}
