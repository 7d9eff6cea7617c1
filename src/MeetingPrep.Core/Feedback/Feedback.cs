namespace MeetingPrep.Core.Feedback;

public enum FeedbackKind
{
    Helpful,
    NotHelpful,
    Wrong,
}

/// <summary>
/// What a user said about a briefing or one of its items. <see cref="ItemKey"/> is null for whole-briefing feedback.
/// A "wrong" flag names the <see cref="Record"/> the line came from, in the version that was wrong.
/// The comment is user text: stored, never logged.
/// </summary>
public sealed record FeedbackEntry(
    string TenantId,
    string UserId,
    string MeetingId,
    string? ItemKey,
    FeedbackKind Kind,
    string? Comment,
    DateTimeOffset At)
{
    public FlaggedRecord? Record { get; init; }
}

/// <summary>
/// The source record a "wrong" flag is about (<see cref="Kind"/> and <see cref="Id"/> as in <c>SourceRef</c>, e.g.
/// <c>Case</c>, <c>case:4471</c>) and its <see cref="Version"/> then (<see cref="WrongFlags.VersionOf"/>): every line
/// citing that version is left out, and a newer version brings them back. <see cref="Title"/> is what settings list.
/// </summary>
public sealed record FlaggedRecord(string Kind, string Id, string Version, string Title);

/// <summary>A stored "wrong" flag, as settings and <c>GET /api/me/feedback</c> list it; <see cref="Id"/> undoes it.</summary>
public sealed record WrongFlag(long Id, string MeetingId, string? ItemKey, FlaggedRecord? Record, string? Comment, DateTimeOffset At);

public interface IFeedbackStore
{
    Task AddAsync(FeedbackEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Item keys of "wrong" flags bound to no record (flags made before flags named their record, or whose line was gone);
    /// those items are left out of the user's later briefings by key.
    /// </summary>
    Task<IReadOnlySet<string>> GetSuppressedItemKeysAsync(string tenantId, string userId, CancellationToken cancellationToken);

    /// <summary>The user's "wrong" flags, newest first.</summary>
    Task<IReadOnlyList<WrongFlag>> GetWrongFlagsAsync(string tenantId, string userId, CancellationToken cancellationToken);

    /// <summary>Undoes one of the user's own flags; false when they have no flag with that id.</summary>
    Task<bool> RemoveWrongFlagAsync(string tenantId, string userId, long id, CancellationToken cancellationToken);
}
