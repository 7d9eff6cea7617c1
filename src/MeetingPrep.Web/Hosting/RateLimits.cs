using System.Threading.RateLimiting;
using MeetingPrep.Web.Auth;

namespace MeetingPrep.Web.Hosting;

/// <summary>The <c>RateLimit</c> section: how many requests one caller may make per window.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimit";

    /// <summary>Requests per window from one address to the endpoints anyone may call (record pages, webhook, health, pane config).</summary>
    public int AnonymousPerWindow { get; set; } = 120;

    /// <summary>Requests per window from one signed-in user to the API.</summary>
    public int UserPerWindow { get; set; } = 600;

    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// ASP.NET Core's rate limiter on the public surface: a fixed window per signed-in user for the API, per client address
/// for what answers without a user. The bot endpoint is not limited here: every request carries a validated channel token,
/// and Teams' own retries must not be refused. Liveness (<c>/alive</c>) is never limited.
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddMeetingPrepRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitOptions.SectionName).Get<RateLimitOptions>() ?? new RateLimitOptions();
        var window = TimeSpan.FromSeconds(Math.Clamp(options.WindowSeconds, 1, 24 * 3600));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)window.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
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
                    return Window("user:" + user.TenantId + "/" + user.UserId, Math.Max(1, options.UserPerWindow), window);
                }

                return Window("ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"), Math.Max(1, options.AnonymousPerWindow), window);
            });
        });
        return services;
    }

    private static RateLimitPartition<string> Window(string key, int permits, TimeSpan window) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 });
}
