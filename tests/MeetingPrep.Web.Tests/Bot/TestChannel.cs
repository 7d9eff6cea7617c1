using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace MeetingPrep.Web.Tests.Bot;

/// <summary>
/// Plays the Bot Framework channel's identity: an RSA signing key published through an OpenID metadata document and a
/// JWKS (with <c>endorsements</c>, as the real one has) on 127.0.0.1, and tokens minted with it.
/// </summary>
public sealed class TestChannel : IAsyncDisposable
{
    public const string AppId = "5a1f8c2e-0000-4000-8000-00000000b07a";
    public const string BotTenant = "7d0f2b6c-1111-4111-8111-0000000000aa";
    public const string Issuer = "https://api.botframework.com";

    private readonly List<(RSA Key, string Kid)> _published = [];
    private LocalServer? _server;

    private TestChannel()
    {
        SigningKey = RSA.Create(2048);
        _published.Add((SigningKey, "test-key-1"));
    }

    public RSA SigningKey { get; }

    public const string SigningKid = "test-key-1";

    /// <summary>A key the channel never published: tokens signed with it are forgeries.</summary>
    public RSA ForgeryKey { get; } = RSA.Create(2048);

    public Uri MetadataUrl => new(_server!.BaseUri, "v1/.well-known/openidconfiguration");

    public int MetadataRequests => _server!.Requests.Count;

    public static async Task<TestChannel> StartAsync()
    {
        var channel = new TestChannel();
        channel._server = await LocalServer.StartAsync(channel.RespondAsync);
        return channel;
    }

    /// <summary>Publishes another key (a rotation), returning its kid.</summary>
    public (RSA Key, string Kid) Rotate()
    {
        var key = RSA.Create(2048);
        var kid = "test-key-" + (_published.Count + 1);
        lock (_published)
        {
            _published.Add((key, kid));
        }

        return (key, kid);
    }

    /// <summary>Publishes a new key under an existing kid (a rotation that keeps the id), returning the new key.</summary>
    public RSA ReplaceKey(string kid)
    {
        var key = RSA.Create(2048);
        lock (_published)
        {
            var index = _published.FindIndex(p => p.Kid == kid);
            _published[index] = (key, kid);
        }

        return key;
    }

    public string Mint(
        string? serviceUrl,
        string audience = AppId,
        string issuer = Issuer,
        DateTimeOffset? expires = null,
        DateTimeOffset? notBefore = null,
        RSA? key = null,
        string? kid = null,
        IDictionary<string, object>? extraClaims = null)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object> { ["appid"] = "bf-channel" };
        if (serviceUrl is not null)
        {
            claims["serviceurl"] = serviceUrl;
        }

        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object>())
        {
            claims[name] = value;
        }

        var nbf = notBefore ?? now.AddMinutes(-1);
        var exp = expires ?? now.AddMinutes(30);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (nbf < exp ? nbf : exp.AddMinutes(-1)).UtcDateTime,
            NotBefore = (nbf < exp ? nbf : exp.AddMinutes(-1)).UtcDateTime,
            Expires = exp.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key ?? SigningKey) { KeyId = kid ?? SigningKid }, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A token with <c>alg: none</c> and no signature, otherwise perfect.</summary>
    public static string AlgNone(string serviceUrl) => WithoutSignature(serviceUrl, "none");

    /// <summary>A token that claims RS256 but carries no signature.</summary>
    public static string WithoutSignature(string serviceUrl, string alg = "RS256")
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = alg, ["typ"] = "JWT", ["kid"] = "test-key-1" };
        var payload = new JsonObject
        {
            ["iss"] = Issuer,
            ["aud"] = AppId,
            ["nbf"] = now - 60,
            ["exp"] = now + 1800,
            ["serviceurl"] = serviceUrl,
        };
        return Base64Url(header.ToJsonString()) + "." + Base64Url(payload.ToJsonString()) + ".";
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));

    private async Task RespondAsync(RecordedRequest request, HttpContext context)
    {
        context.Response.ContentType = "application/json";
        if (request.Path.EndsWith("openidconfiguration", StringComparison.Ordinal))
        {
            var doc = new JsonObject
            {
                ["issuer"] = Issuer,
                ["authorization_endpoint"] = new Uri(_server!.BaseUri, "authorize").AbsoluteUri,
                ["jwks_uri"] = new Uri(_server.BaseUri, "v1/.well-known/keys").AbsoluteUri,
                ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
            };
            await context.Response.WriteAsync(doc.ToJsonString());
            return;
        }

        if (request.Path.EndsWith("keys", StringComparison.Ordinal))
        {
            var keys = new JsonArray();
            lock (_published)
            {
                foreach (var (key, kid) in _published)
                {
                    var p = key.ExportParameters(false);
                    keys.Add(new JsonObject
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["kid"] = kid,
                        ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                        ["endorsements"] = new JsonArray("msteams", "emulator", "webchat"),
                    });
                }
            }

            await context.Response.WriteAsync(new JsonObject { ["keys"] = keys }.ToJsonString());
            return;
        }

        context.Response.StatusCode = 404;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        SigningKey.Dispose();
        ForgeryKey.Dispose();
    }

    internal static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
