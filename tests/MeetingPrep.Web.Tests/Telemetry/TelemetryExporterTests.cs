using System.Net;
using Microsoft.AspNetCore.Http;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using MeetingPrep.Web.Hosting;
using MeetingPrep.Web.Tests.Bot;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace MeetingPrep.Web.Tests.Telemetry;

/// <summary>
/// The Azure Monitor exporter is on exactly when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set: then the host's
/// spans reach the ingestion endpoint the connection string names (a local fake answering like Application Insights).
/// </summary>
public sealed class TelemetryExporterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_a_connection_string_spans_are_exported_to_its_ingestion_endpoint()
    {
        await using var ingestion = await LocalServer.StartAsync(async (_, context) =>
        {
            // Application Insights' answer to an accepted batch.
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"itemsReceived":1,"itemsAccepted":1,"errors":[]}""", context.RequestAborted);
        });
        var connectionString = $"InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint={ingestion.BaseUri.AbsoluteUri}";
        await using var app = new MeetingPrepApp(new Dictionary<string, string?> { [ServiceDefaults.AzureMonitorConnectionStringSetting] = connectionString });
        using var client = app.CreateClient();

        using (var response = await client.GetAsync("/alive", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.NotEmpty(app.Services.GetServices<IConfigureOptions<AzureMonitorOptions>>());
        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush());
        var track = await ingestion.WaitForAsync(r => r.Method == "POST" && r.Path.StartsWith("/v2.1/track", StringComparison.Ordinal));
        Assert.NotEmpty(track.Body);
    }

    [Fact]
    public async Task Without_a_connection_string_there_is_no_azure_monitor_exporter()
    {
        await using var app = new MeetingPrepApp();
        using var client = app.CreateClient();
        using (var response = await client.GetAsync("/alive", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Empty(app.Services.GetServices<IConfigureOptions<AzureMonitorOptions>>());
        Assert.NotNull(app.Services.GetService<TracerProvider>());
    }
}
