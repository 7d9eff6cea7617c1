using Hangfire;
using Hangfire.Storage;
using MeetingPrep.Core.Delivery;

namespace MeetingPrep.Web.Scheduling;

/// <summary>
/// A tick's fan-out (one delivery job per recipient) that a crash cannot cut short until the next tick. Progress is kept
/// in the job store beside the jobs: a wave is started, the users enqueued are marked every <see cref="MarkEvery"/>
/// users, and the wave is marked done at its end. A fan-out that died (its instance killed, its store briefly gone) is
/// resumed by <see cref="ResumeAsync"/> (every minute, on any instance): the users not yet marked are enqueued. At most
/// one batch of users is enqueued twice, which the delivery log makes harmless (a briefing is claimed once).
/// </summary>
public sealed class ProactiveWaveFanOut(IProactiveRecipients recipients, IBackgroundJobClient jobs, JobStorage storage, ILogger<ProactiveWaveFanOut> logger)
{
    internal const string WaveKey = "meetingprep:proactive-wave";
    internal const int MarkEvery = 25;
    private const string Done = "done";
    private const string UserPrefix = "u:";

    /// <summary>Long enough to outlive any resume, short enough to leave nothing behind.</summary>
    private static readonly TimeSpan Keep = TimeSpan.FromDays(1);

    /// <summary>Starts a new wave (any unfinished one is replaced: this one covers its users too) and fans it out.</summary>
    public async Task<int> StartAsync(CancellationToken cancellationToken)
    {
        using (var connection = storage.GetConnection())
        using (var transaction = connection.CreateWriteTransaction())
        {
            transaction.RemoveHash(WaveKey);
            transaction.SetRangeInHash(WaveKey, [new("started", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture))]);
            Expire(transaction);
            transaction.Commit();
        }

        return await FanOutAsync(new HashSet<string>(StringComparer.Ordinal), cancellationToken);
    }

    /// <summary>Enqueues the users an unfinished wave left out; nothing when the last wave finished (or none was started).</summary>
    public async Task<int> ResumeAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, string>? marks;
        using (var connection = storage.GetConnection())
        {
            marks = connection.GetAllEntriesFromHash(WaveKey);
        }

        if (marks is null || marks.ContainsKey(Done))
        {
            return 0;
        }

        var enqueued = await FanOutAsync(marks.Keys.ToHashSet(StringComparer.Ordinal), cancellationToken);
        Log.ProactiveFanOutResumed(logger, enqueued);
        return enqueued;
    }

    private async Task<int> FanOutAsync(HashSet<string> marked, CancellationToken cancellationToken)
    {
        var users = (await recipients.ListAsync(cancellationToken))
            .DistinctBy(u => (u.TenantId, u.UserId))
            .OrderBy(u => u.TenantId, StringComparer.Ordinal)
            .ThenBy(u => u.UserId, StringComparer.Ordinal)
            .ToList();
        var pending = new List<string>();
        var enqueued = 0;
        foreach (var user in users)
        {
            var mark = UserPrefix + user.TenantId + "|" + user.UserId;
            if (marked.Contains(mark))
            {
                continue;
            }

            cancellationToken.ThrowIfCancellationRequested();
            jobs.Enqueue<ProactiveDeliveryJob>(job => job.RunWaveForUserAsync(user.TenantId, user.UserId, CancellationToken.None));
            enqueued++;
            pending.Add(mark);
            if (pending.Count >= MarkEvery)
            {
                Mark(pending);
                pending.Clear();
            }
        }

        pending.Add(Done);
        Mark(pending);
        return enqueued;
    }

    private void Mark(IEnumerable<string> fields)
    {
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash(WaveKey, fields.Select(f => new KeyValuePair<string, string>(f, "1")));
        Expire(transaction);
        transaction.Commit();
    }

    private static void Expire(IWriteOnlyTransaction transaction)
    {
        if (transaction is JobStorageTransaction expiring)
        {
            expiring.ExpireHash(WaveKey, Keep);
        }
    }
}
