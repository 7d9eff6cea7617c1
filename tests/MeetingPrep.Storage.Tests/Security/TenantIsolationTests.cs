using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace MeetingPrep.Storage.Tests.Security;

/// <summary>
/// Tenant isolation is the database context's rule, not each store's habit: every tenant-owned table holds rows of two
/// tenants, and a unit of work in one tenant reads, changes and deletes only its own, whatever tenant id a query names.
/// </summary>
public sealed class TenantIsolationTests
{
    private const string Mine = "aaaaaaaa-0000-4000-8000-000000000001";
    private const string Theirs = "bbbbbbbb-0000-4000-8000-000000000002";

    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_table_with_a_tenant_column_is_tenant_owned_and_filtered()
    {
        using var db = new SqliteMeetingPrepDbContext(
            new DbContextOptionsBuilder<SqliteMeetingPrepDbContext>().UseSqlite("Data Source=:memory:").Options, new TenantScope());

        var withTenant = db.Model.GetEntityTypes().Where(e => e.FindProperty("TenantId") is not null).ToList();

        Assert.NotEmpty(withTenant);
        Assert.All(withTenant, e =>
        {
            Assert.True(typeof(ITenantOwned).IsAssignableFrom(e.ClrType), $"{e.ClrType.Name} has a TenantId but is not ITenantOwned.");
            Assert.NotEmpty(e.GetDeclaredQueryFilters());
        });
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_unit_of_work_sees_only_its_own_tenants_rows_in_every_table(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedBothTenantsAsync(database);

        await using var db = database.CreateContext(TenantScope.Of(Mine));

        Assert.Equal([Mine], await db.RecipePatches.Select(r => r.TenantId).Distinct().ToListAsync(Ct));
        Assert.Equal([Mine], await db.Feedback.Select(r => r.TenantId).Distinct().ToListAsync(Ct));
        Assert.Equal([Mine], await db.Set<ConversationReferenceEntity>().Select(r => r.TenantId).Distinct().ToListAsync(Ct));
        Assert.Equal([Mine], await db.Set<BriefingDeliveryEntity>().Select(r => r.TenantId).Distinct().ToListAsync(Ct));
        Assert.Equal([Mine], await db.Set<CalendarSyncStateEntity>().Select(r => r.TenantId).Distinct().ToListAsync(Ct));
        Assert.Equal([Mine], await db.Set<ChangeSubscriptionEntity>().Select(r => r.TenantId).Distinct().ToListAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Naming_the_other_tenant_in_a_store_call_finds_nothing(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedBothTenantsAsync(database);

        await using var db = database.CreateContext(TenantScope.Of(Mine));

        Assert.Null(await new EfRecipeStore(db, TimeProvider.System).GetUserPatchAsync(Theirs, "u1", Ct));
        Assert.Empty(await new EfFeedbackStore(db).GetSuppressedItemKeysAsync(Theirs, "u1", Ct));
        Assert.Null(await new EfConversationReferenceStore(db).GetAsync(Theirs, "conv-u1", Ct));
        Assert.Null(await new EfCalendarSyncStateStore(db).GetAsync(Theirs, "u1", Ct));
        Assert.Null(await new EfChangeSubscriptionStore(db).GetAsync("sub-" + Theirs, Ct));

        // Mine are there: the filter is not simply hiding everything.
        Assert.NotNull(await new EfRecipeStore(db, TimeProvider.System).GetUserPatchAsync(Mine, "u1", Ct));
        Assert.Equal(["case:1"], await new EfFeedbackStore(db).GetSuppressedItemKeysAsync(Mine, "u1", Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Bulk_updates_and_deletes_naming_the_other_tenant_change_nothing(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedBothTenantsAsync(database);

        await using (var db = database.CreateContext(TenantScope.Of(Mine)))
        {
            await new EfConversationReferenceStore(db).RemoveAsync(Theirs, "conv-u1", Ct);
            await new EfCalendarSyncStateStore(db).DeleteAsync(Theirs, "u1", Ct);
            await new EfChangeSubscriptionStore(db).DeleteAsync("sub-" + Theirs, Ct);
            Assert.Equal(0, await db.Feedback.Where(f => f.TenantId == Theirs).ExecuteDeleteAsync(Ct));
        }

        await using var all = database.CreateContext();
        Assert.Equal(1, await all.Set<ConversationReferenceEntity>().CountAsync(r => r.TenantId == Theirs, Ct));
        Assert.Equal(1, await all.Set<CalendarSyncStateEntity>().CountAsync(r => r.TenantId == Theirs, Ct));
        Assert.Equal(1, await all.Set<ChangeSubscriptionEntity>().CountAsync(r => r.TenantId == Theirs, Ct));
        Assert.Equal(1, await all.Feedback.CountAsync(r => r.TenantId == Theirs, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Writing_a_row_of_another_tenant_is_refused(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext(TenantScope.Of(Mine));

        await Assert.ThrowsAsync<InvalidOperationException>(() => new EfFeedbackStore(db).AddAsync(
            new FeedbackEntry(Theirs, "u1", "m1", "case:9", FeedbackKind.Wrong, null, DateTimeOffset.UtcNow), Ct));
        db.ChangeTracker.Clear();
        await Assert.ThrowsAsync<InvalidOperationException>(() => new EfRecipeStore(db, TimeProvider.System).SaveUserPatchAsync(Theirs, "u1", new RecipePatch(), Ct));

        await using var all = database.CreateContext();
        Assert.Equal(0, await all.Feedback.CountAsync(Ct));
        Assert.Equal(0, await all.RecipePatches.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_unit_of_work_that_never_entered_a_tenant_sees_nothing_and_writes_nothing(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedBothTenantsAsync(database);

        await using var db = database.CreateContext(new TenantScope());

        Assert.Equal(0, await db.RecipePatches.CountAsync(Ct));
        Assert.Equal(0, await db.Set<ConversationReferenceEntity>().CountAsync(Ct));
        await Assert.ThrowsAsync<InvalidOperationException>(() => new EfFeedbackStore(db).AddAsync(
            new FeedbackEntry(Mine, "u1", "m1", null, FeedbackKind.Helpful, null, DateTimeOffset.UtcNow), Ct));
    }

    [Fact]
    public void A_unit_of_work_never_changes_tenant()
    {
        var scope = TenantScope.Of(Mine);

        scope.Enter(Mine);

        Assert.Throws<InvalidOperationException>(() => scope.Enter(Theirs));
        Assert.Equal(Mine, scope.TenantId);
    }

    /// <summary>The same rows for both tenants in every tenant-owned table, written as a job would (all tenants).</summary>
    private static async Task SeedBothTenantsAsync(TestDatabase database)
    {
        var at = new DateTimeOffset(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);
        await using var db = database.CreateContext();
        foreach (var tenant in new[] { Mine, Theirs })
        {
            await new EfRecipeStore(db, TimeProvider.System).SaveUserPatchAsync(tenant, "u1", new RecipePatch { ItemsPerSection = 3 }, Ct);
            await new EfFeedbackStore(db).AddAsync(new FeedbackEntry(tenant, "u1", "m1", "case:1", FeedbackKind.Wrong, null, at), Ct);
            await new EfConversationReferenceStore(db).SaveAsync(
                new ConversationReference(tenant, "conv-u1", "https://smba.trafficmanager.net/emea/", "msteams", "personal", "28:bot", "29:u1", "u1", "u1@example.com", "U One", "en-US", "UTC", true, at),
                Ct);
            await new EfDeliveryLog(db).TryClaimAsync(new DeliveryKey(tenant, "u1", "m1", at.AddHours(2)), new DeliveryLease("instance-1", TimeSpan.FromMinutes(5)), at, Ct);
            await new EfCalendarSyncStateStore(db).SaveAsync(tenant, "u1", new Core.Meetings.CalendarSyncState("https://graph.microsoft.com/delta?x", at, at.AddDays(7), at), Ct);
            await new EfChangeSubscriptionStore(db).SaveAsync(new Core.Meetings.ChangeSubscription("sub-" + tenant, tenant, "u1", "/users/u1/events", at.AddDays(2), at), Ct);
        }
    }
}
