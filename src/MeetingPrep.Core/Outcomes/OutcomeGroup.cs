namespace MeetingPrep.Core.Outcomes;

/// <summary>
/// One side of the comparison. <see cref="Meetings"/> counts meetings whose accounts had an open deal or case at the
/// meeting (nothing else could move); each share is the part of them where at least one such record moved so. With fewer
/// than the minimum group size of people, <see cref="Suppressed"/> is true and every figure is null.
/// </summary>
public sealed record OutcomeGroup(
    bool Suppressed,
    int? Meetings,
    int? People,
    double? StageForward,
    double? StageBack,
    double? ClosedWon,
    double? ClosedLost,
    double? CaseClosed);
