using System.Globalization;

namespace MeetingPrep.Teams.Bot.Auth;

/// <summary>
/// The hosts our bot token may be sent to. A serviceUrl comes from the request body; without this check anyone able to
/// get an activity to us could have our token sent to their own server.
/// </summary>
/// <remarks>
/// An entry is a host (<c>smba.trafficmanager.net</c>, <c>*.botframework.com</c>), optionally with a port
/// (<c>127.0.0.1:3979</c>) or any port (<c>localhost:*</c>, for the Agents Playground whose port changes). Without a port
/// only the scheme's default port is allowed: another port of an allowed host is another server, possibly not Microsoft's.
/// </remarks>
public sealed class ServiceUrlPolicy
{
    private const int AnyPort = -1;

    private readonly (string Host, int? Port)[] _patterns;

    public ServiceUrlPolicy(IEnumerable<string> allowedHosts)
    {
        _patterns = allowedHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => Parse(h.Trim().ToLowerInvariant())).ToArray();
    }

    public bool IsAllowed(string? serviceUrl) =>
        Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) && IsAllowed(uri);

    public bool IsAllowed(Uri serviceUrl)
    {
        // Plain http only toward this machine (the Agents Playground, test fakes): a token must not cross a network in clear.
        var scheme = serviceUrl.IsAbsoluteUri ? serviceUrl.Scheme : string.Empty;
        if (!(scheme == Uri.UriSchemeHttps || (scheme == Uri.UriSchemeHttp && serviceUrl.IsLoopback))
            || !string.IsNullOrEmpty(serviceUrl.UserInfo))
        {
            return false;
        }

        var host = serviceUrl.IdnHost.ToLowerInvariant();
        return _patterns.Any(p => Matches(host, p.Host) && PortMatches(serviceUrl, p.Port));
    }

    /// <summary><c>*.example.com</c> matches any subdomain of example.com (not example.com itself); anything else must match exactly.</summary>
    internal static bool Matches(string host, string pattern)
    {
        if (pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            var suffix = pattern[1..];
            return host.Length > suffix.Length && host.EndsWith(suffix, StringComparison.Ordinal);
        }

        return string.Equals(host, pattern, StringComparison.Ordinal);
    }

    private static bool PortMatches(Uri url, int? port) => port switch
    {
        AnyPort => true,
        null => url.IsDefaultPort,
        _ => url.Port == port,
    };

    private static (string Host, int? Port) Parse(string entry)
    {
        // "[::1]:3979" and "host:port"; a bare IPv6 literal has more than one colon and no brackets.
        var colon = entry.LastIndexOf(':');
        if (colon <= 0 || (entry.IndexOf(':') != colon && !entry.StartsWith('[')))
        {
            return (entry.Trim('[', ']'), null);
        }

        var host = entry[..colon].Trim('[', ']');
        var port = entry[(colon + 1)..];
        if (port == "*")
        {
            return (host, AnyPort);
        }

        return int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535
            ? (host, number)
            : throw new ArgumentException($"'{entry}' is not a host, host:port or host:* entry.", nameof(entry));
    }
}
