using MeetingPrep.Core.Outcomes;

namespace MeetingPrep.Demo;

/// <summary>
/// The demo's outcome history for the leaders' report: the team of <see cref="DemoEngagementHistory"/> over the first four
/// of its weeks (those whose 14-day follow-up has been taken). Each week person p (1–8) has one briefed external meeting
/// (Tuesday to Friday at 10:00) and persons 1–6 one that was not briefed (14:00: persons 1–2 muted the series, 3–4 gave it
/// an opt-out category, 5–6 got no delivery). At each meeting the account has one open deal in "Qualify" and one open case.
/// Numbering the briefed meetings i = 0–31 and the others j = 0–23 (week by week, person by person), 14 days later:
/// briefed — the deal moved forward when i mod 4 = 0, back when i mod 16 = 2, was won when i mod 8 = 1, lost when
/// i mod 8 = 5, and the case was closed when i is even; not briefed — forward when j mod 6 = 0, back when j mod 12 = 2,
/// won when j mod 12 = 1, lost when j mod 6 = 5, case closed when j mod 3 = 0. Deterministic so the report's comparison
/// can be checked by hand (README, "The report").
/// </summary>
public static class DemoOutcomeHistory
{
    public const int Weeks = 4;
    public const int UnbriefedPeople = 6;

    public static IReadOnlyList<MeetingOutcomeRecord> Create(string tenantId, DateTimeOffset now)
    {
        var thisMonday = now.UtcDateTime.Date.AddDays(-(((int)now.UtcDateTime.DayOfWeek + 6) % 7));
        var records = new List<MeetingOutcomeRecord>();
        int i = 0, j = 0;
        for (var w = 0; w < Weeks; w++)
        {
            var monday = new DateTimeOffset(thisMonday.AddDays(-7 * (DemoEngagementHistory.Weeks - w)), TimeSpan.Zero);
            for (var p = 1; p <= DemoEngagementHistory.TeamSize; p++)
            {
                var day = monday.AddDays(1 + (p % 4));
                records.Add(Record(tenantId, p, $"demo-outcome-week{w}-briefed{p}", day.AddHours(10), null, i % 4 == 0, i % 16 == 2, i % 8 == 1, i % 8 == 5, i % 2 == 0));
                i++;
                if (p <= UnbriefedPeople)
                {
                    var reason = p <= 2 ? "muted" : p <= 4 ? "category" : "not_delivered";
                    records.Add(Record(tenantId, p, $"demo-outcome-week{w}-unbriefed{p}", day.AddHours(14), reason, j % 6 == 0, j % 12 == 2, j % 12 == 1, j % 6 == 5, j % 3 == 0));
                    j++;
                }
            }
        }

        return records;
    }

    private static MeetingOutcomeRecord Record(
        string tenantId, int person, string meetingId, DateTimeOffset start, string? notBriefedReason, bool forward, bool back, bool won, bool lost, bool caseClosed)
    {
        var account = $"demo-account-{person}";
        var deal = $"{meetingId}-deal";
        var @case = $"{meetingId}-case";
        var atMeeting = new AccountSnapshot(start, [account], [new DealSnapshot(deal, account, "Qualify", "10k-100k", DealState.Open)], [new CaseSnapshot(@case, account, true)]);
        var (stage, state) = won ? ("Closed Won", DealState.Won)
            : lost ? ("Closed Lost", DealState.Lost)
            : forward ? ("Propose", DealState.Open)
            : back ? ("Prospecting", DealState.Open)
            : ("Qualify", DealState.Open);
        var after = new AccountSnapshot(start.AddDays(14), [account], [new DealSnapshot(deal, account, stage, "10k-100k", state)], [new CaseSnapshot(@case, account, !caseClosed)]);
        return new MeetingOutcomeRecord(tenantId, $"{DemoEngagementHistory.UserIdPrefix}{person}", meetingId, start, notBriefedReason is null, notBriefedReason, atMeeting, after);
    }
}
