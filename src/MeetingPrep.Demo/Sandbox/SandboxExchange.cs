using System.Globalization;
using System.Text;

namespace MeetingPrep.Demo.Sandbox;

/// <summary>One request as the sandbox sees it: top-level HTTP or a step of a JSON batch.</summary>
internal sealed class SandboxRequest
{
    public SandboxRequest(string method, Uri uri, IReadOnlyDictionary<string, string> headers, string? body)
    {
        Method = method.ToUpperInvariant();
        Uri = uri;
        Headers = headers;
        Body = body;
        Query = ParseQuery(uri.Query);
        Prefer = ParsePrefer(headers.TryGetValue("Prefer", out var prefer) ? prefer : null);
    }

    public string Method { get; }

    public Uri Uri { get; }

    public IReadOnlyDictionary<string, string> Headers { get; }

    public string? Body { get; }

    /// <summary>Query options with decoded names and values; names compared case-insensitively, as OData does.</summary>
    public IReadOnlyDictionary<string, string> Query { get; }

    /// <summary>Prefer header preferences by name (outlook.timezone, odata.maxpagesize, outlook.body-content-type...).</summary>
    public IReadOnlyDictionary<string, string> Prefer { get; }

    public string? Q(string name) => Query.TryGetValue(name, out var v) ? v : null;

    private static Dictionary<string, string> ParseQuery(string query)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..]);
            result[name] = value;
        }

        return result;
    }

    /// <summary>Splits "a=\"x, y\", b=5" on commas outside quotes; values lose their quotes.</summary>
    private static Dictionary<string, string> ParsePrefer(string? header)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(header))
        {
            return result;
        }

        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in header)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ',' && !quoted)
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        parts.Add(current.ToString());
        foreach (var part in parts.Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? part : part[..eq].Trim();
            var value = eq < 0 ? string.Empty : part[(eq + 1)..].Trim().Trim('"');
            result[name] = value;
        }

        return result;
    }
}

/// <summary>A response before it becomes HTTP (or a batch step): status, headers and a JSON body.</summary>
internal sealed record SandboxResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[]? Body)
{
    public static SandboxResponse Json(int status, byte[] body, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, headers ?? new Dictionary<string, string>(), body);
}

/// <summary>A request the sandbox refuses, carried to the place that writes Graph's error JSON.</summary>
internal sealed class GraphErrorException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public static GraphErrorException BadRequest(string code, string message) => new(400, code, message);

    public static int ParseInt(SandboxRequest request, string name, int fallback, int min, int max)
    {
        var raw = request.Q(name);
        if (raw is null)
        {
            return fallback;
        }

        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw BadRequest("BadRequest", $"Invalid value '{raw}' for query option '{name}': expected an integer from {min} to {max}.");
        }

        return value;
    }
}
