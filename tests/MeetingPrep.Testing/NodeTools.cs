namespace MeetingPrep.Testing;

/// <summary>
/// The Node tools folder (tests/tools): Microsoft's adaptivecards renderer, markdown-it and playwright-core, installed
/// with <c>npm ci --prefix tests/tools</c>. Tests that need it skip locally and fail in CI when it is missing.
/// </summary>
public static class NodeTools
{
    public static string Folder => Path.Combine(RepoPaths.Root, "tests", "tools");

    /// <summary>The tools folder, after checking node and the installed packages; skips/fails like <see cref="Requires"/>.</summary>
    public static string Require(params string[] packages)
    {
        var node = FindNode();
        Requires.That(node is not null, "Node.js (node on PATH)", "Install Node 20 or newer.");
        var missing = packages.Where(p => !Directory.Exists(Path.Combine(Folder, "node_modules", p))).ToList();
        Requires.That(missing.Count == 0, $"The Node test tools ({string.Join(", ", missing)})", "Run 'npm ci --prefix tests/tools'.");
        return Folder;
    }

    public static string Node => FindNode() ?? "node";

    private static string? FindNode()
    {
        var fromEnv = Environment.GetEnvironmentVariable("MEETINGPREP_NODE");
        if (!string.IsNullOrEmpty(fromEnv) && File.Exists(fromEnv))
        {
            return fromEnv;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? "node.exe" : "node");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
