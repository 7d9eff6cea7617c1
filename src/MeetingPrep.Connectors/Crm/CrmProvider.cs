namespace MeetingPrep.Connectors.Crm;

public enum CrmProvider
{
    /// <summary>MeetingPrep's own store (CSV import/export); also the demo tenant's CRM.</summary>
    BuiltIn,
    Dataverse,
    Salesforce,
    HubSpot,
}
