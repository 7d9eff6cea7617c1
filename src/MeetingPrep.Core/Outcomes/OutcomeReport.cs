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

/// <summary>
/// Briefed external meetings against comparable ones that were not briefed, over meetings whose follow-up snapshot is
/// taken. An association, not a proof: who gets briefed is not random (README, "The report").
/// </summary>
/// <param name="NotBriefedReasons">Why the unbriefed meetings were not briefed, and how many (only when that group is shown).</param>
public sealed record OutcomeComparison(
    int Days,
    OutcomeGroup Briefed,
    OutcomeGroup NotBriefed,
    IReadOnlyList<ReasonCount> NotBriefedReasons,
    string Caveat)
{
    public const string AssociationCaveat =
        "An association, not a proof: briefed and unbriefed meetings differ in more than the briefing (who opted out, which meetings people mute).";
}

public sealed record ReasonCount(string Reason, int Meetings);

public static class OutcomeReport
{
    public static OutcomeComparison Compute(IEnumerable<MeetingOutcomeRecord> records, DealStageOrder stages, int days, int minGroupSize)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(stages);

        // Only meetings with something open to move, and with their follow-up.
        var counted = records
            .Where(r => r.After is not null && (r.AtMeeting.Deals.Any(d => d.State == DealState.Open) || r.AtMeeting.Cases.Any(c => c.IsOpen)))
            .Select(r => (Record: r, Outcome: MeetingOutcome.Compare(r.AtMeeting, r.After!, stages)))
            .ToList();
        var briefed = counted.Where(c => c.Record.Briefed).ToList();
        var notBriefed = counted.Where(c => !c.Record.Briefed).ToList();
        var notBriefedGroup = Group(notBriefed, minGroupSize);
        IReadOnlyList<ReasonCount> reasons = notBriefedGroup.Suppressed
            ? []
            : [.. notBriefed.GroupBy(c => c.Record.NotBriefedReason ?? "not_delivered", StringComparer.Ordinal)
                .Select(g => new ReasonCount(g.Key, g.Count()))
                .OrderByDescending(r => r.Meetings).ThenBy(r => r.Reason, StringComparer.Ordinal)];
        return new OutcomeComparison(days, Group(briefed, minGroupSize), notBriefedGroup, reasons, OutcomeComparison.AssociationCaveat);
    }

    private static OutcomeGroup Group(List<(MeetingOutcomeRecord Record, MeetingOutcome Outcome)> meetings, int minGroupSize)
    {
        var people = meetings.Select(m => m.Record.UserId).Distinct(StringComparer.Ordinal).Count();
        if (people < minGroupSize)
        {
            return new OutcomeGroup(true, null, null, null, null, null, null, null);
        }

        double? Share(Func<MeetingOutcome, bool> moved) => Math.Round((double)meetings.Count(m => moved(m.Outcome)) / meetings.Count, 4);
        return new OutcomeGroup(
            false,
            meetings.Count,
            people,
            Share(o => o.StageForward),
            Share(o => o.StageBack),
            Share(o => o.ClosedWon),
            Share(o => o.ClosedLost),
            Share(o => o.CaseClosed));
    }
}
