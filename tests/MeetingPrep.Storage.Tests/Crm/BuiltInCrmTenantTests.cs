using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;
using Xunit;

namespace MeetingPrep.Storage.Tests.Crm;

/// <summary>
/// The built-in CRM's rows carry their tenant, on both providers: tenant B's unit of work cannot read tenant A's records
/// through the briefing source, the record pages' reader or the export, and its replace-all import leaves A's alone.
/// Rows are keyed by (tenant, id), so both tenants may import the same ids. Rows from before the tenant column are given
/// to the home tenant.
/// </summary>
public sealed class BuiltInCrmTenantTests
{
    private const string TenantA = "aaaaaaaa-0000-4000-8000-000000000001";
    private const string TenantB = "bbbbbbbb-0000-4000-8000-000000000002";

    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Tenant_b_reads_none_of_tenant_as_records_by_any_path(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var a = database.CreateContext(TenantScope.Of(TenantA)))
        {
            await new EfBuiltInCrmStore(a).ReplaceAllAsync(BuiltInCrmTests.Seed(), Ct);
        }

        await using (var b = database.CreateContext(TenantScope.Of(TenantB)))
        {
            // B's own replace-all (empty) deletes nothing of A's; then every read path comes back empty.
            await new EfBuiltInCrmStore(b).ReplaceAllAsync(CrmContext.Empty, Ct);
            var context = await Source(b).GetContextAsync(new CrmQuery(["alex.kim@fabrikam.com", "priya@northwind.com"], DateTimeOffset.MinValue, DateTimeOffset.MinValue, 50), Ct);
            Assert.Empty(context.Accounts);
            Assert.Empty(context.Contacts);
            Assert.Empty(context.Opportunities);
            Assert.Empty(context.Notes);
            Assert.Null(await new BuiltInCrmRecords(b).FindAsync("accounts", "fab", Ct));
            Assert.Null(await new BuiltInCrmRecords(b).FindAsync("notes", "note-new", Ct));
            Assert.Null(await new BuiltInCrmRecords(b).FindAsync("opportunities", "opp-soon", Ct));
            var export = await new EfBuiltInCrmStore(b).ExportAsync(Ct);
            Assert.Empty(export.Accounts);
            Assert.Empty(export.Notes);
            Assert.Empty(export.Metrics);
            Assert.True(await new EfBuiltInCrmStore(b).IsEmptyAsync(Ct));
        }

        await using var again = database.CreateContext(TenantScope.Of(TenantA));
        var own = await Source(again).GetContextAsync(new CrmQuery(["alex.kim@fabrikam.com"], DateTimeOffset.MinValue, DateTimeOffset.MinValue, 50), Ct);
        Assert.Equal(["fab"], own.Accounts.Select(x => x.Id));
        Assert.NotNull(await new BuiltInCrmRecords(again).FindAsync("notes", "note-new", Ct));
        Assert.Single((await new EfBuiltInCrmStore(again).ExportAsync(Ct)).Metrics[0].Points.Take(1));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_merge_import_in_one_tenant_keeps_the_stored_rows_tenant_and_a_unit_without_a_tenant_cannot_write(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var a = database.CreateContext(TenantScope.Of(TenantA)))
        {
            await new EfBuiltInCrmStore(a).ReplaceAllAsync(BuiltInCrmTests.Seed(), Ct);
            await new EfBuiltInCrmStore(a).UpsertAsync(BuiltInCrmTests.Seed() with { Contacts = [], Opportunities = [], Notes = [], Cases = [], Metrics = [] }, Ct);
        }

