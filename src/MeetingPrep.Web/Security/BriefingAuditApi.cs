using System.Globalization;
using System.Security.Claims;
using MeetingPrep.Core.Briefings.Audit;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Web.Api;
using MeetingPrep.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeetingPrep.Web.Security;

/// <summary>
/// The briefing audit trail (SECURITY.md, "Audit trail"): a user reads how their own briefings of a meeting were made,
/// an admin reads their own tenant's (the tenant filter keeps them there).
/// </summary>
public static class BriefingAuditApi
{
    /// <summary>The longest window and the most records one admin query answers with.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(366);

    public const int MaxRecords = 1000;

    public static IEndpointRouteBuilder MapBriefingAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/briefings/{meetingId}/audit", GetOwnAsync).RequireAuthorization(MeetingPrepClaims.UserPolicy);
        app.MapGet("/api/admin/audit", GetTenantAsync).RequireAuthorization(MeetingPrepClaims.TeamAdminPolicy);
        return app;
    }

    internal static async Task<Results<Ok<BriefingAuditResponse>, ProblemHttpResult>> GetOwnAsync(
        string meetingId, ClaimsPrincipal principal, IBriefingAuditLog audit, CancellationToken cancellationToken)
    {
        if (!MeetingIds.IsWellFormed(meetingId))
        {
            return TypedResults.Problem(MeetingIds.Problem, statusCode: StatusCodes.Status400BadRequest);
        }

        // Only the caller's own records: someone else's briefing of the same meeting is not listed.
        var user = BriefingApi.CurrentUser(principal);
        return TypedResults.Ok(new BriefingAuditResponse(await audit.ListForMeetingAsync(user.TenantId, user.UserId, meetingId, cancellationToken)));
    }

    internal static async Task<Results<Ok<BriefingAuditResponse>, ProblemHttpResult>> GetTenantAsync(
        ClaimsPrincipal principal, IBriefingAuditLog audit, TimeProvider time, string? user, string? from, string? to, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!TryParse(from, now.AddDays(-7), out var start) || !TryParse(to, now.AddMinutes(1), out var end) || end <= start || end - start > MaxWindow)
        {
            return TypedResults.Problem(
                $"'from' and 'to' must be ISO 8601 date-times, 'to' after 'from', at most {MaxWindow.TotalDays:0} days apart.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (user is { Length: 0 or > 128 })
        {
            return TypedResults.Problem("'user' must be the user's Entra object id.", statusCode: StatusCodes.Status400BadRequest);
        }

        var tenant = BriefingApi.CurrentUser(principal).TenantId;
        return TypedResults.Ok(new BriefingAuditResponse(await audit.ListAsync(tenant, user, start, end, MaxRecords, cancellationToken)));
    }

    private static bool TryParse(string? value, DateTimeOffset fallback, out DateTimeOffset result)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            result = fallback;
            return true;
        }

        // Bounds beyond DateTimeOffset's range (9999-12-31T23:59:59Z plus a window) are refused, not thrown.
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out result)
            && result.Year is > 1 and < 9999;
    }
}

/// <summary>Audit records, newest first: how each briefing was made (sources read, as whom, when, writer), no content.</summary>
public sealed record BriefingAuditResponse(IReadOnlyList<BriefingAuditRecord> Briefings);
