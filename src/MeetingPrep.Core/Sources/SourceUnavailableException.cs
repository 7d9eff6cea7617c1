namespace MeetingPrep.Core.Sources;

/// <summary>
/// A source (Graph, a CRM, the LLM) could not answer. <see cref="UserSafeReason"/> is shown to people ("rate limited",
/// "sign-in rejected") and must never carry secrets, message bodies or note text; details stay in <see cref="Exception.InnerException"/>.
/// </summary>
public sealed class SourceUnavailableException : Exception
{
    public SourceUnavailableException(string source, string userSafeReason, Exception? inner)
        : base($"{source} unavailable: {userSafeReason}", inner)
    {
        SourceName = source;
        UserSafeReason = userSafeReason;
    }

    public SourceUnavailableException()
        : this("Source", "unavailable", null)
    {
    }

    public SourceUnavailableException(string message)
        : this("Source", message, null)
    {
    }

    public SourceUnavailableException(string message, Exception? innerException)
        : this("Source", message, innerException)
    {
    }

    /// <summary>The source's display name, e.g. "Salesforce".</summary>
    public string SourceName { get; }

    public string UserSafeReason { get; }
}
