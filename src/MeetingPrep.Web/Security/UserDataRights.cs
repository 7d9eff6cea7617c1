using System.Security.Claims;
using Hangfire;
using MeetingPrep.Core.Security;
using MeetingPrep.Web.Api;
using MeetingPrep.Web.Auth;
using MeetingPrep.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeetingPrep.Web.Security;

/// <summary>
/// Retention and people's rights over their data: the daily purge job, a user's own export and "forget me", and an
/// admin's purge of one user in their own tenant.
/// </summary>
public static class UserDataRights
{
    public static IEndpointRouteBuilder MapUserDataRights(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").RequireAuthorization(MeetingPrepClaims.UserPolicy);
        me.MapGet("/export", ExportAsync);
        me.MapDelete("/data", ForgetMeAsync);

        // The tenant filter keeps an admin to users of their own tenant.
        app.MapGroup("/api/admin").RequireAuthorization(MeetingPrepClaims.TeamAdminPolicy)
            .MapDelete("/users/{userId}/data", PurgeUserAsync);
        return app;
    }

    /// <summary>Schedules the daily purge (with the scheduler on).</summary>
    public static WebApplication MapRetentionJob(this WebApplication app)
    {
        if (app.Services.GetRequiredService<MeetingPrepSettings>().Scheduler.Enabled)
        {
            app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<RetentionJob>(
                RetentionJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Daily(3), new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }

        return app;
    }

    internal static async Task<Ok<UserDataExport>> ExportAsync(ClaimsPrincipal principal, IUserDataStore data, CancellationToken cancellationToken)
    {
        var user = BriefingApi.CurrentUser(principal);
        return TypedResults.Ok(await data.ExportAsync(user.TenantId, user.UserId, cancellationToken));
    }

    internal static async Task<Ok<PurgeSummary>> ForgetMeAsync(ClaimsPrincipal principal, IUserDataStore data, CancellationToken cancellationToken)
    {
        var user = BriefingApi.CurrentUser(principal);
        return TypedResults.Ok(await data.ForgetUserAsync(user.TenantId, user.UserId, cancellationToken));
    }

    internal static async Task<Results<Ok<PurgeSummary>, ProblemHttpResult>> PurgeUserAsync(
        string userId, ClaimsPrincipal principal, IUserDataStore data, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userId) || userId.Length > 128)
        {
            return TypedResults.Problem("'userId' must be the user's Entra object id.", statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Ok(await data.ForgetUserAsync(BriefingApi.CurrentUser(principal).TenantId, userId, cancellationToken));
    }
}

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
