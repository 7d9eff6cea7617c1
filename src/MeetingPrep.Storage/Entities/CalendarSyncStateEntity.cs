namespace MeetingPrep.Storage.Entities;

/// <summary>A user's Graph calendarView/delta link and the window it covers.</summary>
public sealed class CalendarSyncStateEntity : ITenantOwned
{
    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string DeltaLink { get; set; }

    public DateTimeOffset WindowStart { get; set; }

    public DateTimeOffset WindowEnd { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
