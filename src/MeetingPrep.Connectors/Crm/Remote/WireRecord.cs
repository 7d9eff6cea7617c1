using System.Globalization;
using System.Text.Json;

namespace MeetingPrep.Connectors.Crm.Remote;

/// <summary>
/// Typed reads from one JSON record whose fields come from configuration. Dotted names walk nested objects
/// (Salesforce <c>Owner.Name</c>); Dataverse's formatted-value annotation is preferred for labels when present.
/// </summary>
internal readonly struct WireRecord(Dictionary<string, JsonElement> fields)
{
    public const string FormattedValue = "@OData.Community.Display.V1.FormattedValue";

    public string? String(string? name)
    {
        if (Find(name) is not { } e)
        {
            return null;
        }

        var text = e.ValueKind switch
        {
            JsonValueKind.String => e.GetString(),
            JsonValueKind.Number => e.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => null,
        };
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>The display label (option sets, lookups) when the CRM sent one, else the raw value.</summary>
    public string? Label(string? name) =>
        name is not null && fields.TryGetValue(name + FormattedValue, out var f) && f.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(f.GetString())
            ? f.GetString()
            : String(name);

    public decimal? Decimal(string? name) =>
        Find(name) switch
        {
            { ValueKind: JsonValueKind.Number } e when e.TryGetDecimal(out var d) => d,
            { ValueKind: JsonValueKind.String } e when decimal.TryParse(e.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        };

    public int? Int(string? name) =>
        Find(name) switch
        {
            { ValueKind: JsonValueKind.Number } e when e.TryGetInt32(out var i) => i,
            { ValueKind: JsonValueKind.String } e when int.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            _ => null,
        };

    public bool? Bool(string? name) =>
        Find(name) switch
        {
            { ValueKind: JsonValueKind.True } => true,
            { ValueKind: JsonValueKind.False } => false,
            { ValueKind: JsonValueKind.String } e when bool.TryParse(e.GetString(), out var b) => b,
            _ => null,
        };

    public DateTimeOffset? Time(string? name) => ParseTime(String(name));

    public DateOnly? Date(string? name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
        {
            return d;
        }

        return ParseTime(text) is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : null;
    }

    public static DateTimeOffset? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        // Salesforce writes "+0000" offsets, which the round-trip parser does not take.
        if (text.Length > 5 && (text[^5] == '+' || text[^5] == '-') && char.IsAsciiDigit(text[^1]) && text[^3] != ':')
        {
            text = text[..^2] + ":" + text[^2..];
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            return t;
        }

        // HubSpot sends some timestamps as epoch milliseconds.
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms > 0
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
    }

    private JsonElement? Find(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        if (fields.TryGetValue(name, out var direct))
        {
            return direct.ValueKind == JsonValueKind.Null ? null : direct;
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !fields.TryGetValue(name[..dot], out var parent) || parent.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var current = parent;
        foreach (var part in name[(dot + 1)..].Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                return null;
            }
        }

        return current.ValueKind == JsonValueKind.Null ? null : current;
    }
}
