using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingPrep.Storage.Entities;

/// <summary>A Teams conversation we may message proactively (see <c>MeetingPrep.Core.Delivery.ConversationReference</c>).</summary>
public sealed class ConversationReferenceEntity : ITenantOwned
{
    public required string TenantId { get; set; }

    public required string ConversationId { get; set; }

    public required string ServiceUrl { get; set; }

    public required string ChannelId { get; set; }

    public required string ConversationType { get; set; }

    public required string BotId { get; set; }

    public string? TeamsUserId { get; set; }

    public string? UserObjectId { get; set; }

    public string? UserPrincipalName { get; set; }

    public string? UserName { get; set; }

    public string? Locale { get; set; }

    public string? TimeZone { get; set; }

    public bool IsUsable { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class ConversationReferenceConfiguration : IEntityTypeConfiguration<ConversationReferenceEntity>
{
    public void Configure(EntityTypeBuilder<ConversationReferenceEntity> builder)
    {
        builder.ToTable("conversation_references");
        builder.HasKey(e => new { e.TenantId, e.ConversationId });
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.ConversationId).HasMaxLength(512);
        builder.Property(e => e.ServiceUrl).HasMaxLength(512);
        builder.Property(e => e.ChannelId).HasMaxLength(64);
        builder.Property(e => e.ConversationType).HasMaxLength(32);
        builder.Property(e => e.BotId).HasMaxLength(128);
        builder.Property(e => e.TeamsUserId).HasMaxLength(256);
        builder.Property(e => e.UserObjectId).HasMaxLength(128);
        builder.Property(e => e.UserPrincipalName).HasMaxLength(256);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.Locale).HasMaxLength(32);
        builder.Property(e => e.TimeZone).HasMaxLength(64);
        builder.HasIndex(e => new { e.TenantId, e.UserObjectId });
    }
}
