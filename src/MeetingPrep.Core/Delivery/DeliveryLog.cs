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

    /// <summary>What the "meeting id" of a morning digest starts with (no calendar's id contains a colon).</summary>
    public const string DigestPrefix = "digest:";

    /// <summary>
    /// The morning digest of one local day: a single row per user and day, whatever the instance, the restart or a change
    /// of time zone. Its start is the day's date at midnight UTC, a label rather than an instant.
    /// </summary>
    public static DeliveryKey ForDigest(UserRef user, DateOnly day) => new(
        user.TenantId,
        user.UserId,
        DigestPrefix + day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero));

    public bool IsDigest => MeetingId.StartsWith(DigestPrefix, StringComparison.Ordinal);
}

/// <summary>What became of a claimed delivery.</summary>
public enum DeliveryStatus
{
    /// <summary>Claimed by an instance that is writing the briefing now; taken over by another once its lease expires.</summary>
    Claimed,

    /// <summary>The card is being posted. An instance that dies here leaves an outcome nobody knows: see <see cref="Unknown"/>.</summary>
    Sending,

    Sent,

    /// <summary>Writing or sending failed; claimed again from its retry time on while the meeting's send window is open.</summary>
    Failed,

    /// <summary>The user had no usable conversation; a later tick may claim it again if they reinstall.</summary>
    NoConversation,

    /// <summary>
    /// The post may or may not have reached Teams (a timeout, or an instance that died while posting). Never posted
    /// again blindly: a second card is worse than a missing one the user can still open from the meeting.
    /// </summary>
    Unknown,

    /// <summary>
    /// Not sent: the meeting started inside the user's quiet hours (a briefing due then waits for them to end only while
    /// its meeting is still ahead). Recorded so it is never tried again.
    /// </summary>
    QuietHours,
}

/// <summary>Who holds a claim and for how long: an instance that dies holding it loses it when the lease expires.</summary>
public sealed record DeliveryLease(string Owner, TimeSpan Duration);

/// <summary>A delivery this caller holds until <see cref="DeliveryLease.Duration"/> after the claim (or the send began).</summary>
/// <param name="TakenOverFrom">When the claim was taken over from an instance whose lease expired: the state it left.</param>
/// <param name="ActivityId">The card already in the chat under this delivery (a takeover after the post went out).</param>
public sealed record DeliveryClaim(DeliveryKey Key, string Owner, int Attempt, DeliveryStatus? TakenOverFrom = null, string? ActivityId = null);

/// <summary>
/// The outcome recorded for a claim: <paramref name="RetryAt"/> for failures, <paramref name="ActivityId"/> for sent
/// cards, and <paramref name="DueAt"/> (start minus lead time) so the delay between due and sent can be watched.
/// </summary>
/// <param name="Facts">For sent cards: the <see cref="MaterialFacts"/> they show (JSON), so a later change can update them.</param>
public sealed record DeliveryRecord(DeliveryStatus Status, DateTimeOffset At, DateTimeOffset? RetryAt = null, string? ActivityId = null, DateTimeOffset? DueAt = null, string? Facts = null);

/// <summary>A card in a user's chat: its delivery, its activity id, the facts it shows and when they were last checked.</summary>
public sealed record SentDelivery(DeliveryKey Key, string ActivityId, string? Facts, DateTimeOffset? CheckedAt);

/// <summary>
/// The durable record of proactive deliveries, shared by every instance: a delivery is claimed (a unique row per
/// tenant, user, meeting and start, with a lease) before anything is sent, marked before the card is posted, and its
/// outcome recorded after, so a restart or a second instance never sends the same briefing twice and a delivery whose
/// instance died is taken over instead of lost.
/// </summary>
public interface IDeliveryLog
{
    /// <summary>
    /// Claims the delivery for <paramref name="lease"/>'s owner. A claim when it was never claimed; when its last attempt
    /// failed (<see cref="DeliveryStatus.Failed"/> or <see cref="DeliveryStatus.NoConversation"/>) and its retry time has
    /// come; or when another owner's lease on it (claimed or sending) has expired (a takeover). Null when sent, in flight
    /// under a live lease, waiting for its retry time, or of unknown outcome.
    /// </summary>
    Task<DeliveryClaim?> TryClaimAsync(DeliveryKey key, DeliveryLease lease, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the claim as posting now and renews its lease. False when this caller no longer holds it (its lease expired
    /// and another instance took it over): it must not post.
    /// </summary>
    Task<bool> BeginSendAsync(DeliveryClaim claim, DeliveryLease lease, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records the outcome of a claim this caller holds; false when another instance has taken it over.</summary>
    Task<bool> RecordAsync(DeliveryClaim claim, DeliveryRecord record, CancellationToken cancellationToken);

    /// <summary>The user's sent cards (with an activity id) for meetings that start at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<SentDelivery>> ListSentAsync(string tenantId, string userId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the turn to check a sent card for changes: false when another instance checked it since <paramref name="sent"/>
    /// was read (so of two instances only one rewrites and updates it).
    /// </summary>
    Task<bool> BeginCheckAsync(SentDelivery sent, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stores the facts a sent card now shows (after it was updated in place).</summary>
    Task RecordFactsAsync(DeliveryKey key, string facts, CancellationToken cancellationToken);
}

/// <summary>How proactive delivery is doing, for <c>/health</c>.</summary>
/// <param name="Sent">Cards sent in the window looked at.</param>
/// <param name="MedianLag">Median delay from due (start minus lead time) to sent, over those cards; null when none.</param>
/// <param name="MaxLag">The longest such delay.</param>
/// <param name="Backlog">Deliveries claimed, in flight or waiting for a retry whose meeting has not started.</param>
/// <param name="Stuck">Claims whose lease expired and no instance has taken over yet.</param>
/// <param name="Unknown">Posts of unknown outcome in the window.</param>
public sealed record DeliveryHealth(int Sent, TimeSpan? MedianLag, TimeSpan? MaxLag, int Backlog, int Stuck, int Unknown);

/// <summary>Watching and tidying the delivery log.</summary>
public interface IDeliveryMonitor
{
    /// <summary>The figures over the <paramref name="window"/> before <paramref name="now"/>.</summary>
    Task<DeliveryHealth> GetHealthAsync(DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken);
}

/// <summary>The users proactive briefings go to: those with a usable personal conversation with the bot.</summary>
public interface IProactiveRecipients
{
    Task<IReadOnlyList<UserRef>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The user, when they are (still) a recipient.</summary>
    Task<UserRef?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken);
}
