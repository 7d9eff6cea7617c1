using System.Globalization;
using MeetingPrep.Core.Crm;

namespace MeetingPrep.Connectors.Crm.Remote;

/// <summary>Steps every remote connector shares: which addresses to look up, which domains may match an account.</summary>
internal static class RemoteCrmHelpers
{
    public const int DefaultMaxRecords = 50;

    public static int MaxRecords(CrmQuery query) => query.MaxRecordsPerKind > 0 ? query.MaxRecordsPerKind : DefaultMaxRecords;

    /// <summary>Distinct, lower-cased, plausible addresses; anything else never reaches a query.</summary>
    public static List<string> Emails(CrmQuery query) =>
        [.. query.Emails
            .Select(e => e?.Trim().ToLowerInvariant() ?? string.Empty)
            .Where(IsPlausibleEmail)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The company domains of addresses without a matched account; never a personal mail domain.</summary>
    public static List<string> DomainsToMatch(IEnumerable<string> emails, IReadOnlySet<string> emailsWithAccount) =>
        [.. emails
            .Where(e => !emailsWithAccount.Contains(e))
            .Select(e => e[(e.LastIndexOf('@') + 1)..])
            .Where(d => IsPlainDomain(d) && !PersonalMailDomains.Contains(d))
            .Distinct(StringComparer.Ordinal)];

    /// <summary>True when a web site or domain value belongs to <paramref name="domain"/> (www.fabrikam.com, https://fabrikam.com/…).</summary>
    public static bool SiteMatchesDomain(string? site, string domain)
    {
        if (string.IsNullOrWhiteSpace(site))
        {
            return false;
        }

        var value = site.Trim();
        var host = Uri.TryCreate(value.Contains("://", StringComparison.Ordinal) ? value : "https://" + value, UriKind.Absolute, out var uri)
            ? uri.Host
            : value;
        host = host.TrimEnd('.').ToLowerInvariant();
        return host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
    }

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

    private static bool IsPlausibleEmail(string e)
    {
        var at = e.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == e.LastIndexOf('@') && e.Length <= 320 && IsPlainDomain(e[(at + 1)..])
            && e[..at].All(c => c > ' ' && c < 127 && c is not ('"' or '(' or ')' or ',' or ':' or ';' or '<' or '>' or '[' or ']' or '\\'));
    }

    /// <summary>Letters, digits, '-' and '.', with a dot: safe in any query language without further escaping.</summary>
    private static bool IsPlainDomain(string d) =>
        d.Length is > 2 and <= 253 && d.Contains('.', StringComparison.Ordinal) && !d.StartsWith('.') && !d.EndsWith('.')
        && d.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
}
