namespace MeetingPrep.Storage.Entities;

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

    /// <summary>A "wrong" flag's record: its kind, id and version then, and its title for the settings list.</summary>
    public string? SourceKind { get; set; }

    public string? SourceId { get; set; }

    public string? SourceVersion { get; set; }

    public string? SourceTitle { get; set; }
}
