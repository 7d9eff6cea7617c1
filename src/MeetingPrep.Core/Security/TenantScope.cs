namespace MeetingPrep.Core.Security;

/// <summary>
/// The tenant one unit of work (an API request, a bot turn, a job run) acts in. The database filters every tenant-owned
/// row by it and refuses to write a row of another tenant. Until a tenant is entered the unit sees no tenant-owned rows at
/// all, so a code path that forgets to set it fails closed.
/// </summary>
public sealed class TenantScope
{
    public string? TenantId { get; private set; }

    /// <summary>Housekeeping across tenants (the scheduler's recipient list, retention): the filter is off.</summary>
    public bool IsAllTenants { get; private set; }

    /// <summary>A scope over every tenant, for jobs and tools that must see all rows.</summary>
    public static TenantScope AllTenants()
    {
        var scope = new TenantScope();
        scope.EnterAllTenants();
        return scope;
    }

    /// <summary>A scope acting in <paramref name="tenantId"/> alone, for work outside a request (a user's job, a seed).</summary>
    public static TenantScope Of(string tenantId)
    {
        var scope = new TenantScope();
        scope.Enter(tenantId);
        return scope;
    }

    /// <summary>Acts in <paramref name="tenantId"/> from now on; a unit of work never changes tenant.</summary>
    public void Enter(string tenantId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        if (TenantId is not null && !string.Equals(TenantId, tenantId, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("This unit of work already acts in another tenant.");
        }

        TenantId = tenantId;
    }

    public void EnterAllTenants() => IsAllTenants = true;

    /// <summary>Whether a row of <paramref name="tenantId"/> may be read or written here.</summary>
    public bool Admits(string tenantId) => IsAllTenants || string.Equals(TenantId, tenantId, StringComparison.Ordinal);
}
