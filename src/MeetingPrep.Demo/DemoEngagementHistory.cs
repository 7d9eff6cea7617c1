using MeetingPrep.Core.Engagement;

namespace MeetingPrep.Demo;

/// <summary>
/// The demo's leaders' report history: a sales team of eight over the six weeks before the current one, each person
/// briefed twice a week, more briefings opened before the meeting week by week. Deterministic so a test can check the
/// report's figures by hand (README, "The report"):
/// briefing k = 2 × person + n (0–15) of week w (0 oldest) is opened before its meeting when k &lt; 6 + 2w; an opened
/// briefing is rated helpful unless k mod 4 = 3 (then not helpful); briefings 0 and 5 get a line citing a case flagged
/// wrong, and in odd weeks briefing 9 one citing an opportunity. In the last week only three people were active, so the
/// report hides it.
/// </summary>
public static class DemoEngagementHistory
{
    public const int Weeks = 6;
    public const int TeamSize = 8;
    public const int ActiveInLastWeek = 3;
    public const string UserIdPrefix = "demo-team-";

    public static IReadOnlyList<EngagementSignal> Create(string tenantId, DateTimeOffset now)
    {
        var thisMonday = now.UtcDateTime.Date.AddDays(-(((int)now.UtcDateTime.DayOfWeek + 6) % 7));
        var signals = new List<EngagementSignal>();
        for (var w = 0; w < Weeks; w++)
        {
            var monday = new DateTimeOffset(thisMonday.AddDays(-7 * (Weeks - w)), TimeSpan.Zero);
            var people = w == Weeks - 1 ? ActiveInLastWeek : TeamSize;
            for (var k = 0; k < people * 2; k++)
            {
                var user = $"{UserIdPrefix}{(k / 2) + 1}";
                var meeting = $"demo-week{w}-briefing{k}";
                var start = monday.AddDays(1 + (k % 4)).AddHours(9 + (k % 2 * 4));
                signals.Add(new(tenantId, user, meeting, start, EngagementKind.Delivered, "teams", start.AddHours(-1)));
                if (k < 6 + (2 * w))
                {
                    signals.Add(new(tenantId, user, meeting, start, EngagementKind.Opened, k % 3 == 0 ? "pane" : "card_refresh", start.AddMinutes(-40)));
                    signals.Add(new(tenantId, user, meeting, null, k % 4 == 3 ? EngagementKind.NotHelpful : EngagementKind.Helpful, null, start.AddMinutes(-35)));
                }

                if (k is 0 or 5)
                {
                    signals.Add(new(tenantId, user, meeting, null, EngagementKind.FlaggedWrong, "case", start.AddMinutes(-30)));
                }

                if (k == 9 && w % 2 == 1)
                {
                    signals.Add(new(tenantId, user, meeting, null, EngagementKind.FlaggedWrong, "opportunity", start.AddMinutes(-30)));
                }
            }
        }

        return signals;
    }
}
