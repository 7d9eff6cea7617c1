using System.Security.Claims;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Outcomes;
using MeetingPrep.Web.Auth;
using MeetingPrep.Web.Scheduling;
using MeetingPrep.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MeetingPrep.Web.Api;

/// <summary>
/// The leaders' report (README, "The report"): per week, how the caller's team used its briefings, from the engagement
/// signals stored in this tenant's database, and what happened to the accounts after briefed meetings against comparable
/// unbriefed ones. Weeks (and sides of the comparison) with fewer people than the minimum group size show no figures.
/// </summary>
public static class ReportApi
{
    /// <summary>The longest window one report covers.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    /// <summary>The report's settings (<see cref="ReportOptions"/>) as the engine reads them, and the outcome tracking.</summary>
    public static IServiceCollection AddReport(this IServiceCollection services)
    {
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReportOptions>>().Value.EngagementFor(sp.GetRequiredService<IOptions<RetentionOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReportOptions>>().Value.TrackingFor(sp.GetRequiredService<IOptions<RetentionOptions>>().Value));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReportOptions>>().Value.Stages);
        services.AddScoped<MeetingOutcomeTracker>();
        services.AddScoped<MeetingOutcomeJob>();
        services.AddScoped<TeamReports>();
        services.AddScoped<Teams.Bot.ITeamReportChat>(sp => sp.GetRequiredService<TeamReports>());
        services.AddScoped<TeamReportJob>();
        return services;
    }

    public static IEndpointRouteBuilder MapReportApi(this IEndpointRouteBuilder app)
    {
        var services = app.ServiceProvider;
        if (services.GetRequiredService<IOptions<ReportOptions>>().Value.ObsoleteRetentionWarning(services.GetRequiredService<IOptions<RetentionOptions>>().Value) is { } warning)
        {
            Log.ObsoleteSetting(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReportApi)), warning);
        }

        app.MapGet("/api/admin/report", GetReportAsync).RequireAuthorization(MeetingPrepClaims.ReportReaderPolicy);
        return app;
    }

    internal static async Task<Results<Ok<ReportResponse>, ProblemHttpResult>> GetReportAsync(
        ClaimsPrincipal principal, TeamReports reports, TimeProvider time, string? from, string? to, string? team, CancellationToken cancellationToken)
    {
        var user = BriefingApi.CurrentUser(principal);

        // One team per tenant (the team recipe's): the report never reads another tenant's signals.
        if (!string.IsNullOrEmpty(team) && !string.Equals(team, user.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("You can only see your own team's report.", statusCode: StatusCodes.Status403Forbidden);
        }

        var now = time.GetUtcNow();
        if (!TryParse(from, now.AddDays(-56), out var start) || !TryParse(to, now, out var end) || end <= start || end - start > MaxWindow)
        {
            return TypedResults.Problem(
                $"'from' and 'to' must be ISO 8601 date-times, 'to' after 'from', at most {MaxWindow.TotalDays:0} days apart.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        return TypedResults.Ok(await reports.ComputeAsync(user.TenantId, start, end, cancellationToken));
    }

    private static bool TryParse(string? value, DateTimeOffset fallback, out DateTimeOffset result)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            result = fallback;
            return true;
        }

        return DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out result);
    }
}

/// <param name="MinutesSavedPerBriefingOpened">The assumption behind each week's <c>minutesSaved</c> (setting <c>Report:MinutesSavedPerBriefingOpened</c>).</param>
public sealed record ReportResponse(
    string Team,
    DateTimeOffset From,
    DateTimeOffset To,
    int MinGroupSize,
    int MinutesSavedPerBriefingOpened,
    IReadOnlyList<EngagementWeek> Weeks,
    OutcomeComparison Outcomes);
