using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Security;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingPrep.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database for the chosen provider (a validated <see cref="StorageOptions"/>), the stores built on it,
    /// and <see cref="MeetingPrepDbContext"/> as the provider-neutral handle the rest of the app uses.
    /// </summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, StorageOptions options)
    {
        var connectionString = options.EffectiveConnectionString;

        // Set by whoever starts the unit of work (API request, bot turn, job); unset, tenant-owned rows stay invisible.
        services.AddScoped<TenantScope>();
        switch (options.Provider)
        {
            case StorageProvider.Sqlite:
                EnsureSqliteFolder(connectionString);
                services.AddDbContext<SqliteMeetingPrepDbContext>(db => db.UseSqlite(
                    connectionString,
                    sqlite => sqlite.CommandTimeout(options.CommandTimeoutSeconds)));
                services.AddScoped<MeetingPrepDbContext>(sp => sp.GetRequiredService<SqliteMeetingPrepDbContext>());
                break;
            case StorageProvider.Postgres:
                services.AddDbContext<PostgresMeetingPrepDbContext>(db => db.UseNpgsql(
                    connectionString,
                    npgsql => npgsql.CommandTimeout(options.CommandTimeoutSeconds).EnableRetryOnFailure(3)));
                services.AddScoped<MeetingPrepDbContext>(sp => sp.GetRequiredService<PostgresMeetingPrepDbContext>());
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown storage provider.");
        }

        services.AddScoped<IRecipeStore, EfRecipeStore>();
        services.AddScoped<IFeedbackStore, EfFeedbackStore>();
        services.AddScoped<Core.Engagement.IEngagementLog, EfEngagementLog>();
        services.AddScoped<Core.Outcomes.IMeetingOutcomeStore, EfMeetingOutcomeStore>();
        services.AddScoped<Core.Engagement.ITeamReportSubscriptions, EfTeamReportSubscriptions>();
        services.AddScoped<Core.Briefings.Audit.IBriefingAuditLog, EfBriefingAuditLog>();
        services.AddScoped<ICalendarSyncStateStore, EfCalendarSyncStateStore>();
        services.AddSingleton<ICalendarMirror, EfCalendarMirror>();
        services.AddScoped<IChangeSubscriptionStore, EfChangeSubscriptionStore>();
        services.AddScoped<IUserDataStore, EfUserDataStore>();
        return services;
    }

    /// <summary>SQLite creates the file but not its folder; create the folder so a fresh clone starts without set-up.</summary>
    private static void EnsureSqliteFolder(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
