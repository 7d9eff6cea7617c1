using System.Globalization;
using System.Text;

namespace MeetingPrep.Demo.Sandbox;

/// <summary>
/// The state behind a calendarView/delta link: whose calendar, the window, the change-log position already seen
/// (<see cref="Since"/>, -1 for a first round), the snapshot this round reads up to, and the paging offset.
/// Opaque to clients (base64url), as Graph's tokens are.
/// </summary>
internal sealed record DeltaToken(string UserId, DateTimeOffset Start, DateTimeOffset End, long Since, long Snapshot, int Offset)
{
    public string Encode() => Base64Url(string.Create(CultureInfo.InvariantCulture,
        $"d1|{UserId}|{Start.UtcTicks}|{End.UtcTicks}|{Since}|{Snapshot}|{Offset}"));

    public static DeltaToken Parse(string token, string userId)
    {
        var parts = FromBase64Url(token)?.Split('|');
        if (parts is not { Length: 7 } || parts[0] != "d1"
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var start)
            || !long.TryParse(parts[3], CultureInfo.InvariantCulture, out var end)
            || !long.TryParse(parts[4], CultureInfo.InvariantCulture, out var since)
            || !long.TryParse(parts[5], CultureInfo.InvariantCulture, out var snapshot)
            || !int.TryParse(parts[6], CultureInfo.InvariantCulture, out var offset) || offset < 0)
        {
            throw GraphErrorException.BadRequest("BadRequest", "The delta or skip token is malformed.");
        }

        if (parts[1] != userId)
        {
            throw GraphErrorException.BadRequest("BadRequest", "The delta or skip token belongs to another mailbox.");
        }

        return new DeltaToken(userId, new DateTimeOffset(start, TimeSpan.Zero), new DateTimeOffset(end, TimeSpan.Zero), since, snapshot, offset);
    }

    internal static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    internal static string? FromBase64Url(string token)
    {
        var s = token.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(s));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

/// <summary>The $skiptoken of message pages: an opaque encoding of the offset.</summary>
internal static class SkipToken
{
    public static string Encode(int offset) => DeltaToken.Base64Url(string.Create(CultureInfo.InvariantCulture, $"m1|{offset}"));

    public static int Parse(string token)
    {
        var parts = DeltaToken.FromBase64Url(token)?.Split('|');
        return parts is { Length: 2 } && parts[0] == "m1" && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var offset) && offset >= 0
            ? offset
            : throw GraphErrorException.BadRequest("BadRequest", "The $skiptoken is malformed.");
    }
}
