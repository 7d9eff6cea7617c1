using System.Diagnostics;
using System.Net;
using System.Text;
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

    /// <summary>The built host as its own process on a free port, until disposed; start-up is awaited on its own log line.</summary>
    private sealed class RunningHost : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly DirectoryInfo _folder;
        private readonly StringBuilder _output;

        private RunningHost(Process process, DirectoryInfo folder, StringBuilder output, Uri baseAddress)
        {
            _process = process;
            _folder = folder;
            _output = output;
            BaseAddress = baseAddress;
        }

        public Uri BaseAddress { get; }

        public static async Task<RunningHost> StartAsync(string environment, (string Key, string Value)[] variables)
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "MeetingPrep.Web.dll");
            var folder = Directory.CreateTempSubdirectory("meetingprep-host-");
            var start = new ProcessStartInfo("dotnet", ["exec", dll])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder.FullName,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
            start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
            foreach (var (key, value) in variables)
            {
                start.Environment[key] = value;
            }

            var output = new StringBuilder();
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var process = new Process { StartInfo = start, EnableRaisingEvents = true };
            process.OutputDataReceived += (_, e) =>
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }

                // Kestrel names the port it was given: "Now listening on: http://127.0.0.1:41234".
                var at = e.Data?.IndexOf("Now listening on: ", StringComparison.Ordinal) ?? -1;
                if (at >= 0)
                {
                    listening.TrySetResult(new Uri(e.Data![(at + "Now listening on: ".Length)..].Trim()));
                }
            };
            process.ErrorDataReceived += (_, e) =>
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            };
            process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The host stopped before it listened."));
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                // Waits on the host's own events (listening, or exited); the test run's token is the only limit.
                var address = await listening.Task.WaitAsync(TestContext.Current.CancellationToken);
                return new RunningHost(process, folder, output, address);
            }
            catch (InvalidOperationException)
            {
                await process.WaitForExitAsync(CancellationToken.None);
                var failed = new RunningHost(process, folder, output, new Uri("http://127.0.0.1/"));
                var message = $"The host did not start (exit {process.ExitCode}):\n{failed.Output}";
                await failed.DisposeAsync();
                throw new Xunit.Sdk.XunitException(message);
            }
        }

        private string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync(CancellationToken.None);
            _process.Dispose();
            try
            {
                _folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held by the OS is left for the temp cleaner.
            }
        }
    }
}
