using Hangfire;
using MeetingPrep.Core.Delivery;

namespace MeetingPrep.Web.Scheduling;

/// <summary>
/// The recurring Hangfire job: one proactive tick in its own DI scope (Hangfire's activator makes one per job). No
/// automatic retry and no overlap: the next tick is the retry, and the delivery log keeps every send single.
/// </summary>
public sealed class ProactiveDeliveryJob(ProactiveBriefingPlanner planner)
{
    public const string RecurringJobId = "proactive-briefings";

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 10 * 60)]
    public async Task RunAsync(CancellationToken cancellationToken) => await planner.RunTickAsync(cancellationToken);

    /// <summary>
    /// One user's tick, enqueued when a calendar change notification makes a briefing due before the next regular tick.
    /// It may overlap the regular tick: the delivery log's claim keeps each briefing single.
    /// </summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunForUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
        await planner.RunForUserAsync(tenantId, userId, cancellationToken);
}
