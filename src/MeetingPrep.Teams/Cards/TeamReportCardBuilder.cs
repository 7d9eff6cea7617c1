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

    public static AdaptiveCard Build(IReadOnlyList<EngagementWeek> weeks, OutcomeComparison outcomes, int minGroupSize, int minutesPerBriefing, Uri reportUrl, CardHost host, TeamsText text)
    {
        ArgumentNullException.ThrowIfNull(weeks);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(reportUrl);
        ArgumentNullException.ThrowIfNull(text);
        var latest = weeks.LastOrDefault(w => !w.Suppressed);
        var title = latest is null ? text["TeamReport.Title"] : text.Format("TeamReport.TitleWeek", latest.WeekStart.ToDateTime(TimeOnly.MinValue));
        var card = new AdaptiveCard
        {
            FallbackText = title,
            Body = [CardParts.Heading(CardText.Markdown(title), spacing: null)],
        };

        if (latest is null)
        {
            card.Body.Add(CardParts.Subtle(CardText.Markdown(text.Format("TeamReport.NoWeek", minGroupSize))));
        }
        else
        {
            card.Body.Add(CardParts.Subtle(CardText.Markdown(text.Format("TeamReport.People", latest.People, minGroupSize))));
            var top = latest.TopFlaggedSources is { Count: > 0 } flagged ? string.Join(", ", flagged.Select(f => $"{RecordKind(f.Kind, text)} ({f.Count})")) : text["TeamReport.None"];
            card.Body.Add(new FactSet
            {
                Facts =
                [
                    new Fact(text["TeamReport.MeetingsBriefed"], Number(latest.MeetingsBriefed, text)),
                    new Fact(text["TeamReport.OpenedBefore"], Percent(latest.ShareOpenedBeforeMeeting, text)),
                    new Fact(text["TeamReport.Helpful"], Percent(latest.HelpfulRate, text)),
                    new Fact(text["TeamReport.WrongLines"], latest.WrongLinesPerBriefing?.ToString("0.00", text.Culture) ?? "–"),
                    new Fact(text["TeamReport.MostFlagged"], CardText.Plain(top, 120)),
                    new Fact(text["TeamReport.TimeSaved"], text.Format("TeamReport.TimeSavedValue", Number(latest.MinutesSaved, text), minutesPerBriefing)),
                ],
            });
            card.Body.Add(CardParts.Heading(text["TeamReport.WeekByWeek"], Spacing.Medium));
            card.Body.Add(Trend(text["TeamReport.OpenedBeforeShort"], weeks, w => w.ShareOpenedBeforeMeeting, text));
            card.Body.Add(Trend(text["TeamReport.Helpful"], weeks, w => w.HelpfulRate, text));
        }

        card.Body.Add(CardParts.Heading(CardText.Markdown(text.Format("TeamReport.After", outcomes.Days)), Spacing.Medium));
        card.Body.Add(new FactSet { Facts = [Outcome(text["TeamReport.Briefed"], outcomes.Briefed, minGroupSize, text), Outcome(text["TeamReport.NotBriefed"], outcomes.NotBriefed, minGroupSize, text)] });
        card.Body.Add(CardParts.Subtle(CardText.Markdown(text.IsEnglish ? outcomes.Caveat : text["TeamReport.Caveat"]), FontSize.Small));
        card.Actions = [new OpenUrlAction { Title = text["TeamReport.Open"], Url = reportUrl }];
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

    private static TextBlock Trend(string label, IReadOnlyList<EngagementWeek> weeks, Func<EngagementWeek, double?> value, TeamsText text)
    {
        var shown = weeks.Select(value).OfType<double>().ToList();
        var range = shown.Count == 0 ? string.Empty : $" {Percent(shown[0], text)} → {Percent(shown[^1], text)}";
        return new TextBlock { Text = $"{label}: {Sparkline(weeks.Select(value))}{range}", Wrap = true, Spacing = Spacing.Small };
    }

    private static Fact Outcome(string side, OutcomeGroup group, int minGroupSize, TeamsText text) => group.Suppressed
        ? new Fact(side, text.Format("TeamReport.FewerThan", minGroupSize))
        : new Fact(
            text.Format("TeamReport.Group", side, group.Meetings, group.People),
            text.Format(
                "TeamReport.GroupFigures",
                Percent(group.StageForward, text),
                Percent(group.StageBack, text),
                Percent(group.ClosedWon, text),
                Percent(group.ClosedLost, text),
                Percent(group.CaseClosed, text)));

    /// <summary>The kind of record a flagged line cited (<c>EngagementSignal.RecordKindOf</c>: "case", "thread"...) as the cards name it.</summary>
    private static string RecordKind(string kind, TeamsText text) => text[kind switch
    {
        "case" => "Kind.Case",
        "opportunity" => "Kind.Opportunity",
        "note" => "Kind.Note",
        "metric" => "Kind.Metric",
        "account" => "Kind.CrmAccount",
        "contact" => "Kind.CrmContact",
        "thread" or "email" => "Kind.Email",
        "meeting" => "Kind.Meeting",
        _ => "Kind.Other",
    }];

    private static string Percent(double? share, TeamsText text) => share is { } s ? string.Format(text.Culture, "{0:0} %", s * 100) : "–";

    private static string Number(int? value, TeamsText text) => value?.ToString("N0", text.Culture) ?? "–";
}
