namespace MeetingPrep.Core.Security;

/// <summary>
/// The tenants MeetingPrep serves (<c>Security:AllowedTenants</c>): the bot, the API and the jobs refuse everyone else.
/// Empty means the home tenant only (the app registration's tenant, or the demo tenant); <c>*</c> admits any tenant and
/// must be set on purpose.
/// </summary>
public sealed class TenantAllowList
{
    public const string AnyTenant = "*";

    private readonly HashSet<string> _tenants;
    private readonly bool _any;

    public TenantAllowList(IEnumerable<string> allowed, string? homeTenant)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        var entries = allowed.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList();
        _any = entries.Contains(AnyTenant);
        _tenants = new HashSet<string>(entries.Where(t => t != AnyTenant), StringComparer.OrdinalIgnoreCase);
        if (_tenants.Count == 0 && !_any && !string.IsNullOrWhiteSpace(homeTenant))
        {
            _tenants.Add(homeTenant);
        }
    }

    public bool IsAllowed(string? tenantId) =>
        !string.IsNullOrWhiteSpace(tenantId) && (_any || _tenants.Contains(tenantId));
}
