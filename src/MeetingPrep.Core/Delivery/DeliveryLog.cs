using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Delivery;

/// <summary>
/// One proactive briefing: a user's meeting at one start time. A rescheduled meeting has a new start and so is a new
/// delivery with a new briefing.
/// </summary>
public sealed record DeliveryKey(string TenantId, string UserId, string MeetingId, DateTimeOffset MeetingStart)
{
    /// <summary>The notifier's idempotency key, <c>meetingId|start</c> (start in UTC, to the second).</summary>
    public string IdempotencyKey =>
        MeetingId + "|" + MeetingStart.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    public static DeliveryKey For(UserRef user, string meetingId, DateTimeOffset start) => new(user.TenantId, user.UserId, meetingId, start);
}

/// <summary>What became of a claimed delivery.</summary>
public enum DeliveryStatus
{
    /// <summary>Claimed by a tick that is writing or sending it now (or crashed doing so: never re-sent, see the log).</summary>
    Claimed,

    Sent,

    /// <summary>Writing or sending failed; a later tick may claim it again while attempts remain.</summary>
    Failed,

    /// <summary>The user had no usable conversation; a later tick may claim it again if they reinstall.</summary>
    NoConversation,
}

/// <summary>
/// The durable record of proactive deliveries, shared by every instance: a delivery is claimed (a unique row per
/// tenant, user, meeting and start) before anything is sent, and its outcome recorded after, so a restart or a second
/// instance never sends the same briefing twice.
/// </summary>
public interface IDeliveryLog
{
    /// <summary>
    /// Claims the delivery for this caller. True when it was never claimed, or when its last attempt failed
    /// (<see cref="DeliveryStatus.Failed"/> or <see cref="DeliveryStatus.NoConversation"/>) and fewer than
    /// <paramref name="maxAttempts"/> were made. False when sent, in flight elsewhere, or out of attempts.
    /// </summary>
    Task<bool> TryClaimAsync(DeliveryKey key, int maxAttempts, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the outcome of a delivery this caller claimed.</summary>
    Task RecordAsync(DeliveryKey key, DeliveryStatus status, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>The users proactive briefings go to: those with a usable personal conversation with the bot.</summary>
public interface IProactiveRecipients
{
    Task<IReadOnlyList<UserRef>> ListAsync(CancellationToken cancellationToken);
}
