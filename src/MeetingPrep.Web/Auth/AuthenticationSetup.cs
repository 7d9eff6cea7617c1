using MeetingPrep.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using MeetingPrep.Connectors.Graph;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Identity.Web;

namespace MeetingPrep.Web.Auth;

/// <summary>
/// Who is calling the API: Entra bearer tokens for our app in production; in demo mode a demo user picked per request.
/// Either way the same <see cref="MeetingPrepClaims.UserPolicy"/> guards every endpoint.
/// </summary>
public static class AuthenticationSetup
{
    public static IServiceCollection AddMeetingPrepAuthentication(this IServiceCollection services, MeetingPrepSettings settings)
    {
        if (settings.IsDemo)
        {
            services.AddAuthentication(DemoAuthenticationHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, DemoAuthenticationHandler>(DemoAuthenticationHandler.SchemeName, _ => { });
        }
        else if (settings.Graph.AuthMode == GraphAuthMode.Delegated)
        {
            // Delegated Graph: Microsoft.Identity.Web validates the caller's token and exchanges it on behalf of the user
            // (OBO) for Graph; the token cache is in memory here (one instance) — use a distributed cache to scale out.
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApi(
                    jwt => ConfigureApiTokens(jwt, settings),
                    identity =>
                    {
                        identity.Instance = "https://login.microsoftonline.com/";
                        identity.TenantId = settings.Graph.TenantId;
                        identity.ClientId = settings.Graph.ClientId;
                        identity.ClientSecret = settings.Graph.ClientSecret;
                    })
                .EnableTokenAcquisitionToCallDownstreamApi(_ => { })
                .AddInMemoryTokenCaches();
        }
        else
        {
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt => ConfigureApiTokens(jwt, settings));
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(MeetingPrepClaims.UserPolicy, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(MeetingPrepClaims.ObjectId)
                .RequireClaim(MeetingPrepClaims.TenantId)
                .RequireAssertion(context => MeetingPrepClaims.ToUser(context.User) is not null))
            .AddPolicy(Crm.CrmEndpoints.AdminPolicy, policy => RequireRoleOutsideDemo(policy, settings, MeetingPrepClaims.CrmAdminRole))
            .AddPolicy(MeetingPrepClaims.TeamAdminPolicy, policy => RequireRoleOutsideDemo(policy, settings, MeetingPrepClaims.TeamAdminRole))
            .AddPolicy(MeetingPrepClaims.ReportReaderPolicy, policy => RequireRoleOutsideDemo(policy, settings, MeetingPrepClaims.TeamAdminRole, MeetingPrepClaims.ReaderRole));
        return services;
    }

    /// <summary>
    /// Tokens for our own API: the Outlook pane gets one through nested app authentication; its audience is our app and
    /// its issuer our tenant.
    /// </summary>
    private static void ConfigureApiTokens(JwtBearerOptions options, MeetingPrepSettings settings)
    {
        options.Authority = $"https://login.microsoftonline.com/{settings.Graph.TenantId}/v2.0";
        options.MapInboundClaims = false;
        options.TokenValidationParameters.ValidAudiences = [settings.Graph.ClientId, $"api://{settings.Graph.ClientId}"];
        options.TokenValidationParameters.ValidIssuers =
        [
            $"https://login.microsoftonline.com/{settings.Graph.TenantId}/v2.0",
            $"https://sts.windows.net/{settings.Graph.TenantId}/",
        ];
    }

    /// <summary>A signed-in MeetingPrep user who, in production, also holds one of the app roles; every demo user may.</summary>
    private static void RequireRoleOutsideDemo(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, MeetingPrepSettings settings, params string[] roles)
    {
        policy.RequireAuthenticatedUser().RequireAssertion(context => MeetingPrepClaims.ToUser(context.User) is not null);
        if (!settings.IsDemo)
        {
            policy.RequireClaim("roles", roles);
        }
    }
}
