using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;

namespace MeetingPrep.Web.Tests.Scheduling;

/// <summary>
/// Hangfire's real job store for one test: SQLite in a temporary file, or PostgreSQL in a throw-away database (the schema
/// Hangfire prepares itself). Disposing removes it.
/// </summary>
internal sealed class TestJobStore : IAsyncDisposable
{
    private readonly string? _sqlitePath;
    private readonly PostgresDatabase? _postgres;

    private TestJobStore(JobStorage storage, string? sqlitePath, PostgresDatabase? postgres)
    {
        Storage = storage;
        _sqlitePath = sqlitePath;
        _postgres = postgres;
    }

    /// <summary>The providers a job-store test runs on, as theory data.</summary>
    public static TheoryData<string> Providers => ["Sqlite", "Postgres"];

    public JobStorage Storage { get; }

    public static async Task<TestJobStore> CreateAsync(string provider)
    {
        if (provider == "Sqlite")
        {
            var path = Path.Combine(Path.GetTempPath(), $"meetingprep-jobs-{Guid.NewGuid():N}.db");
            return new TestJobStore(new SQLiteStorage(path), path, null);
        }

        var postgres = await PostgresDatabase.CreateAsync();
        var storage = new PostgreSqlStorage(
            new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(postgres.ConnectionString, new PostgreSqlStorageOptions()),
            new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true });
        return new TestJobStore(storage, null, postgres);
    }

    public async ValueTask DisposeAsync()
    {
        (Storage as IDisposable)?.Dispose();
        if (_sqlitePath is not null && File.Exists(_sqlitePath))
        {
            File.Delete(_sqlitePath);
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
