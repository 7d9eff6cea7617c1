using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Delivery;

public enum DeliveryOutcome
{
    /// <summary>The briefing was posted (or had already been posted under the same key), or its card updated.</summary>
    Sent,

    /// <summary>The user has no usable conversation with the bot (app not installed, or uninstalled).</summary>
    NoConversation,

    /// <summary>Teams refused (blocked, removed, not found): the conversation is marked unusable.</summary>
    ConversationGone,

    /// <summary>A temporary failure that proves nothing was posted (throttled beyond our patience, service unavailable); try again.</summary>
    Failed,

    /// <summary>The post may have reached Teams (timed out, gateway timeout, connection lost mid-request): never posted again blindly.</summary>
    Unknown,
}

/// <summary>What a delivery did: the outcome and, when sent, the id of the card in the chat (to update it in place later).</summary>
public sealed record DeliveryReceipt(DeliveryOutcome Outcome, string? ActivityId = null);

/// <summary>
/// Delivers a briefing to its user proactively (the scheduler's way out). Implemented by the Teams bot over the stored
/// conversation reference. <paramref name="idempotencyKey"/> (e.g. "meetingId|start") keeps a repeated tick from posting
/// a second copy; with <paramref name="existingActivityId"/> (a card already posted for this delivery) that card is
/// updated in place instead of a new one posted, and <paramref name="changes"/> (what changed since it was sent, one
/// line each; empty for none) is shown at its top.
/// </summary>
public interface IBriefingNotifier
{
    Task<DeliveryReceipt> DeliverAsync(
        UserRef user, Briefing briefing, string idempotencyKey, string? existingActivityId, IReadOnlyList<string> changes, CancellationToken cancellationToken);

    /// <summary>Posts the morning digest: the day's briefed meetings, each opening its briefing. Outcomes as for a briefing.</summary>
    Task<DeliveryReceipt> DeliverDigestAsync(UserRef user, MeetingDigest digest, string idempotencyKey, CancellationToken cancellationToken);
}
