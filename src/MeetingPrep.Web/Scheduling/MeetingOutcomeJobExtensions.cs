using Hangfire;
using MeetingPrep.Web.Hosting;

namespace MeetingPrep.Web.Scheduling;

/// <summary>Schedules <see cref="MeetingOutcomeJob"/> and the leaders' weekly card (<see cref="TeamReportJob"/>).</summary>
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

            // Hourly, so each leader's Monday morning comes within the hour in any time zone.
            app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<TeamReportJob>(
                TeamReportJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Hourly(11), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }

        return app;
    }
}
