using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace MeetingPrep.Web.Scheduling;

/// <summary>
/// Lets one proactive tick run at a time, across instances, with a lock that cannot outlive its holder: a tick that
/// crashed (process killed, host gone) leaves nothing behind for the next one to wait out. A tick that finds the lock
/// taken is skipped at once rather than queued, because the tick running now covers the same window.
/// </summary>
public interface ITickLock
{
    /// <summary>The held lock (dispose to release), or null when another tick holds it.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken);
}

/// <summary>SQLite serves one instance: the lock lives and dies with this process.</summary>
internal sealed class InProcessTickLock : ITickLock, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken) =>
        await _gate.WaitAsync(TimeSpan.Zero, cancellationToken) ? new Held(_gate) : null;

    public void Dispose() => _gate.Dispose();

    private sealed class Held(SemaphoreSlim gate) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// PostgreSQL: a session-level advisory lock on a connection of its own (not pooled), held for the tick. The server
/// drops it with the session: at once when the process dies (its socket closes), and within about a minute when the
/// whole host vanishes (TCP keepalives on that session), so it never outlives one tick interval (at least a minute).
/// Hangfire's own distributed lock, by contrast, is a row that stays until its timeout (10 minutes) after a crash.
/// </summary>
internal sealed partial class PostgresTickLock(string connectionString, ILogger<PostgresTickLock> logger) : ITickLock
{
    /// <summary>A fixed 64-bit key for the tick, derived from its name so it cannot collide with a hand-picked number.</summary>
    internal static readonly long Key = BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("meetingprep:" + ProactiveDeliveryJob.RecurringJobId)));

    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        // A pooled connection would keep the session (and so the lock) alive after it is closed.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3; SELECT pg_try_advisory_lock(@key)",
                connection);
            command.Parameters.AddWithValue("key", Key);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new Held(connection, logger);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    private sealed class Held(NpgsqlConnection connection, ILogger logger) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                unlock.Parameters.AddWithValue("key", Key);
                await unlock.ExecuteScalarAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The session is gone, and the lock with it: nothing is left to release.
                LogReleaseFailed(logger, ex, ex.GetType().Name);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    [LoggerMessage(5420, LogLevel.Information, "The proactive tick's lock session had already ended ({Reason}); the lock went with it.")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string reason);
}
