using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MeetingPrep.Storage.Crm;

// Keys are (tenant, id): record ids come from each tenant's own CRM or CSV, so two tenants may use the same ids, and
// references (a contact's account, a series' points) stay inside their tenant.

/// <summary>Column sizes shared by the entity configuration and the CSV validator, so a file that validates also fits.</summary>
public static class CrmFieldLimits
{
    public const int Id = 128;
    public const int Name = 256;
    public const int Email = 320;
    public const int Domain = 253;
    public const int Label = 64;
    public const int Url = 2048;
    public const int Title = 512;
    public const int Text = 20_000;
}

internal sealed class CrmAccountConfiguration : IEntityTypeConfiguration<CrmAccountEntity>
{
    public void Configure(EntityTypeBuilder<CrmAccountEntity> builder)
    {
        builder.ToTable("crm_accounts");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Id).HasMaxLength(CrmFieldLimits.Id);
        builder.Property(e => e.Name).HasMaxLength(CrmFieldLimits.Name);
        builder.Property(e => e.Domain).HasMaxLength(CrmFieldLimits.Domain);
        builder.Property(e => e.DomainNormalized).HasMaxLength(CrmFieldLimits.Domain);
        builder.Property(e => e.Tier).HasMaxLength(CrmFieldLimits.Label);
        builder.Property(e => e.Industry).HasMaxLength(CrmFieldLimits.Name);
        builder.Property(e => e.OwnerName).HasMaxLength(CrmFieldLimits.Name);
        builder.Property(e => e.OwnerEmail).HasMaxLength(CrmFieldLimits.Email);
        builder.Property(e => e.Url).HasMaxLength(CrmFieldLimits.Url);
        builder.HasIndex(e => e.DomainNormalized);
    }
}

internal sealed class CrmContactConfiguration : IEntityTypeConfiguration<CrmContactEntity>
{
    public void Configure(EntityTypeBuilder<CrmContactEntity> builder)
    {
        builder.ToTable("crm_contacts");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Id).HasMaxLength(CrmFieldLimits.Id);
        builder.Property(e => e.AccountId).HasMaxLength(CrmFieldLimits.Id);
        builder.Property(e => e.Name).HasMaxLength(CrmFieldLimits.Name);
        builder.Property(e => e.Email).HasMaxLength(CrmFieldLimits.Email);
        builder.Property(e => e.EmailNormalized).HasMaxLength(CrmFieldLimits.Email);
        builder.Property(e => e.JobTitle).HasMaxLength(CrmFieldLimits.Name);
        builder.Property(e => e.Role).HasMaxLength(CrmFieldLimits.Name);
        builder.Property(e => e.Url).HasMaxLength(CrmFieldLimits.Url);
        builder.HasIndex(e => e.EmailNormalized);
        builder.HasIndex(e => e.AccountId);
        builder.HasOne<CrmAccountEntity>().WithMany().HasForeignKey(e => new { e.TenantId, e.AccountId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CrmOpportunityConfiguration : IEntityTypeConfiguration<CrmOpportunityEntity>
{
    public void Configure(EntityTypeBuilder<CrmOpportunityEntity> builder)
    {
        builder.ToTable("crm_opportunities");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Id).HasMaxLength(CrmFieldLimits.Id);
        builder.Property(e => e.AccountId).HasMaxLength(CrmFieldLimits.Id);
        builder.Property(e => e.Name).HasMaxLength(CrmFieldLimits.Name);
        builder.Property(e => e.Stage).HasMaxLength(CrmFieldLimits.Label);
        builder.Property(e => e.Amount).HasPrecision(18, 2);
        builder.Property(e => e.Currency).HasMaxLength(3);
        builder.Property(e => e.Url).HasMaxLength(CrmFieldLimits.Url);
        builder.HasIndex(e => new { e.AccountId, e.IsClosed });
        builder.HasOne<CrmAccountEntity>().WithMany().HasForeignKey(e => new { e.TenantId, e.AccountId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CrmNoteConfiguration : IEntityTypeConfiguration<CrmNoteEntity>
{
    public void Configure(EntityTypeBuilder<CrmNoteEntity> builder)
    {
        builder.ToTable("crm_notes");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Id).HasMaxLength(CrmFieldLimits.Id);
        builder.Property(e => e.AccountId).HasMaxLength(CrmFieldLimits.Id);
        builder.Property(e => e.Title).HasMaxLength(CrmFieldLimits.Title);
        builder.Property(e => e.Text).HasMaxLength(CrmFieldLimits.Text);
        builder.Property(e => e.Author).HasMaxLength(CrmFieldLimits.Name);
        builder.Property(e => e.Url).HasMaxLength(CrmFieldLimits.Url);
        builder.HasIndex(e => new { e.AccountId, e.Created });
        builder.HasOne<CrmAccountEntity>().WithMany().HasForeignKey(e => new { e.TenantId, e.AccountId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CrmCaseConfiguration : IEntityTypeConfiguration<CrmCaseEntity>
{
    public void Configure(EntityTypeBuilder<CrmCaseEntity> builder)
    {
        builder.ToTable("crm_cases");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Id).HasMaxLength(CrmFieldLimits.Id);
        builder.Property(e => e.AccountId).HasMaxLength(CrmFieldLimits.Id);
        builder.Property(e => e.Number).HasMaxLength(CrmFieldLimits.Label);
        builder.Property(e => e.Title).HasMaxLength(CrmFieldLimits.Title);
        builder.Property(e => e.Status).HasMaxLength(CrmFieldLimits.Label);
        builder.Property(e => e.Priority).HasMaxLength(16);
        builder.Property(e => e.OpenedByEmail).HasMaxLength(CrmFieldLimits.Email);
        builder.Property(e => e.Url).HasMaxLength(CrmFieldLimits.Url);
        builder.HasIndex(e => new { e.AccountId, e.IsOpen });
        builder.HasOne<CrmAccountEntity>().WithMany().HasForeignKey(e => new { e.TenantId, e.AccountId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CrmMetricSeriesConfiguration : IEntityTypeConfiguration<CrmMetricSeriesEntity>
{
    public void Configure(EntityTypeBuilder<CrmMetricSeriesEntity> builder)
    {
        builder.ToTable("crm_metric_series");
        builder.HasKey(e => new { e.TenantId, e.Id });
        builder.Property(e => e.Id).HasMaxLength(CrmFieldLimits.Id);
        builder.Property(e => e.AccountId).HasMaxLength(CrmFieldLimits.Id);
        builder.Property(e => e.Name).HasMaxLength(CrmFieldLimits.Name);
        builder.Property(e => e.Unit).HasMaxLength(CrmFieldLimits.Label);
        builder.Property(e => e.Url).HasMaxLength(CrmFieldLimits.Url);
        builder.HasIndex(e => e.AccountId);
        builder.HasOne<CrmAccountEntity>().WithMany().HasForeignKey(e => new { e.TenantId, e.AccountId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(e => e.Points).WithOne().HasForeignKey(p => new { p.TenantId, p.SeriesId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CrmMetricPointConfiguration : IEntityTypeConfiguration<CrmMetricPointEntity>
{
    public void Configure(EntityTypeBuilder<CrmMetricPointEntity> builder)
    {
        builder.ToTable("crm_metric_points");
        builder.HasKey(e => new { e.TenantId, e.SeriesId, e.Period });
        builder.Property(e => e.SeriesId).HasMaxLength(CrmFieldLimits.Id);
        builder.Property(e => e.Value).HasPrecision(18, 4);
    }
}
