using System.Globalization;
using System.Text;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Outcomes;

namespace MeetingPrep.Teams.Cards;

/// <summary>
/// The leaders' weekly digest: the team's latest week with enough people (the same figures as <c>/report</c>), the trend
/// over the weeks as text sparklines (no image to serve or sign), the outcome comparison with both sample sizes and its
/// caveat, and a link to the full report.
/// </summary>
public static class TeamReportCardBuilder
{
    // Eight heights, in every font the hosts use; a hidden week is a dot.
    private const string Bars = "▁▂▃▄▅▆▇█";
    private const char Hidden = '·';

    public static AdaptiveCard Build(IReadOnlyList<EngagementWeek> weeks, OutcomeComparison outcomes, int minGroupSize, int minutesPerBriefing, Uri reportUrl, CardHost host)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(reportUrl);
        var latest = weeks.LastOrDefault(w => !w.Suppressed);
        var title = latest is null ? "Your team's briefings" : $"Your team's briefings, week of {Day(latest.WeekStart)}";
        var card = new AdaptiveCard
        {
            FallbackText = title,
            Body = [CardParts.Heading(CardText.Markdown(title), spacing: null)],
        };

        if (latest is null)
        {
            card.Body.Add(CardParts.Subtle(CardText.Markdown($"No week had at least {minGroupSize} people using MeetingPrep yet, so there are no figures to show.")));
        }
        else
        {
            card.Body.Add(CardParts.Subtle(CardText.Markdown($"{latest.People} people. Weeks with fewer than {minGroupSize} are not shown.")));
            var top = latest.TopFlaggedSources is { Count: > 0 } flagged ? string.Join(", ", flagged.Select(f => $"{f.Kind} ({f.Count})")) : "none";
            card.Body.Add(new FactSet
            {
                Facts =
                [
                    new Fact("Meetings briefed", Number(latest.MeetingsBriefed)),
                    new Fact("Opened before the meeting", Percent(latest.ShareOpenedBeforeMeeting)),
                    new Fact("Helpful", Percent(latest.HelpfulRate)),
                    new Fact("Wrong lines per briefing", latest.WrongLinesPerBriefing?.ToString("0.00", CultureInfo.InvariantCulture) ?? "–"),
                    new Fact("Most flagged (fix in the CRM)", CardText.Plain(top, 120)),
                    new Fact("Preparation time saved", $"{Number(latest.MinutesSaved)} min (assumed {minutesPerBriefing} min per briefing opened)"),
                ],
            });
            card.Body.Add(CardParts.Heading("Week by week", Spacing.Medium));
            card.Body.Add(Trend("Opened before", weeks, w => w.ShareOpenedBeforeMeeting));
            card.Body.Add(Trend("Helpful", weeks, w => w.HelpfulRate));
        }

        card.Body.Add(CardParts.Heading(CardText.Markdown($"In the {outcomes.Days} days after the meeting"), Spacing.Medium));
        card.Body.Add(new FactSet { Facts = [Outcome("Briefed", outcomes.Briefed, minGroupSize), Outcome("Not briefed", outcomes.NotBriefed, minGroupSize)] });
        card.Body.Add(CardParts.Subtle(CardText.Markdown(outcomes.Caveat), FontSize.Small));
        card.Actions = [new OpenUrlAction { Title = "Open the full report", Url = reportUrl }];
        return CardHostAdapter.ForHost(card, host);
    }

    /// <summary>A rate per week as bars from 0 to 100 % (a dot for a hidden week), with the first and last shown figures.</summary>
    public static string Sparkline(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var line = new StringBuilder();
        foreach (var value in values)
        {
            line.Append(value is { } v ? Bars[(int)Math.Round(Math.Clamp(v, 0, 1) * (Bars.Length - 1))] : Hidden);
        }

        return line.ToString();
    }

    private static TextBlock Trend(string label, IReadOnlyList<EngagementWeek> weeks, Func<EngagementWeek, double?> value)
    {
        var shown = weeks.Select(value).OfType<double>().ToList();
        var range = shown.Count == 0 ? string.Empty : $" {Percent(shown[0])} → {Percent(shown[^1])}";
        return new TextBlock { Text = $"{label}: {Sparkline(weeks.Select(value))}{range}", Wrap = true, Spacing = Spacing.Small };
    }

    private static Fact Outcome(string side, OutcomeGroup group, int minGroupSize) => group.Suppressed
        ? new Fact(side, $"fewer than {minGroupSize} people")
        : new Fact(
            $"{side} ({group.Meetings} meetings, {group.People} people)",
            $"deal forward {Percent(group.StageForward)}, back {Percent(group.StageBack)}, won {Percent(group.ClosedWon)}, lost {Percent(group.ClosedLost)}; case closed {Percent(group.CaseClosed)}");

    private static string Percent(double? share) => share is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s * 100:0} %") : "–";

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "–";

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);
}
