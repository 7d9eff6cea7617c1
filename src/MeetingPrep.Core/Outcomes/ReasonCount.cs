namespace MeetingPrep.Core.Outcomes;

/// <summary>How many meetings were not briefed for one reason.</summary>
public sealed record ReasonCount(string Reason, int Meetings);
