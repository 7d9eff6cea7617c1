using MeetingPrep.Core.Security;
using MeetingPrep.Web.Auth;
using MeetingPrep.Web.Hosting;

namespace MeetingPrep.Web.Security;

/// <summary>
/// Where the API enters its tenant: after authentication, a signed-in caller's <c>tid</c> must be on the allow-list
/// (<c>403</c> otherwise) and becomes the request's <see cref="TenantScope"/>, which the database filters every
/// tenant-owned row by. Bot turns enter the activity's tenant (<c>BotTurnProcessor</c>), jobs all tenants of their
/// (allow-listed) recipients.
/// </summary>
public static class TenantIsolation
{
    public static IServiceCollection AddTenantIsolation(this IServiceCollection services, MeetingPrepSettings settings)
    {
        var allowed = settings.Security.AllowedTenants;
        var list = settings.IsDemo && allowed.Count == 0
            ? new TenantAllowList([TenantAllowList.AnyTenant], null)
            : new TenantAllowList(allowed, settings.Graph.TenantId);
        return services.AddSingleton(list).AddScoped<RetentionJob>();
    }

    public static IApplicationBuilder UseTenantScope(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        // A bot turn acts in its activity's tenant (BotTurnProcessor): the channel token, not a signed-in user, vouches for it.
        var isBotTurn = context.Request.Path.StartsWithSegments("/api/messages", StringComparison.OrdinalIgnoreCase);
        if (!isBotTurn && MeetingPrepClaims.ToUser(context.User) is { } user)
        {
            if (!context.RequestServices.GetRequiredService<TenantAllowList>().IsAllowed(user.TenantId))
            {
                Log.TenantRefused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("MeetingPrep.Security"), user.TenantId);
                await Results.Problem("This tenant is not served here.", statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }

            context.RequestServices.GetRequiredService<TenantScope>().Enter(user.TenantId);
        }

        await next(context);
    });

    /// <summary>A DI scope for a job that acts in one tenant.</summary>
    public static AsyncServiceScope CreateTenantScope(this IServiceScopeFactory scopes, string tenantId)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(tenantId);
        return scope;
    }

    /// <summary>A DI scope for housekeeping across tenants (recipient lists, subscriptions by id, retention).</summary>
    public static AsyncServiceScope CreateAllTenantsScope(this IServiceScopeFactory scopes) =>
        scopes.CreateAsyncScope().EnteringAllTenants();

    /// <inheritdoc cref="CreateAllTenantsScope(IServiceScopeFactory)"/>
    public static AsyncServiceScope CreateAllTenantsScope(this IServiceProvider services) =>
        services.CreateAsyncScope().EnteringAllTenants();

    private static AsyncServiceScope EnteringAllTenants(this AsyncServiceScope scope)
    {
        scope.ServiceProvider.GetRequiredService<TenantScope>().EnterAllTenants();
        return scope;
    }
}
