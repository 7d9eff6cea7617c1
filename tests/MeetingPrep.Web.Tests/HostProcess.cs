using System.Diagnostics;
using Xunit;

namespace MeetingPrep.Web.Tests;

/// <summary>Runs the built host as its own process, the way an operator or CI would, and waits for it to stop.</summary>
internal static class HostProcess
{
    /// <summary>Only a guard against a hung child: tests wait for the process to exit, not for a deadline.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(10);

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string environment, (string Key, string Value)[] variables, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "MeetingPrep.Web.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("meetingprep-host-").FullName,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment.Remove("PWD");
        foreach (var (key, value) in variables)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        guard.CancelAfter(HangGuard);
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
}
