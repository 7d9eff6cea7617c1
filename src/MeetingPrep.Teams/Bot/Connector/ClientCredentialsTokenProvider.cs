using System.Net.Http.Json;
using MeetingPrep.Teams.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Teams.Bot.Connector;

/// <summary>
/// Client credentials against our own tenant's authority for <c>https://api.botframework.com/.default</c> (new Azure
/// Bots are single-tenant). The token is cached until five minutes before it expires, and concurrent callers share one
/// request. Without credentials (Development only; production validation requires them) no token is sent.
/// </summary>
public sealed class ClientCredentialsTokenProvider(HttpClient http, BotOptions options, TimeProvider time, ILogger<ClientCredentialsTokenProvider> logger)
    : IBotTokenProvider, IDisposable
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _refreshAt;

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (!options.HasCredentials)
        {
            return null;
        }

        if (_token is { } cached && time.GetUtcNow() < _refreshAt)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } again && time.GetUtcNow() < _refreshAt)
            {
                return again;
            }

            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = options.AppId!,
                ["client_secret"] = options.AppPassword!,
                ["scope"] = options.ConnectorScope,
            });
            using var response = await http.PostAsync(options.TokenEndpoint, form, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Log.TokenFailed(logger, (int)response.StatusCode);
                throw new ConnectorException((int)response.StatusCode, "TokenRequestFailed", "The bot's outbound token could not be obtained.");
            }

            var body = await response.Content.ReadFromJsonAsync(BotJsonContext.Default.TokenResponse, cancellationToken);
            if (string.IsNullOrEmpty(body?.AccessToken))
            {
                throw new ConnectorException((int)response.StatusCode, "TokenRequestFailed", "The token endpoint answered without an access token.");
            }

            var lifetime = TimeSpan.FromSeconds(Math.Max(body.ExpiresIn ?? 3600, 60));

            // Refresh five minutes early, or halfway through a short-lived token.
            var margin = lifetime > RefreshMargin * 2 ? RefreshMargin : lifetime / 2;
            _token = body.AccessToken;
            _refreshAt = time.GetUtcNow() + lifetime - margin;
            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
