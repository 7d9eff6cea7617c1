using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingPrep.Storage.Entities;

/// <summary>
/// One briefing's audit record (<see cref="Core.Briefings.Audit.BriefingAuditRecord"/>): ids, times, the writer's name
/// and the sources read as JSON of codes and counts. No content.
/// </summary>
public sealed class BriefingAuditEntity : ITenantOwned
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string MeetingId { get; set; }

    public DateTimeOffset MeetingStart { get; set; }

    public DateTimeOffset WrittenAt { get; set; }

    public required string Writer { get; set; }

    public string? Model { get; set; }

    public bool FellBack { get; set; }

    /// <summary>The sources read (<see cref="Core.Briefings.Audit.SourceRead"/>), as a JSON array.</summary>
    public required string SourcesJson { get; set; }
}

internal sealed class BriefingAuditConfiguration : IEntityTypeConfiguration<BriefingAuditEntity>
{
    public void Configure(EntityTypeBuilder<BriefingAuditEntity> builder)
    {
        builder.ToTable("briefing_audit");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.UserId).HasMaxLength(128);
        builder.Property(e => e.MeetingId).HasMaxLength(512);
        builder.Property(e => e.Writer).HasMaxLength(128);
        builder.Property(e => e.Model).HasMaxLength(128);
        builder.HasIndex(e => new { e.TenantId, e.UserId, e.MeetingId });
        builder.HasIndex(e => new { e.TenantId, e.WrittenAt });
        builder.HasIndex(e => e.WrittenAt);
    }
}
