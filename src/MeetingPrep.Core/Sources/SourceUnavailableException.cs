namespace MeetingPrep.Core.Sources;

/// <summary>
/// A source (calendar, mail, a CRM, the LLM) could not answer: throttled past our retry budget, timed out, unreachable,
/// sign-in rejected, or it returned data we cannot read. <see cref="UserSafeReason"/> (also the exception's message) is
/// shown to people and never carries secrets, message bodies or note text; details stay in the inner exception.
/// The briefing engine turns this into "&lt;source&gt; unavailable" instead of failing the briefing.
/// </summary>
public sealed class SourceUnavailableException : Exception
{
    public SourceUnavailableException()
        : this("unknown", "The source is unavailable.")
    {
    }

    public SourceUnavailableException(string message)
        : this("unknown", message)
    {
    }

    public SourceUnavailableException(string message, Exception innerException)
        : this("unknown", message, innerException)
    {
    }

    public SourceUnavailableException(string sourceName, string userSafeReason, Exception? innerException = null)
        : base(userSafeReason, innerException)
    {
        SourceName = sourceName;
    }

    /// <summary>Which source failed, as people call it ("calendar", "mail", "Salesforce").</summary>
    public string SourceName { get; }

    /// <summary>Why, in words safe to show a user.</summary>
    public string UserSafeReason => Message;

    /// <summary>Whether trying again later may help (throttling, timeouts, 5xx), as opposed to bad data or missing permission.</summary>
    public bool IsTransient { get; init; }
}
