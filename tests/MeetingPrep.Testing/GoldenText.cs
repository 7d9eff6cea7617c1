using Xunit;

namespace MeetingPrep.Testing;

/// <summary>
/// Compares text with a golden file kept in the source tree. With MEETINGPREP_UPDATE_GOLDEN=1 the file is (re)written
/// instead, so a deliberate change is one command and one reviewable diff. A missing golden file fails in CI.
/// </summary>
public static class GoldenText
{
    public static bool Updating =>
        Environment.GetEnvironmentVariable("MEETINGPREP_UPDATE_GOLDEN") is "1" or "true";

    /// <param name="relativePath">Path under the repository root, e.g. tests/X/Golden/a.txt.</param>
    public static void AssertMatches(string relativePath, string actual)
    {
        var path = Path.Combine(RepoPaths.Root, relativePath);
        actual = actual.ReplaceLineEndings("\n");
        if (Updating || (!File.Exists(path) && !Requires.IsCi))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {relativePath} is missing; run the tests with MEETINGPREP_UPDATE_GOLDEN=1 and review it.");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected == actual)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Max(expectedLines.Length, actualLines.Length))
            .First(i => i >= expectedLines.Length || i >= actualLines.Length || expectedLines[i] != actualLines[i]);
        Assert.Fail(
            $"{relativePath} differs from line {first + 1}:\n" +
            $"  expected: {(first < expectedLines.Length ? expectedLines[first] : "<end of file>")}\n" +
            $"  actual:   {(first < actualLines.Length ? actualLines[first] : "<end of file>")}\n" +
            "Run the tests with MEETINGPREP_UPDATE_GOLDEN=1 to accept a deliberate change, then review the diff.");
    }
}
