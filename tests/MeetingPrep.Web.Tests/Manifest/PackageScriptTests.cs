using System.IO.Compression;
using System.Text.Json.Nodes;
using MeetingPrep.Testing;
using MeetingPrep.Web.Tests.Addin;
using Xunit;

namespace MeetingPrep.Web.Tests.Manifest;

/// <summary>manifest/package.sh as an operator runs it: values from the environment, validation, then the zip.</summary>
public sealed class PackageScriptTests
{
    private static string Script => Path.Combine(AppPackage.Folder, "package.sh");

    private static Dictionary<string, string?> Environment(IReadOnlyDictionary<string, string> values)
    {
        var environment = AppPackage.SampleValues.Keys.ToDictionary(k => k, k => (string?)null);
        foreach (var (key, value) in values)
        {
            environment[key] = value;
        }

        return environment;
    }

    [Fact]
    public async Task Package_holds_exactly_the_manifest_and_two_icons_with_every_placeholder_replaced()
    {
        var tools = NodeTools.Require("@microsoft/app-manifest");
        Requires.That(File.Exists("/bin/bash"), "bash", "Install bash.");
        var output = Directory.CreateTempSubdirectory("mp-package-").FullName;
        try
        {
            var environment = Environment(AppPackage.SampleValues);
            environment["MEETINGPREP_TOOLS"] = tools;
            var run = await ProcessRun.RunAsync("/bin/bash", [Script, output], TestContext.Current.CancellationToken, environment);
            Assert.True(run.ExitCode == 0, run.ToString());

            var zipPath = Path.Combine(output, "appPackage.zip");
            Assert.Equal(zipPath, run.Stdout.Trim().Split('\n')[^1]);
            using var zip = ZipFile.OpenRead(zipPath);
            Assert.Equal(["color.png", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order());

            using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
            var text = await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
            Assert.DoesNotContain("${{", text, StringComparison.Ordinal);
            var manifest = JsonNode.Parse(text)!.AsObject();
            Assert.Equal(AppPackage.SampleValues["TEAMS_APP_ID"], manifest["id"]!.GetValue<string>());
            Assert.Equal("https://meetingprep.contoso.com/outlook/taskpane.html", manifest["extensions"]![0]!["runtimes"]![0]!["code"]!["page"]!.GetValue<string>());
            Assert.Empty(ManifestTests.ValidateWithSchema(manifest));

            using var icon = new MemoryStream();
            await zip.GetEntry("outline.png")!.Open().CopyToAsync(icon, TestContext.Current.CancellationToken);
            Assert.Equal(File.ReadAllBytes(Path.Combine(AppPackage.Folder, "outline.png")), icon.ToArray());
            Assert.False(Directory.Exists(Path.Combine(output, "stage")), "the staging folder is left behind");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task Missing_values_are_named_and_nothing_is_packaged()
    {
        Requires.That(File.Exists("/bin/bash"), "bash", "Install bash.");
        var output = Directory.CreateTempSubdirectory("mp-package-").FullName;
        try
        {
            var values = AppPackage.SampleValues.Where(kv => kv.Key is not ("BOT_ID" or "APP_DOMAIN")).ToDictionary(kv => kv.Key, kv => kv.Value);
            var run = await ProcessRun.RunAsync("/bin/bash", [Script, output], TestContext.Current.CancellationToken, Environment(values));

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("APP_DOMAIN BOT_ID", run.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(output, "appPackage.zip")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task A_value_that_would_break_the_json_is_refused()
    {
        Requires.That(File.Exists("/bin/bash"), "bash", "Install bash.");
        var output = Directory.CreateTempSubdirectory("mp-package-").FullName;
        try
        {
            var values = new Dictionary<string, string>(AppPackage.SampleValues) { ["APP_DOMAIN"] = "evil.example.com\",\"x\":\"" };
            var run = await ProcessRun.RunAsync("/bin/bash", [Script, output], TestContext.Current.CancellationToken, Environment(values));

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("APP_DOMAIN must not contain quotes", run.Stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(output, "appPackage.zip")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task An_invalid_manifest_is_not_packaged()
    {
        var tools = NodeTools.Require("@microsoft/app-manifest");
        Requires.That(File.Exists("/bin/bash"), "bash", "Install bash.");
        var output = Directory.CreateTempSubdirectory("mp-package-").FullName;
        try
        {
            var environment = Environment(new Dictionary<string, string>(AppPackage.SampleValues) { ["BOT_ID"] = "not-a-guid" });
            environment["MEETINGPREP_TOOLS"] = tools;
            var run = await ProcessRun.RunAsync("/bin/bash", [Script, output], TestContext.Current.CancellationToken, environment);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("/bots/0/botId", run.Stdout, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(output, "appPackage.zip")));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
