using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MeetingPrep.Storage.Crm;

/// <summary>
/// Short-lived signed links to built-in CRM record pages (<c>/crm/{kind}/{id}?t=…&amp;u=…&amp;exp=…&amp;sig=…</c>), each
/// naming the tenant whose record it is and the user it was minted for (their Entra object id), both inside the
/// signature: a signed-in caller who is someone else is refused, and a browser without sign-in reads the record of that
/// tenant only (record ids are unique within a tenant, not across tenants).
/// </summary>
/// <remarks>
/// A link is minted only when a record is cited in a briefing, and briefings are only written for meetings the user
/// attends; the signature proves that, so opening the page needs neither a session nor a database look-up, and works
/// from a browser that has no token. Ids are guessable; signatures are not. A link is a capability to one record until
/// it expires, the same trust as the card text it sits under (forwarding the card forwards both).
/// Expiry is rounded up to the hour so a card rendered twice within the hour carries the same links.
/// </remarks>
public sealed class RecordLinkSigner
{
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    public RecordLinkSigner(byte[] key, TimeSpan lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        if (key.Length < 32)
        {
            throw new ArgumentException("The record link key must be at least 32 bytes.", nameof(key));
        }

        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "The link lifetime must be positive.");
        }

        _key = key;
        Lifetime = lifetime;
        _time = time;
    }

    public TimeSpan Lifetime { get; }

    /// <summary>
    /// The query string (without '?') that opens <paramref name="tenantId"/>'s <paramref name="kind"/>/<paramref name="id"/>
    /// for <paramref name="userId"/> (none: for whoever holds it) until it expires.
    /// </summary>
    public string Sign(string kind, string id, string? userId = null, string? tenantId = null)
    {
        var expires = _time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        expires += (3600 - (expires % 3600)) % 3600;
        var tenant = string.IsNullOrEmpty(tenantId) ? "" : "t=" + Uri.EscapeDataString(tenantId) + "&";
        var user = string.IsNullOrEmpty(userId) ? "" : "u=" + Uri.EscapeDataString(userId) + "&";
        return string.Create(CultureInfo.InvariantCulture, $"{tenant}{user}exp={expires}&sig={Mac(kind, id, userId, tenantId, expires)}");
    }

    /// <summary>
    /// Whether <paramref name="signature"/> was minted here for this record, user and tenant (<paramref name="userId"/> and
    /// <paramref name="tenantId"/> as the link names them) and <paramref name="expires"/> has not passed.
    /// </summary>
    public RecordLinkCheck Verify(string kind, string id, string? expires, string? signature, string? userId = null, string? tenantId = null)
    {
        if (string.IsNullOrEmpty(signature) || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var exp))
        {
            return RecordLinkCheck.Missing;
        }

        var expected = Encoding.ASCII.GetBytes(Mac(kind, id, userId, tenantId, exp));
        var given = Encoding.ASCII.GetBytes(signature);
        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            return RecordLinkCheck.Invalid;
        }

        return _time.GetUtcNow().ToUnixTimeSeconds() <= exp ? RecordLinkCheck.Valid : RecordLinkCheck.Expired;
    }

    private string Mac(string kind, string id, string? userId, string? tenantId, long expires)
    {
        // Length-prefixed, so "a/bc" and "ab/c" never sign the same bytes.
        userId ??= "";
        tenantId ??= "";
        var payload = string.Create(
            CultureInfo.InvariantCulture, $"crm-record-link:v3\n{kind.Length}:{kind}\n{id.Length}:{id}\n{userId.Length}:{userId}\n{tenantId.Length}:{tenantId}\n{expires}");
        return Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload)));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public enum RecordLinkCheck
{
    Missing,
    Invalid,
    Expired,
    Valid,

    /// <summary>Valid, but minted for another user than the signed-in caller.</summary>
    OtherUser,
}
