using MeetingPrep.Core.Crm;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>
/// Urgency scores: how much a line needs the reader's attention before this meeting. Every section scores on the same
/// scale (about 0 to 1.3), so the summary can weigh a deal against a case, a metric or a conversation. Kept in one
/// place so ranking can be tuned and tested on its own; the README of this project ("Urgency ranking") explains it.
/// <list type="bullet">
/// <item><b>Deal</b> (<see cref="Opportunity(Crm.Opportunity, DateTimeOffset, AccountRisk)"/>):
/// 0.30 + 0.30 × close-date proximity + 0.15 × size + 0.10 × days without activity + 0.25 × its own account's risk.
/// Proximity is 1 up to <see cref="ProtectedCloseDays"/> days (or past the close date) and falls linearly to 0 at 180 days.
/// Size is log-scaled on the amount in euros (<see cref="InEuros"/>): 1k → 0, 100k → 0.5, 10M → 1.</item>
/// <item><b>Account risk</b> (<see cref="AccountRisk"/>): 0.5 per escalated open case, 0.3 per other critical one, 0.15 per
/// other high-priority one, twice the worst fall of a metric (capped at 0.5), 0.4 per overdue commitment; capped at 1.
/// Only the deal's own account counts: a deal is never put at risk by another account's case.</item>
/// <item><b>Case</b>: 0.30 if open + 0.25 if escalated + severity (critical 0.20, high 0.12, normal 0.04) + 0.20 × recency of
/// its escalation or last change + 0.10 if an attendee opened it + 0.10 if its account has a deal closing within 30 days.</item>
/// <item><b>Metric</b>: 0.30 + twice the relative change (capped at 0.5) + 0.20 when it moves the wrong way.</item>
/// <item><b>Mail and notes</b>: recency (half-life <see cref="RecencyHalfLifeDays"/> days), whether an attendee wrote it,
/// and the questions, promises and open items it carries.</item>
/// <item><b>Commitments</b> (<see cref="Commitment"/>): 0.45 + 0.15 × recency, + 0.25 for a condition of theirs, + 0.45 when
/// overdue (else + 0.20 when due within 7 days), + <see cref="LatestAskWeight"/> when it is in the customer's latest mail,
/// + <see cref="GatesDealWeight"/> when an open ask or condition of theirs ties the deal (signing, renewal, contract, tender);
/// delivered or answered ones 0.2 + 0.2 × recency. Overdue promises and unmet conditions rank with escalated cases.</item>
/// </list>
/// <b>The summary</b> ("In short") takes the three most urgent distinct points by these scores, one per record: a line about
/// a record the summary already has, or naming a case or metric it already names, is skipped (a second deal "at risk" for
/// the same escalated case is not a new point); a deal closing within <see cref="ProtectedCloseDays"/> days that is at risk
/// is always in it, even as a fourth line. At most two of its points are commitments, and a smaller deal whose risk line was
/// skipped for naming a case already made does not come back as a plain line. A line in the summary is not repeated below.
/// A renewal whose close date slipped since the last briefing about its account (<see cref="Delivery.EarlierBriefing"/>) is at
/// risk for that alone and its risk line weighs <see cref="RenewalSlipWeight"/> more.
/// Equal scores are broken by the money at stake (<see cref="InEuros"/>), then by the text; never by a record's id.
/// A deal closing within <see cref="ProtectedCloseDays"/> days is never trimmed, and when it is at risk it leads the summary.
/// </summary>
public static class Relevance
{
    /// <summary>Weight halves every this many days.</summary>
    public const double RecencyHalfLifeDays = 14;

    /// <summary>A deal closing within this many days is never trimmed, and leads the summary when it is at risk.</summary>
    public const int ProtectedCloseDays = 14;

    /// <summary>Deals closing further out than this are not called at risk: there is time.</summary>
    public const int RiskHorizonDays = 120;

    /// <summary>A deal without activity for this many days is at risk for that alone.</summary>
    public const int IdleRiskDays = 21;

