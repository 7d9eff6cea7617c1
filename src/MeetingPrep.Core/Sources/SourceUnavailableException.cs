namespace MeetingPrep.Core.Sources;

/// <summary>
/// A source (Graph, a CRM, an LLM) could not answer. <see cref="UserSafeReason"/> is shown to users as is, so it never
/// carries secrets, tokens or message text; the inner exception keeps the detail for logs.
/// </summary>
public sealed class SourceUnavailableException : Exception
{
    public SourceUnavailableException(string source, string userSafeReason, Exception? innerException = null)
        : base($"{source} unavailable: {userSafeReason}", innerException)
    {
        Source = source;
        UserSafeReason = userSafeReason;
    }

    public SourceUnavailableException()
        : this("source", "unavailable")
    {
    }

    public SourceUnavailableException(string message)
        : this("source", message)
    {
    }

    public SourceUnavailableException(string message, Exception innerException)
        : this("source", message, innerException)
    {
    }

    public new string Source { get; }

    public string UserSafeReason { get; }
}
