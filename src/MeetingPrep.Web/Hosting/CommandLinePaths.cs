namespace MeetingPrep.Web.Hosting;

/// <summary>Paths typed on the command line.</summary>
public static class CommandLinePaths
{
    /// <summary>
    /// A relative path as the person typed it: <c>dotnet run --project src/MeetingPrep.Web</c> starts the app in the
    /// project folder, so a path relative to the shell's folder (<c>PWD</c>) is resolved against that folder instead.
    /// </summary>
    public static string Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Path.IsPathRooted(path))
        {
            return Path.GetFullPath(path);
        }

        var shell = Environment.GetEnvironmentVariable("PWD");
        return shell is { Length: > 0 } && Directory.Exists(shell) ? Path.GetFullPath(Path.Combine(shell, path)) : Path.GetFullPath(path);
    }
}