    /// <summary>What the customer asked or made a condition in their latest mail weighs this much more: it is what they will raise.</summary>
    public const double LatestAskWeight = 0.15;

    /// <summary>An open ask or condition of theirs that ties the deal (signing, renewal, contract, tender) weighs this much more.</summary>
    public const double GatesDealWeight = 0.1;

    /// <summary>A renewal whose close date slipped since the last briefing is this much more urgent (its risk line leads).</summary>
    public const double RenewalSlipWeight = 0.15;

    /// <summary>Close-date proximity reaches 0 at this many days.</summary>
    private const double ProximityHorizonDays = 180;

    /// <summary>
    /// Rough euro value of one unit of a currency, only to compare deal sizes across currencies (ties and size weight):
    /// never shown, never exact. An unknown currency counts one to one, which is wrong but harmless for ranking.
    /// </summary>
    private static readonly Dictionary<string, decimal> RoughEuroRates = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EUR"] = 1m, ["USD"] = 0.9m, ["GBP"] = 1.15m, ["CHF"] = 1.05m, ["JPY"] = 0.006m, ["SGD"] = 0.68m, ["AUD"] = 0.6m,
        ["CAD"] = 0.66m, ["NZD"] = 0.55m, ["SEK"] = 0.088m, ["NOK"] = 0.086m, ["DKK"] = 0.134m, ["PLN"] = 0.23m,
        ["CZK"] = 0.04m, ["INR"] = 0.011m, ["CNY"] = 0.125m, ["HKD"] = 0.115m, ["KRW"] = 0.00068m, ["BRL"] = 0.17m,
        ["MXN"] = 0.05m, ["ZAR"] = 0.05m, ["AED"] = 0.245m, ["ILS"] = 0.25m, ["TWD"] = 0.028m,
    };

    public static double Recency(DateTimeOffset? when, DateTimeOffset now)
    {
        if (when is null)
        {
            return 0.2;
        }

        var days = Math.Max(0, (now - when.Value).TotalDays);
        return Math.Pow(0.5, days / RecencyHalfLifeDays);
    }

    /// <summary>An amount in euros at rough rates (see <see cref="RoughEuroRates"/>); 0 when there is none.</summary>
    public static decimal InEuros(decimal? amount, string? currency)
    {
        if (amount is not { } a || a <= 0)
        {
            return 0;
        }

        return a * (currency is { Length: > 0 } c && RoughEuroRates.TryGetValue(c, out var rate) ? rate : 1m);
    }

    /// <summary>Calendar days from today (UTC) to a date: 0 today, 1 tomorrow, negative when it has passed.</summary>
    public static int DaysUntil(DateOnly date, DateTimeOffset now) => date.DayNumber - DateOnly.FromDateTime(now.UtcDateTime).DayNumber;

    /// <summary>1 within <see cref="ProtectedCloseDays"/> days or past the date, then linearly down to 0 at 180 days.</summary>
    public static double Proximity(DateOnly? close, DateTimeOffset now)
    {
        if (close is not { } d)
        {
            return 0;
        }

        var days = DaysUntil(d, now);
        return days <= ProtectedCloseDays ? 1 : Math.Max(0, 1 - ((days - ProtectedCloseDays) / (ProximityHorizonDays - ProtectedCloseDays)));
    }

    /// <summary>Log-scaled deal size: 1k € → 0, 10k → 0.25, 100k → 0.5, 1M → 0.75, 10M → 1.</summary>
    public static double Size(decimal? amount, string? currency)
    {
        var euros = InEuros(amount, currency);
        return euros <= 0 ? 0 : Math.Clamp((Math.Log10((double)euros) - 3) / 4, 0, 1);
    }

    /// <summary>0 under 14 days without activity, then growing to 1 at 60 days.</summary>
    public static double Idle(DateTimeOffset? lastActivity, DateTimeOffset now)
    {
        if (lastActivity is not { } last)
        {
            return 0;
        }

        var days = (now - last).TotalDays;
        return days < 14 ? 0 : Math.Min(1, days / 60);
    }

    /// <summary>A deal closes within <see cref="ProtectedCloseDays"/> days (or its close date passed while it is open).</summary>
    public static bool ClosesSoon(Opportunity o, DateTimeOffset now) =>
        !o.IsClosed && o.CloseDate is { } d && DaysUntil(d, now) <= ProtectedCloseDays;

    public static double Opportunity(Opportunity o, DateTimeOffset now, AccountRisk risk)
    {
        if (o.IsClosed)
        {
            return 0.1 * Recency(o.LastModified, now);
        }

        var proximity = Proximity(o.CloseDate, now);
        return 0.3 + (0.3 * proximity) + (0.15 * Size(o.Amount, o.Currency)) + (0.1 * Idle(o.LastActivity, now)) + (0.25 * risk.Weight);
    }

    public static double Case(CrmCase c, DateTimeOffset now, bool openedByAttendee, bool dealClosingSoon = false)
    {
        var score = 0.2 * Recency(c.EscalatedAt ?? c.LastModified, now);
        score += c.IsOpen ? 0.3 : 0;
        score += c.IsEscalated && c.IsOpen ? 0.25 : 0;
        score += c.Priority switch
        {
            CasePriority.Critical => 0.2,
            CasePriority.High => 0.12,
            CasePriority.Normal => 0.04,
            _ => 0,
        };
        score += openedByAttendee ? 0.1 : 0;
        score += dealClosingSoon && c.IsOpen ? 0.1 : 0;
        return score;
    }

    public static double Message(DateTimeOffset sent, DateTimeOffset now, bool fromAttendee, int cueCount) =>
        (0.5 * Recency(sent, now)) + (fromAttendee ? 0.25 : 0.1) + Math.Min(0.25, cueCount * 0.08);

    /// <summary>A fact quoted from a message or note: its salience (figures, decisions, asks, conditions, risks) weighs most.</summary>
    public static double Salient(DateTimeOffset sent, DateTimeOffset now, bool fromAttendee, double salience) =>
        (0.3 * Recency(sent, now)) + (fromAttendee ? 0.15 : 0.05) + (0.4 * Math.Min(1.2, salience));

    public static double Note(CrmNote note, DateTimeOffset now, int cueCount) =>
        (0.5 * Recency(note.Created, now)) + Math.Min(0.3, cueCount * 0.1) + 0.1;

    public static double Trend(MetricTrend trend) =>
        0.3 + Math.Min(0.5, Math.Abs((double)(trend.ChangeRatio ?? 0)) * 2) + (trend.IsGood ? 0 : 0.2);

    /// <summary>
    /// A commitment: an overdue promise of ours or an unmet condition of theirs ranks with an escalated case; an open one
    /// due soon ranks with a recent question; delivered or answered ones are history.
    /// </summary>
    public static double Commitment(bool overdue, bool open, bool isCondition, int? daysToDue, DateTimeOffset made, DateTimeOffset now, bool latestAsk = false)
    {
        if (!open)
        {
            return 0.2 + (0.2 * Recency(made, now));
        }

        var score = 0.45 + (0.15 * Recency(made, now)) + (isCondition ? 0.25 : 0) + (latestAsk ? LatestAskWeight : 0);
        if (overdue)
        {
            score += 0.45;
        }
        else if (daysToDue is { } days && days <= 7)
        {
            score += 0.2;
        }

        return score;
    }
}

/// <summary>
/// What puts one account's deals at risk: its own open escalated, critical and high-priority cases, its worst falling
/// metric (a positive fraction) and its overdue commitments. See <see cref="Relevance"/> for the weights.
/// </summary>
public sealed record AccountRisk(int EscalatedCases, int CriticalCases, int HighCases, decimal WorstFall, int OverdueCommitments)
{
    public static AccountRisk None { get; } = new(0, 0, 0, 0, 0);

    /// <summary>0 (nothing wrong) to 1.</summary>
    public double Weight => Math.Min(
        1,
        (0.5 * EscalatedCases) + (0.3 * CriticalCases) + (0.15 * HighCases) + Math.Min(0.5, 2 * (double)WorstFall) + (0.4 * OverdueCommitments));
}
