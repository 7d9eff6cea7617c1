using Hangfire;
using MeetingPrep.Core.Delivery;

namespace MeetingPrep.Web.Scheduling;

/// <summary>
/// The recurring Hangfire job: one proactive tick in its own DI scope (Hangfire's activator makes one per job). No
/// automatic retry: the next tick is the retry, and the delivery log keeps every send single. No overlap either: the
/// <see cref="ITickLock"/> lets one tick run at a time across instances, and a tick that finds it taken is skipped.
/// </summary>
public sealed partial class ProactiveDeliveryJob(ProactiveBriefingPlanner planner, ITickLock tickLock, ILogger<ProactiveDeliveryJob> logger)
{
    public const string RecurringJobId = "proactive-briefings";

    // Not Hangfire's DisableConcurrentExecution: its lock on PostgreSQL is a row that outlives a killed instance by its
    // 10-minute timeout, during which every instance's tick waits for it instead of delivering.
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var held = await tickLock.TryAcquireAsync(cancellationToken);
        if (held is null)
        {
            LogSkipped(logger);
            return;
        }

        await planner.RunTickAsync(cancellationToken);
    }

    /// <summary>
    /// One user's tick, enqueued when a calendar change notification makes a briefing due before the next regular tick.
    /// It may overlap the regular tick: the delivery log's claim keeps each briefing single.
    /// </summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunForUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        await planner.RunForUserAsync(tenantId, userId, cancellationToken);

    [LoggerMessage(5421, LogLevel.Information, "Proactive tick skipped: another tick is running (this instance or another); it covers the same window.")]
    private static partial void LogSkipped(ILogger logger);
}
