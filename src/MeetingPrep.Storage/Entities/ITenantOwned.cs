namespace MeetingPrep.Storage.Entities;

/// <summary>A row that belongs to one tenant: <see cref="MeetingPrepDbContext"/> filters it by the current tenant.</summary>
public interface ITenantOwned
{
    string TenantId { get; set; }
}
