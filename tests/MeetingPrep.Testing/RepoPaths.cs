namespace MeetingPrep.Testing;

/// <summary>Finds the repository root and the test fixtures in it, wherever the tests run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>
    /// The fixtures and official schemas the tests use, copied into the repository (tests/shared) so a fresh clone needs
    /// nothing beside it.
    /// </summary>
    public static string Shared => Path.Combine(Root, "tests", "shared");

    /// <summary>Where tests leave screenshots and other artifacts for people to look at.</summary>
    public static string Artifacts
    {
        get
        {
            var path = Path.Combine(Root, "test-artifacts");
            Directory.CreateDirectory(path);
            return path;
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MeetingPrep.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MeetingPrep.sln not found above " + AppContext.BaseDirectory);
    }
}
