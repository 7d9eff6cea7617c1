namespace MeetingPrep.Core.Feedback;

public enum FeedbackKind
{
    Helpful,
    NotHelpful,
    Wrong,
}

/// <summary>
/// What a user said about a briefing or one of its items. <see cref="ItemKey"/> is null for whole-briefing feedback.
/// The comment is user text: stored, never logged.
/// </summary>
public sealed record FeedbackEntry(
    string TenantId,
    string UserId,
    string MeetingId,
    string? ItemKey,
    FeedbackKind Kind,
    string? Comment,
    DateTimeOffset At);

public interface IFeedbackStore
{
    Task AddAsync(FeedbackEntry entry, CancellationToken cancellationToken);

    /// <summary>Item keys this user flagged as wrong; those items are left out of their later briefings.</summary>
    Task<IReadOnlySet<string>> GetSuppressedItemKeysAsync(string tenantId, string userId, CancellationToken cancellationToken);
}
