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
/// The delivery log's claim, lease and takeover semantics on real SQLite (a file, so connections really race) and PostgreSQL. The schema
/// comes from the model (EnsureCreated): the lead generates the migration for the new table.
/// </summary>
public sealed class DeliveryLogSchedulerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);
    private static readonly DeliveryKey Key = new("tenant-1", "user-1", "AAMkAGI2-meeting", Now.AddHours(1));
    private static readonly DeliveryLease A = new("instance-a", TimeSpan.FromMinutes(5));
    private static readonly DeliveryLease B = new("instance-b", TimeSpan.FromMinutes(5));

    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_delivery_is_claimed_once_and_a_sent_one_never_again(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);

        DeliveryClaim claim;
        await using (var db = database.CreateContext())
        {
            claim = Assert.IsType<DeliveryClaim>(await new EfDeliveryLog(db).TryClaimAsync(Key, A, Now, Ct));
            Assert.Equal((1, null), (claim.Attempt, claim.TakenOverFrom));
        }

        await using (var db = database.CreateContext())
        {
            var log = new EfDeliveryLog(db);
            Assert.Null(await log.TryClaimAsync(Key, B, Now, Ct));
            Assert.True(await log.BeginSendAsync(claim, A, Now.AddSeconds(1), Ct));
            Assert.True(await log.RecordAsync(claim, new DeliveryRecord(DeliveryStatus.Sent, Now.AddSeconds(2), ActivityId: "1:activity"), Ct));
            Assert.Null(await log.TryClaimAsync(Key, B, Now.AddHours(5), Ct));

            // The same meeting at a new start (a reschedule) is a different delivery.
            Assert.NotNull(await log.TryClaimAsync(Key with { MeetingStart = Key.MeetingStart.AddMinutes(30) }, A, Now, Ct));
        }

        await using (var db = database.CreateContext())
        {
            var row = await db.Set<BriefingDeliveryEntity>().SingleAsync(d => d.MeetingStart == Key.MeetingStart, Ct);
            Assert.Equal(("Sent", 1, "1:activity", null), (row.Status, row.Attempts, row.ActivityId, row.LeaseOwner));
            Assert.Equal(Now, row.ClaimedAt);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_failed_delivery_is_claimed_again_from_its_retry_time_as_often_as_it_takes(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var log = new EfDeliveryLog(db);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var at = Now.AddMinutes(attempt * 2);
            var claim = await log.TryClaimAsync(Key, A, at, Ct);
            Assert.Equal(attempt, claim?.Attempt);
            var status = attempt == 2 ? DeliveryStatus.NoConversation : DeliveryStatus.Failed;
            Assert.True(await log.RecordAsync(claim!, new DeliveryRecord(status, at, RetryAt: at.AddMinutes(2)), Ct));
            Assert.Null(await log.TryClaimAsync(Key, B, at.AddMinutes(2).AddTicks(-TimeSpan.TicksPerSecond), Ct));
        }

        Assert.Equal(6, (await log.TryClaimAsync(Key, B, Now.AddMinutes(12), Ct))?.Attempt);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_claim_whose_lease_expired_is_taken_over_and_its_old_holder_can_neither_send_nor_record(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var log = new EfDeliveryLog(db);
        var dead = (await log.TryClaimAsync(Key, A, Now, Ct))!;

        Assert.Null(await log.TryClaimAsync(Key, B, Now + A.Duration - TimeSpan.FromSeconds(1), Ct));
        var taken = await log.TryClaimAsync(Key, B, Now + A.Duration, Ct);

        Assert.Equal((B.Owner, 2, DeliveryStatus.Claimed), (taken?.Owner, taken?.Attempt, taken?.TakenOverFrom));
        Assert.False(await log.BeginSendAsync(dead, A, Now + A.Duration, Ct));
        Assert.False(await log.RecordAsync(dead, new DeliveryRecord(DeliveryStatus.Sent, Now + A.Duration), Ct));
        Assert.True(await log.BeginSendAsync(taken!, B, Now + A.Duration, Ct));
        Assert.True(await log.RecordAsync(taken!, new DeliveryRecord(DeliveryStatus.Sent, Now + A.Duration, ActivityId: "1:b"), Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_claim_made_before_leases_existed_expires_one_lease_after_it_was_last_written(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            // What the lease migration leaves of an old instance's claims: no owner, no expiry.
            db.Add(new BriefingDeliveryEntity
            {
                TenantId = Key.TenantId, UserId = Key.UserId, MeetingId = Key.MeetingId, MeetingStart = Key.MeetingStart,
                Status = nameof(DeliveryStatus.Sending), Attempts = 1, ClaimedAt = Now, UpdatedAt = Now,
            });
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = database.CreateContext())
        {
            var log = new EfDeliveryLog(db);
            Assert.Null(await log.TryClaimAsync(Key, B, Now + B.Duration - TimeSpan.FromSeconds(1), Ct));
            var taken = await log.TryClaimAsync(Key, B, Now + B.Duration, Ct);
            Assert.Equal((B.Owner, 2, DeliveryStatus.Sending), (taken?.Owner, taken?.Attempt, taken?.TakenOverFrom));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_takeover_while_sending_says_so_and_carries_the_card_id_while_an_unknown_outcome_is_never_claimed(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var log = new EfDeliveryLog(db);
        var first = (await log.TryClaimAsync(Key, A, Now, Ct))!;
        Assert.True(await log.BeginSendAsync(first, A, Now.AddMinutes(1), Ct));

        // Beginning the send renewed the lease: a minute later than the claim's own expiry, it is still held.
        Assert.Null(await log.TryClaimAsync(Key, B, Now + A.Duration, Ct));
        var taken = await log.TryClaimAsync(Key, B, Now.AddMinutes(1) + A.Duration, Ct);
        Assert.Equal((DeliveryStatus.Sending, null), (taken?.TakenOverFrom, taken?.ActivityId));

        Assert.True(await log.RecordAsync(taken!, new DeliveryRecord(DeliveryStatus.Unknown, Now.AddMinutes(7)), Ct));
        Assert.Null(await log.TryClaimAsync(Key, A, Now.AddHours(1), Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_monitor_reports_lag_backlog_stuck_claims_and_unknown_outcomes_and_prunes_past_the_retention(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var log = new EfDeliveryLog(db);
        async Task<DeliveryClaim> ClaimAsync(string meetingId, DateTimeOffset start) => (await log.TryClaimAsync(Key with { MeetingId = meetingId, MeetingStart = start }, A, Now, Ct))!;

        foreach (var seconds in new[] { 90, 10, 30 })
        {
            var sent = await ClaimAsync($"sent-{seconds}", Now.AddHours(1));
            await log.RecordAsync(sent, new DeliveryRecord(DeliveryStatus.Sent, Now, ActivityId: "1:x", DueAt: Now.AddSeconds(-seconds)), Ct);
        }

        await log.RecordAsync(await ClaimAsync("failed", Now.AddHours(1)), new DeliveryRecord(DeliveryStatus.Failed, Now, RetryAt: Now.AddMinutes(1)), Ct);
        await ClaimAsync("claimed-by-the-dead", Now.AddHours(1));
        await log.RecordAsync(await ClaimAsync("timed-out", Now.AddHours(1)), new DeliveryRecord(DeliveryStatus.Unknown, Now), Ct);
        var old = await ClaimAsync("last-month", Now.AddDays(-40));
        await log.RecordAsync(old, new DeliveryRecord(DeliveryStatus.Sent, Now.AddDays(-40), DueAt: Now.AddDays(-40)), Ct);

        var monitor = new EfDeliveryMonitor(db);
        var health = await monitor.GetHealthAsync(Now.AddMinutes(10), TimeSpan.FromHours(1), Ct);

        Assert.Equal(new DeliveryHealth(3, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90), Backlog: 2, Stuck: 1, Unknown: 1), health);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_start_given_in_another_offset_is_the_same_delivery(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        var log = new EfDeliveryLog(db);
        var berlin = Key with { MeetingStart = Key.MeetingStart.ToOffset(TimeSpan.FromHours(1)) };

        var claim = await log.TryClaimAsync(berlin, A, Now.ToOffset(TimeSpan.FromHours(1)), Ct);
        Assert.True(await log.RecordAsync(claim!, new DeliveryRecord(DeliveryStatus.Sent, Now.ToOffset(TimeSpan.FromHours(-5))), Ct));

        Assert.Null(await log.TryClaimAsync(Key, B, Now, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Recording_an_unclaimed_delivery_is_refused(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();

        Assert.False(await new EfDeliveryLog(db).RecordAsync(new DeliveryClaim(Key, A.Owner, 1), new DeliveryRecord(DeliveryStatus.Sent, Now), Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Instances_racing_for_a_new_a_failed_or_an_expired_delivery_get_exactly_one_claim(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);

        var fresh = await RaceAsync(database, Key, 6, Now);
        Assert.Single(fresh);

        await using (var db = database.CreateContext())
        {
            Assert.True(await new EfDeliveryLog(db).RecordAsync(fresh[0], new DeliveryRecord(DeliveryStatus.Failed, Now, RetryAt: Now), Ct));
        }

        var retry = await RaceAsync(database, Key, 6, Now);
        Assert.Single(retry);

        var takeover = await RaceAsync(database, Key, 6, Now + A.Duration);
        Assert.Single(takeover);
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
        await Assert.ThrowsAnyAsync<Exception>(() => new EfDeliveryLog(db).TryClaimAsync(Key, A, Now, Ct));
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
            var recipients = new EfProactiveRecipients(db, new TenantAllowList([TenantAllowList.AnyTenant], null));
            var users = await recipients.ListAsync(Ct);

            var lena = Assert.Single(users);
            Assert.Equal(("tenant-1", "oid-lena", "lena@contoso.com", "Europe/Berlin"), (lena.TenantId, lena.UserId, lena.Upn, lena.TimeZone));

            // One user's job finds that user the same way, and nobody who is not a recipient.
            Assert.Equal(lena, await recipients.FindAsync("tenant-1", "oid-lena", Ct));
            Assert.Null(await recipients.FindAsync("tenant-1", "oid-gone", Ct));
            Assert.Null(await recipients.FindAsync("tenant-2", "oid-lena", Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_sent_cards_listed_are_the_users_own_sent_ones_with_a_card_from_the_given_start_on(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            var log = new EfDeliveryLog(db);
            async Task SendAsync(DeliveryKey key, DeliveryStatus status, string? activityId, DateTimeOffset at, string? facts = null)
            {
                var claim = (await log.TryClaimAsync(key, A, Now, Ct))!;
                Assert.True(await log.RecordAsync(claim, new DeliveryRecord(status, at, ActivityId: activityId, Facts: facts), Ct));
            }

            // Recorded later but listed first is the card sent earlier: the order is by when each was sent.
            await SendAsync(Key with { MeetingId = "second" }, DeliveryStatus.Sent, "1:second", Now.AddMinutes(2));
            await SendAsync(Key, DeliveryStatus.Sent, "1:first", Now.AddMinutes(1), facts: "{\"start\":1}");
            await SendAsync(Key with { MeetingId = "no-card-id" }, DeliveryStatus.Sent, null, Now);
            await SendAsync(Key with { MeetingId = "failed" }, DeliveryStatus.Failed, null, Now);
            await SendAsync(Key with { MeetingId = "unknown" }, DeliveryStatus.Unknown, "1:maybe", Now);
            await SendAsync(Key with { MeetingId = "started", MeetingStart = Now.AddMinutes(-10) }, DeliveryStatus.Sent, "1:started", Now);
            await SendAsync(Key with { UserId = "user-2", MeetingId = "someone-else" }, DeliveryStatus.Sent, "1:other-user", Now);
            await SendAsync(Key with { TenantId = "tenant-2", MeetingId = "other-tenant" }, DeliveryStatus.Sent, "1:other-tenant", Now);
        }

        await using (var db = database.CreateContext())
        {
            // A "since" in another offset is the same instant.
            var sent = await new EfDeliveryLog(db).ListSentAsync("tenant-1", "user-1", Now.AddMinutes(-5).ToOffset(TimeSpan.FromHours(-8)), Ct);

            Assert.Equal(["1:first", "1:second"], sent.Select(s => s.ActivityId));
            var first = sent[0];
            Assert.Equal(Key, first.Key);
            Assert.Equal(TimeSpan.Zero, first.Key.MeetingStart.Offset);
            Assert.Equal(("{\"start\":1}", Now.AddMinutes(1)), (first.Facts, first.CheckedAt));
            Assert.Equal((null, null), (sent[1].Facts, sent[1].CheckedAt));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Of_instances_checking_one_sent_card_one_takes_the_turn_and_a_stale_reading_never_does(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            var log = new EfDeliveryLog(db);
            var claim = (await log.TryClaimAsync(Key, A, Now, Ct))!;

            // Sent without facts (a card from before they were kept): never checked yet.
            Assert.True(await log.RecordAsync(claim, new DeliveryRecord(DeliveryStatus.Sent, Now, ActivityId: "1:card"), Ct));
        }

        SentDelivery seen;
        await using (var db = database.CreateContext())
        {
            seen = Assert.Single(await new EfDeliveryLog(db).ListSentAsync(Key.TenantId, Key.UserId, Now, Ct));
            Assert.Null(seen.CheckedAt);
        }

        Assert.Equal(1, await RaceToCheckAsync(database, seen, 6, Now.AddMinutes(5)));

        // Everyone still holding the old reading lost; a fresh reading takes the next turn, once.
        await using (var db = database.CreateContext())
        {
            var log = new EfDeliveryLog(db);
            Assert.False(await log.BeginCheckAsync(seen, Now.AddMinutes(10), Ct));
            var fresh = Assert.Single(await log.ListSentAsync(Key.TenantId, Key.UserId, Now, Ct));
            Assert.Equal(Now.AddMinutes(5), fresh.CheckedAt);
            Assert.Equal(1, await RaceToCheckAsync(database, fresh, 6, Now.AddMinutes(10)));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Facts_recorded_after_an_update_replace_the_stored_ones_and_leave_the_check_time_alone(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            var log = new EfDeliveryLog(db);
            var claim = (await log.TryClaimAsync(Key, A, Now, Ct))!;
            Assert.True(await log.RecordAsync(claim, new DeliveryRecord(DeliveryStatus.Sent, Now, ActivityId: "1:card", Facts: "{\"v\":1}"), Ct));
            Assert.True(await log.BeginCheckAsync(Assert.Single(await log.ListSentAsync(Key.TenantId, Key.UserId, Now, Ct)), Now.AddMinutes(5), Ct));

            // The key as the planner holds it may carry the meeting's own offset.
            await log.RecordFactsAsync(Key with { MeetingStart = Key.MeetingStart.ToOffset(TimeSpan.FromHours(9)) }, "{\"v\":2}", Ct);
            await log.RecordFactsAsync(Key with { MeetingId = "never-sent" }, "{\"v\":3}", Ct);
        }

        await using (var db = database.CreateContext())
        {
            var row = await db.Set<BriefingDeliveryEntity>().SingleAsync(Ct);
            Assert.Equal(("{\"v\":2}", Now.AddMinutes(5), "Sent", "1:card"), (row.Facts, row.FactsCheckedAt, row.Status, row.ActivityId));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_unit_of_work_in_another_tenant_can_neither_list_check_nor_change_a_sent_card(Provider provider)
    {
        await using var database = await ModelDatabase.CreateAsync(provider);
        SentDelivery card;
        await using (var db = database.CreateContext())
        {
            var log = new EfDeliveryLog(db);
            var claim = (await log.TryClaimAsync(Key, A, Now, Ct))!;
            Assert.True(await log.RecordAsync(claim, new DeliveryRecord(DeliveryStatus.Sent, Now, ActivityId: "1:card", Facts: "{\"v\":1}"), Ct));
            card = Assert.Single(await log.ListSentAsync(Key.TenantId, Key.UserId, Now, Ct));
        }

        var theirs = new TenantScope();
        theirs.Enter("tenant-2");
        await using (var db = database.CreateContext(tenant: theirs))
        {
            var log = new EfDeliveryLog(db);
            Assert.Empty(await log.ListSentAsync(Key.TenantId, Key.UserId, Now, Ct));
            Assert.False(await log.BeginCheckAsync(card, Now.AddMinutes(5), Ct));
            await log.RecordFactsAsync(Key, "{\"v\":666}", Ct);
        }

        var mine = new TenantScope();
        mine.Enter(Key.TenantId);
        await using (var db = database.CreateContext(tenant: mine))
        {
            var unchanged = Assert.Single(await new EfDeliveryLog(db).ListSentAsync(Key.TenantId, Key.UserId, Now, Ct));
            Assert.Equal(card, unchanged);
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

    /// <summary>How many of <paramref name="instances"/> contexts, starting together from one reading, got the turn to check the card.</summary>
    private static async Task<int> RaceToCheckAsync(ModelDatabase database, SentDelivery seen, int instances, DateTimeOffset now)
    {
        using var start = new SemaphoreSlim(0);
        var turns = Enumerable.Range(0, instances).Select(async _ =>
        {
            await using var db = database.CreateContext();
            await db.Database.OpenConnectionAsync(Ct);
            await start.WaitAsync(Ct);
            return await new EfDeliveryLog(db).BeginCheckAsync(seen, now, Ct);
        }).ToList();
        start.Release(instances);
        return (await Task.WhenAll(turns)).Count(t => t);
    }

    private static async Task<List<DeliveryClaim>> RaceAsync(ModelDatabase database, DeliveryKey key, int instances, DateTimeOffset now)
    {
        using var start = new SemaphoreSlim(0);
        var claims = Enumerable.Range(0, instances).Select(async i =>
        {
            await using var db = database.CreateContext();
            await db.Database.OpenConnectionAsync(Ct);
            await start.WaitAsync(Ct);
            return await new EfDeliveryLog(db).TryClaimAsync(key, new DeliveryLease($"instance-{i}", A.Duration), now, Ct);
        }).ToList();
        start.Release(instances);
        var results = await Task.WhenAll(claims);
        return [.. results.OfType<DeliveryClaim>()];
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
        /// <param name="tenant">The unit of work's tenant scope; all tenants when not given.</param>
        public MeetingPrepDbContext CreateContext(bool shortLockWait = false, TenantScope? tenant = null)
        {
            tenant ??= TenantScope.AllTenants();
            if (_provider == Provider.Sqlite)
            {
                var sqlite = shortLockWait ? new SqliteConnectionStringBuilder(_connectionString) { DefaultTimeout = 1 }.ConnectionString : _connectionString;
                return new SqliteMeetingPrepDbContext(new DbContextOptionsBuilder<SqliteMeetingPrepDbContext>().UseSqlite(sqlite).Options, tenant);
            }

            var postgres = shortLockWait ? new NpgsqlConnectionStringBuilder(_connectionString) { Options = "-c lock_timeout=1000" }.ConnectionString : _connectionString;
            return new PostgresMeetingPrepDbContext(new DbContextOptionsBuilder<PostgresMeetingPrepDbContext>().UseNpgsql(postgres).Options, tenant);
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
