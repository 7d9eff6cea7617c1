using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task A_dependencys_entry_follows_its_last_answer_not_its_configuration()
    {
        await using var app = new MeetingPrepApp();
        using var client = app.CreateClient();
        var outcomes = app.Services.GetRequiredService<MeetingPrep.Core.Briefings.SourceOutcomes>();
        var at = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

        outcomes.Record("crm", "timeout", at);
        outcomes.Record("mail", MeetingPrep.Core.CoreTelemetry.SourceOk, at);
        var checks = await ChecksAsync(client);
        Assert.Equal("Degraded", checks.GetProperty("crm").GetProperty("status").GetString());
        Assert.Contains("timeout", checks.GetProperty("crm").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", checks.GetProperty("graph").GetProperty("status").GetString());

        // Graph's calendar failing after its mail answered: the latest answer counts.
        outcomes.Record("calendar", "failed", at.AddMinutes(1));
        outcomes.Record("crm", MeetingPrep.Core.CoreTelemetry.SourceOk, at.AddMinutes(1));
        checks = await ChecksAsync(client);
        Assert.Equal("Degraded", checks.GetProperty("graph").GetProperty("status").GetString());
        Assert.Equal("Healthy", checks.GetProperty("crm").GetProperty("status").GetString());
    }

    private static async Task<JsonElement> ChecksAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("checks").Clone();
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

    /// <summary>
    /// Every CRM provider, in production settings, as an operator starts it: a process with environment variables, a
    /// SQLite file and the scheduler on. Nothing is called at start-up, so the remote CRMs' addresses need not answer.
    /// </summary>
    [Theory]
    [InlineData("BuiltIn")]
    [InlineData("Dataverse")]
    [InlineData("Salesforce")]
    [InlineData("HubSpot")]
    public async Task Production_host_starts_and_answers_alive_with_every_crm_provider(string provider)
    {
        (string, string)[] variables =
        [
            ("Bot__AppId", "00000000-0000-0000-0000-00000000b07"),
            ("Bot__AppPassword", "test-secret"),
            ("Bot__TenantId", "11111111-1111-1111-1111-111111111111"),
            ("Graph__TenantId", "11111111-1111-1111-1111-111111111111"),
            ("Graph__ClientId", "22222222-2222-2222-2222-222222222222"),
            ("Graph__ClientSecret", "test-secret"),
            ("Crm__Provider", provider),
            ("Crm__Dataverse__BaseUrl", "https://contoso.crm4.dynamics.com"),
            ("Crm__Dataverse__TenantId", "11111111-1111-1111-1111-111111111111"),
            ("Crm__Dataverse__ClientId", "33333333-3333-3333-3333-333333333333"),
            ("Crm__Dataverse__ClientSecret", "test-secret"),
            ("Crm__Salesforce__BaseUrl", "https://contoso.my.salesforce.com"),
            ("Crm__Salesforce__ClientId", "3MVG9-test"),
            ("Crm__Salesforce__ClientSecret", "test-secret"),
            ("Crm__HubSpot__AccessToken", "pat-test"),
            ("Crm__HubSpot__PortalId", "1234567"),
        ];

        await using var host = await RunningHost.StartAsync("Production", variables);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        using var alive = await http.GetAsync(new Uri("/alive", UriKind.Relative), TestContext.Current.CancellationToken);
        using var record = await http.GetAsync(new Uri("/crm/accounts/x", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);

        // The built-in CRM's record pages exist only with the built-in CRM; they need a signed-in user either way.
        Assert.Equal(provider == "BuiltIn" ? HttpStatusCode.Unauthorized : HttpStatusCode.NotFound, record.StatusCode);
    }

    private static Task<(int ExitCode, string Stdout, string Stderr)> RunHostAsync(string environment, (string Key, string Value)[] variables) =>
        HostProcess.RunAsync(environment, variables);
}
