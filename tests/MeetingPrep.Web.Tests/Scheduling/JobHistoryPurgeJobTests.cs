using Hangfire;
using Hangfire.States;
using MeetingPrep.Web.Scheduling;
using MeetingPrep.Web.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Web.Tests.Scheduling;

/// <summary>The job engine's failed jobs go after <c>Retention:Days</c>, on Hangfire's real SQLite and PostgreSQL stores.</summary>
public sealed class JobHistoryPurgeJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestJobStore.Providers), MemberType = typeof(TestJobStore))]
    public async Task Failed_jobs_older_than_the_retention_are_deleted_and_newer_ones_and_other_states_stay(string provider)
    {
        await using var store = await TestJobStore.CreateAsync(provider);
        var storage = store.Storage;
        var client = new BackgroundJobClient(storage);
        var failed = client.Create(() => FailingJob.GaveUp(), new FailedState(new InvalidOperationException("scripted")));
        var scheduled = client.Create(() => Console.WriteLine("waiting"), new ScheduledState(TimeSpan.FromDays(1)));

        // Hangfire stamps the failure with the wall clock; the job's clock is placed relative to it.
        var failedAt = storage.GetMonitoringApi().FailedJobs(0, 10).Single().Value.FailedAt!.Value;
        var clock = new FakeTimeProvider(new DateTimeOffset(failedAt, TimeSpan.Zero).AddDays(89));
        var job = new JobHistoryPurgeJob(storage, client, Options.Create(new RetentionOptions { Days = 90 }), clock, NullLogger<JobHistoryPurgeJob>.Instance);

        Assert.Equal(0, await job.RunAsync(Ct));
        Assert.Equal(1, storage.GetMonitoringApi().FailedCount());

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await job.RunAsync(Ct));

        var monitoring = storage.GetMonitoringApi();
        Assert.Equal(0, monitoring.FailedCount());
        Assert.Equal(DeletedState.StateName, monitoring.JobDetails(failed).History[0].StateName);
        Assert.Equal(ScheduledState.StateName, monitoring.JobDetails(scheduled).History[0].StateName);
    }

    public static class FailingJob
    {
        /// <summary>A job that keeps its failure (no automatic retry), like a calendar sync that used up its attempts.</summary>
        [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
        public static void GaveUp()
        {
        }
    }
}
