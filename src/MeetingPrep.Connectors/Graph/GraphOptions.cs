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

    /// <summary>Per Graph call (one page, one batch); the interactive path should stay around 10-20 s.</summary>
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>
    /// App-only (client credentials, background work) or delegated (on-behalf-of the signed-in user, via Microsoft.Identity.Web).
    /// </summary>
    public GraphAuthMode AuthMode { get; set; } = GraphAuthMode.Application;

    /// <summary>As whom calendars and mailboxes are read, as a briefing's audit trail records it.</summary>
    public Core.Sources.SourceAccess AccessMode =>
        AuthMode == GraphAuthMode.Delegated ? Core.Sources.SourceAccess.Delegated : Core.Sources.SourceAccess.Application;

    /// <summary>Retries of a throttled (429) or unavailable (503/504) call, for the SDK's RetryHandler and for inner batch responses.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Back-off when Graph sends no Retry-After.</summary>
    public int RetryDelaySeconds { get; set; } = 2;

    /// <summary>
    /// A Retry-After longer than this is not waited out, in a batch or outside one: the source is reported unavailable
    /// instead, so a throttled mailbox costs its briefing one source, not the call timeout of everyone after it.
    /// </summary>
    public int MaxRetryAfterSeconds { get; set; } = 10;

    /// <summary>How long the tenant's verified domains are cached.</summary>
    public int TenantDomainsCacheHours { get; set; } = 24;

    /// <summary>Mail text kept per message after cleaning.</summary>
    public int MailTextMaxLength { get; set; } = 4000;

    /// <summary>
    /// How old the local calendar mirror may be and still answer briefings instead of Graph; the scheduler's tick syncs
    /// it every few minutes, change notifications at once.
    /// </summary>
    public int MirrorMaxAgeMinutes { get; set; } = 15;

    /// <summary>Public HTTPS URL of <c>POST /api/graph/notifications</c>; empty disables change-notification subscriptions.</summary>
    public string? NotificationUrl { get; set; }

    /// <summary>Shared secret Graph echoes in every notification (max 128 chars); required when <see cref="NotificationUrl"/> is set.</summary>
    public string? NotificationClientState { get; set; }

    /// <summary>Requested subscription lifetime; Graph may grant less and its answer is what we renew against.</summary>
    public int SubscriptionLifetimeMinutes { get; set; } = 4200;

    /// <summary>Delegated scopes for the on-behalf-of path, space-separated as in OAuth (a string, so configuration replaces rather than appends).</summary>
    public string DelegatedScopes { get; set; } = "Calendars.Read Mail.Read User.Read";

    public IEnumerable<SettingProblem> Validate()
    {
        var problems = new List<SettingProblem>();
        SettingProblem.Require(problems, $"{SectionName}:TenantId", TenantId, "the Entra tenant id of your Microsoft 365 organisation");
        SettingProblem.Require(problems, $"{SectionName}:ClientId", ClientId, "the client id of MeetingPrep's Entra app registration");
        // Both modes are a confidential client: app-only signs in with it, on-behalf-of exchanges the user's token with it.
        SettingProblem.Require(problems, $"{SectionName}:ClientSecret", ClientSecret, "the app registration's client secret (or a Key Vault reference)");

        SettingProblem.RequireUrl(problems, $"{SectionName}:BaseUrl", BaseUrl, required: true, "Microsoft Graph's base URL");
        if (MaxConcurrencyPerMailbox is < 1 or > 4)
        {
            problems.Add(new SettingProblem($"{SectionName}:MaxConcurrencyPerMailbox", "must be between 1 and 4 (Outlook's per-mailbox limit)"));
        }

        if (TimeoutSeconds is < 1 or > 300)
        {
            problems.Add(new SettingProblem($"{SectionName}:TimeoutSeconds", "must be between 1 and 300"));
        }

        if (MaxRetries is < 0 or > 10)
        {
            problems.Add(new SettingProblem($"{SectionName}:MaxRetries", "must be between 0 and 10"));
        }

        if (RetryDelaySeconds is < 1 or > 180 || MaxRetryAfterSeconds is < 1 or > 180)
        {
            problems.Add(new SettingProblem($"{SectionName}:RetryDelaySeconds", "RetryDelaySeconds and MaxRetryAfterSeconds must be between 1 and 180"));
        }

        if (MirrorMaxAgeMinutes is < 1 or > 1440)
        {
            problems.Add(new SettingProblem($"{SectionName}:MirrorMaxAgeMinutes", "must be between 1 and 1440"));
        }

        if (!string.IsNullOrWhiteSpace(NotificationUrl))
        {
            SettingProblem.RequireUrl(problems, $"{SectionName}:NotificationUrl", NotificationUrl, required: true, "the public HTTPS URL of /api/graph/notifications");
            SettingProblem.Require(problems, $"{SectionName}:NotificationClientState", NotificationClientState, "a random secret of at most 128 characters");
            if (NotificationClientState is { Length: > 128 })
            {
                problems.Add(new SettingProblem($"{SectionName}:NotificationClientState", "must be at most 128 characters (Graph's limit)"));
            }
        }

        return problems;
    }
}
