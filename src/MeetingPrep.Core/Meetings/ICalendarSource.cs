using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Meetings;

/// <summary>Reads a user's calendar. Implemented over Microsoft Graph (production and the demo sandbox alike).</summary>
public interface ICalendarSource
{
    /// <summary>As whom the calendar is read (the user's delegated token or the application's permission).</summary>
    Sources.SourceAccess Access => Sources.SourceAccess.Application;

    /// <summary>Occurrences overlapping [from, to), recurring series expanded, cancelled ones included (callers skip them).</summary>
    Task<IReadOnlyList<Meeting>> GetMeetingsAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>One occurrence by id from the user's own calendar, or null when the user has no such meeting.</summary>
    Task<Meeting?> GetMeetingAsync(UserRef user, string meetingId, CancellationToken cancellationToken);

    /// <summary>Past meetings in [since, before) that any of <paramref name="emails"/> attended, newest first.</summary>
    Task<IReadOnlyList<Meeting>> GetMeetingsWithAsync(
        UserRef user, IReadOnlyCollection<string> emails, DateTimeOffset since, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>
    /// Starts reading the past window a later <see cref="GetMeetingsWithAsync"/> for [since, before) will ask for, without
    /// waiting for it, so it is under way while the meeting itself is read. A source without a cache has nothing to start.
    /// </summary>
    void StartReadingHistory(UserRef user, DateTimeOffset since, DateTimeOffset before)
    {
    }

    /// <summary>
    /// The id of the meeting in the user's own calendar that an invitation in their inbox (a message id) is about, or
    /// null when the message is no invitation or its meeting is not in their calendar. A source without mail answers null.
    /// </summary>
    Task<string?> FindInvitedMeetingIdAsync(UserRef user, string messageId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    /// <summary>
    /// When the user's calendar is read from a local mirror that is fresh enough to answer, when that mirror was last
    /// synced (a briefing says how fresh its calendar was); null when the calendar is read live.
    /// </summary>
    Task<DateTimeOffset?> GetMirrorSyncedAtAsync(UserRef user, CancellationToken cancellationToken) => Task.FromResult<DateTimeOffset?>(null);

    /// <summary>The tenant's verified domains, which decide who is internal.</summary>
    Task<TenantDomains> GetTenantDomainsAsync(UserRef user, CancellationToken cancellationToken);
}
