using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Delivery;

public enum DeliveryOutcome
{
    /// <summary>The briefing was posted (or had already been posted under the same key).</summary>
    Sent,

    /// <summary>The user has no usable conversation with the bot (app not installed, or uninstalled).</summary>
    NoConversation,

    /// <summary>Teams refused (blocked, removed, not found): the conversation is marked unusable.</summary>
    ConversationGone,

    /// <summary>A temporary failure (throttled beyond our patience, service error); try again on a later tick.</summary>
    Failed,
}

/// <summary>
/// Delivers a briefing to its user proactively (the scheduler's way out). Implemented by the Teams bot over the stored
/// conversation reference. <paramref name="idempotencyKey"/> (e.g. "meetingId|start") keeps a repeated tick from posting
/// a second copy.
/// </summary>
public interface IBriefingNotifier
{
    Task<DeliveryOutcome> DeliverAsync(UserRef user, Briefing briefing, string idempotencyKey, CancellationToken cancellationToken);
}
