using System.Globalization;
using MeetingPrep.Core.Crm;

namespace MeetingPrep.Connectors.Crm.Remote;

/// <summary>Small pieces the remote CRMs' query primitives share; what to match is <see cref="CrmQueryPlan"/>'s.</summary>
internal static class RemoteCrmHelpers
{
    public static IEnumerable<List<T>> Chunks<T>(IEnumerable<T> items, int size) => items.Chunk(size).Select(c => c.ToList());

    public static string Iso(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static MetricSeries? HealthMetric(string accountId, decimal? score, Uri? url, DateTimeOffset lastModified) =>
        score is { } value
            ? new MetricSeries(
                $"{accountId}:health",
                accountId,
                "Health",
                "score",
                HigherIsBetter: true,
                [new MetricPoint(new DateOnly(lastModified.UtcDateTime.Year, lastModified.UtcDateTime.Month, 1), value)],
                url,
                lastModified)
            : null;
}
