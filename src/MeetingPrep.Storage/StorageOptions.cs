using System.ComponentModel.DataAnnotations;
using MeetingPrep.Core.Configuration;

namespace MeetingPrep.Storage;

/// <summary>
/// The <c>Storage</c> section. With nothing set, MeetingPrep keeps a SQLite file under <c>data/</c> beside the working folder;
/// PostgreSQL is for several instances behind one load balancer.
/// </summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Connection string; for SQLite it defaults to <c>Data Source=data/meetingprep.db</c>, for PostgreSQL it is required.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up (on by default; turn off when a deployment step migrates instead).</summary>
    public bool MigrateOnStart { get; set; } = true;

    [Range(1, 600, ErrorMessage = "must be between {1} and {2}")]
    public int CommandTimeoutSeconds { get; set; } = 30;

    public const string DefaultSqliteConnectionString = "Data Source=data/meetingprep.db";

    public IEnumerable<SettingProblem> Validate()
    {
        var problems = new List<SettingProblem>();
        if (Provider == StorageProvider.Postgres)
        {
            SettingProblem.Require(problems, $"{SectionName}:ConnectionString", ConnectionString, "the PostgreSQL connection string (Host=…;Database=…;Username=…;Password=…)");
        }

        return problems;
    }

    public string EffectiveConnectionString => Provider switch
    {
        StorageProvider.Sqlite => string.IsNullOrWhiteSpace(ConnectionString) ? DefaultSqliteConnectionString : ConnectionString,
        _ => ConnectionString ?? string.Empty,
    };
}
