using Hangfire;
using MeetingPrep.Connectors.Graph.Notifications;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MeetingPrep.Web.Hosting;

namespace MeetingPrep.Web.Graph;

/// <summary>
/// Graph change notifications in the host: the <c>graph-subscriptions</c> recurring job, and the webhook's queue in the
/// job engine (each accepted notification a <see cref="GraphNotificationJob"/>, kept through restarts). Only in production with <c>Graph:NotificationUrl</c> set and the scheduler on; the demo sandbox has
/// no subscriptions, and without Hangfire there is nowhere to run renewals or the immediate ticks.
/// </summary>
public static class GraphChangeNotificationsExtensions
{
    public static bool IsEnabled(MeetingPrepSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return !settings.IsDemo && settings.Scheduler.Enabled && !string.IsNullOrWhiteSpace(settings.Graph.NotificationUrl);
    }

    /// <summary>Registers the job and the worker when enabled; call after <c>AddContextSources</c> and <c>AddProactiveDelivery</c>.</summary>
    public static IServiceCollection AddGraphChangeNotifications(this IServiceCollection services, MeetingPrepSettings settings)
    {
        if (!IsEnabled(settings))
        {
            return services;
        }

        services.AddSingleton<GraphSubscriptionJob>();
        services.AddScoped<GraphNotificationJob>();
        services.Replace(ServiceDescriptor.Singleton<IGraphNotificationInbox, HangfireGraphNotificationInbox>());
        return services;
    }

    /// <summary>Schedules <c>graph-subscriptions</c> every <c>Scheduler:SubscriptionIntervalMinutes</c> when enabled.</summary>
    public static WebApplication MapGraphChangeNotifications(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<MeetingPrepSettings>();
        if (!IsEnabled(settings))
        {
            return app;
        }

        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<GraphSubscriptionJob>(
            GraphSubscriptionJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            Cron.MinuteInterval(settings.Scheduler.SubscriptionIntervalMinutes),
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        return app;
    }
}
