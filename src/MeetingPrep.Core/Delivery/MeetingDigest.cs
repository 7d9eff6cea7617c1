using MeetingPrep.Core.Meetings;

namespace MeetingPrep.Core.Delivery;

/// <summary>The morning digest of <paramref name="Day"/> (the user's local day): its briefed meetings, in order.</summary>
public sealed record MeetingDigest(DateOnly Day, IReadOnlyList<Meeting> Meetings);
