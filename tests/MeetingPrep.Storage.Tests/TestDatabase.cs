using MeetingPrep.Core.Security;
using MeetingPrep.Storage;
using MeetingPrep.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MeetingPrep.Storage.Tests;

public enum Provider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A fresh database per test, brought to the current schema by the provider's own migrations (as production does):
/// SQLite in memory, or a throw-away PostgreSQL database that is dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection? _sqlite;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(SqliteConnection? sqlite, string? postgresAdmin, string? postgresName, string connectionString)
    {
        _sqlite = sqlite;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public Provider Provider => _sqlite is null ? Provider.Postgres : Provider.Sqlite;

    public static async Task<TestDatabase> CreateAsync(Provider provider)
    {
        TestDatabase database;
        if (provider == Provider.Sqlite)
        {
            var connection = new SqliteConnection("Data Source=:memory:");
            await connection.OpenAsync();
            database = new TestDatabase(connection, null, null, connection.ConnectionString);
        }
        else
        {
            var admin = Requires.PostgreSql();
            var name = "meetingprep_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            database = new TestDatabase(null, admin, name, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
        }

        await using var db = database.CreateContext();
        await StorageInitializer.MigrateAsync(db, CancellationToken.None);
        return database;
    }

    /// <summary>A context over the test database; without <paramref name="tenant"/> it sees every tenant, like a job.</summary>
    public MeetingPrepDbContext CreateContext(TenantScope? tenant = null) => _sqlite is not null
        ? new SqliteMeetingPrepDbContext(new DbContextOptionsBuilder<SqliteMeetingPrepDbContext>().UseSqlite(_sqlite).Options, tenant ?? TenantScope.AllTenants())
        : new PostgresMeetingPrepDbContext(new DbContextOptionsBuilder<PostgresMeetingPrepDbContext>().UseNpgsql(ConnectionString).Options, tenant ?? TenantScope.AllTenants());

    public async ValueTask DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }

        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
