namespace MeetingPrep.Core.Crm;

public enum TrendDirection
{
    Flat,
    Up,
    Down,
}

/// <summary>How a metric moved over a period: first and last value, absolute and relative change, and whether that is good.</summary>
public sealed record MetricTrend(MetricPoint From, MetricPoint To, decimal Change, decimal? ChangeRatio, TrendDirection Direction, bool IsGood)
{
    /// <summary>Changes smaller than this share of the starting value count as flat.</summary>
    public const decimal FlatThreshold = 0.03m;

    /// <summary>The trend over the last <paramref name="periods"/> points (at least two), or null when the series is too short.</summary>
    public static MetricTrend? Of(MetricSeries series, int periods)
    {
        if (series.Points.Count < 2 || periods < 1)
        {
            return null;
        }

        var last = series.Points[^1];
        var first = series.Points[Math.Max(0, series.Points.Count - 1 - periods)];
        var change = last.Value - first.Value;
        decimal? ratio = first.Value == 0 ? null : change / Math.Abs(first.Value);
        var direction = ratio switch
        {
            null when change == 0 => TrendDirection.Flat,
            null => change > 0 ? TrendDirection.Up : TrendDirection.Down,
            { } r when Math.Abs(r) < FlatThreshold => TrendDirection.Flat,
            { } r => r > 0 ? TrendDirection.Up : TrendDirection.Down,
        };
        var isGood = direction == TrendDirection.Flat || (direction == TrendDirection.Up) == series.HigherIsBetter;
        return new MetricTrend(first, last, change, ratio, direction, isGood);
    }
}
