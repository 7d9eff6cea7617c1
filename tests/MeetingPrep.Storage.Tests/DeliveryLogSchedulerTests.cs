using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage.Entities;
using MeetingPrep.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace MeetingPrep.Storage.Tests;

/// <summary>
/// The delivery log's claim semantics on real SQLite (a file, so connections really race) and PostgreSQL. The schema
/// comes from the model (EnsureCreated): the lead generates the migration for the new table.
/// </summary>
public sealed class DeliveryLogSchedulerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryKey Key = new("tenant-1", "user-1", "AAMkAGI2-meeting", Now.AddHours(1));

    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_delivery_is_claimed_once_and_a_sent_one_never_again(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);

        await using (var db = database.CreateContext())
        {
            Assert.True(await new EfDeliveryLog(db).TryClaimAsync(Key, 3, Now, Ct));
        }

        await using (var db = database.CreateContext())
        {
            var log = new EfDeliveryLog(db);
            Assert.False(await log.TryClaimAsync(Key, 3, Now, Ct));
            await log.RecordAsync(Key, DeliveryStatus.Sent, Now.AddSeconds(2), Ct);
            Assert.False(await log.TryClaimAsync(Key, 3, Now.AddMinutes(5), Ct));

            // The same meeting at a new start (a reschedule) is a different delivery.
            Assert.True(await log.TryClaimAsync(Key with { MeetingStart = Key.MeetingStart.AddMinutes(30) }, 3, Now, Ct));
        }

        await using (var db = database.CreateContext())
        {
            var row = await db.Set<BriefingDeliveryEntity>().SingleAsync(d => d.MeetingStart == Key.MeetingStart, Ct);
            Assert.Equal("Sent", row.Status);
            Assert.Equal(1, row.Attempts);
            Assert.Equal(Now, row.ClaimedAt);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_failed_delivery_is_claimed_again_until_the_attempts_run_out(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var log = new EfDeliveryLog(db);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.True(await log.TryClaimAsync(Key, 3, Now.AddMinutes(attempt), Ct), $"attempt {attempt}");
            await log.RecordAsync(Key, attempt == 2 ? DeliveryStatus.NoConversation : DeliveryStatus.Failed, Now.AddMinutes(attempt), Ct);
        }

        Assert.False(await log.TryClaimAsync(Key, 3, Now.AddMinutes(10), Ct));
        Assert.Equal(3, (await db.Set<BriefingDeliveryEntity>().AsNoTracking().SingleAsync(Ct)).Attempts);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_start_given_in_another_offset_is_the_same_delivery(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var log = new EfDeliveryLog(db);
        var berlin = Key with { MeetingStart = Key.MeetingStart.ToOffset(TimeSpan.FromHours(1)) };

        Assert.True(await log.TryClaimAsync(berlin, 3, Now.ToOffset(TimeSpan.FromHours(1)), Ct));
        await log.RecordAsync(berlin, DeliveryStatus.Sent, Now.ToOffset(TimeSpan.FromHours(-5)), Ct);

        Assert.False(await log.TryClaimAsync(Key, 3, Now, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Recording_an_unclaimed_delivery_is_refused(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();

        await Assert.ThrowsAsync<InvalidOperationException>(() => new EfDeliveryLog(db).RecordAsync(Key, DeliveryStatus.Sent, Now, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Instances_racing_for_a_new_or_a_failed_delivery_get_exactly_one_claim(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);

        var fresh = await RaceAsync(database, Key, 6);
        Assert.Equal(1, fresh);

        await using (var db = database.CreateContext())
        {
            await new EfDeliveryLog(db).RecordAsync(Key, DeliveryStatus.Failed, Now, Ct);
        }

        var retry = await RaceAsync(database, Key, 6);
        Assert.Equal(1, retry);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_claim_whose_write_fails_for_another_reason_than_the_race_throws_instead_of_reporting_it_lost(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);

        // Another connection holds the write lock; ours gives up waiting for it after a short lock timeout.
        await using var holder = await database.HoldWriteLockAsync();
        await using var db = database.CreateContext(shortLockWait: true);

        // SQLite reports it as a failed save (busy), Npgsql as a transient failure; neither may read as "another instance won".
        await Assert.ThrowsAnyAsync<Exception>(() => new EfDeliveryLog(db).TryClaimAsync(Key, 3, Now, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Recipients_are_users_with_a_usable_personal_conversation_and_a_known_upn(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            db.AddRange(
                Reference("a:lena-old", "oid-lena", "lena@contoso.com", Now.AddDays(-2), timeZone: null),
                Reference("a:lena", "oid-lena", "lena@contoso.com", Now, timeZone: "Europe/Berlin"),
                Reference("a:gone", "oid-gone", "gone@contoso.com", Now, usable: false),
                Reference("a:no-upn", "oid-anon", null, Now),
                Reference("19:channel", "oid-omar", "omar@contoso.com", Now, type: "channel"));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = database.CreateContext())
        {
            var users = await new EfProactiveRecipients(db, new TenantAllowList([TenantAllowList.AnyTenant], null)).ListAsync(Ct);

            var lena = Assert.Single(users);
            Assert.Equal(("tenant-1", "oid-lena", "lena@contoso.com", "Europe/Berlin"), (lena.TenantId, lena.UserId, lena.Upn, lena.TimeZone));
        }
    }

    private static ConversationReferenceEntity Reference(string conversationId, string oid, string? upn, DateTimeOffset updated, string? timeZone = "UTC", bool usable = true, string type = "personal") => new()
    {
        TenantId = "tenant-1",
        ConversationId = conversationId,
        ServiceUrl = "https://smba.trafficmanager.net/emea/",
        ChannelId = "msteams",
        ConversationType = type,
        BotId = "28:bot",
        UserObjectId = oid,
        UserPrincipalName = upn,
        UserName = upn,
        TimeZone = timeZone,
        IsUsable = usable,
        UpdatedAt = updated,
    };

    private static async Task<int> RaceAsync(ModelDatabase database, DeliveryKey key, int instances)
    {
        using var start = new SemaphoreSlim(0);
        var claims = Enumerable.Range(0, instances).Select(async _ =>
        {
            await using var db = database.CreateContext();
            await db.Database.OpenConnectionAsync(Ct);
            await start.WaitAsync(Ct);
            return await new EfDeliveryLog(db).TryClaimAsync(key, 3, Now, Ct);
        }).ToList();
        start.Release(instances);
        var results = await Task.WhenAll(claims);
        return results.Count(r => r);
    }

    /// <summary>A throw-away database whose schema comes from the current model: a SQLite file, or a PostgreSQL database.</summary>
    private sealed class ModelDatabase : IAsyncDisposable
    {
        private readonly Provider _provider;
        private readonly string _connectionString;
        private readonly string? _postgresAdmin;
        private readonly string? _name;

        private ModelDatabase(Provider provider, string connectionString, string? postgresAdmin, string? name)
        {
            _provider = provider;
            _connectionString = connectionString;
            _postgresAdmin = postgresAdmin;
            _name = name;
        }

        public static async Task<ModelDatabase> CreateAsync(Provider provider)
        {
            ModelDatabase database;
            if (provider == Provider.Sqlite)
            {
                var path = Path.Combine(Path.GetTempPath(), $"meetingprep-deliveries-{Guid.NewGuid():N}.db");
                database = new ModelDatabase(provider, $"Data Source={path};Default Timeout=30", null, path);
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

                database = new ModelDatabase(provider, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, admin, name);
            }

            await using var db = database.CreateContext();
            await db.Database.EnsureCreatedAsync();
            return database;
        }

        /// <param name="shortLockWait">Give up on a held lock after about a second (SQLite busy timeout, PostgreSQL lock_timeout).</param>
        public MeetingPrepDbContext CreateContext(bool shortLockWait = false)
        {
            if (_provider == Provider.Sqlite)
            {
                var sqlite = shortLockWait ? new SqliteConnectionStringBuilder(_connectionString) { DefaultTimeout = 1 }.ConnectionString : _connectionString;
                return new SqliteMeetingPrepDbContext(new DbContextOptionsBuilder<SqliteMeetingPrepDbContext>().UseSqlite(sqlite).Options, TenantScope.AllTenants());
            }

            var postgres = shortLockWait ? new NpgsqlConnectionStringBuilder(_connectionString) { Options = "-c lock_timeout=1000" }.ConnectionString : _connectionString;
            return new PostgresMeetingPrepDbContext(new DbContextOptionsBuilder<PostgresMeetingPrepDbContext>().UseNpgsql(postgres).Options, TenantScope.AllTenants());
        }

        /// <summary>
        /// A second connection holding the write lock on the delivery log until disposed (SQLite: a reserved lock; PostgreSQL:
        /// an exclusive table lock). Reads still go through, so only a claim's insert fails: the write error the claim must not hide.
        /// </summary>
        public async Task<IAsyncDisposable> HoldWriteLockAsync()
        {
            if (_provider == Provider.Sqlite)
            {
                var connection = new SqliteConnection(_connectionString);
                await connection.OpenAsync(Ct);
                await using (var begin = new SqliteCommand("BEGIN IMMEDIATE", connection))
                {
                    await begin.ExecuteNonQueryAsync(Ct);
                }

                return connection;
            }

            var pg = new NpgsqlConnection(_connectionString);
            await pg.OpenAsync(Ct);
            await using (var lockTable = new NpgsqlCommand("BEGIN; LOCK TABLE briefing_deliveries IN EXCLUSIVE MODE", pg))
            {
                await lockTable.ExecuteNonQueryAsync(Ct);
            }

            return pg;
        }

        public async ValueTask DisposeAsync()
        {
            if (_provider == Provider.Sqlite)
            {
                SqliteConnection.ClearAllPools();
                File.Delete(_name!);
                return;
            }

            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
