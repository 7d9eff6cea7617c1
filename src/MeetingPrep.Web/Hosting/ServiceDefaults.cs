using System.Text.Json;
using MeetingPrep.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MeetingPrep.Web.Hosting;

/// <summary>Cross-cutting defaults: problem details, telemetry, health endpoints, HTTP client resilience.</summary>
public static class ServiceDefaults
{
    private const string LiveTag = "live";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();

        var otel = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource(Telemetry.ActivitySources))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(Telemetry.Meters));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(t => t.AddOtlpExporter()).WithMetrics(m => m.AddOtlpExporter());
        }

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag])
            .AddDbContextCheck<MeetingPrepDbContext>("database");
        return builder;
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        // A bad request the framework detects (a body over its size limit, JSON that does not bind) keeps its 4xx status
        // instead of becoming a 500; everything else unexpected is a 500 without detail.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();

        // Readiness: the overall status for anyone (load balancers); each dependency by name only for admins (see WriteHealthAsync).
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });

        // Liveness: the process answers; no dependency is consulted.
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag), ResponseWriter = WriteHealthAsync });
        return app;
    }

    /// <summary>
    /// The details (Graph base URL, CRM provider, scheduler's last run, timings) help an attacker map the deployment, so
    /// outside the Development demo they are written only for a signed-in caller holding an admin app role
    /// (<c>MeetingPrep.TeamAdmin</c> or <c>MeetingPrep.CrmAdmin</c>); anyone else gets <c>{"status": "..."}</c>.
    /// </summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = ShowsHealthDetails(context)
            ? new HealthResponse(
                report.Status.ToString(),
                report.TotalDuration.TotalMilliseconds,
                report.Entries.ToDictionary(
                    e => e.Key,
                    e => new HealthEntryResponse(e.Value.Status.ToString(), e.Value.Description, e.Value.Duration.TotalMilliseconds)))
            : new HealthResponse(report.Status.ToString(), null, null);
        return JsonSerializer.SerializeAsync(context.Response.Body, body, WebJsonContext.Default.HealthResponse, context.RequestAborted);
    }

    private static bool ShowsHealthDetails(HttpContext context)
    {
        if (context.RequestServices.GetService<MeetingPrepSettings>() is { IsDemo: true })
        {
            return true;
        }

        var user = context.User;
        return user.Identity?.IsAuthenticated == true
            && (user.HasClaim("roles", Auth.MeetingPrepClaims.TeamAdminRole) || user.HasClaim("roles", Auth.MeetingPrepClaims.CrmAdminRole));
    }
}

public sealed record HealthResponse(string Status, double? DurationMs, IReadOnlyDictionary<string, HealthEntryResponse>? Checks);

public sealed record HealthEntryResponse(string Status, string? Description, double DurationMs);
