using System.Text.Json;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using MeetingPrep.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MeetingPrep.Web.Hosting;

/// <summary>Cross-cutting defaults: problem details, telemetry, health endpoints, HTTP client resilience.</summary>
public static class ServiceDefaults
{
    /// <summary>The setting (an environment variable in Azure) that turns on the Azure Monitor exporter.</summary>
    public const string AzureMonitorConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    private const string LiveTag = "live";

    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddRedactingLogging();

        AddTelemetry(builder);

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag])
            .AddDbContextCheck<MeetingPrepDbContext>("database");
        return builder;
    }

    /// <summary>
    /// Every MeetingPrep source and meter (<see cref="Telemetry"/>), exported to Azure Monitor when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set (the Bicep sets it), to OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
    /// is, and to the console with <c>Telemetry:Console=true</c> (the demo, on request). With none, nothing leaves the process.
    /// </summary>
    private static void AddTelemetry(WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry();
        var azureMonitor = builder.Configuration[AzureMonitorConnectionStringSetting];
        if (!string.IsNullOrWhiteSpace(azureMonitor))
        {
            // The distro brings ASP.NET Core and HttpClient instrumentation and the exporters for traces, metrics and logs.
            otel.UseAzureMonitor(options => options.ConnectionString = azureMonitor);
        }
        else
        {
            otel.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
                .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        }

        otel.WithTracing(tracing => tracing.AddSource(Telemetry.ActivitySources))
            .WithMetrics(metrics => metrics.AddMeter(Telemetry.Meters));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(t => t.AddOtlpExporter()).WithMetrics(m => m.AddOtlpExporter());
        }

        if (builder.Configuration.GetValue<bool>("Telemetry:Console"))
        {
            otel.WithTracing(t => t.AddConsoleExporter()).WithMetrics(m => m.AddConsoleExporter());
        }
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
