using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingPrep.Storage.Entities;

internal sealed class ChangeSubscriptionConfiguration : IEntityTypeConfiguration<ChangeSubscriptionEntity>
{
    public void Configure(EntityTypeBuilder<ChangeSubscriptionEntity> builder)
    {
        builder.ToTable("change_subscriptions");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(128);
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.UserId).HasMaxLength(128);
        builder.Property(e => e.Resource).HasMaxLength(512);

        // One subscription per user and resource: a second one would double every notification.
        builder.HasIndex(e => new { e.TenantId, e.UserId, e.Resource }).IsUnique();
        builder.HasIndex(e => e.Expires);
    }
}
