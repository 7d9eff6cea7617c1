using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace MeetingPrep.Web.Scheduling;

/// <summary>
/// Named locks for jobs, across instances, that cannot outlive their holder: a job that crashed (process killed, host
/// gone) leaves nothing behind for the next one to wait out. The proactive tick takes one (a tick that finds it taken is
/// skipped, because the tick running now covers the same window), and so does each user's calendar sync (two syncs of
/// one user must not race on the delta link).
/// </summary>
public interface IJobLock
{
    /// <summary>The held lock named <paramref name="name"/> (dispose to release), or null when another job holds it.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken);
}

/// <summary>SQLite serves one instance: the locks live and die with this process.</summary>
internal sealed class InProcessJobLock : IJobLock
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        // One small semaphore per name ever used (the tick, and each user with change notifications): never disposed.
        var gate = _gates.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(TimeSpan.Zero, cancellationToken) ? new Held(gate) : null;
    }

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
/// PostgreSQL: a session-level advisory lock on a connection of its own (not pooled), held for the job. The server
/// drops it with the session: at once when the process dies (its socket closes), and within about a minute when the
/// whole host vanishes (TCP keepalives on that session), so it never outlives one tick interval (at least a minute).
/// Hangfire's own distributed lock, by contrast, is a row that stays until its timeout (10 minutes) after a crash.
/// </summary>
internal sealed class PostgresJobLock(string connectionString, ILogger<PostgresJobLock> logger) : IJobLock
{
    /// <summary>A 64-bit key for a name, derived by hashing so it cannot collide with a hand-picked number.</summary>
    internal static long KeyOf(string name) => BinaryPrimitives.ReadInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes("meetingprep:" + name)));

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, CancellationToken cancellationToken)
    {
        var key = KeyOf(name);
        // A pooled connection would keep the session (and so the lock) alive after it is closed.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                "SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3; SELECT pg_try_advisory_lock(@key)",
                connection);
            command.Parameters.AddWithValue("key", key);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new Held(connection, key, logger);
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

    private sealed class Held(NpgsqlConnection connection, long key, ILogger logger) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                unlock.Parameters.AddWithValue("key", key);
                await unlock.ExecuteScalarAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The session is gone, and the lock with it: nothing is left to release.
                Log.JobLockReleaseFailed(logger, ex, ex.GetType().Name);
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
