using MeetingPrep.Core.Crm;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>
/// Relevance scores in [0, 1+]: recency (exponential decay), open over closed, overlap with the meeting's attendees,
/// deal size and escalation. Kept in one place so ranking can be tuned and tested on its own.
/// </summary>
public static class Relevance
{
    /// <summary>Weight halves every this many days.</summary>
    public const double RecencyHalfLifeDays = 14;

    public static double Recency(DateTimeOffset? when, DateTimeOffset now)
    {
        if (when is null)
        {
            return 0.2;
        }

        var days = Math.Max(0, (now - when.Value).TotalDays);
        return Math.Pow(0.5, days / RecencyHalfLifeDays);
    }

    public static double Case(CrmCase c, DateTimeOffset now, bool openedByAttendee)
    {
        var score = 0.3 * Recency(c.EscalatedAt ?? c.LastModified, now);
        score += c.IsOpen ? 0.3 : 0;
        score += c.IsEscalated ? 0.25 : 0;
        score += c.Priority switch
        {
            CasePriority.Critical => 0.2,
            CasePriority.High => 0.12,
            CasePriority.Normal => 0.04,
            _ => 0,
        };
        score += openedByAttendee ? 0.1 : 0;
        return score;
    }

    public static double Opportunity(Opportunity o, DateTimeOffset now)
    {
        var size = o.Amount is { } a && a > 0 ? Math.Min(1, Math.Log10((double)a) / 7) : 0.1;
        var closeSoon = o.CloseDate is { } d
            ? Math.Max(0, 1 - (Math.Abs((d.ToDateTime(TimeOnly.MinValue) - now.UtcDateTime).TotalDays) / 180))
            : 0;
        return (o.IsClosed ? 0 : 0.35) + 0.35 * size + 0.2 * closeSoon + 0.1 * Recency(o.LastActivity ?? o.LastModified, now);
    }

    public static double Message(DateTimeOffset sent, DateTimeOffset now, bool fromAttendee, int cueCount) =>
        0.5 * Recency(sent, now) + (fromAttendee ? 0.25 : 0.1) + Math.Min(0.25, cueCount * 0.08);

    public static double Note(CrmNote note, DateTimeOffset now, int cueCount) =>
        0.5 * Recency(note.Created, now) + Math.Min(0.3, cueCount * 0.1) + 0.1;

    public static double Trend(MetricTrend trend) =>
        0.3 + Math.Min(0.5, Math.Abs((double)(trend.ChangeRatio ?? 0)) * 2) + (trend.IsGood ? 0 : 0.2);
}
