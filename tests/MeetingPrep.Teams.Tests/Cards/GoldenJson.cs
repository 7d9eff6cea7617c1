using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Testing;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>
/// Golden JSON files beside these tests. Comparison is on normalised JSON (parsed and re-indented), so formatting
/// does not matter but every property and value does. MEETINGPREP_UPDATE_GOLDEN=1 rewrites the files instead.
/// </summary>
internal static class GoldenJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "MeetingPrep.Teams.Tests", "Cards", "Golden");

    public static void AssertMatches(string name, string actualJson)
    {
        var path = Path.Combine(Folder, name + ".json");
        var actual = Normalize(actualJson);
        if (Environment.GetEnvironmentVariable("MEETINGPREP_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, actual + "\n", new UTF8Encoding(false));
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing. Run the tests with MEETINGPREP_UPDATE_GOLDEN=1 to create it, then review it.");
        var expected = Normalize(File.ReadAllText(path));
        if (expected == actual)
        {
            return;
        }

        Assert.Fail($"Card '{name}' differs from its golden file {path}.\n{FirstDifference(expected, actual)}\n" +
            "If the change is intended, rerun with MEETINGPREP_UPDATE_GOLDEN=1 and review the diff in git.");
    }

    public static string Normalize(string json) => JsonNode.Parse(json)!.ToJsonString(Indented).ReplaceLineEndings("\n");

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end of file>";
            var al = i < a.Length ? a[i] : "<end of file>";
            if (el != al)
            {
                var context = string.Join("\n", a.Skip(Math.Max(0, i - 3)).Take(3).Select(l => "   " + l));
                return $"First difference at line {i + 1}:\n{context}\n - expected: {el.Trim()}\n + actual:   {al.Trim()}";
            }
        }

        return "(no line difference found)";
    }
}
