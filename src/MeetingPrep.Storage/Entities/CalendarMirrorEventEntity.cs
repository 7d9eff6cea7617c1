using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingPrep.Storage.Entities;

/// <summary>
/// One occurrence in a user's mirrored calendar window (<see cref="Core.Meetings.ICalendarMirror"/>): its times as columns
/// for range reads, the mapped meeting as JSON. Private and confidential meetings arrive here already without their text.
/// </summary>
public sealed class CalendarMirrorEventEntity : ITenantOwned
{
    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string EventId { get; set; }

    public DateTimeOffset Start { get; set; }

    public DateTimeOffset End { get; set; }

    public required string MeetingJson { get; set; }
}

internal sealed class CalendarMirrorEventConfiguration : IEntityTypeConfiguration<CalendarMirrorEventEntity>
{
    public void Configure(EntityTypeBuilder<CalendarMirrorEventEntity> builder)
    {
        builder.ToTable("calendar_mirror_events");
        builder.HasKey(e => new { e.TenantId, e.UserId, e.EventId });
        builder.Property(e => e.UserId).HasMaxLength(128);

        // Graph event ids are long base64 strings (about 150 characters); room to spare.
        builder.Property(e => e.EventId).HasMaxLength(512);
        builder.HasIndex(e => new { e.TenantId, e.UserId, e.Start });
    }
}
