namespace MeetingPrep.Teams.Bot.Auth;

/// <summary>
/// The hosts our bot token may be sent to. A serviceUrl comes from the request body; without this check anyone able to
/// get an activity to us could have our token sent to their own server.
/// </summary>
public sealed class ServiceUrlPolicy
{
    private readonly string[] _patterns;

    public ServiceUrlPolicy(IEnumerable<string> allowedHosts)
    {
        _patterns = allowedHosts.Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim().ToLowerInvariant()).ToArray();
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
        return _patterns.Any(p => Matches(host, p));
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
}
