namespace MeetingPrep.Core.Outcomes;

/// <summary>A deal as the outcome report keeps it: ids, stage, an amount bucket and its state; never its name.</summary>
public sealed record DealSnapshot(string Id, string AccountId, string Stage, string AmountBucket, DealState State);
