using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MeetingPrep.Demo.Data;

/// <summary>
/// Deterministic, Exchange-looking identifiers. Every id is a hash of the seed, the anchor day and a stable key,
/// so the same seed on the same day yields the same ids, and ids never depend on the time of day.
/// </summary>
internal sealed class DemoIds(int seed, DateOnly anchor)
{
    // The fixed prefix Exchange puts in front of every mailbox item id (mailbox GUID part shortened; synthetic).
    private const string ItemPrefix = "AAMkADdlbW8tbWVldGluZ3ByZXAtc2FuZGJveABGAAAAAAD";
    private const string ConversationPrefix = "AAQkADdlbW8tbWVldGluZ3ByZXAtc2FuZGJveAAQA";
    private const string ICalPrefix = "040000008200E00074C5B7101A82E008";

    private byte[] Hash(string key) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{seed}|{anchor:yyyy-MM-dd}|{key}")));

    /// <summary>An Exchange item id in Graph's URL-safe base64 alphabet, ending in '=' as real ids do.</summary>
    public string ItemId(string key) => ItemPrefix + UrlSafe(Convert.ToBase64String(Hash("item|" + key), 0, 24)) + "AAA=";

    public string ConversationId(string key) => ConversationPrefix + UrlSafe(Convert.ToBase64String(Hash("conv|" + key), 0, 21)) + "=";

    /// <summary>An iCalendar UID in Outlook's hex form; for a series occurrence the occurrence date sits where Outlook puts it.</summary>
    public string ICalUId(string key, DateOnly? occurrenceDate = null)
    {
        var date = occurrenceDate is { } d ? string.Create(CultureInfo.InvariantCulture, $"{d.Year:X4}{d.Month:X2}{d.Day:X2}") : "00000000";
        return ICalPrefix + date + "A1C3D5E7F98BDB01000000000000000010000000" + Convert.ToHexString(Hash("ical|" + key), 0, 16);
    }

    public string Etag(string key, long version) =>
        "W/\"" + Convert.ToBase64String(Hash(string.Create(CultureInfo.InvariantCulture, $"etag|{key}|{version}")), 0, 15) + "\"";

    public string InternetMessageId(string key) =>
        "<" + Convert.ToHexString(Hash("imid|" + key), 0, 16) + "@DB9PR03MB7361.eurprd03.prod.outlook.com>";

    /// <summary>A Teams join URL of the real shape (thread id, tenant id and organizer object id in the context).</summary>
    public string TeamsJoinUrl(string key, string tenantId, string organizerObjectId)
    {
        var thread = Convert.ToBase64String(Hash("teams|" + key), 0, 27).Replace('+', 'A').Replace('/', 'B').TrimEnd('=');
        return "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + thread + "%40thread.v2/0?context=%7b%22Tid%22%3a%22"
            + tenantId + "%22%2c%22Oid%22%3a%22" + organizerObjectId + "%22%7d";
    }

    public string Guid(string key)
    {
        var bytes = Hash("guid|" + key).AsSpan(0, 16).ToArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        return new Guid(bytes).ToString();
    }

    private static string UrlSafe(string base64) => base64.Replace('+', '-').Replace('/', '_').TrimEnd('=');
}
