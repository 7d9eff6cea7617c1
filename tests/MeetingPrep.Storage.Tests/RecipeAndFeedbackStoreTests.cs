using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Recipes;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace MeetingPrep.Storage.Tests;

public sealed class RecipeAndFeedbackStoreTests
{
    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrations_bring_an_empty_database_to_the_current_model(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();

        var pending = await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken);

        Assert.Empty(pending);
        Assert.False(db.Database.HasPendingModelChanges(), "The model has changes no migration captures: add a migration for each provider.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Team_and_user_recipe_patches_are_stored_apart_and_overwritten_in_place(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.CreateContext())
        {
            var store = new EfRecipeStore(db, TimeProvider.System);
            await store.SaveTeamPatchAsync("t1", new RecipePatch { ItemsPerSection = 6 }, ct);
            await store.SaveUserPatchAsync("t1", "u1", new RecipePatch { Length = BriefingLength.Brief, Sections = [new(SectionKind.Risks, true)] }, ct);
            await store.SaveUserPatchAsync("t1", "u1", new RecipePatch { Length = BriefingLength.Detailed, Instructions = "Lead with risks." }, ct);
        }

        await using (var db = database.CreateContext())
        {
            var store = new EfRecipeStore(db, TimeProvider.System);
            Assert.Equal(6, (await store.GetTeamPatchAsync("t1", ct))!.ItemsPerSection);
            var own = (await store.GetUserPatchAsync("t1", "u1", ct))!;
            Assert.Equal(BriefingLength.Detailed, own.Length);
            Assert.Equal("Lead with risks.", own.Instructions);
            Assert.Null(own.Sections);
            Assert.Null(await store.GetUserPatchAsync("t2", "u1", ct));
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Only_wrong_flags_of_that_user_in_that_tenant_suppress_items(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        var at = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
        await using (var db = database.CreateContext())
        {
            var store = new EfFeedbackStore(db);
            await store.AddAsync(new FeedbackEntry("t1", "u1", "m1", "case:1", FeedbackKind.Wrong, "Closed last week", at), ct);
            await store.AddAsync(new FeedbackEntry("t1", "u1", "m2", "case:1", FeedbackKind.Wrong, null, at), ct);
            await store.AddAsync(new FeedbackEntry("t1", "u1", "m1", "case:2", FeedbackKind.Helpful, null, at), ct);
            await store.AddAsync(new FeedbackEntry("t1", "u1", "m1", null, FeedbackKind.NotHelpful, null, at), ct);
            await store.AddAsync(new FeedbackEntry("t1", "u2", "m1", "case:3", FeedbackKind.Wrong, null, at), ct);
            await store.AddAsync(new FeedbackEntry("t2", "u1", "m1", "case:4", FeedbackKind.Wrong, null, at), ct);
        }

        await using (var db = database.CreateContext())
        {
            var suppressed = await new EfFeedbackStore(db).GetSuppressedItemKeysAsync("t1", "u1", ct);
            Assert.Equal(["case:1"], suppressed.Order());
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Wrong_flags_keep_their_record_are_listed_newest_first_and_only_their_owner_undoes_them(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        var at = new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero);
        var record = new FlaggedRecord("Case", "case:4471", "2026-11-21T08:00:00.0000000Z", "Case 4471");
        await using (var db = database.CreateContext())
        {
            var store = new EfFeedbackStore(db);
            await store.AddAsync(new FeedbackEntry("t1", "u1", "m1", "legacy:1", FeedbackKind.Wrong, null, at), ct);
            await store.AddAsync(new FeedbackEntry("t1", "u1", "m1", "summary:case:4471", FeedbackKind.Wrong, "Closed", at.AddHours(1)) { Record = record }, ct);
            await store.AddAsync(new FeedbackEntry("t1", "u2", "m1", "case:9", FeedbackKind.Wrong, null, at) { Record = record with { Id = "case:9" } }, ct);
        }

        await using (var db = database.CreateContext())
        {
            var store = new EfFeedbackStore(db);
            var flags = await store.GetWrongFlagsAsync("t1", "u1", ct);
            Assert.Equal(["summary:case:4471", "legacy:1"], flags.Select(f => f.ItemKey));
            Assert.Equal(record, flags[0].Record);
            Assert.Equal("Closed", flags[0].Comment);
            Assert.Null(flags[1].Record);

            // A flag bound to a record is applied by record and version, never by key (a newer version must come back).
            Assert.Equal(["legacy:1"], await store.GetSuppressedItemKeysAsync("t1", "u1", ct));

            var others = await store.GetWrongFlagsAsync("t1", "u2", ct);
            Assert.False(await store.RemoveWrongFlagAsync("t1", "u1", others[0].Id, ct));
            Assert.True(await store.RemoveWrongFlagAsync("t1", "u1", flags[0].Id, ct));
            Assert.False(await store.RemoveWrongFlagAsync("t1", "u1", flags[0].Id, ct));
        }

        await using (var db = database.CreateContext())
        {
            var store = new EfFeedbackStore(db);
            Assert.Equal(["legacy:1"], (await store.GetWrongFlagsAsync("t1", "u1", ct)).Select(f => f.ItemKey));
            Assert.Single(await store.GetWrongFlagsAsync("t1", "u2", ct));
        }
    }
}
