namespace MeetingPrep.Core.Outcomes;

/// <summary>Where a deal stands: still open, or closed won or lost.</summary>
public enum DealState
{
    Open,
    Won,
    Lost,
}
