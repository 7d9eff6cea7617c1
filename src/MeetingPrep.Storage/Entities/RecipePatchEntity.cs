namespace MeetingPrep.Storage.Entities;

/// <summary>A team's (UserId empty) or a user's recipe patch, as JSON so new settings need no migration.</summary>
public sealed class RecipePatchEntity : ITenantOwned
{
    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string Json { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class FeedbackEntity : ITenantOwned
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string MeetingId { get; set; }

    public string? ItemKey { get; set; }

    public required string Kind { get; set; }

    public string? Comment { get; set; }

    public DateTimeOffset At { get; set; }
}
