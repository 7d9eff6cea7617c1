using MeetingPrep.Core.Configuration;

namespace MeetingPrep.Connectors.Crm;

public enum CrmProvider
{
    /// <summary>MeetingPrep's own store (CSV import/export); also the demo tenant's CRM.</summary>
    BuiltIn,
    Dataverse,
    Salesforce,
    HubSpot,
}

/// <summary>The <c>Crm</c> section: where account context comes from.</summary>
public sealed class CrmOptions
{
    public const string SectionName = "Crm";

    public CrmProvider Provider { get; set; } = CrmProvider.BuiltIn;

    public int TimeoutSeconds { get; set; } = 15;

    /// <summary>Pages read per query at most, so a huge result set cannot stall a briefing.</summary>
    public int MaxPages { get; set; } = 5;

    public RemoteCrmOptions Dataverse { get; set; } = new();

    public RemoteCrmOptions Salesforce { get; set; } = new();

    public RemoteCrmOptions HubSpot { get; set; } = new();

    public IEnumerable<SettingProblem> Validate()
    {
        var problems = new List<SettingProblem>();
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
                break;
        }

        return problems;
    }
}

/// <summary>Connection settings of a remote CRM; which fields apply depends on the CRM.</summary>
public sealed class RemoteCrmOptions
{
    public string? BaseUrl { get; set; }

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? AccessToken { get; set; }

    /// <summary>Field names in this CRM for the concepts MeetingPrep reads (e.g. "Tier" = "new_tier"); defaults per CRM.</summary>
    public Dictionary<string, string> FieldMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
