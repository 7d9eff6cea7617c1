using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingPrep.Storage.Entities;

/// <summary>
/// One followed meeting (<see cref="Core.Outcomes.MeetingOutcomeRecord"/>): ids, whether it was briefed, and its two account
/// snapshots as JSON (record ids, stages, amount buckets, states). No names, subjects or text.
/// </summary>
public sealed class MeetingOutcomeEntity : ITenantOwned
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string MeetingId { get; set; }

    public DateTimeOffset MeetingStart { get; set; }

    public bool Briefed { get; set; }

    public string? NotBriefedReason { get; set; }

    public required string AtMeetingJson { get; set; }

    public string? AfterJson { get; set; }

    /// <summary>When the second snapshot was taken; null while it is awaited.</summary>
    public DateTimeOffset? FollowedUpAt { get; set; }
}

internal sealed class MeetingOutcomeConfiguration : IEntityTypeConfiguration<MeetingOutcomeEntity>
{
    public void Configure(EntityTypeBuilder<MeetingOutcomeEntity> builder)
    {
        builder.ToTable("meeting_outcomes");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.UserId).HasMaxLength(128);
        builder.Property(e => e.MeetingId).HasMaxLength(512);
        builder.Property(e => e.NotBriefedReason).HasMaxLength(32);
        builder.HasIndex(e => new { e.TenantId, e.UserId, e.MeetingId }).IsUnique();
        builder.HasIndex(e => new { e.TenantId, e.MeetingStart });
        builder.HasIndex(e => new { e.FollowedUpAt, e.MeetingStart });
    }
}
