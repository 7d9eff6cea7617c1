namespace MeetingPrep.Core.Users;

/// <summary>
/// The time zone a user set for their mailbox (Outlook's settings, which also govern their working hours): used for their
/// delivery hours and card times when their recipe names none. An id <see cref="TimeZoneInfo"/> knows, or null when the
/// user set none (or an unknown one). Throws <see cref="Sources.SourceUnavailableException"/> when it cannot be read now.
/// </summary>
public interface IUserTimeZoneSource
{
    Task<string?> GetTimeZoneAsync(UserRef user, CancellationToken cancellationToken);
}
