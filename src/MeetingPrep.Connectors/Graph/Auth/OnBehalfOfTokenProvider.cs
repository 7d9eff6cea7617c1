using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using Microsoft.Kiota.Abstractions.Authentication;

namespace MeetingPrep.Connectors.Graph.Auth;

/// <summary>
/// Delegated Graph tokens on behalf of the signed-in user, through Microsoft.Identity.Web's <see cref="ITokenAcquisition"/>
/// (OBO from the incoming API token of the Outlook pane or Teams chat). The host must register Microsoft.Identity.Web's
/// web API authentication with token acquisition and a token cache (see the README, "Microsoft Graph").
/// </summary>
/// <remarks>Identity.Web registers <see cref="ITokenAcquisition"/> as scoped in ASP.NET Core, so it is resolved per call.</remarks>
public sealed class OnBehalfOfTokenProvider(IServiceScopeFactory scopes, GraphOptions options) : IAccessTokenProvider
{
    private readonly string[] _scopes = [.. options.DelegatedScopes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.Contains("://", StringComparison.Ordinal) ? s : $"https://{new Uri(options.BaseUrl).Host}/{s}")];

    public AllowedHostsValidator AllowedHostsValidator { get; } = new(GraphHosts.For(new Uri(options.BaseUrl)));

    public async Task<string> GetAuthorizationTokenAsync(
        Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!AllowedHostsValidator.IsUrlHostValid(uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            return string.Empty;
        }

        using var scope = scopes.CreateScope();
        var tokenAcquisition = scope.ServiceProvider.GetRequiredService<ITokenAcquisition>();
        return await tokenAcquisition.GetAccessTokenForUserAsync(
            _scopes, tenantId: options.TenantId, tokenAcquisitionOptions: new TokenAcquisitionOptions { CancellationToken = cancellationToken })
            .ConfigureAwait(false);
    }
}
