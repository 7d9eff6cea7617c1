using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Users;
using MeetingPrep.Web.Scheduling;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace MeetingPrep.Web.Tests.Scheduling;

/// <summary>
/// A fan-out cut short (here by an injected failure of the job store after some users, as a SIGKILL would cut it) is
/// finished by the resume job before the next tick, on Hangfire's real SQLite and PostgreSQL stores.
/// </summary>
public sealed class ProactiveWaveFanOutTests
{
    private const int Users = 60;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestJobStore.Providers), MemberType = typeof(TestJobStore))]
    public async Task A_fan_out_that_died_half_way_is_resumed_for_the_users_it_left_out_and_a_finished_one_is_not(string provider)
    {
        await using var store = await TestJobStore.CreateAsync(provider);
        var storage = store.Storage;
        var recipients = new Recipients();
        var healthy = new BackgroundJobClient(storage);

        // The store fails on the 41st job: the first 40 users are enqueued, the other 20 are not.
        var dying = new FailingAfter(healthy, 40);
        await Assert.ThrowsAsync<InvalidOperationException>(
            () => new ProactiveWaveFanOut(recipients, dying, storage, NullLogger<ProactiveWaveFanOut>.Instance).StartAsync(Ct));
        Assert.Equal(40, EnqueuedUsers(storage).Count);

        // Any instance's resume enqueues the rest; only the users enqueued since the last mark come twice.
        var fanOut = new ProactiveWaveFanOut(recipients, healthy, storage, NullLogger<ProactiveWaveFanOut>.Instance);
        var resumed = await fanOut.ResumeAsync(Ct);
        var counts = EnqueuedUsers(storage).GroupBy(u => u).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Users, counts.Count);
        Assert.InRange(counts.Values.Count(c => c == 2), 0, ProactiveWaveFanOut.MarkEvery - 1);
        Assert.All(counts.Values, c => Assert.InRange(c, 1, 2));
        Assert.Equal(EnqueuedUsers(storage).Count - 40, resumed);

        // Finished: resuming again does nothing; the next tick's wave covers everyone once.
        Assert.Equal(0, await fanOut.ResumeAsync(Ct));
        var before = EnqueuedUsers(storage).Count;
        Assert.Equal(Users, await fanOut.StartAsync(Ct));
        Assert.Equal(before + Users, EnqueuedUsers(storage).Count);
        Assert.Equal(0, await fanOut.ResumeAsync(Ct));
    }

    /// <summary>The user id of every delivery job in the queue, once per job.</summary>
    private static List<string> EnqueuedUsers(JobStorage storage) =>
        [.. storage.GetMonitoringApi().EnqueuedJobs("default", 0, 10_000).Select(j => (string)j.Value.Job.Args[1])];

    private sealed class Recipients : IProactiveRecipients
    {
        private readonly List<UserRef> _users =
            [.. Enumerable.Range(0, Users).Select(i => new UserRef("tenant-1", $"user-{i:D3}", $"user{i}@contoso.com", $"User {i}", "UTC", "en-US"))];

        public Task<IReadOnlyList<UserRef>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<UserRef>>(_users);

        public Task<UserRef?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
            Task.FromResult(_users.FirstOrDefault(u => u.TenantId == tenantId && u.UserId == userId));
    }

    /// <summary>A job client whose store fails once <paramref name="limit"/> jobs were created.</summary>
    private sealed class FailingAfter(IBackgroundJobClient inner, int limit) : IBackgroundJobClient
    {
        private int _created;

        public string Create(Job job, IState state) =>
            ++_created > limit ? throw new InvalidOperationException("scripted job store failure") : inner.Create(job, state);

        public bool ChangeState(string jobId, IState state, string expectedState) => inner.ChangeState(jobId, state, expectedState);
    }
}
