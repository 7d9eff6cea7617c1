using Microsoft.Identity.Client;
using Microsoft.Kiota.Abstractions.Authentication;

namespace MeetingPrep.Connectors.Graph.Auth;

/// <summary>
/// App-only Graph tokens (client credentials) from MSAL's <see cref="IConfidentialClientApplication"/>. The token is kept
/// until five minutes before it expires, so each Graph call costs no token request; MSAL's own app cache backs this up.
/// Tokens are only attached for Graph's hosts and the configured base URL's host.
/// </summary>
public sealed class ClientCredentialsTokenProvider : IAccessTokenProvider, IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly IConfidentialClientApplication _app;
    private readonly string[] _scopes;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private (string Token, DateTimeOffset ExpiresOn)? _current;

    public ClientCredentialsTokenProvider(GraphOptions options, TimeProvider time)
        : this(
            ConfidentialClientApplicationBuilder.Create(options?.ClientId)
                .WithClientSecret(options!.ClientSecret)
                .WithTenantId(options.TenantId)
                .Build(),
            options,
            time)
    {
    }

    public ClientCredentialsTokenProvider(IConfidentialClientApplication app, GraphOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _app = app;
        _time = time;
        var baseUri = new Uri(options.BaseUrl);

        // Sovereign clouds have their own Graph host, and the scope is "<that host>/.default".
        _scopes = [$"{baseUri.Scheme}://{baseUri.Host}/.default"];
        AllowedHostsValidator = new AllowedHostsValidator(GraphHosts.For(baseUri));
    }

    public AllowedHostsValidator AllowedHostsValidator { get; }

    public async Task<string> GetAuthorizationTokenAsync(
        Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!AllowedHostsValidator.IsUrlHostValid(uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return string.Empty;
        }

        if (Fresh() is { } token)
        {
            return token;
        }

        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } again)
            {
                return again;
            }

            var result = await _app.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken).ConfigureAwait(false);
            _current = (result.AccessToken, result.ExpiresOn);
            return result.AccessToken;
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose() => _lock.Dispose();

    private string? Fresh() =>
        _current is { } c && c.ExpiresOn - RefreshMargin > _time.GetUtcNow() ? c.Token : null;
}

internal static class GraphHosts
{
    private static readonly string[] Known =
    [
        "graph.microsoft.com", "graph.microsoft.us", "dod-graph.microsoft.us", "graph.microsoft.de", "microsoftgraph.chinacloudapi.cn",
        "canary.graph.microsoft.com",
    ];

    public static string[] For(Uri baseUri) => [.. Known.Append(baseUri.Host).Distinct(StringComparer.OrdinalIgnoreCase)];
}
