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

    /// <summary>Claimed, Sending, Sent, Failed, NoConversation or Unknown (<c>DeliveryStatus</c> by name).</summary>
    public required string Status { get; set; }

    /// <summary>Claims made so far; each claim (a retry or a takeover) adds one, so it versions the row for conditional updates.</summary>
    public int Attempts { get; set; }

    /// <summary>The instance holding the claim while Claimed or Sending.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>When another instance may take the claim over (its holder presumed dead).</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>When a Failed or NoConversation delivery may be claimed again.</summary>
    public DateTimeOffset? RetryAt { get; set; }

    /// <summary>The card's activity id in the user's chat once posted: the stable identity later updates go to.</summary>
    public string? ActivityId { get; set; }

    public DateTimeOffset ClaimedAt { get; set; }

    /// <summary>When a sent card was due (start minus lead time): with <see cref="UpdatedAt"/>, its delivery lag.</summary>
    public DateTimeOffset? DueAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The material facts the sent card shows (JSON; ids and states, no message text), to update it when they change.</summary>
    public string? Facts { get; set; }

    /// <summary>When an instance last checked the sent card's facts against its sources.</summary>
    public DateTimeOffset? FactsCheckedAt { get; set; }
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
        builder.Property(e => e.LeaseOwner).HasMaxLength(128);
        builder.Property(e => e.ActivityId).HasMaxLength(256);

        // Housekeeping reads old rows by time.
        builder.HasIndex(e => e.UpdatedAt);
    }
}
