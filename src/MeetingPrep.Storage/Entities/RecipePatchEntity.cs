namespace MeetingPrep.Storage.Entities;

/// <summary>A team's (UserId empty) or a user's recipe patch, as JSON so new settings need no migration.</summary>
public sealed class RecipePatchEntity : ITenantOwned
{
    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string Json { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
