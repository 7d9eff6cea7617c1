using System.Globalization;
using MeetingPrep.Core.Crm;

namespace MeetingPrep.Core.Outcomes;

/// <summary>Where a deal stands: still open, or closed won or lost.</summary>
public enum DealState
{
    Open,
    Won,
    Lost,
}

/// <summary>A deal as the outcome report keeps it: ids, stage, an amount bucket and its state; never its name.</summary>
public sealed record DealSnapshot(string Id, string AccountId, string Stage, string AmountBucket, DealState State);

/// <summary>A case as the outcome report keeps it: ids and whether it is open; never its title.</summary>
public sealed record CaseSnapshot(string Id, string AccountId, bool IsOpen);

/// <summary>
/// The deals and cases of a meeting's accounts at one moment. CRMs keep no history, so what happened after a meeting is
/// told by comparing two of these (<see cref="MeetingOutcome.Compare"/>): one taken when the meeting starts, one later.
/// </summary>
public sealed record AccountSnapshot(
    DateTimeOffset TakenAt,
    IReadOnlyList<string> AccountIds,
    IReadOnlyList<DealSnapshot> Deals,
    IReadOnlyList<CaseSnapshot> Cases)
{
    /// <summary>What <paramref name="crm"/> says about the accounts, without names, text or links.</summary>
    public static AccountSnapshot From(CrmContext crm, DateTimeOffset takenAt)
    {
        ArgumentNullException.ThrowIfNull(crm);
        return new AccountSnapshot(
            takenAt,
            [.. crm.Accounts.Select(a => a.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            [.. crm.Opportunities.DistinctBy(o => o.Id).OrderBy(o => o.Id, StringComparer.Ordinal)
                .Select(o => new DealSnapshot(o.Id, o.AccountId, o.Stage, AmountBucket(o.Amount), StateOf(o)))],
            [.. crm.Cases.DistinctBy(c => c.Id).OrderBy(c => c.Id, StringComparer.Ordinal)
                .Select(c => new CaseSnapshot(c.Id, c.AccountId, c.IsOpen))]);
    }

    /// <summary>
    /// Won or lost as the CRM says (<see cref="Opportunity.IsWon"/>); where it does not say (the built-in store), the stage
    /// names it ("Closed Won", "closedlost"); a closed deal that says neither counts as lost.
    /// </summary>
    public static DealState StateOf(Opportunity deal)
    {
        ArgumentNullException.ThrowIfNull(deal);
        if (!deal.IsClosed)
        {
            return DealState.Open;
        }

        if (deal.IsWon is { } won)
        {
            return won ? DealState.Won : DealState.Lost;
        }

        return deal.Stage.Replace(" ", string.Empty, StringComparison.Ordinal).EndsWith("won", StringComparison.OrdinalIgnoreCase) ? DealState.Won : DealState.Lost;
    }

    /// <summary>A coarse amount in the deal's own currency (none converted): enough to compare deals, not to read one off.</summary>
    public static string AmountBucket(decimal? amount) => amount switch
    {
        null => "unknown",
        < 10_000m => "<10k",
        < 100_000m => "10k-100k",
        < 1_000_000m => "100k-1M",
        _ => ">=1M",
    };

    /// <summary>For logs and tests: the deals' and cases' ids with their states.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{TakenAt:O}: {string.Join(", ", Deals.Select(d => $"{d.Id}={d.Stage}/{d.State}"))}; {string.Join(", ", Cases.Select(c => $"{c.Id}={(c.IsOpen ? "open" : "closed")}"))}");
}
