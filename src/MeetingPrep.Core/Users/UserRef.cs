namespace MeetingPrep.Core.Users;

/// <summary>
/// The person a briefing is for. <see cref="UserId"/> is the Entra object id (stable);
/// <see cref="Upn"/> is how people name them. Time zone is an IANA or Windows id, culture an IETF tag.
/// </summary>
public sealed record UserRef(string TenantId, string UserId, string Upn, string DisplayName, string TimeZone, string Culture)
{
    /// <summary>The user's time zone, falling back to UTC when the id is unknown on this machine.</summary>
    public TimeZoneInfo ResolveTimeZone() =>
        TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
