using System.Linq.Expressions;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage;

/// <summary>
/// Everything MeetingPrep persists. Entity shapes are configured by the <c>IEntityTypeConfiguration</c> classes in this
/// assembly; provider-specific subclasses exist only so each provider keeps its own migration set.
/// Tenant isolation is one mechanism here, not a habit of each store: every <see cref="ITenantOwned"/> row is filtered by
/// the unit of work's <see cref="TenantScope"/> (a global query filter, which also bounds ExecuteUpdate/ExecuteDelete),
/// and saving a row of another tenant throws.
/// </summary>
public abstract class MeetingPrepDbContext(DbContextOptions options, TenantScope tenant) : DbContext(options)
{
    public DbSet<RecipePatchEntity> RecipePatches => Set<RecipePatchEntity>();

    public DbSet<FeedbackEntity> Feedback => Set<FeedbackEntity>();

    public DbSet<EngagementEventEntity> EngagementEvents => Set<EngagementEventEntity>();

    public TenantScope Tenant { get; } = tenant;

    // Read by the query filters; EF evaluates them per query, so one model serves every tenant.
    private string? CurrentTenantId => Tenant.TenantId;

    private bool SeesAllTenants => Tenant.IsAllTenants;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MeetingPrepDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)))
        {
            // row => SeesAllTenants || row.TenantId == CurrentTenantId
            var row = Expression.Parameter(entity.ClrType, "row");
            var context = Expression.Constant(this, typeof(MeetingPrepDbContext));
            var body = Expression.OrElse(
                Expression.Property(context, nameof(SeesAllTenants)),
                Expression.Equal(Expression.Property(row, nameof(ITenantOwned.TenantId)), Expression.Property(context, nameof(CurrentTenantId))));
            modelBuilder.Entity(entity.ClrType).HasQueryFilter(Expression.Lambda(body, row));
            modelBuilder.Entity(entity.ClrType).Property(nameof(ITenantOwned.TenantId)).HasMaxLength(64);
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RefuseOtherTenants();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RefuseOtherTenants();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void RefuseOtherTenants()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
        {
            // A row added without a tenant (the built-in CRM's records, mapped from CSV) takes the unit of work's.
            if (entry.State == EntityState.Added && string.IsNullOrEmpty(entry.Entity.TenantId))
            {
                entry.Property(nameof(ITenantOwned.TenantId)).CurrentValue = Tenant.TenantId
                    ?? throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} was added outside one tenant's unit of work.");
            }

            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !Tenant.Admits(entry.Entity.TenantId))
            {
                throw new InvalidOperationException($"A {entry.Metadata.ClrType.Name} of another tenant than this unit of work's was about to be saved.");
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset; store UTC ticks there and native timestamptz on PostgreSQL.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        }
    }
}

public sealed class SqliteMeetingPrepDbContext(DbContextOptions<SqliteMeetingPrepDbContext> options, TenantScope tenant) : MeetingPrepDbContext(options, tenant);

public sealed class PostgresMeetingPrepDbContext(DbContextOptions<PostgresMeetingPrepDbContext> options, TenantScope tenant) : MeetingPrepDbContext(options, tenant);
