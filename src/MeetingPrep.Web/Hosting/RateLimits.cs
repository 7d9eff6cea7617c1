using System.Threading.RateLimiting;
using MeetingPrep.Web.Auth;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace MeetingPrep.Web.Hosting;

/// <summary>
/// ASP.NET Core's rate limiter on the public surface: a fixed window per signed-in user for the API, per client address
/// for what answers without a user. The bot endpoint is not limited here: every request carries a validated channel token,
/// and Teams' own retries must not be refused. Liveness (<c>/alive</c>) is never limited.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddMeetingPrepRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, configured) =>
        {
            var options = configured.Value;
            var window = TimeSpan.FromSeconds(options.WindowSeconds);
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = options.WindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask;
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var path = context.Request.Path;
                if (path.StartsWithSegments("/api/messages", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/alive", StringComparison.OrdinalIgnoreCase))
                {
                    return RateLimitPartition.GetNoLimiter(string.Empty);
                }

                if (MeetingPrepClaims.ToUser(context.User) is { } user)
                {
                    return Window("user:" + user.TenantId + "/" + user.UserId, options.UserPerWindow, window);
                }

                return Window("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), options.AnonymousPerWindow, window);
            });
        });
        return services;
    }

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}
