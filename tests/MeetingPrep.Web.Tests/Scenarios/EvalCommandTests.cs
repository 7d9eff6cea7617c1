using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Testing;
using Xunit;

namespace MeetingPrep.Web.Tests.Scenarios;

/// <summary><c>eval</c> run as CI runs it: the built host as its own process, on the repository's packs and on broken ones.</summary>
public sealed class EvalCommandTests : IDisposable
{
    private static readonly string Samples = Path.Combine(RepoPaths.Root, "samples", "scenarios");

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("meetingprep-eval-test-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task The_repository_packs_hold_their_floors()
    {
        using var floors = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Samples, "eval-floors.json"), TestContext.Current.CancellationToken));
        string Floor(string name) => floors.RootElement.GetProperty(name).GetDouble().ToString(CultureInfo.InvariantCulture);
        var json = Path.Combine(_temp.FullName, "eval.json");

        var (exitCode, stdout, stderr) = await HostProcess.RunAsync(
            "Development",
            [],
            "eval", Samples, "--json", json,
            "--min-recall", Floor("minRecall"), "--min-lead", Floor("minLead"), "--max-wrong", Floor("maxWrong"),
            "--min-cited", Floor("minCited"), "--max-repeated", Floor("maxRepeated"));
        await File.WriteAllTextAsync(Path.Combine(RepoPaths.Artifacts, "eval.txt"), stdout, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, $"eval exited {exitCode}{Environment.NewLine}{stdout}{Environment.NewLine}{stderr}");
        Assert.Contains("All floors hold.", stdout, StringComparison.Ordinal);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!;
        var expected = Directory.EnumerateFiles(Samples, "expect.json", SearchOption.AllDirectories)
            .Sum(f => JsonNode.Parse(File.ReadAllText(f))!["meetings"]!.AsArray().Count);
        Assert.Equal(expected, report["meetings"]!.AsArray().Count);
        Assert.Equal(expected, (int)report["totals"]!["meetings"]!);
        Assert.True(Directory.EnumerateDirectories(Samples).Count() >= 13, "at least 12 development packs and the demo");
    }

    [Fact]
    public async Task A_missed_floor_fails_with_every_miss_spelled_out_and_the_json_written()
    {
        var pack = CopyFullFormatPack();
        var expect = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(pack, "expect.json"), TestContext.Current.CancellationToken))!;
        expect["meetings"]![0]!["keyPoints"]!.AsArray().Add(JsonNode.Parse(
            """{ "id": "unicorn", "why": "no record says this", "sources": ["opportunity:opp-fab-addon"], "mentions": [["unicorn"]] }"""));
        await File.WriteAllTextAsync(Path.Combine(pack, "expect.json"), expect.ToJsonString(), TestContext.Current.CancellationToken);
        var json = Path.Combine(_temp.FullName, "out.json");

        var (exitCode, stdout, _) = await HostProcess.RunAsync("Development", [], "eval", pack, "--json", json, "--min-recall", "1");

        Assert.Equal(1, exitCode);
        Assert.Contains("missed: unicorn: no record says this [needs a citation of opportunity:opp-fab-addon with (unicorn)]", stdout, StringComparison.Ordinal);
        Assert.Contains("FLOOR MISSED: key-point recall", stdout, StringComparison.Ordinal);
        var report = JsonNode.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!;
        Assert.False((bool)report["passed"]!);
        Assert.Equal("full-format", (string)report["meetings"]![0]!["pack"]!);
    }

    [Fact]
    public async Task A_bad_pack_or_bad_usage_exits_2_and_says_why()
    {
        var pack = CopyFullFormatPack();
        await File.WriteAllTextAsync(Path.Combine(pack, "crm", "cases.csv"), "id,account_id,number\nc1,acc-fab,1\n", TestContext.Current.CancellationToken);

        var (badPack, _, stderr) = await HostProcess.RunAsync("Development", [], "eval", pack);
        Assert.Equal(2, badPack);
        Assert.Contains("crm/cases.csv line 1", stderr, StringComparison.Ordinal);

        var (badFloor, _, usage) = await HostProcess.RunAsync("Development", [], "eval", pack, "--min-recall", "90%");
        Assert.Equal(2, badFloor);
        Assert.Contains("--min-recall takes a ratio between 0 and 1, not '90%'", usage, StringComparison.Ordinal);

        var (noPack, _, none) = await HostProcess.RunAsync("Development", [], "eval", _temp.CreateSubdirectory("empty").FullName);
        Assert.Equal(2, noPack);
        Assert.Contains("No scenario pack", none, StringComparison.Ordinal);
    }

    private string CopyFullFormatPack()
    {
        var target = Path.Combine(_temp.FullName, "full-format");
        foreach (var file in Directory.EnumerateFiles(ScenarioPackTests.FullFormatPack, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(ScenarioPackTests.FullFormatPack, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }
}
