using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace MeetingPrep.Testing;

/// <summary>
/// Runs Microsoft's own Adaptive Cards renderer (tests/tools/validate-cards.js, adaptivecards 3.0.6) over a set of
/// cards: parse and validation events, our extra checks, and optionally a headless Chromium render with screenshots.
/// Returns the script's JSON report.
/// </summary>
public static class OfficialCardValidator
{
    public static readonly string[] Packages = ["adaptivecards", "markdown-it", "playwright-core"];

    public static async Task<JsonDocument> RunAsync(
        string tools, IEnumerable<(string Name, string Json)> cards, bool render, string? chromium, string? screenshots, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("mp-cards-");
        try
        {
            foreach (var (name, json) in cards)
            {
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, name + ".json"), json, cancellationToken);
            }

            var start = new ProcessStartInfo(NodeTools.Node)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(tools, "validate-cards.js"));
            start.ArgumentList.Add("--cards");
            start.ArgumentList.Add(folder.FullName);
            if (render)
            {
                start.ArgumentList.Add("--render");
                start.ArgumentList.Add("--chromium");
                start.ArgumentList.Add(chromium!);
                start.ArgumentList.Add("--screenshots");
                start.ArgumentList.Add(screenshots!);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(3));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            Assert.True(process.ExitCode == 0, $"validate-cards.js exited {process.ExitCode}: {await stderr}");
            return JsonDocument.Parse(await stdout);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
