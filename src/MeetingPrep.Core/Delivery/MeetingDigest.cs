using MeetingPrep.Core.Meetings;

namespace MeetingPrep.Core.Delivery;

/// <summary>
/// The morning digest of <paramref name="Day"/> (the user's local day): its briefed meetings, in order.
/// <paramref name="Culture"/> is the user's language setting (the recipe's), null for their client's.
/// </summary>
public sealed record MeetingDigest(DateOnly Day, IReadOnlyList<Meeting> Meetings, string? Culture = null);
