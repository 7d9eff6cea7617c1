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

    /// <summary>Hosts our bot token may be sent to; a serviceUrl elsewhere is refused.</summary>
    public List<string> AllowedServiceUrlHosts { get; set; } = ["smba.trafficmanager.net", "*.botframework.com"];

    public string ChannelAuthority { get; set; } = "https://login.microsoftonline.com";

    /// <summary>Largest inbound activity accepted, in bytes.</summary>
    public int MaxRequestBytes { get; set; } = 256 * 1024;

    public bool HasCredentials => !string.IsNullOrWhiteSpace(AppId) && !string.IsNullOrWhiteSpace(AppPassword);

    public IEnumerable<SettingProblem> Validate()
    {
        var problems = new List<SettingProblem>();
        SettingProblem.Require(problems, $"{SectionName}:AppId", AppId, "the Microsoft App id of your Azure Bot");
        SettingProblem.Require(problems, $"{SectionName}:AppPassword", AppPassword, "the Azure Bot's client secret (or a Key Vault reference)");
        SettingProblem.Require(problems, $"{SectionName}:TenantId", TenantId, "the Entra tenant the bot is registered in");
        SettingProblem.RequireUrl(problems, $"{SectionName}:OpenIdMetadataUrl", OpenIdMetadataUrl, required: true, "the Bot Framework OpenID metadata document");
        return problems;
    }
}
