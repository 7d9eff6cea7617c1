using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingPrep.Storage.Entities;

/// <summary>
/// One proactive briefing delivery (see <c>MeetingPrep.Core.Delivery.IDeliveryLog</c>). The key is the delivery itself,
/// tenant + user + meeting + start, so two instances racing for it collide on insert and only one sends.
/// </summary>
public sealed class BriefingDeliveryEntity : ITenantOwned
{
    public required string TenantId { get; set; }

    public required string UserId { get; set; }

    public required string MeetingId { get; set; }

    public DateTimeOffset MeetingStart { get; set; }

    /// <summary>Claimed, Sent, Failed or NoConversation (<c>DeliveryStatus</c> by name).</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class BriefingDeliveryConfiguration : IEntityTypeConfiguration<BriefingDeliveryEntity>
{
    public void Configure(EntityTypeBuilder<BriefingDeliveryEntity> builder)
    {
        builder.ToTable("briefing_deliveries");
        builder.HasKey(e => new { e.TenantId, e.UserId, e.MeetingId, e.MeetingStart });
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.UserId).HasMaxLength(128);
        builder.Property(e => e.MeetingId).HasMaxLength(512);
        builder.Property(e => e.Status).HasMaxLength(16);

        // Housekeeping reads old rows by time.
        builder.HasIndex(e => e.UpdatedAt);
    }
}
