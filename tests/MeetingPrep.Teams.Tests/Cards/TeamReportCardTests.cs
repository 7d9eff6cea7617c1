using MeetingPrep.Teams.Cards;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>The leaders' digest card says the latest shown week, the trend as sparklines, and both sides of the outcome comparison.</summary>
public sealed class TeamReportCardTests
{
    [Fact]
    public void The_digest_shows_the_latest_shown_week_the_trend_and_the_outcomes_with_their_sample_sizes()
    {
        var json = AdaptiveCardSerializer.Serialize(CardCorpus.TeamReport(CardHost.Teams));

        Assert.Contains("week of 16 Nov 2026", json, StringComparison.Ordinal);
        Assert.Contains("""{"title":"Opened before the meeting","value":"86 %"}""", json, StringComparison.Ordinal);
        Assert.Contains("""{"title":"Most flagged (fix in the CRM)","value":"case (2), opportunity (1)"}""", json, StringComparison.Ordinal);
        Assert.Contains("180 min (assumed 15 min per briefing opened)", json, StringComparison.Ordinal);

        // 0.375, hidden, 0.8571 on eight heights: 3, a dot, 6.
        Assert.Contains("Opened before: ▄·▇ 38 % → 86 %", json, StringComparison.Ordinal);
        Assert.Contains("Helpful: ▇·▇ 83 % → 83 %", json, StringComparison.Ordinal);

        Assert.Contains("""{"title":"Briefed (32 meetings, 8 people)","value":"deal forward 25 %, back 6 %, won 13 %, lost 13 %; case closed 50 %"}""", json, StringComparison.Ordinal);
        Assert.Contains("""{"title":"Not briefed","value":"fewer than 5 people"}""", json, StringComparison.Ordinal);
        Assert.Contains("association, not a proof", json, StringComparison.Ordinal);
        Assert.Contains("https://meetingprep.example.com/report", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Sparklines_run_from_the_lowest_to_the_highest_bar_and_mark_hidden_weeks()
    {
        Assert.Equal("▁▅█·█", TeamReportCardBuilder.Sparkline([0, 0.5, 1, null, 1.7]));
    }
}
