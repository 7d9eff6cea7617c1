using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Outcomes;
using Xunit;

namespace MeetingPrep.Core.Tests;

/// <summary>What a meeting's two account snapshots say happened, and the briefed/unbriefed comparison, against hand-computed figures.</summary>
public sealed class MeetingOutcomeTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DealStageOrder Stages = new(DealStageOrder.Defaults);

    [Fact]
    public void Snapshots_keep_ids_stages_buckets_and_states_and_nothing_else()
    {
        var crm = new CrmContext(
            [new CrmAccount("acc-1", "Fabrikam", "fabrikam.com", null, null, "Owner", "o@contoso.com", null, Start)],
            [],
            [
                new Opportunity("d-2", "acc-1", "Secret renewal", "Closed Won", 250_000m, "EUR", null, true, null, null, Start),
                new Opportunity("d-1", "acc-1", "Pilot", "3-Propose", 9_999m, "EUR", null, false, null, null, Start),
                new Opportunity("d-3", "acc-1", "Lost one", "Closed Won", null, null, null, true, null, null, Start, IsWon: false),
            ],
            [],
            [new CrmCase("c-1", "acc-1", "CAS-1", "Outage at HQ", "Active", CasePriority.High, true, false, Start, null, null, null, Start)],
            []);

        var snapshot = AccountSnapshot.From(crm, Start);

        Assert.Equal(["acc-1"], snapshot.AccountIds);
        Assert.Equal(
            [
                new DealSnapshot("d-1", "acc-1", "3-Propose", "<10k", DealState.Open),
                new DealSnapshot("d-2", "acc-1", "Closed Won", "100k-1M", DealState.Won),
                new DealSnapshot("d-3", "acc-1", "Closed Won", "unknown", DealState.Lost), // the CRM's own flag wins over the stage
            ],
            snapshot.Deals);
        Assert.Equal([new CaseSnapshot("c-1", "acc-1", true)], snapshot.Cases);
    }

    [Fact]
    public void Stages_compare_by_the_configured_order_ignoring_case_spaces_and_numbered_prefixes()
    {
        Assert.True(Stages.Compare("1-Qualify", "3-Propose") > 0);
        Assert.True(Stages.Compare("negotiate", "Qualify") < 0);
        Assert.True(Stages.Compare("qualifiedtobuy", "contractsent") > 0);
        Assert.Equal(0, Stages.Compare("Propose", "3-propose"));
        Assert.Null(Stages.Compare("Propose", "Our own stage"));
    }

    [Fact]
    public void Only_records_open_at_the_meeting_count_and_each_kind_of_move_is_told()
    {
        var at = Snapshot(Start, [Deal("a", "Qualify"), Deal("b", "Propose"), Deal("c", "Negotiate"), Deal("gone", "Qualify"), Deal("old", "Closed Won", DealState.Won)], [("x", true), ("y", false)]);
        var after = Snapshot(Start.AddDays(14), [Deal("a", "Propose"), Deal("b", "Closed Won", DealState.Won), Deal("c", "Negotiate"), Deal("new", "Closed Lost", DealState.Lost), Deal("old", "Closed Won", DealState.Won)], [("x", false), ("y", false)]);

        Assert.Equal(new MeetingOutcome(StageForward: true, StageBack: false, ClosedWon: true, ClosedLost: false, CaseClosed: true), MeetingOutcome.Compare(at, after, Stages));

        // A deal that went back and one lost; a case that stayed open; an unknown stage says nothing.
        var worse = Snapshot(Start.AddDays(14), [Deal("a", "Prospecting"), Deal("b", "Closed Lost", DealState.Lost), Deal("c", "Our own stage")], [("x", true)]);
        Assert.Equal(new MeetingOutcome(false, true, false, true, false), MeetingOutcome.Compare(at, worse, Stages));
    }

    [Fact]
    public void The_comparison_counts_meetings_with_something_open_per_group_and_hides_small_groups()
    {
        // Briefed: 5 people, 6 meetings with an open deal, one more with nothing open (not counted), one without its follow-up.
        // Forward in meetings 0 and 1, won in 2, case closed in 0: 2/6, 1/6, 1/6.
        var records = new List<MeetingOutcomeRecord>();
        for (var i = 0; i < 6; i++)
        {
            var stage = i < 2 ? "Propose" : "Qualify";
            var state = i == 2 ? DealState.Won : DealState.Open;
            records.Add(Record($"u{i % 5}", $"b{i}", briefed: true,
                Snapshot(Start, [Deal($"d{i}", "Qualify")], [($"c{i}", true)]),
                Snapshot(Start.AddDays(14), [Deal($"d{i}", state == DealState.Won ? "Closed Won" : stage, state)], [($"c{i}", i != 0)])));
        }

        records.Add(Record("u0", "nothing-open", true, Snapshot(Start, [], [("c", false)]), Snapshot(Start.AddDays(14), [], [])));
        records.Add(Record("u1", "awaiting", true, Snapshot(Start, [Deal("d", "Qualify")], []), null));

        // Not briefed: 2 people only.
        records.Add(Record("u0", "n0", false, Snapshot(Start, [Deal("e", "Qualify")], []), Snapshot(Start.AddDays(14), [Deal("e", "Propose")], []), "muted"));
        records.Add(Record("u1", "n1", false, Snapshot(Start, [Deal("f", "Qualify")], []), Snapshot(Start.AddDays(14), [Deal("f", "Qualify")], []), "not_delivered"));

        var comparison = OutcomeReport.Compute(records, Stages, days: 14, minGroupSize: 5);

        Assert.Equal(new OutcomeGroup(false, 6, 5, 0.3333, 0, 0.1667, 0, 0.1667), comparison.Briefed);
        Assert.True(comparison.NotBriefed.Suppressed);
        Assert.Null(comparison.NotBriefed.Meetings);
        Assert.Empty(comparison.NotBriefedReasons);
        Assert.Contains("association, not a proof", comparison.Caveat, StringComparison.Ordinal);

        var small = OutcomeReport.Compute(records, Stages, days: 14, minGroupSize: 2);
        Assert.Equal(new OutcomeGroup(false, 2, 2, 0.5, 0, 0, 0, 0), small.NotBriefed);
        Assert.Equal([new ReasonCount("muted", 1), new ReasonCount("not_delivered", 1)], small.NotBriefedReasons);
    }

    private static DealSnapshot Deal(string id, string stage, DealState state = DealState.Open) => new(id, "acc", stage, "10k-100k", state);

    private static AccountSnapshot Snapshot(DateTimeOffset at, DealSnapshot[] deals, (string Id, bool Open)[] cases) =>
        new(at, ["acc"], deals, [.. cases.Select(c => new CaseSnapshot(c.Id, "acc", c.Open))]);

    private static MeetingOutcomeRecord Record(string user, string meeting, bool briefed, AccountSnapshot at, AccountSnapshot? after, string? reason = null) =>
        new("t1", user, meeting, Start, briefed, briefed ? null : reason, at, after);
}
