using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Delivery;

/// <summary>
/// Delivers a briefing to its user proactively (the scheduler's way out). Implemented by the Teams bot over the stored
/// conversation reference. <paramref name="idempotencyKey"/> (e.g. "meetingId|start") keeps a repeated tick from posting
/// a second copy; with <paramref name="existingActivityId"/> (a card already posted for this delivery) that card is
/// updated in place instead of a new one posted, and <paramref name="changes"/> (what changed since it was sent, one
/// line each, worded by the channel in the reader's language; empty for none) is shown at its top.
/// </summary>
public interface IBriefingNotifier
{
    Task<DeliveryReceipt> DeliverAsync(
        UserRef user, Briefing briefing, string idempotencyKey, string? existingActivityId, IReadOnlyList<MaterialChange> changes, CancellationToken cancellationToken);

    /// <summary>Posts the morning digest: the day's briefed meetings, each opening its briefing. Outcomes as for a briefing.</summary>
    Task<DeliveryReceipt> DeliverDigestAsync(UserRef user, MeetingDigest digest, string idempotencyKey, CancellationToken cancellationToken);
}
