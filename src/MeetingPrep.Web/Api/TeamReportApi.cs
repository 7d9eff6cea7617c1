using System.Security.Claims;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace MeetingPrep.Web.Api;

/// <summary>
/// A leader's opt-in to the weekly team report card (<c>PUT /api/me/team-report {"weekly": true}</c>): only for callers
/// who may read the report (app role <c>MeetingPrep.TeamAdmin</c> or <c>MeetingPrep.Reader</c>). The card goes to their
/// chat with the bot on Monday morning in their time zone (<see cref="Scheduling.TeamReportJob"/>), and "team report" in
/// chat answers with it.
/// </summary>
public static class TeamReportApi
{
    public static IEndpointRouteBuilder MapTeamReportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me/team-report").RequireAuthorization(MeetingPrepClaims.ReportReaderPolicy);
        group.MapGet("", GetAsync);
        group.MapPut("", PutAsync);
        return app;
    }

    internal static async Task<Ok<TeamReportSetting>> GetAsync(ClaimsPrincipal principal, ITeamReportSubscriptions subscriptions, CancellationToken cancellationToken)
    {
        var user = BriefingApi.CurrentUser(principal);
        var stored = await subscriptions.FindAsync(user.TenantId, user.UserId, cancellationToken);
        return TypedResults.Ok(new TeamReportSetting(stored is not null, stored?.TimeZone, stored?.LastSentWeek));
    }

    internal static async Task<Results<Ok<TeamReportSetting>, ProblemHttpResult>> PutAsync(
        [FromBody] TeamReportSetting setting, ClaimsPrincipal principal, ITeamReportSubscriptions subscriptions, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = BriefingApi.CurrentUser(principal);
        var zone = setting.TimeZone ?? user.TimeZone;
        if (zone.Length > 128 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            return TypedResults.Problem("'timeZone' must be an IANA or Windows time zone id, such as Europe/Berlin.", statusCode: StatusCodes.Status400BadRequest);
        }

        await subscriptions.SetAsync(user.TenantId, user.UserId, setting.Weekly, zone, time.GetUtcNow(), cancellationToken);
        var stored = await subscriptions.FindAsync(user.TenantId, user.UserId, cancellationToken);
        return TypedResults.Ok(new TeamReportSetting(stored is not null, stored?.TimeZone, stored?.LastSentWeek));
    }
}
