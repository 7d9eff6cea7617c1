using MeetingPrep.Core.Security;
using MeetingPrep.Storage;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace MeetingPrep.Web.Tests.Scheduling;

/// <summary>A throw-away PostgreSQL database with the app's schema from the model (the lead generates the migration).</summary>
internal sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private PostgresDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = MeetingPrep.Testing.Requires.PostgreSql();
        var name = "meetingprep_sched_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(Ct);
        }

        var database = new PostgresDatabase(admin, name, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
        var options = new DbContextOptionsBuilder<PostgresMeetingPrepDbContext>().UseNpgsql(database.ConnectionString).Options;
        await using var db = new PostgresMeetingPrepDbContext(options, TenantScope.AllTenants());
        await db.Database.EnsureCreatedAsync(Ct);
        return database;
    }

    /// <summary>Ends every session of the application named <paramref name="applicationName"/>, as the death of its process does.</summary>
    public async Task TerminateSessionsAsync(string applicationName)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync(Ct);
        await using var terminate = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name AND datname = @database", connection);
        terminate.Parameters.AddWithValue("name", applicationName);
        terminate.Parameters.AddWithValue("database", _name);
        await terminate.ExecuteScalarAsync(Ct);
    }

    public async Task<bool> HasTableAsync(string schema, string table)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(Ct);
        await using var query = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = @s AND table_name = @t", connection);
        query.Parameters.AddWithValue("s", schema);
        query.Parameters.AddWithValue("t", table);
        return (long)(await query.ExecuteScalarAsync(Ct))! == 1;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
