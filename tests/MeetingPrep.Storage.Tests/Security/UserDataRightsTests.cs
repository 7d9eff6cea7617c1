using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace MeetingPrep.Storage.Tests.Security;

/// <summary>
/// Retention, "forget me" and export on both providers: two users in one tenant and the same user id in another, each
/// with rows older and newer than the cut-off in every table that holds a person's data.
/// </summary>
public sealed class UserDataRightsTests
{
    private const string TenantA = "aaaaaaaa-0000-4000-8000-000000000001";
    private const string TenantB = "bbbbbbbb-0000-4000-8000-000000000002";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Old = Now.AddDays(-120);

    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task The_purge_deletes_rows_older_than_the_cutoff_in_every_tenant_and_keeps_newer_ones_and_settings(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database);

        await using (var db = database.CreateContext())
        {
            var summary = await new EfUserDataStore(db).PurgeOlderThanAsync(Now.AddDays(-90), Ct);

            // Per tenant and user: one old feedback, delivery, conversation, sync state and subscription each.
            Assert.Equal(new PurgeSummary(0, 3, 3, 3, 6), summary);
        }

        await using var check = database.CreateContext();
        Assert.All(await check.Feedback.ToListAsync(Ct), f => Assert.Equal(Now, f.At));
        Assert.All(await check.Set<BriefingDeliveryEntity>().ToListAsync(Ct), d => Assert.Equal(Now, d.UpdatedAt));
        Assert.All(await check.Set<ConversationReferenceEntity>().ToListAsync(Ct), r => Assert.Equal(Now, r.UpdatedAt));
        Assert.Equal(3, await check.Feedback.CountAsync(Ct));
        Assert.Equal(3, await check.Set<ConversationReferenceEntity>().CountAsync(Ct));
        Assert.Equal(0, await check.Set<CalendarSyncStateEntity>().CountAsync(Ct));
        Assert.Equal(3, await check.Set<ChangeSubscriptionEntity>().CountAsync(Ct));
        Assert.Equal(3, await check.RecipePatches.CountAsync(Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Forget_me_deletes_every_row_of_that_user_and_nobody_elses(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database);

        await using (var db = database.CreateContext(TenantScope.Of(TenantA)))
        {
            var summary = await new EfUserDataStore(db).ForgetUserAsync(TenantA, "u1", Ct);

            // Settings: the recipe patch and the team report opt-in.
            Assert.Equal(new PurgeSummary(2, 2, 2, 2, 3), summary);
        }

        await using var check = database.CreateContext();
        foreach (var rows in new[]
        {
            await check.RecipePatches.Select(r => new { r.TenantId, r.UserId }).ToListAsync(Ct),
            await check.Feedback.Select(r => new { r.TenantId, r.UserId }).Distinct().ToListAsync(Ct),
            await check.Set<BriefingDeliveryEntity>().Select(r => new { r.TenantId, r.UserId }).Distinct().ToListAsync(Ct),
            await check.Set<ConversationReferenceEntity>().Select(r => new { r.TenantId, UserId = r.UserObjectId! }).Distinct().ToListAsync(Ct),
            await check.Set<ChangeSubscriptionEntity>().Select(r => new { r.TenantId, r.UserId }).Distinct().ToListAsync(Ct),
            await check.Set<TeamReportSubscriptionEntity>().Select(r => new { r.TenantId, r.UserId }).ToListAsync(Ct),
        })
        {
            Assert.Equal([(TenantA, "u2"), (TenantB, "u1")], rows.Select(r => (r.TenantId, r.UserId)).Order());
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Forgetting_a_user_of_another_tenant_deletes_nothing(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database);

        await using (var db = database.CreateContext(TenantScope.Of(TenantA)))
        {
            Assert.Equal(0, (await new EfUserDataStore(db).ForgetUserAsync(TenantB, "u1", Ct)).Total);
        }

        await using var check = database.CreateContext();
        Assert.Equal(2, await check.Feedback.CountAsync(f => f.TenantId == TenantB, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Export_holds_the_users_own_rows_only(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database);

        await using var db = database.CreateContext(TenantScope.Of(TenantA));
        var export = await new EfUserDataStore(db).ExportAsync(TenantA, "u1", Ct);

        Assert.Equal((TenantA, "u1"), (export.TenantId, export.UserId));
        Assert.Contains("\"itemsPerSection\":3", export.SettingsJson, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["u1 in " + TenantA + " (old)", "u1 in " + TenantA], export.Feedback.Select(f => f.Comment));
        Assert.Equal(2, export.Deliveries.Count);
        Assert.All(export.Conversations, c => Assert.Equal("u1@" + TenantA, c.UserPrincipalName));
        Assert.Equal(2, export.Subscriptions.Count);
        Assert.Equal(Old, export.CalendarSyncedAt);
        Assert.Equal((TenantA, "u1", "Europe/Berlin"), (export.TeamReport?.TenantId, export.TeamReport?.UserId, export.TeamReport?.TimeZone));
    }

    private static async Task SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        foreach (var (tenant, user) in new[] { (TenantA, "u1"), (TenantA, "u2"), (TenantB, "u1") })
        {
            await new EfRecipeStore(db, TimeProvider.System).SaveUserPatchAsync(tenant, user, new RecipePatch { ItemsPerSection = 3 }, Ct);
            await new EfTeamReportSubscriptions(db).SetAsync(tenant, user, weekly: true, "Europe/Berlin", Now, Ct);
            foreach (var (at, suffix) in new[] { (Old, " (old)"), (Now, "") })
            {
                var id = user + (suffix.Length > 0 ? "-old" : "");
                await new EfFeedbackStore(db).AddAsync(new FeedbackEntry(tenant, user, "m-" + id, "case:1", FeedbackKind.Wrong, $"{user} in {tenant}{suffix}", at), Ct);
                await new EfDeliveryLog(db).TryClaimAsync(new DeliveryKey(tenant, user, "m-" + id, at.AddHours(1)), new DeliveryLease("instance-1", TimeSpan.FromMinutes(5)), at, Ct);
                await new EfConversationReferenceStore(db).SaveAsync(
                    new ConversationReference(tenant, "conv-" + id, "https://smba.trafficmanager.net/emea/", "msteams", "personal", "28:bot", "29:" + user, user, $"{user}@{tenant}", user, "en-US", "UTC", true, at),
                    Ct);
                await new EfChangeSubscriptionStore(db).SaveAsync(new ChangeSubscription("sub-" + tenant + id, tenant, user, "/users/" + user + "/events" + suffix.Trim(), at.AddDays(2), at), Ct);
            }

            // One sync state per user: the old one is overwritten by the new one unless purged in between.
            await new EfCalendarSyncStateStore(db).SaveAsync(tenant, user, new CalendarSyncState("https://graph.microsoft.com/delta?x", Old, Old.AddDays(7), Old), Ct);
        }
    }
}
