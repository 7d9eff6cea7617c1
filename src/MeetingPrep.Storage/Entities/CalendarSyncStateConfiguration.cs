using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingPrep.Storage.Entities;

internal sealed class CalendarSyncStateConfiguration : IEntityTypeConfiguration<CalendarSyncStateEntity>
{
    public void Configure(EntityTypeBuilder<CalendarSyncStateEntity> builder)
    {
        builder.ToTable("calendar_sync_states");
        builder.HasKey(e => new { e.TenantId, e.UserId });
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.UserId).HasMaxLength(128);

        // Delta links carry an opaque, sometimes long, token; no length cap so none is ever truncated.
        builder.Property(e => e.DeltaLink).IsRequired();
    }
}
