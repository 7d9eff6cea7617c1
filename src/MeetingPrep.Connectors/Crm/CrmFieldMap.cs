using System.Text.RegularExpressions;

namespace MeetingPrep.Connectors.Crm;

/// <summary>
/// Which CRM field holds each concept MeetingPrep reads. <see cref="RemoteCrmOptions.FieldMap"/> overrides the defaults
/// (e.g. <c>"Tier": "new_customertier"</c>); an empty value turns a concept off. Names go into queries, so only plain
/// field names (letters, digits, '_', '.') are accepted.
/// </summary>
public static partial class CrmFieldMap
{
    /// <summary>Account tier or segment.</summary>
    public const string Tier = "Tier";

    public const string Industry = "Industry";

    /// <summary>The account field holding its web site or e-mail domain, for matching by domain.</summary>
    public const string Website = "Website";

    /// <summary>Opportunity stage.</summary>
    public const string Stage = "Stage";

    /// <summary>A numeric account health score; read as a one-point "Health" metric when set.</summary>
    public const string Health = "Health";

    /// <summary>The contact's role in the buying decision.</summary>
    public const string Role = "Role";

    public static IReadOnlyDictionary<string, string> DataverseDefaults { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [Tier] = "accountcategorycode",
        [Industry] = "industrycode",
        [Website] = "websiteurl",
        [Stage] = "stepname",
        [Health] = string.Empty,
        [Role] = "accountrolecode",
    };

    public static IReadOnlyDictionary<string, string> SalesforceDefaults { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [Tier] = "Type",
        [Industry] = "Industry",
        [Website] = "Website",
        [Stage] = "StageName",
        [Health] = string.Empty,
        [Role] = string.Empty,
    };

    public static IReadOnlyDictionary<string, string> HubSpotDefaults { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [Tier] = "hs_ideal_customer_profile",
        [Industry] = "industry",
        [Website] = "domain",
        [Stage] = "dealstage",
        [Health] = string.Empty,
        [Role] = "hs_buying_role",
    };

    /// <summary>The configured field for <paramref name="concept"/>, else the default; null when turned off.</summary>
    public static string? Resolve(RemoteCrmOptions options, IReadOnlyDictionary<string, string> defaults, string concept)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(defaults);
        var value = options.FieldMap.TryGetValue(concept, out var configured) ? configured : defaults.GetValueOrDefault(concept);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        return IsFieldName(value) ? value : throw new ArgumentException($"Field map entry '{concept}' = '{value}' is not a plain field name.", nameof(options));
    }

    public static bool IsFieldName(string value) => FieldName().IsMatch(value);

    /// <summary>Concepts MeetingPrep knows, for validating configuration.</summary>
    public static IReadOnlyList<string> Concepts { get; } = [Tier, Industry, Website, Stage, Health, Role];

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldName();
}
