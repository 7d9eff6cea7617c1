namespace MeetingPrep.Connectors.Crm;

/// <summary>Connection settings of a remote CRM; which fields apply depends on the CRM.</summary>
public sealed class RemoteCrmOptions
{
    public string? BaseUrl { get; set; }

    public string? TenantId { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public string? AccessToken { get; set; }

    /// <summary>Dataverse: the Entra authority the token comes from (default https://login.microsoftonline.com).</summary>
    public string? Authority { get; set; }

    /// <summary>Salesforce: the token endpoint when it is not <c>{BaseUrl}/services/oauth2/token</c>.</summary>
    public string? TokenUrl { get; set; }

    /// <summary>API version: Dataverse "v9.2", Salesforce "v62.0" by default.</summary>
    public string? ApiVersion { get; set; }

    /// <summary>HubSpot: the CRM object path prefix (default "/crm/v3"; date-versioned paths such as "/crm/objects/2026-03" differ in shape).</summary>
    public string? BasePath { get; set; }

    /// <summary>Where people open records (deep links); defaults to the CRM's own web app (HubSpot: https://app.hubspot.com).</summary>
    public string? AppUrl { get; set; }

    /// <summary>HubSpot: the account (portal/hub) id that record links need.</summary>
    public string? PortalId { get; set; }

    /// <summary>Field names in this CRM for the concepts MeetingPrep reads (e.g. "Tier" = "new_tier"); defaults per CRM.</summary>
    public Dictionary<string, string> FieldMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
