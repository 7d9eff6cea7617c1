using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Outcomes;
using MeetingPrep.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeetingPrep.Web.Api;

/// <summary>
/// The leaders' report as a page (<c>/report</c>): the same figures as <c>GET /api/admin/report</c>, a trend chart per
/// week drawn server-side as SVG (share opened before the meeting, helpful rate), and the table. No script.
/// </summary>
public static class ReportPage
{
    private const int ChartWidth = 640;
    private const int ChartHeight = 220;
    private const int Margin = 40;

    public static IEndpointRouteBuilder MapReportPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/report", GetAsync).RequireAuthorization(MeetingPrepClaims.ReportReaderPolicy);
        return app;
    }

    internal static async Task<IResult> GetAsync(
        ClaimsPrincipal principal, TeamReports reports, TimeProvider time, string? from, string? to, CancellationToken cancellationToken)
    {
        var result = await ReportApi.GetReportAsync(principal, reports, time, from, to, team: null, cancellationToken);
        return result.Result is Ok<ReportResponse> ok ? TypedResults.Content(Render(ok.Value!), "text/html; charset=utf-8") : result.Result;
    }

    public static string Render(ReportResponse report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>MeetingPrep: the leaders' report</title><style>")
            .Append("body{font-family:'Segoe UI',system-ui,sans-serif;margin:24px;color:#242424}table{border-collapse:collapse}")
            .Append("th,td{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}th:first-child,td:first-child{text-align:left}")
            .Append(".muted{color:#707070}.opened{stroke:#5b5fc7}.helpful{stroke:#107c10}svg text{font-size:11px;fill:#555}")
            .Append("</style></head><body><h1>Briefings, week by week</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{Day(report.From)} to {Day(report.To)}. Weeks with fewer than {report.MinGroupSize} people are not shown. ")
            .Append(CultureInfo.InvariantCulture, $"Time saved assumes {report.MinutesSavedPerBriefingOpened} minutes of preparation per briefing opened before its meeting; an association with usage, not a measurement.</p>");
        html.Append(Chart(report.Weeks));
        html.Append("<table class=\"weeks\"><thead><tr><th>Week of</th><th>People</th><th>Meetings briefed</th><th>Opened before</th><th>Helpful</th>")
            .Append("<th>Wrong lines per briefing</th><th>Most flagged</th><th>Time saved</th></tr></thead><tbody>");
        foreach (var week in report.Weeks)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{week.WeekStart:yyyy-MM-dd}</td>");
            if (week.Suppressed)
            {
                html.Append(CultureInfo.InvariantCulture, $"<td colspan=\"7\" class=\"muted\">Fewer than {report.MinGroupSize} people: not shown</td></tr>");
                continue;
            }

            var top = string.Join(", ", week.TopFlaggedSources!.Select(f => $"{WebUtility.HtmlEncode(f.Kind)} ({f.Count})"));
            html.Append(CultureInfo.InvariantCulture, $"<td>{week.People}</td><td>{week.MeetingsBriefed}</td><td>{Percent(week.ShareOpenedBeforeMeeting)}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{Percent(week.HelpfulRate)}</td><td>{week.WrongLinesPerBriefing?.ToString("0.00", CultureInfo.InvariantCulture) ?? "–"}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{(top.Length == 0 ? "–" : top)}</td><td>{week.MinutesSaved} min</td></tr>");
        }

        html.Append("</tbody></table>").Append(Outcomes(report.Outcomes, report.MinGroupSize)).Append("</body></html>");
        return html.ToString();
    }

    /// <summary>The outcome comparison: both sides with their sample sizes, and what it is not.</summary>
    private static string Outcomes(OutcomeComparison outcomes, int minGroupSize)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<h2>What happened to the accounts in the {outcomes.Days} days after the meeting</h2>")
            .Append("<p class=\"muted\">External meetings whose account had an open deal or case, as the CRM stood when the meeting started and ")
            .Append(CultureInfo.InvariantCulture, $"{outcomes.Days} days later. {WebUtility.HtmlEncode(outcomes.Caveat)}</p>")
            .Append("<table class=\"outcomes\"><thead><tr><th></th><th>Briefed</th><th>Not briefed</th></tr></thead><tbody>");
        void Row(string label, Func<OutcomeGroup, string> value) =>
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{label}</td><td>{value(outcomes.Briefed)}</td><td>{value(outcomes.NotBriefed)}</td></tr>");
        string Shown(OutcomeGroup g, Func<OutcomeGroup, string> value) => g.Suppressed ? $"<span class=\"muted\">fewer than {minGroupSize} people</span>" : value(g);
        Row("Meetings (people)", g => Shown(g, x => string.Create(CultureInfo.InvariantCulture, $"{x.Meetings} ({x.People})")));
        Row("A deal moved forward a stage", g => Shown(g, x => Percent(x.StageForward)));
        Row("A deal moved back a stage", g => Shown(g, x => Percent(x.StageBack)));
        Row("A deal closed won", g => Shown(g, x => Percent(x.ClosedWon)));
        Row("A deal closed lost", g => Shown(g, x => Percent(x.ClosedLost)));
        Row("A case closed", g => Shown(g, x => Percent(x.CaseClosed)));
        html.Append("</tbody></table>");
        if (outcomes.NotBriefedReasons.Count > 0)
        {
            html.Append("<p class=\"muted\">Not briefed because: ")
                .Append(string.Join(", ", outcomes.NotBriefedReasons.Select(r => $"{WebUtility.HtmlEncode(r.Reason.Replace('_', ' '))} ({r.Meetings})")))
                .Append(".</p>");
        }

        return html.ToString();
    }

    /// <summary>Two trend lines over the weeks shown (suppressed weeks break the line), 0–100 % on the vertical axis.</summary>
    private static string Chart(IReadOnlyList<EngagementWeek> weeks)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-label=\"Share opened before the meeting and helpful rate per week\" width=\"{ChartWidth}\" height=\"{ChartHeight}\" viewBox=\"0 0 {ChartWidth} {ChartHeight}\">");
        foreach (var tick in new[] { 0, 50, 100 })
        {
            var y = Y(tick / 100.0);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Margin}\" x2=\"{ChartWidth - 10}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#e0e0e0\"/><text x=\"4\" y=\"{y + 4:0.#}\">{tick} %</text>");
        }

        for (var i = 0; i < weeks.Count; i++)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i, weeks.Count) - 14:0.#}\" y=\"{ChartHeight - 8}\">{weeks[i].WeekStart:MM-dd}</text>");
        }

        svg.Append(Line(weeks, w => w.ShareOpenedBeforeMeeting, "opened"))
            .Append(Line(weeks, w => w.HelpfulRate, "helpful"))
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin + 6}\" y=\"14\" fill=\"#5b5fc7\">— opened before the meeting</text>")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin + 200}\" y=\"14\" fill=\"#107c10\">— helpful</text></svg>");
        return svg.ToString();
    }

    private static string Line(IReadOnlyList<EngagementWeek> weeks, Func<EngagementWeek, double?> value, string cssClass)
    {
        var svg = new StringBuilder();
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"{cssClass}\" fill=\"none\" stroke-width=\"2.5\" points=\"{string.Join(' ', run)}\"/>");
            }

            run.Clear();
        }

        for (var i = 0; i < weeks.Count; i++)
        {
            if (value(weeks[i]) is { } v)
            {
                var (x, y) = (X(i, weeks.Count), Y(v));
                run.Add(string.Create(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#}"));
                svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"{cssClass}\" cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3\" fill=\"white\" stroke-width=\"2\"/>");
            }
            else
            {
                Flush();
            }
        }

        Flush();
        return svg.ToString();
    }

    private static double X(int index, int count) =>
        count <= 1 ? Margin + 20 : Margin + 20 + (index * (ChartWidth - Margin - 60) / (double)(count - 1));

    private static double Y(double share) => ChartHeight - 30 - (share * (ChartHeight - 60));

    private static string Percent(double? share) => share is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s * 100:0} %") : "–";

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
