using MeetingPrep.Core.Briefings.Audit;
using MeetingPrep.Core.Security;
using MeetingPrep.Core.Sources;
using MeetingPrep.Storage.Entities;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace MeetingPrep.Storage.Tests.Security;

/// <summary>
/// The briefing audit trail on both providers: records round-trip, each user reads only their own, a unit of work of
/// one tenant sees none of another's, and retention, "forget me" and export cover it.
/// </summary>
public sealed class BriefingAuditLogTests
{
    private const string TenantA = "aaaaaaaa-0000-4000-8000-000000000001";
    private const string TenantB = "bbbbbbbb-0000-4000-8000-000000000002";
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);

    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_record_round_trips_and_its_user_reads_only_their_own(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database);

        await using var db = database.CreateContext(TenantScope.Of(TenantA));
        var log = new EfBriefingAuditLog(db);
        var own = await log.ListForMeetingAsync(TenantA, "u1", "m1", Ct);

        var record = Assert.Single(own);
        var expected = Record(TenantA, "u1", Now);
        Assert.Equal(expected, record with { Sources = expected.Sources });
        Assert.Equal(expected.Sources, record.Sources);
        Assert.Equal(["u2"], (await log.ListForMeetingAsync(TenantA, "u2", "m1", Ct)).Select(r => r.UserId));
        Assert.Empty(await log.ListForMeetingAsync(TenantA, "u1", "m2", Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_tenant_reads_its_own_records_by_time_and_user_and_never_another_tenants(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database);

        await using var db = database.CreateContext(TenantScope.Of(TenantA));
        var log = new EfBriefingAuditLog(db);

        Assert.Equal(["u2", "u1"], (await log.ListAsync(TenantA, null, Now.AddDays(-1), Now.AddDays(1), 100, Ct)).Select(r => r.UserId));
        Assert.Equal(["u1"], (await log.ListAsync(TenantA, "u1", Now.AddDays(-1), Now.AddDays(1), 100, Ct)).Select(r => r.UserId));
        Assert.Single(await log.ListAsync(TenantA, null, Now.AddDays(-1), Now.AddDays(1), 1, Ct));

        // Asking for the other tenant by name from this tenant's unit of work finds nothing: the filter decides.
        Assert.Empty(await log.ListAsync(TenantB, null, Now.AddDays(-200), Now.AddDays(1), 100, Ct));
        Assert.Empty(await log.ListForMeetingAsync(TenantB, "u1", "m1", Ct));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Retention_forget_me_and_export_cover_the_audit_trail(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database);

        await using (var db = database.CreateContext())
        {
            // Tenant B's record is the old one.
            Assert.Equal(1, (await new EfUserDataStore(db).PurgeOlderThanAsync(Now.AddDays(-90), Ct)).Audit);
        }

        await using (var db = database.CreateContext(TenantScope.Of(TenantA)))
        {
            var store = new EfUserDataStore(db);
            var export = await store.ExportAsync(TenantA, "u1", Ct);
            Assert.Equal(["u1"], export.BriefingAudit.Select(r => r.UserId));
            Assert.Equal(3, export.BriefingAudit[0].Sources.Count);

            Assert.Equal(1, (await store.ForgetUserAsync(TenantA, "u1", Ct)).Audit);
        }

        await using var check = database.CreateContext();
        var left = await check.Set<BriefingAuditEntity>().ToListAsync(Ct);
        Assert.Equal([(TenantA, "u2")], left.Select(e => (e.TenantId, e.UserId)));
    }

    private static BriefingAuditRecord Record(string tenant, string user, DateTimeOffset at) => new(
        tenant,
        user,
        "m1",
        at.AddHours(2),
        at,
        "azure-openai:gpt-4o",
        "azure-openai:gpt-4o",
        false,
        [
            new SourceRead("calendar", "Microsoft Graph", SourceAccess.Delegated, at.AddSeconds(-2), "ok", 3),
            new SourceRead("mail", "Microsoft Graph", SourceAccess.Delegated, at.AddSeconds(-2), "timeout", 0),
            new SourceRead("crm", "Salesforce", SourceAccess.Application, at.AddSeconds(-1), "ok", 12),
        ]);

    private static async Task SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var log = new EfBriefingAuditLog(db);
        await log.RecordAsync(Record(TenantA, "u1", Now), Ct);
        await log.RecordAsync(Record(TenantA, "u2", Now.AddMinutes(1)), Ct);
        await log.RecordAsync(Record(TenantB, "u1", Now.AddDays(-120)), Ct);
    }
}
