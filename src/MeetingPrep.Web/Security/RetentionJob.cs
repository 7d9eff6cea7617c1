using Hangfire;
using MeetingPrep.Core.Security;
using MeetingPrep.Web.Hosting;

namespace MeetingPrep.Web.Security;

/// <summary>The daily retention purge across tenants: rows last changed more than <c>Retention:Days</c> ago go.</summary>
public sealed class RetentionJob(IUserDataStore data, TenantScope tenant, MeetingPrepSettings settings, TimeProvider time, ILogger<RetentionJob> logger)
{
    public const string RecurringJobId = "retention-purge";

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task<PurgeSummary> RunAsync(CancellationToken cancellationToken)
    {
        tenant.EnterAllTenants();
        var summary = await data.PurgeOlderThanAsync(time.GetUtcNow().AddDays(-settings.Retention.Days), cancellationToken);
        Log.RetentionPurged(logger, summary.Feedback, summary.Deliveries, summary.Conversations, summary.NotificationState, summary.Engagement, summary.Audit, settings.Retention.Days);
        return summary;
    }
}
