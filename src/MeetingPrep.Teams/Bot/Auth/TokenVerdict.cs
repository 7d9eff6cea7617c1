namespace MeetingPrep.Teams.Bot.Auth;

/// <summary>What checking an inbound request's bearer token concluded.</summary>
public enum TokenVerdict
{
    /// <summary>A valid channel token (or an accepted anonymous request in Development).</summary>
    Valid,

    /// <summary>No token, a malformed one, or one that fails signature, issuer, audience or lifetime checks.</summary>
    Unauthorized,

    /// <summary>A valid token that is not for this activity (endorsement or serviceUrl mismatch).</summary>
    Forbidden,
}
