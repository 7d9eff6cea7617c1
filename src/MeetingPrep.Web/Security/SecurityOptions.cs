using MeetingPrep.Core.Configuration;

namespace MeetingPrep.Web.Security;

/// <summary>The <c>Security</c> section.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    /// <summary>
    /// Entra tenant ids the bot, the API and the jobs serve. Empty: the home tenant (<c>Graph:TenantId</c>) only, so a
    /// production deployment never serves a stranger's tenant by default; in the demo, empty admits any tenant (the
    /// Playground's is made up). <c>*</c> admits every tenant and has to be written on purpose.
    /// </summary>
    public List<string> AllowedTenants { get; set; } = [];

    public IEnumerable<SettingProblem> Validate()
    {
        if (AllowedTenants.Any(t => t != Core.Security.TenantAllowList.AnyTenant && !Guid.TryParse(t, out _)))
        {
            yield return new SettingProblem($"{SectionName}:AllowedTenants", "each entry must be an Entra tenant id (a GUID) or *");
        }
    }
}

/// <summary>The <c>Retention</c> section: how long stored data about people is kept.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// Feedback, delivery rows, conversation references, notification state and engagement signals last changed longer ago than this are
    /// deleted by the daily <c>retention-purge</c> job.
    /// </summary>
    public int Days { get; set; } = 90;

    public IEnumerable<SettingProblem> Validate()
    {
        if (Days is < 1 or > 3650)
        {
            yield return new SettingProblem($"{SectionName}:Days", "must be between 1 and 3650");
        }
    }
}
