using Microsoft.Extensions.Logging;
using Microsoft.Identity.Client;

namespace MeetingPrep.Teams.Bot.Connector;

/// <summary>
/// Client credentials for <c>https://api.botframework.com/.default</c> through MSAL's confidential client against our
/// own tenant's authority, <c>{Bot:ChannelAuthority}/{Bot:TenantId}</c> (new Azure Bots are single-tenant). MSAL's app
/// token cache keeps the token until five minutes before it expires; callers take turns, so only one asks for a new one
/// and the others find it cached. Without credentials (Development only; production validation requires them) no token
/// is sent.
/// </summary>
public sealed class ClientCredentialsTokenProvider : IBotTokenProvider, IDisposable
{
    private readonly IConfidentialClientApplication? _app;
    private readonly string[] _scopes;
    private readonly ILogger<ClientCredentialsTokenProvider> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <param name="http">The client MSAL sends its requests with (the app's named client, or a test's).</param>
    public ClientCredentialsTokenProvider(HttpClient http, BotOptions options, ILogger<ClientCredentialsTokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _scopes = [options.ConnectorScope];
        if (options.HasCredentials)
        {
            // Instance discovery off: the configured authority is used as it is, so a sovereign cloud's (or a local
            // fake's) answers without a detour to the public cloud's discovery endpoint.
            _app = ConfidentialClientApplicationBuilder.Create(options.AppId)
                .WithClientSecret(options.AppPassword)
                .WithAuthority(options.Authority)
                .WithInstanceDiscovery(false)
                .WithHttpClientFactory(new GivenHttpClient(http))
                .Build();
        }
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_app is null)
        {
            return null;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var result = await _app.AcquireTokenForClient(_scopes).ExecuteAsync(cancellationToken);
            return result.AccessToken;
        }
        catch (MsalServiceException ex)
        {
            Log.TokenFailed(_logger, ex, ex.StatusCode);
            throw new ConnectorException(ex.StatusCode, "TokenRequestFailed", "The bot's outbound token could not be obtained.");
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Hands MSAL the client it is given, so its requests go through the app's HTTP pipeline.</summary>
    private sealed class GivenHttpClient(HttpClient http) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => http;
    }
}
