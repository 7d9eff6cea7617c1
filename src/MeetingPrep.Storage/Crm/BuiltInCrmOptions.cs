namespace MeetingPrep.Storage.Crm;

/// <summary>Settings of the built-in CRM.</summary>
public sealed class BuiltInCrmOptions
{
    /// <summary>
    /// The address people reach MeetingPrep at; records imported without their own URL link to
    /// <c>{PublicBaseUrl}/crm/{kind}/{id}</c> there.
    /// </summary>
    public Uri PublicBaseUrl { get; set; } = new("http://localhost:3978");
}
