using System.Text.Encodings.Web;
using MeetingPrep.Core.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MeetingPrep.Web.Auth;

/// <summary>The demo tenant's people; the first is who you are when you do not say.</summary>
public sealed class DemoDirectory(IReadOnlyList<UserRef> users)
{
    public IReadOnlyList<UserRef> Users { get; } = users.Count > 0 ? users : throw new ArgumentException("The demo tenant has no users.", nameof(users));

    public UserRef Default => Users[0];

    public UserRef? Find(string upnOrId) =>
        Users.FirstOrDefault(u => string.Equals(u.Upn, upnOrId, StringComparison.OrdinalIgnoreCase) || u.UserId == upnOrId);
}

/// <summary>
/// Demo mode only: signs the request in as a demo user named by the <c>X-MeetingPrep-User</c> header or the <c>as</c>
/// query parameter (a UPN or object id), defaulting to the first demo user. Production uses Entra bearer tokens instead,
/// through the same authorization policy, so every endpoint runs the same checks in both modes.
/// </summary>
public sealed class DemoAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DemoDirectory directory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Demo";
    public const string UserHeader = "X-MeetingPrep-User";
    public const string UserQuery = "as";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var requested = Request.Headers[UserHeader].FirstOrDefault() ?? Request.Query[UserQuery].FirstOrDefault();
        var user = string.IsNullOrWhiteSpace(requested) ? directory.Default : directory.Find(requested.Trim());
        if (user is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown demo user."));
        }

        var principal = MeetingPrepClaims.ToPrincipal(user, SchemeName);
        if (string.IsNullOrWhiteSpace(requested))
        {
            // Nobody said who they are: a browser following a link. Checks that compare identities skip such callers.
            ((System.Security.Claims.ClaimsIdentity)principal.Identity!).AddClaim(new System.Security.Claims.Claim(MeetingPrepClaims.DemoDefaultUser, "true"));
        }

        var ticket = new AuthenticationTicket(principal, SchemeName);
        return Task.FromResult(AuthenticateResult.Success(ticket));
    }

    /// <summary>A newcomer who mistyped a demo user is told who exists, instead of a bare 401.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status401Unauthorized,
            Title = "Unknown demo user",
            Detail = $"Pick a demo user with the {UserHeader} header or the '{UserQuery}' query parameter: {string.Join(", ", directory.Users.Select(u => u.Upn))}.",
        };
        await Response.WriteAsJsonAsync(problem, Hosting.WebJsonContext.Default.ProblemDetails, "application/problem+json", Context.RequestAborted);
    }
}
