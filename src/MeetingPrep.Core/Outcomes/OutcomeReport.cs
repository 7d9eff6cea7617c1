namespace MeetingPrep.Core.Outcomes;

/// <summary>The outcome comparison from the followed meetings (<see cref="OutcomeComparison"/>).</summary>
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
            : [.. notBriefed.GroupBy(c => c.Record.NotBriefedReason ?? MeetingOutcomeRecord.NotDelivered, StringComparer.Ordinal)
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
