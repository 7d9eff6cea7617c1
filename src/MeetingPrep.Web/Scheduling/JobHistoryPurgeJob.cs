using Hangfire;
using Hangfire.Storage;
using MeetingPrep.Web.Security;
using Microsoft.Extensions.Options;

namespace MeetingPrep.Web.Scheduling;

/// <summary>
/// Prunes the job engine's history after <c>Retention:Days</c>, like the app's own rows. Hangfire expires succeeded and
/// deleted jobs itself (a day after they finish), but a failed job stays until someone deletes it, with its arguments
/// (tenant and user ids) and its exception: those older than the retention are deleted here (Hangfire then expires them
/// as it does any deleted job). Delivery rows go with the daily <c>retention-purge</c>.
/// </summary>
public sealed class JobHistoryPurgeJob(JobStorage storage, IBackgroundJobClient jobs, IOptions<RetentionOptions> retention, TimeProvider time, ILogger<JobHistoryPurgeJob> logger)
{
    public const string RecurringJobId = "job-history-purge";

    /// <summary>Failed jobs are read a page at a time (the monitoring API pages, newest first).</summary>
    private const int Page = 500;

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var days = retention.Value.Days;
        var cutoff = time.GetUtcNow().AddDays(-days).UtcDateTime;
        var monitoring = storage.GetMonitoringApi();
        var old = new List<string>();
        for (var from = 0; ; from += Page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = monitoring.FailedJobs(from, Page);
            old.AddRange(page.Where(j => j.Value is { FailedAt: { } at } && at < cutoff).Select(j => j.Key));
            if (page.Count < Page)
            {
                break;
            }
        }

        // Deleted after listing, so the pages do not shift under the loop.
        var deleted = old.Count(id => jobs.Delete(id));
        Log.JobHistoryPurged(logger, deleted, days);
        return Task.FromResult(deleted);
    }
}
