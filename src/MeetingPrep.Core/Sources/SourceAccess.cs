namespace MeetingPrep.Core.Sources;

/// <summary>
/// As whom a source is read: with the signed-in user's own delegated token (on-behalf-of), or with the application's
/// permission (client credentials, or MeetingPrep's own store). Recorded per briefing in its audit trail.
/// </summary>
public enum SourceAccess
{
    Application,
    Delegated,
}
