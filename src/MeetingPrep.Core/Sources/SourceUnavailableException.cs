namespace MeetingPrep.Core.Sources;

/// <summary>
/// A source (calendar, mail, CRM) could not answer: throttled past our retry budget, timed out, unreachable, or it returned
/// data we cannot read. <see cref="Exception.Message"/> is safe to show a user and never carries message bodies or secrets;
/// the briefing engine turns this into "&lt;source&gt; unavailable" instead of failing the briefing.
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

    public SourceUnavailableException(string sourceName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        SourceName = sourceName;
    }

    /// <summary>Which source failed, as people call it ("calendar", "mail", "CRM").</summary>
    public string SourceName { get; }

    /// <summary>Whether trying again later may help (throttling, timeouts, 5xx), as opposed to bad data or missing permission.</summary>
    public bool IsTransient { get; init; }
}
