namespace MeetingPrep.Storage.Crm;

/// <summary>Settings of the built-in CRM.</summary>
public sealed class BuiltInCrmOptions
{
    /// <summary>
    /// The address people reach MeetingPrep at; records imported without their own URL link to
    /// <c>{PublicBaseUrl}/crm/{kind}/{id}</c> there.
    /// </summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:3978");

    /// <summary>
    /// Hosts of the system the records came from (<c>contoso.crm.dynamics.com</c>, <c>*.my.salesforce.com</c>): an imported
    /// record's own <c>url</c> is cited only when it is https on one of them. Any other URL could be a phishing link
    /// labelled as the record, so the record's page in MeetingPrep is cited instead.
    /// </summary>
    public IReadOnlyList<string> LinkHosts { get; set; } = [];

    /// <summary>Signs the links to record pages; null signs nothing (tests of the store alone, exports).</summary>
    public RecordLinkSigner? LinkSigner { get; set; }
}
