namespace MeetingPrep.Core.Outcomes;

/// <summary>
/// What happened to a meeting's accounts between the snapshot at the meeting and the one after it: whether any deal open
/// at the meeting moved forward or back a stage, was closed won or lost, and whether any case open at the meeting was
/// closed. Deals and cases created after the meeting are not counted: the meeting cannot have moved what did not exist.
/// </summary>
public sealed record MeetingOutcome(bool StageForward, bool StageBack, bool ClosedWon, bool ClosedLost, bool CaseClosed)
{
    public bool AnyMove => StageForward || StageBack || ClosedWon || ClosedLost || CaseClosed;

    public static MeetingOutcome Compare(AccountSnapshot atMeeting, AccountSnapshot after, DealStageOrder stages)
    {
        ArgumentNullException.ThrowIfNull(atMeeting);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(stages);
        var later = after.Deals.ToDictionary(d => d.Id, StringComparer.Ordinal);
        bool forward = false, back = false, won = false, lost = false;
        foreach (var deal in atMeeting.Deals.Where(d => d.State == DealState.Open))
        {
            if (!later.TryGetValue(deal.Id, out var now))
            {
                continue; // deleted, or beyond the read's cap: nothing can be said
            }

            won |= now.State == DealState.Won;
            lost |= now.State == DealState.Lost;
            if (now.State == DealState.Open && stages.Compare(deal.Stage, now.Stage) is { } moved)
            {
                forward |= moved > 0;
                back |= moved < 0;
            }
        }

        var closedLater = after.Cases.Where(c => !c.IsOpen).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var caseClosed = atMeeting.Cases.Any(c => c.IsOpen && closedLater.Contains(c.Id));
        return new MeetingOutcome(forward, back, won, lost, caseClosed);
    }
}
