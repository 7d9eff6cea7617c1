using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingPrep.Storage.Entities;

/// <summary>One engagement signal (<see cref="Core.Engagement.EngagementSignal"/>): ids, a kind, a fixed word, times. No content.</summary>
public sealed class EngagementEventEntity : ITenantOwned
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public string? MeetingId { get; set; }

    public DateTimeOffset? MeetingStart { get; set; }

    public required string Kind { get; set; }

    public string? Detail { get; set; }

    public DateTimeOffset At { get; set; }
}

internal sealed class EngagementEventConfiguration : IEntityTypeConfiguration<EngagementEventEntity>
{
    public void Configure(EntityTypeBuilder<EngagementEventEntity> builder)
    {
        builder.ToTable("engagement_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.UserId).HasMaxLength(128);
        builder.Property(e => e.MeetingId).HasMaxLength(512);
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.Detail).HasMaxLength(32);
        builder.HasIndex(e => new { e.TenantId, e.At });
        builder.HasIndex(e => e.At);
    }
}
