using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage.Crm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xunit;

namespace MeetingPrep.Storage.Tests.Crm;

/// <summary>
/// The built-in CRM's rows carry their tenant, on both providers: tenant B's unit of work cannot read tenant A's records
/// through the briefing source, the record pages' reader or the export, and its replace-all import leaves A's alone.
/// Rows from before the tenant column are given to the home tenant.
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
    public async Task Rows_from_before_the_tenant_column_go_to_the_home_tenant(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var a = database.CreateContext(TenantScope.Of(TenantA)))
        {
            await new EfBuiltInCrmStore(a).ReplaceAllAsync(BuiltInCrmTests.Seed(), Ct);
        }

        await using (var all = database.CreateContext())
        {
            // What the migration leaves: the column's empty default.
            await all.Set<CrmAccountEntity>().ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, ""), Ct);
            await all.Set<CrmNoteEntity>().ExecuteUpdateAsync(s => s.SetProperty(e => e.TenantId, ""), Ct);
            Assert.Equal(3 + 2, await BuiltInCrmTenancy.AdoptUntenantedRowsAsync(all, TenantB, Ct));
        }

        await using var b = database.CreateContext(TenantScope.Of(TenantB));
        Assert.NotNull(await new BuiltInCrmRecords(b).FindAsync("accounts", "fab", Ct));
        Assert.NotNull(await new BuiltInCrmRecords(b).FindAsync("notes", "note-new", Ct));
        Assert.Null(await new BuiltInCrmRecords(b).FindAsync("opportunities", "opp-soon", Ct));
    }

    private static BuiltInCrmSource Source(MeetingPrepDbContext db) =>
        new(db, Options.Create(new BuiltInCrmOptions { PublicBaseUrl = new Uri("https://meetingprep.example.com/") }));
}
