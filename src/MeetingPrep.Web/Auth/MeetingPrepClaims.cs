using System.Security.Claims;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Web.Auth;

/// <summary>
/// Claim names we read (Entra access-token names, so demo and production principals look alike) and the mapping of a
/// principal to the <see cref="UserRef"/> the engine works with.
/// </summary>
public static class MeetingPrepClaims
{
    public const string ObjectId = "oid";
    public const string TenantId = "tid";
    public const string PreferredUsername = "preferred_username";
    public const string Name = "name";

    /// <summary>Not an Entra claim: the demo sets it, production reads the time zone from mailbox settings (UTC until then).</summary>
    public const string TimeZone = "meetingprep_tz";
    public const string Culture = "meetingprep_culture";

    /// <summary>Demo only: set when the request named no demo user and got the default one.</summary>
    public const string DemoDefaultUser = "meetingprep_demo_default";

    /// <summary>The policy every user-facing API endpoint requires.</summary>
    public const string UserPolicy = "MeetingPrepUser";

    /// <summary>The policy for changing the team's default recipe.</summary>
    public const string TeamAdminPolicy = "MeetingPrepTeamAdmin";

    /// <summary>The Entra app role that may change the team's default recipe.</summary>
    public const string TeamAdminRole = "MeetingPrep.TeamAdmin";

    /// <summary>The policy for the leaders' report: team admins and readers.</summary>
    public const string ReportReaderPolicy = "MeetingPrepReportReader";

    /// <summary>The Entra app role that may read the leaders' report without changing anything.</summary>
    public const string ReaderRole = "MeetingPrep.Reader";

    /// <summary>The Entra app role that may import and export the built-in CRM.</summary>
    public const string CrmAdminRole = "MeetingPrep.CrmAdmin";

    public static UserRef? ToUser(ClaimsPrincipal principal)
    {
        var oid = principal.FindFirstValue(ObjectId) ?? principal.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier");
        var tid = principal.FindFirstValue(TenantId) ?? principal.FindFirstValue("http://schemas.microsoft.com/identity/claims/tenantid");
        var upn = principal.FindFirstValue(PreferredUsername) ?? principal.FindFirstValue(ClaimTypes.Upn) ?? principal.FindFirstValue("upn");
        if (string.IsNullOrEmpty(oid) || string.IsNullOrEmpty(tid) || string.IsNullOrEmpty(upn))
        {
            return null;
        }

        return new UserRef(
            tid,
            oid,
            upn,
            principal.FindFirstValue(Name) ?? upn,
            principal.FindFirstValue(TimeZone) ?? "UTC",
            principal.FindFirstValue(Culture) ?? "en-US");
    }

    public static ClaimsPrincipal ToPrincipal(UserRef user, string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(ObjectId, user.UserId),
                new Claim(TenantId, user.TenantId),
                new Claim(PreferredUsername, user.Upn),
                new Claim(Name, user.DisplayName),
                new Claim(TimeZone, user.TimeZone),
                new Claim(Culture, user.Culture),
            ],
            authenticationType,
            Name,
            null));
}
