using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingPrep.Storage.Entities;

internal sealed class RecipePatchConfiguration : IEntityTypeConfiguration<RecipePatchEntity>
{
    public void Configure(EntityTypeBuilder<RecipePatchEntity> builder)
    {
        builder.ToTable("recipe_patches");
        builder.HasKey(e => new { e.TenantId, e.UserId });
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.UserId).HasMaxLength(128);
    }
}

internal sealed class FeedbackConfiguration : IEntityTypeConfiguration<FeedbackEntity>
{
    public void Configure(EntityTypeBuilder<FeedbackEntity> builder)
    {
        builder.ToTable("feedback");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.UserId).HasMaxLength(128);
        builder.Property(e => e.MeetingId).HasMaxLength(512);
        builder.Property(e => e.ItemKey).HasMaxLength(512);
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.Comment).HasMaxLength(2000);
        builder.Property(e => e.SourceKind).HasMaxLength(32);
        builder.Property(e => e.SourceId).HasMaxLength(1024);
        builder.Property(e => e.SourceVersion).HasMaxLength(64);
        builder.Property(e => e.SourceTitle).HasMaxLength(300);
        builder.HasIndex(e => new { e.TenantId, e.UserId, e.Kind });
    }
}
