using Hangfire;
using MeetingPrep.Web.Hosting;

namespace MeetingPrep.Web.Scheduling;

/// <summary>Schedules <see cref="MeetingOutcomeJob"/>.</summary>
public static class MeetingOutcomeJobExtensions
{
    /// <summary>Schedules the hourly job (with the scheduler on).</summary>
    public static WebApplication MapOutcomeJob(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<MeetingPrepSettings>().Scheduler.Enabled)
        {
            app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<MeetingOutcomeJob>(
                MeetingOutcomeJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Hourly(7), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }

        return app;
    }
}
