using System.Net;
using System.Text.Json;
using MeetingPrep.Core.Sources;

namespace MeetingPrep.Connectors.Crm.Remote;

/// <summary>A bearer token for CRM calls.</summary>
internal interface ICrmAccessToken
{
    /// <summary>Whether asking again (after a 401) can give a different token.</summary>
    bool CanRefresh { get; }

    ValueTask<string> GetAsync(bool refresh, CancellationToken cancellationToken);
}

/// <summary>A fixed token, e.g. a HubSpot private app token.</summary>
internal sealed class StaticAccessToken(string token) : ICrmAccessToken
{
    public bool CanRefresh => false;

    public ValueTask<string> GetAsync(bool refresh, CancellationToken cancellationToken) => ValueTask.FromResult(token);
}

/// <summary>A token obtained and the instance it is for (Salesforce answers with its own <c>instance_url</c>).</summary>
internal sealed record CachedCrmToken(string AccessToken, string? InstanceUrl, DateTimeOffset ExpiresAt);

/// <summary>OAuth 2.0 client credentials (RFC 6749 §4.4): form POST to the token endpoint, cached until shortly before it expires.</summary>
internal sealed class ClientCredentialsAccessToken(
    HttpClient http,
    CrmTokenCache cache,
    string source,
    Uri tokenUrl,
    IReadOnlyDictionary<string, string> form,
    TimeSpan defaultLifetime,
    TimeProvider time) : ICrmAccessToken
{
    private readonly string _key = tokenUrl.AbsoluteUri + "|" + form.GetValueOrDefault("client_id");

    /// <summary>The client-credentials form for a CRM's app registration, with a scope where the CRM wants one.</summary>
    public static Dictionary<string, string> Form(RemoteCrmOptions remote, string? scope = null)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = remote.ClientId ?? string.Empty,
            ["client_secret"] = remote.ClientSecret ?? string.Empty,
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return form;
    }

    public bool CanRefresh => true;

    public async ValueTask<string> GetAsync(bool refresh, CancellationToken cancellationToken) =>
        (await GetTokenAsync(refresh, cancellationToken)).AccessToken;

    public async ValueTask<CachedCrmToken> GetTokenAsync(bool refresh, CancellationToken cancellationToken)
    {
        if (!refresh && cache.Tokens.TryGetValue(_key, out var cached) && cached.ExpiresAt > time.GetUtcNow())
        {
            return cached;
        }

        var gate = cache.Gates.GetOrAdd(_key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!refresh && cache.Tokens.TryGetValue(_key, out cached) && cached.ExpiresAt > time.GetUtcNow())
            {
                return cached;
            }

            var fresh = await RequestAsync(cancellationToken);
            cache.Tokens[_key] = fresh;
            return fresh;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<CachedCrmToken> RequestAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenUrl) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.ParseAdd("application/json");
        TokenResponse? body;
        HttpStatusCode status;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            status = response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                throw new SourceUnavailableException(
                    source,
                    status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                        ? $"sign-in to the CRM was rejected (token endpoint HTTP {(int)status}); check the client id and secret"
                        : $"the CRM's token endpoint answered HTTP {(int)status}",
                    null);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            body = await JsonSerializer.DeserializeAsync(stream, CrmWireJsonContext.Default.TokenResponse, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new SourceUnavailableException(source, "the CRM's token endpoint could not be reached", ex);
        }
        catch (JsonException ex)
        {
            throw new SourceUnavailableException(source, "the CRM's token endpoint sent a response MeetingPrep could not read", ex);
        }

        if (string.IsNullOrEmpty(body?.AccessToken))
        {
            throw new SourceUnavailableException(source, "the CRM's token endpoint sent no access token", null);
        }

        // Renew a minute early so a token never expires mid-briefing.
        var lifetime = body.ExpiresIn is > 120 ? TimeSpan.FromSeconds(body.ExpiresIn.Value - 60) : defaultLifetime;
        return new CachedCrmToken(body.AccessToken, body.InstanceUrl, time.GetUtcNow() + lifetime);
    }
}
