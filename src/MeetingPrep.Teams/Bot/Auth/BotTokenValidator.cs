using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MeetingPrep.Teams.Bot.Auth;

/// <summary>
/// Validates the Bot Framework channel's JWT on every inbound request: signature against the keys published in the
/// OpenID metadata (cached; refreshed when a token names a key we do not know), issuer, audience (our app id), lifetime
/// with a small skew, and RS256-family algorithms only, so unsigned and <c>alg: none</c> tokens never pass.
/// Tokens from the Bot Framework issuer use its metadata; tokens from an accepted Entra tenant use Entra's.
/// </summary>
public sealed class BotTokenValidator
{
    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];

    private readonly BotOptions _options;
    private readonly bool _allowAnonymous;
    private readonly OpenIdMetadata _botFrameworkMetadata;
    private readonly OpenIdMetadata _entraMetadata;
    private readonly TimeProvider _time;
    private readonly ILogger<BotTokenValidator> _logger;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly HashSet<string> _botFrameworkIssuers;
    private readonly HashSet<string> _entraIssuers;
    private readonly Dictionary<object, DateTimeOffset> _lastForcedRefresh = new(ReferenceEqualityComparer.Instance);

    /// <summary>Least time between two forced metadata refreshes of one source (the manager's own floor is the same).</summary>
    public static readonly TimeSpan RefreshFloor = TimeSpan.FromMinutes(1);

    /// <summary>How long a request waits for a forced metadata read before it is refused (the read is normally far quicker).</summary>
    public static readonly TimeSpan RefreshWait = TimeSpan.FromSeconds(5);

    /// <param name="allowAnonymous">
    /// True only when the host runs in Development with no bot credentials (the Agents Playground sends no token).
    /// </param>
    public BotTokenValidator(
        BotOptions options,
        bool allowAnonymous,
        OpenIdMetadata botFrameworkMetadata,
        OpenIdMetadata entraMetadata,
        TimeProvider time,
        ILogger<BotTokenValidator> logger)
    {
        if (allowAnonymous && options.HasAnyCredential)
        {
            throw new ArgumentException("Anonymous requests cannot be allowed while bot credentials are configured.", nameof(allowAnonymous));
        }

        _options = options;
        _allowAnonymous = allowAnonymous;
        _botFrameworkMetadata = botFrameworkMetadata;
        _entraMetadata = entraMetadata;
        _time = time;
        _logger = logger;
        _botFrameworkIssuers = new HashSet<string>(options.ValidIssuers, StringComparer.Ordinal);
        var tenants = options.EntraIssuerTenants.Concat(string.IsNullOrWhiteSpace(options.TenantId) ? [] : [options.TenantId]);
        _entraIssuers = new HashSet<string>(
            tenants.SelectMany(t => new[] { $"https://login.microsoftonline.com/{t}/v2.0", $"https://sts.windows.net/{t}/" }),
            StringComparer.Ordinal);
    }

    public bool AllowsAnonymous => _allowAnonymous;

    public async Task<TokenCheck> ValidateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        if (_allowAnonymous)
        {
            Log.AnonymousAccepted(_logger);
            return TokenCheck.Anonymous;
        }

        if (string.IsNullOrWhiteSpace(authorizationHeader) || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Fail("no bearer token");
        }

        var raw = authorizationHeader["Bearer ".Length..].Trim();
        if (!_handler.CanReadToken(raw))
        {
            return Fail("the token is not a JWT");
        }

        JsonWebToken token;
        try
        {
            token = _handler.ReadJsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return Fail("the token is not a JWT");
        }

        if (string.IsNullOrEmpty(token.Alg) || string.Equals(token.Alg, "none", StringComparison.OrdinalIgnoreCase) || !Algorithms.Contains(token.Alg))
        {
            return Fail("the token is unsigned or uses a refused algorithm");
        }

        var issuer = token.Issuer;
        OpenIdMetadata metadata;
        if (_botFrameworkIssuers.Contains(issuer))
        {
            metadata = _botFrameworkMetadata;
        }
        else if (_entraIssuers.Contains(issuer))
        {
            metadata = _entraMetadata;
        }
        else
        {
            return Fail("the issuer is not accepted");
        }

        var configuration = await SafeConfigurationAsync(metadata.Manager, cancellationToken);
        var result = configuration is null ? null : await ValidateWithAsync(raw, issuer, configuration);
        if (result?.Exception is SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException
            && await RefreshForKeyAsync(metadata, configuration, token.Kid, knownKid: result.Exception is SecurityTokenInvalidSignatureException, cancellationToken) is { } refreshed)
        {
            configuration = refreshed;
            result = await ValidateWithAsync(raw, issuer, configuration);
        }

        if (result is null)
        {
            return Fail("the OpenID metadata could not be read");
        }

        if (!result.IsValid)
        {
            return Fail(Describe(result.Exception));
        }

        // Entra tokens must come from the tenant their issuer names (the tid claim), as the SDK's AAD issuer validation does.
        if (_entraIssuers.Contains(issuer)
            && (!result.ClaimsIdentity.HasClaim(c => c.Type == "tid") || !issuer.Contains(result.ClaimsIdentity.FindFirst("tid")!.Value, StringComparison.OrdinalIgnoreCase)))
        {
            return Fail("the tid claim does not match the issuer");
        }

        var endorsements = FindEndorsements(token.Kid, configuration);
        return new TokenCheck(TokenVerdict.Valid, false, result.ClaimsIdentity.FindFirst("serviceurl")?.Value, endorsements, null);
    }

    /// <summary>
    /// Keys rotate: a token naming a key id we do not know, or one whose signature fails under a key id we know (the key
    /// behind that id was replaced), makes the manager read the metadata again, in the background; we wait for that read
    /// (at most <see cref="RefreshWait"/> on our clock) and use the document it returns when it has the key (or, for a
    /// known id, is a new document). At most once per <see cref="RefreshFloor"/> per metadata source, so forged tokens
    /// cannot make us fetch or wait on every request.
    /// </summary>
    private async Task<OpenIdConnectConfiguration?> RefreshForKeyAsync(
        OpenIdMetadata metadata, OpenIdConnectConfiguration? before, string? kid, bool knownKid, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        lock (_lastForcedRefresh)
        {
            if (_lastForcedRefresh.TryGetValue(metadata, out var last) && now - last < RefreshFloor)
            {
                return null;
            }

            _lastForcedRefresh[metadata] = now;
        }

        var read = metadata.NextRead;
        metadata.Manager.RequestRefresh();
        // Asking for the configuration starts the requested read (the manager answers with what it has meanwhile).
        await SafeConfigurationAsync(metadata.Manager, cancellationToken);
        OpenIdConnectConfiguration? configuration;
        try
        {
            configuration = await read.WaitAsync(RefreshWait, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }

        var refreshed = knownKid
            ? configuration is not null && !ReferenceEquals(configuration, before)
            : configuration?.SigningKeys.Any(k => k.KeyId == kid) == true;
        if (!refreshed)
        {
            return null;
        }

        Log.SigningKeysRefreshed(_logger, knownKid);
        return configuration;
    }

    private async Task<TokenValidationResult> ValidateWithAsync(string raw, string issuer, OpenIdConnectConfiguration configuration)
    {
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidateIssuer = true,
            ValidAudience = _options.AppId,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = true,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = Algorithms,
            ClockSkew = TimeSpan.FromSeconds(_options.ClockSkewSeconds),
            LifetimeValidator = ValidateLifetime,
            TryAllIssuerSigningKeys = false,
        };
        return await _handler.ValidateTokenAsync(raw, parameters);
    }

    /// <summary>Lifetime against our <see cref="TimeProvider"/>, so tests control the clock.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        if (expires is null || expires.Value.ToUniversalTime() < now - parameters.ClockSkew)
        {
            return false;
        }

        return notBefore is null || notBefore.Value.ToUniversalTime() <= now + parameters.ClockSkew;
    }

    private async Task<OpenIdConnectConfiguration?> SafeConfigurationAsync(IConfigurationManager<OpenIdConnectConfiguration> metadata, CancellationToken cancellationToken)
    {
        try
        {
            return await metadata.GetConfigurationAsync(cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            Log.MetadataUnavailable(_logger, ex, ex.GetType().Name);
            return null;
        }
        catch (HttpRequestException ex)
        {
            Log.MetadataUnavailable(_logger, ex, ex.GetType().Name);
            return null;
        }
    }

    /// <summary>The Bot Framework JWKS adds an <c>endorsements</c> array (channel ids) to each key.</summary>
    private static string[] FindEndorsements(string? kid, OpenIdConnectConfiguration? configuration)
    {
        var key = configuration?.JsonWebKeySet?.Keys.FirstOrDefault(k => k.Kid == kid);
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var value))
        {
            return [];
        }

        return value switch
        {
            IEnumerable<object> list => list.Select(o => o?.ToString() ?? string.Empty).Where(s => s.Length > 0).ToArray(),
            string one => [one],
            _ => [],
        };
    }

    private static string Describe(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidLifetimeException => "the token's lifetime is not valid",
        SecurityTokenInvalidAudienceException => "the audience is not our app id",
        SecurityTokenInvalidIssuerException => "the issuer is not accepted",
        SecurityTokenSignatureKeyNotFoundException => "the signing key is unknown",
        SecurityTokenInvalidSignatureException => "the signature is invalid",
        SecurityTokenInvalidAlgorithmException => "the algorithm is refused",
        null => "the token is invalid",
        _ => "the token is invalid (" + exception.GetType().Name + ")",
    };

    private static TokenCheck Fail(string reason) => TokenCheck.Unauthorized(reason);
}
