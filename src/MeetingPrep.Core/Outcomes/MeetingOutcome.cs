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

/// <summary>
/// The order of the open deal stages, first to last (a setting, <c>Report:DealStageOrder</c>: CRMs name their stages
/// freely). Stages match ignoring case, spaces and a numbered prefix ("3-Propose" is "Propose"); a stage not in the list
/// has no place, so a move from or to it is neither forward nor back.
/// </summary>
public sealed class DealStageOrder
{
    /// <summary>The default stages of Dynamics 365 (Qualify, Develop, Propose, Close), Salesforce and HubSpot's default pipeline, each in order.</summary>
    public static readonly IReadOnlyList<string> Defaults =
    [
        "Prospecting", "Qualification", "Qualify", "appointmentscheduled", "qualifiedtobuy", "Needs Analysis", "Develop",
        "Value Proposition", "presentationscheduled", "Id. Decision Makers", "decisionmakerboughtin", "Perception Analysis",
        "Propose", "Proposal/Price Quote", "Negotiate", "Negotiation/Review", "contractsent", "Close",
    ];

    private readonly Dictionary<string, int> _rank = new(StringComparer.OrdinalIgnoreCase);

    public DealStageOrder(IEnumerable<string> stages)
    {
        ArgumentNullException.ThrowIfNull(stages);
        foreach (var stage in stages)
        {
            _rank.TryAdd(Key(stage), _rank.Count);
        }
    }

    /// <summary>Positive when <paramref name="to"/> is later than <paramref name="from"/>, negative when earlier, null when either has no place.</summary>
    public int? Compare(string from, string to) =>
        _rank.TryGetValue(Key(from), out var a) && _rank.TryGetValue(Key(to), out var b) ? b.CompareTo(a) : null;

    private static string Key(string stage)
    {
        var key = stage.Trim();
        var dash = key.IndexOf('-', StringComparison.Ordinal);
        if (dash > 0 && key[..dash].All(char.IsAsciiDigit))
        {
            key = key[(dash + 1)..];
        }

        return key.Replace(" ", string.Empty, StringComparison.Ordinal);
    }
}