        await using (var all = database.CreateContext())
        {
            Assert.All(await all.Set<CrmAccountEntity>().ToListAsync(Ct), e => Assert.Equal(TenantA, e.TenantId));
            Assert.All(await all.Set<CrmMetricPointEntity>().ToListAsync(Ct), e => Assert.Equal(TenantA, e.TenantId));
            await Assert.ThrowsAsync<InvalidOperationException>(() => new EfBuiltInCrmStore(all).UpsertAsync(BuiltInCrmTests.Seed() with { Accounts = [BuiltInCrmTests.Seed().Accounts[0] with { Id = "new" }], Contacts = [], Opportunities = [], Notes = [], Cases = [], Metrics = [] }, Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Two_tenants_importing_the_same_ids_keep_one_record_each(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seed = BuiltInCrmTests.Seed();
        var theirs = seed with
        {
            Accounts = [.. seed.Accounts.Select(a => a with { Name = "B's " + a.Name })],
            Notes = [.. seed.Notes.Select(n => n with { Text = "B's note" })],
        };

        // The same CSV ids in both tenants: a replace-all import, then a merge import of the same rows.
        await using (var a = database.CreateContext(TenantScope.Of(TenantA)))
        {
            await new EfBuiltInCrmStore(a).ReplaceAllAsync(seed, Ct);
        }

        await using (var b = database.CreateContext(TenantScope.Of(TenantB)))
        {
            await new EfBuiltInCrmStore(b).ReplaceAllAsync(theirs, Ct);
            await new EfBuiltInCrmStore(b).UpsertAsync(theirs, Ct);
        }

        await using (var a = database.CreateContext(TenantScope.Of(TenantA)))
        {
            await new EfBuiltInCrmStore(a).UpsertAsync(seed, Ct);
            Assert.Equal(seed.Accounts[0].Name, (await new BuiltInCrmRecords(a).FindAsync("accounts", "fab", Ct))?.Title);
            Assert.Equal(seed.Accounts.Select(x => x.Name).Order(), (await new EfBuiltInCrmStore(a).ExportAsync(Ct)).Accounts.Select(x => x.Name).Order());
        }

        await using (var b = database.CreateContext(TenantScope.Of(TenantB)))
        {
            Assert.Equal("B's " + seed.Accounts[0].Name, (await new BuiltInCrmRecords(b).FindAsync("accounts", "fab", Ct))?.Title);
            var export = await new EfBuiltInCrmStore(b).ExportAsync(Ct);
            Assert.All(export.Notes, n => Assert.Equal("B's note", n.Text));
            Assert.Equal(seed.Metrics.Sum(m => m.Points.Count), export.Metrics.Sum(m => m.Points.Count));
        }

        await using var all = database.CreateContext();
        Assert.Equal(2 * seed.Accounts.Count, await all.Set<CrmAccountEntity>().CountAsync(Ct));
        Assert.Equal(2 * seed.Notes.Count, await all.Set<CrmNoteEntity>().CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rows_from_before_the_tenant_column_go_to_the_home_tenant(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seed = BuiltInCrmTests.Seed();
        await using (var a = database.CreateContext(TenantScope.Of(TenantA)))
        {
            await new EfBuiltInCrmStore(a).ReplaceAllAsync(seed, Ct);
        }

        await using (var all = database.CreateContext())
        {
            // What the CrmTenants migration left: every row with the column's empty default.
            await WithoutForeignKeysAsync(all, provider, async () =>
            {
                await all.Set<CrmMetricPointEntity>().ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, ""), Ct);
                await all.Set<CrmMetricSeriesEntity>().ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, ""), Ct);
                await all.Set<CrmCaseEntity>().ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, ""), Ct);
                await all.Set<CrmNoteEntity>().ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, ""), Ct);
                await all.Set<CrmOpportunityEntity>().ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, ""), Ct);
                await all.Set<CrmContactEntity>().ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, ""), Ct);
                await all.Set<CrmAccountEntity>().ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, ""), Ct);
            });
            var rows = seed.Accounts.Count + seed.Contacts.Count + seed.Opportunities.Count + seed.Notes.Count + seed.Cases.Count
                + seed.Metrics.Count + seed.Metrics.Sum(m => m.Points.Count);
            Assert.Equal(rows, await BuiltInCrmTenancy.AdoptUntenantedRowsAsync(all, TenantB, Ct));
            Assert.Equal(0, await BuiltInCrmTenancy.AdoptUntenantedRowsAsync(all, TenantB, Ct));
        }

        await using var b = database.CreateContext(TenantScope.Of(TenantB));
        Assert.NotNull(await new BuiltInCrmRecords(b).FindAsync("accounts", "fab", Ct));
        Assert.NotNull(await new BuiltInCrmRecords(b).FindAsync("notes", "note-new", Ct));
        Assert.NotNull(await new BuiltInCrmRecords(b).FindAsync("opportunities", "opp-soon", Ct));
        Assert.Equal(seed.Metrics.Sum(m => m.Points.Count), (await new EfBuiltInCrmStore(b).ExportAsync(Ct)).Metrics.Sum(m => m.Points.Count));
        await using var a2 = database.CreateContext(TenantScope.Of(TenantA));
        Assert.True(await new EfBuiltInCrmStore(a2).IsEmptyAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Rows_stored_before_the_tenant_keys_survive_their_migration(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.CreateContext())
        {
            // Back to the schema before CrmTenantKeys, rows as it held them (the empty tenant), then forward again.
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync("TeamReportSubscriptions", Ct);
            var at = provider == Provider.Sqlite ? "0" : "'2026-01-01T00:00:00Z'";
            var account = "INSERT INTO crm_accounts (\"TenantId\", \"Id\", \"Name\", \"LastModified\") VALUES ('', 'acc-old', 'Old Co', " + at + ")";
            var contact = "INSERT INTO crm_contacts (\"TenantId\", \"Id\", \"AccountId\", \"Name\", \"Email\", \"EmailNormalized\", \"LastModified\") "
                + "VALUES ('', 'con-old', 'acc-old', 'Kim', 'kim@old.example', 'kim@old.example', " + at + ")";
            await db.Database.ExecuteSqlRawAsync(account, Ct);
            await db.Database.ExecuteSqlRawAsync(contact, Ct);
            await migrator.MigrateAsync(null, Ct);
            Assert.Equal(2, await BuiltInCrmTenancy.AdoptUntenantedRowsAsync(db, TenantA, Ct));
        }

        await using var a = database.CreateContext(TenantScope.Of(TenantA));
        Assert.NotNull(await new BuiltInCrmRecords(a).FindAsync("accounts", "acc-old", Ct));
        Assert.Equal("acc-old", Assert.Single((await new EfBuiltInCrmStore(a).ExportAsync(Ct)).Contacts).AccountId);
    }

    /// <summary>Runs <paramref name="work"/> with foreign keys unchecked on one open connection (to set up a pre-migration state).</summary>
    private static async Task WithoutForeignKeysAsync(MeetingPrepDbContext db, Provider provider, Func<Task> work)
    {
        await db.Database.OpenConnectionAsync(Ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync(provider == Provider.Sqlite ? "PRAGMA foreign_keys = OFF" : "SET session_replication_role = replica", Ct);
            await work();
            await db.Database.ExecuteSqlRawAsync(provider == Provider.Sqlite ? "PRAGMA foreign_keys = ON" : "SET session_replication_role = DEFAULT", Ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static BuiltInCrmSource Source(MeetingPrepDbContext db) =>
        new(db, Options.Create(new BuiltInCrmOptions { PublicBaseUrl = new Uri("https://meetingprep.example.com/") }));
}
