namespace MeetingPrep.Teams.Bot.Auth;

/// <summary>The outcome of checking an inbound request's bearer token. The reason is for our logs, never the response.</summary>
public sealed record TokenCheck(TokenVerdict Verdict, bool IsAnonymous, string? ServiceUrlClaim, IReadOnlyList<string> Endorsements, string? Reason)
{
    public static TokenCheck Anonymous { get; } = new(TokenVerdict.Valid, true, null, [], null);

    public static TokenCheck Unauthorized(string reason) => new(TokenVerdict.Unauthorized, false, null, [], reason);

    /// <summary>
    /// The second half of validation, once the body is read: the token's <c>serviceurl</c> claim (when it has one) must name
    /// the activity's serviceUrl, and a signing key with endorsements must endorse the activity's channel.
    /// </summary>
    public TokenCheck ForActivity(string? serviceUrl, string? channelId)
    {
        if (Verdict != TokenVerdict.Valid || IsAnonymous)
        {
            return this;
        }

        if (ServiceUrlClaim is not null && !string.Equals(ServiceUrlClaim.TrimEnd('/'), serviceUrl?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
        {
            return this with { Verdict = TokenVerdict.Unauthorized, Reason = "the serviceurl claim does not match the activity's serviceUrl" };
        }

        if (Endorsements.Count > 0 && (channelId is null || !Endorsements.Contains(channelId, StringComparer.OrdinalIgnoreCase)))
        {
            return this with { Verdict = TokenVerdict.Forbidden, Reason = "the signing key does not endorse the activity's channel" };
        }

        return this;
    }
}
