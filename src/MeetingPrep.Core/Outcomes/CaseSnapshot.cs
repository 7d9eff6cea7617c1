namespace MeetingPrep.Core.Outcomes;

/// <summary>A case as the outcome report keeps it: ids and whether it is open; never its title.</summary>
public sealed record CaseSnapshot(string Id, string AccountId, bool IsOpen);
