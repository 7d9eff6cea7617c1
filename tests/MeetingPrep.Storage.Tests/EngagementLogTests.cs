using MeetingPrep.Core.Engagement;
using Xunit;

namespace MeetingPrep.Storage.Tests;

/// <summary>The engagement log on both providers: a tenant's window in time order, nothing of another tenant, retention purge.</summary>
public sealed class EngagementLogTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 18, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<Provider> Providers => [Provider.Sqlite, Provider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Signals_are_listed_per_tenant_and_window_and_purged_past_retention(Provider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.CreateContext())
        {
            var log = new EfEngagementLog(db);
            await log.RecordAsync(new EngagementSignal("t1", "u1", "m1", Start, EngagementKind.Delivered, "teams", Start.AddHours(-1)), ct);
            await log.RecordAsync(new EngagementSignal("t1", "u1", "m1", null, EngagementKind.Opened, "pane", Start.AddMinutes(-30)), ct);
            await log.RecordAsync(new EngagementSignal("t1", "u2", null, null, EngagementKind.QuestionAsked, "a-much-longer-detail-than-thirty-two-characters", Start.AddDays(-40)), ct);
            await log.RecordAsync(new EngagementSignal("t2", "x1", "mx", Start, EngagementKind.Delivered, "teams", Start.AddHours(-1)), ct);
        }

        await using (var db = database.CreateContext())
        {
            var log = new EfEngagementLog(db);
            var window = await log.ListAsync("t1", Start.AddDays(-1), Start, ct);
            Assert.Equal(
                [
                    new EngagementSignal("t1", "u1", "m1", Start, EngagementKind.Delivered, "teams", Start.AddHours(-1)),
                    new EngagementSignal("t1", "u1", "m1", null, EngagementKind.Opened, "pane", Start.AddMinutes(-30)),
                ],
                window.Select(s => s with { MeetingStart = s.MeetingStart?.ToUniversalTime(), At = s.At.ToUniversalTime() }));

            var old = Assert.Single(await log.ListAsync("t1", Start.AddDays(-41), Start.AddDays(-39), ct));
            Assert.Equal("a-much-longer-detail-than-thirty", old.Detail);

            Assert.Single(await log.ListAsync("t2", Start.AddDays(-1), Start, ct));
        }
    }
}
