using MeetingPrep.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;

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
        else
        {
            // The Outlook pane gets a token for our API through nested app authentication; its audience is our app.
            services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
                .AddJwtBearer(options =>
                {
                    options.Authority = $"https://login.microsoftonline.com/{settings.Graph.TenantId}/v2.0";
                    options.MapInboundClaims = false;
                    options.TokenValidationParameters.ValidAudiences = [settings.Graph.ClientId, $"api://{settings.Graph.ClientId}"];
                    options.TokenValidationParameters.ValidIssuers =
                    [
                        $"https://login.microsoftonline.com/{settings.Graph.TenantId}/v2.0",
                        $"https://sts.windows.net/{settings.Graph.TenantId}/",
                    ];
                });
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(MeetingPrepClaims.UserPolicy, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(MeetingPrepClaims.ObjectId)
                .RequireClaim(MeetingPrepClaims.TenantId)
                .RequireAssertion(context => MeetingPrepClaims.ToUser(context.User) is not null))
            .AddPolicy(Crm.CrmEndpoints.AdminPolicy, policy => RequireRoleOutsideDemo(policy, settings, MeetingPrepClaims.CrmAdminRole))
            .AddPolicy(MeetingPrepClaims.TeamAdminPolicy, policy => RequireRoleOutsideDemo(policy, settings, MeetingPrepClaims.TeamAdminRole));
        return services;
    }

    /// <summary>A signed-in MeetingPrep user who, in production, also holds the app role; every demo user may.</summary>
    private static void RequireRoleOutsideDemo(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder policy, MeetingPrepSettings settings, string role)
    {
        policy.RequireAuthenticatedUser().RequireAssertion(context => MeetingPrepClaims.ToUser(context.User) is not null);
        if (!settings.IsDemo)
        {
            policy.RequireClaim("roles", role);
        }
    }
}
