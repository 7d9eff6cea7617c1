using MeetingPrep.Core.Configuration;

namespace MeetingPrep.Connectors.Graph;

/// <summary>The <c>Graph</c> section: which Entra app reads calendars and mail, and where Graph is.</summary>
public sealed class GraphOptions
{
    public const string SectionName = "Graph";

    /// <summary>Our Entra tenant (directory) id.</summary>
    public string? TenantId { get; set; }

    /// <summary>The Entra app registration's client id.</summary>
    public string? ClientId { get; set; }

    /// <summary>Client secret; prefer a certificate or managed identity in production (Key Vault reference).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Graph's base URL; sovereign clouds differ, and tests point it at a local fake.</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>Outlook allows 4 concurrent requests per app and mailbox.</summary>
    public int MaxConcurrencyPerMailbox { get; set; } = 4;

    public int TimeoutSeconds { get; set; } = 20;

    public IEnumerable<SettingProblem> Validate()
    {
        var problems = new List<SettingProblem>();
        SettingProblem.Require(problems, $"{SectionName}:TenantId", TenantId, "the Entra tenant id of your Microsoft 365 organisation");
        SettingProblem.Require(problems, $"{SectionName}:ClientId", ClientId, "the client id of MeetingPrep's Entra app registration");
        SettingProblem.Require(problems, $"{SectionName}:ClientSecret", ClientSecret, "the app registration's client secret (or a Key Vault reference)");
        SettingProblem.RequireUrl(problems, $"{SectionName}:BaseUrl", BaseUrl, required: true, "Microsoft Graph's base URL");
        if (MaxConcurrencyPerMailbox is < 1 or > 4)
        {
            problems.Add(new SettingProblem($"{SectionName}:MaxConcurrencyPerMailbox", "must be between 1 and 4 (Outlook's per-mailbox limit)"));
        }

        return problems;
    }
}
