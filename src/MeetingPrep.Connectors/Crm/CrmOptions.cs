using MeetingPrep.Core.Configuration;

namespace MeetingPrep.Connectors.Crm;

/// <summary>The <c>Crm</c> section: where account context comes from.</summary>
public sealed class CrmOptions
{
    public const string SectionName = "Crm";

    public CrmProvider Provider { get; set; } = CrmProvider.BuiltIn;

    /// <summary>
    /// This service's public address; built-in CRM records link to their pages under it (<c>/crm/{kind}/{id}</c>). Unset:
    /// the address a request came to, or the one the server is bound to.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// Built-in CRM: hosts of the system records were imported from (<c>contoso.crm.dynamics.com</c>, <c>*.example.com</c>);
    /// a record's own <c>url</c> becomes a clickable citation only when it is https on one of them.
    /// </summary>
    public List<string> LinkHosts { get; set; } = [];

    /// <summary>
    /// Built-in CRM: the secret (at least 32 characters) that signs citation links to record pages. Empty: a random key per
    /// process, so links stop opening after a restart and differ between instances; set it when running several.
    /// </summary>
    public string? RecordLinkKey { get; set; }

    /// <summary>Built-in CRM: how long a signed citation link opens its record page; a refreshed card carries fresh links.</summary>
    public int RecordLinkHours { get; set; } = 7 * 24;

    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>Pages read per query at most, so a huge result set cannot stall a briefing.</summary>
    public int MaxPages { get; set; } = 5;

    /// <summary>Page size asked of the CRM (Dataverse <c>odata.maxpagesize</c>, HubSpot <c>limit</c>).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Retries after a 429 (or 503) that carries a <c>Retry-After</c>.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>A <c>Retry-After</c> longer than this is not waited out; the CRM is reported unavailable instead.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 10;

    public RemoteCrmOptions Dataverse { get; set; } = new();

    public RemoteCrmOptions Salesforce { get; set; } = new();

    public RemoteCrmOptions HubSpot { get; set; } = new();

    public IEnumerable<SettingProblem> Validate()
    {
        var problems = new List<SettingProblem>();
        SettingProblem.RequireUrl(problems, $"{SectionName}:PublicBaseUrl", PublicBaseUrl, required: false, "this service's public address, where built-in CRM records link to");
        switch (Provider)
        {
            case CrmProvider.Dataverse:
                SettingProblem.RequireUrl(problems, $"{SectionName}:Dataverse:BaseUrl", Dataverse.BaseUrl, required: true, "your environment's URL, e.g. https://contoso.crm.dynamics.com");
                SettingProblem.Require(problems, $"{SectionName}:Dataverse:TenantId", Dataverse.TenantId, "the Entra tenant of the Dataverse environment");
                SettingProblem.Require(problems, $"{SectionName}:Dataverse:ClientId", Dataverse.ClientId, "the client id of the application user");
                SettingProblem.Require(problems, $"{SectionName}:Dataverse:ClientSecret", Dataverse.ClientSecret, "the application user's client secret");
                break;
            case CrmProvider.Salesforce:
                SettingProblem.RequireUrl(problems, $"{SectionName}:Salesforce:BaseUrl", Salesforce.BaseUrl, required: true, "your org's My Domain URL");
                SettingProblem.Require(problems, $"{SectionName}:Salesforce:ClientId", Salesforce.ClientId, "the connected app's consumer key");
                SettingProblem.Require(problems, $"{SectionName}:Salesforce:ClientSecret", Salesforce.ClientSecret, "the connected app's consumer secret");
                break;
            case CrmProvider.HubSpot:
                SettingProblem.Require(problems, $"{SectionName}:HubSpot:AccessToken", HubSpot.AccessToken, "a private app access token");
                SettingProblem.RequireUrl(problems, $"{SectionName}:HubSpot:BaseUrl", HubSpot.BaseUrl, required: false, "the HubSpot API URL (default https://api.hubapi.com)");
                break;
        }

        foreach (var (name, remote) in new[] { ("Dataverse", Dataverse), ("Salesforce", Salesforce), ("HubSpot", HubSpot) })
        {
            foreach (var (concept, field) in remote.FieldMap)
            {
                if (!CrmFieldMap.Concepts.Contains(concept, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add(new SettingProblem($"{SectionName}:{name}:FieldMap:{concept}", $"unknown concept; the concepts are {string.Join(", ", CrmFieldMap.Concepts)}"));
                }
                else if (!string.IsNullOrWhiteSpace(field) && !CrmFieldMap.IsFieldName(field.Trim()))
                {
                    problems.Add(new SettingProblem($"{SectionName}:{name}:FieldMap:{concept}", $"'{field}' is not a plain field name (letters, digits, '_' and '.')"));
                }
            }
        }

        if (RecordLinkKey is { Length: > 0 and < 32 })
        {
            problems.Add(new SettingProblem($"{SectionName}:RecordLinkKey", "must be at least 32 characters (a random secret)"));
        }

        if (RecordLinkHours is < 1 or > 90 * 24)
        {
            problems.Add(new SettingProblem($"{SectionName}:RecordLinkHours", "must be between 1 and 2160 (90 days)"));
        }

        foreach (var host in LinkHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || host.Contains('/', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal))
            {
                problems.Add(new SettingProblem($"{SectionName}:LinkHosts", $"'{host}' is not a host name (e.g. contoso.crm.dynamics.com or *.example.com)"));
            }
        }

        if (TimeoutSeconds is < 1 or > 300)
        {
            problems.Add(new SettingProblem($"{SectionName}:TimeoutSeconds", "must be between 1 and 300"));
        }

        if (MaxPages is < 1 or > 100)
        {
            problems.Add(new SettingProblem($"{SectionName}:MaxPages", "must be between 1 and 100"));
        }

        if (PageSize is < 1 or > 5000)
        {
            problems.Add(new SettingProblem($"{SectionName}:PageSize", "must be between 1 and 5000"));
        }

        if (MaxRetries is < 0 or > 10 || MaxRetryAfterSeconds is < 0 or > 300)
        {
            problems.Add(new SettingProblem($"{SectionName}:MaxRetries", "MaxRetries must be 0–10 and MaxRetryAfterSeconds 0–300"));
        }

        return problems;
    }
}
