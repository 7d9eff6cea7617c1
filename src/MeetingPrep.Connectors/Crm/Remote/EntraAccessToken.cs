using MeetingPrep.Core.Sources;
using Microsoft.Identity.Client;

namespace MeetingPrep.Connectors.Crm.Remote;

/// <summary>
/// An Entra application token (client credentials) through MSAL's confidential client, for Dataverse. One MSAL client
/// per authority and client id for the whole app (in <see cref="CrmTokenCache"/>), so its token cache outlives the
/// short-lived typed clients and keeps a token until five minutes before it expires; callers take turns, so only one
/// asks for a new token. A refresh (after a 401) skips the cache.
/// </summary>
internal sealed class EntraAccessToken : ICrmAccessToken
{
    private readonly IConfidentialClientApplication _app;
    private readonly SemaphoreSlim _gate;
    private readonly string[] _scopes;
    private readonly string _source;

    /// <param name="authority">The authority with the tenant, e.g. <c>https://login.microsoftonline.com/{tenant}</c> (https only).</param>
    public EntraAccessToken(HttpClient http, CrmTokenCache cache, string source, string authority, RemoteCrmOptions remote, string scope)
    {
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(remote);
        var key = authority + "|" + remote.ClientId;
        _app = cache.Apps.GetOrAdd(key, _ => ConfidentialClientApplicationBuilder.Create(remote.ClientId)
            .WithClientSecret(remote.ClientSecret)
            .WithAuthority(authority)
            // The configured authority is used as it is (sovereign clouds, local fakes): no public-cloud discovery.
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new GivenHttpClient(http))
            .Build());
        _gate = cache.Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        _scopes = [scope];
        _source = source;
    }

    public bool CanRefresh => true;

    public async ValueTask<string> GetAsync(bool refresh, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var result = await _app.AcquireTokenForClient(_scopes).WithForceRefresh(refresh).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        catch (MsalServiceException ex) when (ex.StatusCode is 400 or 401 or 403)
        {
            throw new SourceUnavailableException(_source, $"sign-in to the CRM was rejected (token endpoint HTTP {ex.StatusCode}); check the client id and secret", ex);
        }
        catch (MsalServiceException ex) when (ex.StatusCode > 0)
        {
            throw new SourceUnavailableException(_source, $"the CRM's token endpoint answered HTTP {ex.StatusCode}", ex);
        }
        catch (MsalException ex)
        {
            throw new SourceUnavailableException(_source, "the CRM's token endpoint could not be reached or sent nothing MeetingPrep could use", ex);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Hands MSAL the client it is given, so its requests go through the app's HTTP pipeline.</summary>
    private sealed class GivenHttpClient(HttpClient http) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => http;
    }
}
