using System.Globalization;
using System.Text.Json;

namespace MeetingPrep.Demo.Scenarios;

/// <summary>
/// Reads values out of one JSON file of a pack and records a located problem (file and JSON path) for each value that is
/// missing or of the wrong shape, instead of stopping at the first: an author fixes a pack in one pass.
/// </summary>
internal sealed class PackJson(string file, List<ScenarioProblem> problems)
{
    public string File { get; } = file;

    public void Problem(string path, string message) => problems.Add(new ScenarioProblem(File, path, message));

    public static string Path(string parent, string name) => parent + "." + name;

    public static string Path(string parent, int index) => string.Create(CultureInfo.InvariantCulture, $"{parent}[{index}]");

    public static JsonElement? Property(JsonElement obj, string name)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        return null;
    }

    public string? String(JsonElement obj, string name, string path, bool required = false)
    {
        var at = Path(path, name);
        switch (Property(obj, name))
        {
            case null:
                if (required)
                {
                    Problem(at, "is required");
                }

                return null;
            case { ValueKind: JsonValueKind.String } value:
                var text = value.GetString()!;
                if (required && text.Length == 0)
                {
                    Problem(at, "must not be empty");
                    return null;
                }

                return text;
            case var other:
                Problem(at, $"must be a string, not {Kind(other.Value)}");
                return null;
        }
    }

    public bool? Boolean(JsonElement obj, string name, string path)
    {
        switch (Property(obj, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.True }:
                return true;
            case { ValueKind: JsonValueKind.False }:
                return false;
            case var other:
                Problem(Path(path, name), $"must be true or false, not {Kind(other.Value)}");
                return null;
        }
    }

    public int? Integer(JsonElement obj, string name, string path)
    {
        switch (Property(obj, name))
        {
            case null:
                return null;
            case { ValueKind: JsonValueKind.Number } value when value.TryGetInt32(out var n):
                return n;
            case var other:
                Problem(Path(path, name), $"must be an integer, not {Kind(other.Value)}");
                return null;
        }
    }

    /// <summary>An ISO 8601 instant with <c>Z</c> or an offset (Graph's sentDateTime, scenario.json's now).</summary>
    public DateTimeOffset? Instant(JsonElement obj, string name, string path, bool required = false)
    {
        var text = String(obj, name, path, required);
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        Problem(Path(path, name), $"'{text}' is not an ISO 8601 date-time (e.g. 2026-03-10T08:00:00Z)");
        return null;
    }

    /// <summary>An array property; absent is an empty list (as Graph omits empty collections), another kind is a problem.</summary>
    public IReadOnlyList<JsonElement> Array(JsonElement obj, string name, string path, bool required = false)
    {
        switch (Property(obj, name))
        {
            case null:
                if (required)
                {
                    Problem(Path(path, name), "is required");
                }

                return [];
            case { ValueKind: JsonValueKind.Array } value:
                return [.. value.EnumerateArray()];
            case var other:
                Problem(Path(path, name), $"must be an array, not {Kind(other.Value)}");
                return [];
        }
    }

    public IReadOnlyList<string> Strings(JsonElement obj, string name, string path, bool required = false)
    {
        var list = new List<string>();
        var items = Array(obj, name, path, required);
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind == JsonValueKind.String && items[i].GetString() is { Length: > 0 } s)
            {
                list.Add(s);
            }
            else
            {
                Problem(Path(Path(path, name), i), "must be a non-empty string");
            }
        }

        return list;
    }

    /// <summary>An object property, or null (with a problem when it is present but not an object, or required).</summary>
    public JsonElement? Object(JsonElement obj, string name, string path, bool required = false)
    {
        switch (Property(obj, name))
        {
            case null:
                if (required)
                {
                    Problem(Path(path, name), "is required");
                }

                return null;
            case { ValueKind: JsonValueKind.Object } value:
                return value;
            case var other:
                Problem(Path(path, name), $"must be an object, not {Kind(other.Value)}");
                return null;
        }
    }

    /// <summary>One of a fixed set of wire values (case-insensitive, returned as the set spells it).</summary>
    public string? OneOf(JsonElement obj, string name, string path, IReadOnlyList<string> allowed, string? fallback)
    {
        var text = String(obj, name, path);
        if (text is null)
        {
            return fallback;
        }

        var match = allowed.FirstOrDefault(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            Problem(Path(path, name), $"'{text}' is not one of {string.Join(", ", allowed)}");
            return fallback;
        }

        return match;
    }

    public static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
