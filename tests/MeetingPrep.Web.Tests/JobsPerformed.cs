using System.Collections.Concurrent;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;

namespace MeetingPrep.Web.Tests;

/// <summary>
/// A Hangfire filter that counts, per job method, the jobs a host created and those it performed successfully, and
/// raises <see cref="Performed"/> after each job ran (its own writes done), so tests wait on job completion instead of
/// polling the job store. Hangfire's client and server take their filters from the host's container.
/// </summary>
public sealed class JobsPerformed : IClientFilter, IServerFilter, IJobFilterProvider
{
    private readonly ConcurrentDictionary<string, int> _created = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _succeeded = new(StringComparer.Ordinal);

    public Pulse Performed { get; } = new();

    /// <summary>Jobs of this method that returned without an exception.</summary>
    public int Succeeded(string method) => _succeeded.GetValueOrDefault(method);

    /// <summary>Jobs of this method created (enqueued or scheduled) and not yet performed successfully.</summary>
    public int Outstanding(string method) => _created.GetValueOrDefault(method) - Succeeded(method);

    public void OnCreating(CreatingContext context)
    {
    }

    public void OnCreated(CreatedContext context)
    {
        if (context.BackgroundJob is not null)
        {
            _created.AddOrUpdate(context.Job.Method.Name, 1, (_, n) => n + 1);
        }
    }

    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Exception is null)
        {
            _succeeded.AddOrUpdate(context.BackgroundJob.Job.Method.Name, 1, (_, n) => n + 1);
        }

        Performed.Raise();
    }

    /// <summary>Hangfire's own filters (global and attributes) plus this one.</summary>
    IEnumerable<JobFilter> IJobFilterProvider.GetFilters(Job job) =>
        JobFilterProviders.Providers.GetFilters(job).Append(new JobFilter(this, JobFilterScope.Global, null));
}
