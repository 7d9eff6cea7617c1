using MeetingPrep.Core.Configuration;

namespace MeetingPrep.Teams.Bot;

/// <summary>The <c>Bot</c> section: our Azure Bot identity, and what inbound tokens and outbound service URLs we accept.</summary>
public sealed class BotOptions
{
    public const string SectionName = "Bot";

    /// <summary>The bot's Microsoft App id (the audience of inbound tokens).</summary>
    public string? AppId { get; set; }

    public string? AppPassword { get; set; }

    /// <summary>Our tenant; new Azure Bots are single-tenant, so outbound tokens come from this tenant's authority.</summary>
    public string? TenantId { get; set; }

    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    public List<string> ValidIssuers { get; set; } = ["https://api.botframework.com"];

    /// <summary>Hosts our bot token may be sent to (<c>host</c> means its default port only, <c>host:port</c>, <c>host:*</c>); a serviceUrl elsewhere is refused.</summary>
    /// <remarks>A configured list replaces these defaults (a sovereign cloud lists only its own hosts).</remarks>
    public List<string> AllowedServiceUrlHosts { get; set; } = ["smba.trafficmanager.net", "*.botframework.com", "*.teams.microsoft.com", "*.teams.microsoft.us"];

    public string ChannelAuthority { get; set; } = "https://login.microsoftonline.com";

    /// <summary>Largest inbound activity accepted, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    /// <summary>Longest message text accepted, in characters (Teams itself stops at about 28 KB).</summary>
    public int MaxMessageTextChars { get; set; } = 32 * 1024;

    /// <summary>
    /// OpenID metadata for Entra-issued channel tokens (the newer issuers); null means our tenant's v2.0 metadata under
    /// <see cref="ChannelAuthority"/>.
    /// </summary>
    public string? EntraOpenIdMetadataUrl { get; set; }

    /// <summary>Tenants whose Entra issuers (<c>https://login.microsoftonline.com/{t}/v2.0</c>, <c>https://sts.windows.net/{t}/</c>) we accept besides our own.</summary>
    public List<string> EntraIssuerTenants { get; set; } =
        ["d6d49420-f39b-4df7-a1dc-d59a935871db", "f8cdef31-a31e-4b4a-93e4-5f571e91255a", "69e9b82d-4842-4902-8d1e-abc5b98a55e8"];

    /// <summary>Metadata over plain http is only for tests on 127.0.0.1; production validation refuses it.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Clock skew allowed on inbound token lifetimes.</summary>
    public int ClockSkewSeconds { get; set; } = 300;

    /// <summary>Scope of the outbound token.</summary>
    public string ConnectorScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>Teams allows 7 sends per second per conversation; we stay at or under it.</summary>
    public int MaxSendsPerConversationPerSecond { get; set; } = 7;

    /// <summary>Teams allows 50 requests per second per app per tenant; we pace all connector calls under this.</summary>
    public int MaxRequestsPerSecond { get; set; } = 50;

    /// <summary>How many times a throttled (429) or briefly failing call is retried.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Longest Retry-After we wait for inside one call; beyond it the call fails and the caller decides.</summary>
    public int MaxRetryAfterSeconds { get; set; } = 30;

    /// <summary>When work on a message takes longer than this, a typing indicator is sent first.</summary>
    public int TypingAfterMilliseconds { get; set; } = 700;

    /// <summary>The authority outbound tokens come from, <c>{ChannelAuthority}/{TenantId}</c> (MSAL adds <c>/oauth2/v2.0/token</c>).</summary>
    public string Authority => $"{ChannelAuthority.TrimEnd('/')}/{TenantId}";

    public string EffectiveEntraOpenIdMetadataUrl =>
        EntraOpenIdMetadataUrl ?? $"{ChannelAuthority.TrimEnd('/')}/{(string.IsNullOrWhiteSpace(TenantId) ? "common" : TenantId)}/v2.0/.well-known/openid-configuration";

    public bool HasCredentials => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppPassword);

    /// <summary>
    /// Any part of a bot identity is configured. Then inbound tokens are always validated: an app id without its password
    /// is a half-done configuration, not the Agents Playground, and must not open the anonymous bypass.
    /// </summary>
    public bool HasAnyCredential => !string.IsNullOrWhiteSpace(AppId) || !string.IsNullOrWhiteSpace(AppPassword);

    private static bool IsLoopback(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;

    public IEnumerable<SettingProblem> Validate()
    {
        var problems = new List<SettingProblem>();
        SettingProblem.Require(problems, $"{SectionName}:AppId", AppId, "the Microsoft App id of your Azure Bot");
        SettingProblem.Require(problems, $"{SectionName}:AppPassword", AppPassword, "the Azure Bot's client secret (or a Key Vault reference)");
        SettingProblem.Require(problems, $"{SectionName}:TenantId", TenantId, "the Entra tenant the bot is registered in");
        SettingProblem.RequireUrl(problems, $"{SectionName}:OpenIdMetadataUrl", OpenIdMetadataUrl, required: true, "the Bot Framework OpenID metadata document");
        SettingProblem.RequireUrl(problems, $"{SectionName}:EntraOpenIdMetadataUrl", EntraOpenIdMetadataUrl, required: false, "the Entra OpenID metadata document for channel tokens");
        SettingProblem.RequireUrl(problems, $"{SectionName}:ChannelAuthority", ChannelAuthority, required: true, "the Entra authority outbound tokens come from");
        if (!RequireHttpsMetadata && !(IsLoopback(OpenIdMetadataUrl) && (EntraOpenIdMetadataUrl is null || IsLoopback(EntraOpenIdMetadataUrl))))
        {
            problems.Add(new SettingProblem($"{SectionName}:RequireHttpsMetadata", "may only be false for metadata on this machine (tests); token keys are only trusted over https"));
        }

        if (AllowedServiceUrlHosts.Count == 0)
        {
            problems.Add(new SettingProblem($"{SectionName}:AllowedServiceUrlHosts", "is empty; the bot could not reply anywhere (default: smba.trafficmanager.net, *.botframework.com)"));
        }

        foreach (var entry in AllowedServiceUrlHosts)
        {
            try
            {
                _ = new Auth.ServiceUrlPolicy([entry]);
            }
            catch (ArgumentException)
            {
                problems.Add(new SettingProblem($"{SectionName}:AllowedServiceUrlHosts", $"'{entry}' is not a host, host:port or host:* entry"));
            }
        }

        if (MaxMessageTextChars is < 256 or > 1024 * 1024)
        {
            problems.Add(new SettingProblem($"{SectionName}:MaxMessageTextChars", "must be between 256 and 1048576"));
        }

        if (MaxRequestBytes is < 1024 or > 4 * 1024 * 1024)
        {
            problems.Add(new SettingProblem($"{SectionName}:MaxRequestBytes", "must be between 1024 and 4194304"));
        }
        return problems;
    }
}
