using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage;

/// <summary>
/// Everything MeetingPrep persists. Entity shapes are configured by the <c>IEntityTypeConfiguration</c> classes in this
/// assembly; provider-specific subclasses exist only so each provider keeps its own migration set.
/// </summary>
public abstract class MeetingPrepDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<RecipePatchEntity> RecipePatches => Set<RecipePatchEntity>();

    public DbSet<FeedbackEntity> Feedback => Set<FeedbackEntity>();

    public DbSet<EngagementEventEntity> EngagementEvents => Set<EngagementEventEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MeetingPrepDbContext).Assembly);
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

public sealed class SqliteMeetingPrepDbContext(DbContextOptions<SqliteMeetingPrepDbContext> options) : MeetingPrepDbContext(options);

public sealed class PostgresMeetingPrepDbContext(DbContextOptions<PostgresMeetingPrepDbContext> options) : MeetingPrepDbContext(options);
