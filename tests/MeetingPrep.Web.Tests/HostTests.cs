using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Xunit;

namespace MeetingPrep.Web.Tests;

public sealed class HostTests
{
    [Fact]
    public async Task Health_is_green_on_embedded_defaults_and_reports_each_dependency()
    {
        await using var app = new MeetingPrepApp();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        var checks = body.RootElement.GetProperty("checks");
        foreach (var name in new[] { "database", "graph", "crm", "llm" })
        {
            Assert.Equal("Healthy", checks.GetProperty(name).GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task Alive_answers_without_consulting_dependencies()
    {
        await using var app = new MeetingPrepApp();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/alive", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("database", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_start_without_settings_stops_with_one_line_per_missing_setting()
    {
        var (exitCode, stdout, stderr) = await RunHostAsync("Production", []);

        Assert.Equal(2, exitCode);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("Setting Bot:AppId: missing", StringComparison.Ordinal) && l.Contains("Bot__AppId", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Setting Graph:TenantId: missing", StringComparison.Ordinal));
        Assert.DoesNotContain("Now listening", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_start_with_demo_data_is_refused()
    {
        var (exitCode, _, stderr) = await RunHostAsync("Production", [("Demo__Enabled", "true")]);

        Assert.Equal(2, exitCode);
        Assert.Contains("Setting Demo:Enabled: the demo tenant cannot run in the Production environment", stderr, StringComparison.Ordinal);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunHostAsync(string environment, (string Key, string Value)[] variables) =>
        HostProcess.RunAsync(environment, variables);
}
