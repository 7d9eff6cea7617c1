using System.Diagnostics;
using System.Text;
using Xunit;

namespace MeetingPrep.Web.Tests;

/// <summary>Runs the built host as its own process, the way an operator or CI would, and waits for it to stop.</summary>
internal static class HostProcess
{
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string environment, (string Key, string Value)[] variables, params string[] args)
    {
        var start = StartInfo(environment, variables, Directory.CreateTempSubdirectory("meetingprep-host-"), args);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        // Tests wait for the process to exit; the guard only ends a hung child.
        using var guard = Wait.Guard();
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// <c>dotnet exec MeetingPrep.Web.dll ARGS</c> in its own folder, on a free port, with the given environment; the
    /// shell's <c>PWD</c> is dropped so relative paths resolve against that folder.
    /// </summary>
    public static ProcessStartInfo StartInfo(string environment, (string Key, string Value)[] variables, DirectoryInfo folder, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MeetingPrep.Web.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder.FullName,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment.Remove("PWD");
        foreach (var (key, value) in variables)
        {
            start.Environment[key] = value;
        }

        return start;
    }
}

/// <summary>The built host as its own process on a free port, until disposed; start-up is awaited on its own log line.</summary>
internal sealed class RunningHost : IAsyncDisposable
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
        var folder = Directory.CreateTempSubdirectory("meetingprep-host-");
        var start = HostProcess.StartInfo(environment, variables, folder);

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
