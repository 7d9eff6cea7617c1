using System.Diagnostics.CodeAnalysis;

namespace MeetingPrep.Web.Hosting;

/// <summary>A command-line verb run against the composed app instead of serving HTTP (e.g. <c>brief --user x --next</c>).</summary>
public interface ICommandLineVerb
{
    Task<int> RunAsync(WebApplication app, TextWriter output);
}

public static class CommandLineVerbs
{
    public static bool TryGet(string[] args, [NotNullWhen(true)] out ICommandLineVerb? verb)
    {
        verb = null;
        return args.Length > 0 && verb is not null;
    }
}
