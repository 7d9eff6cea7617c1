using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Users;
using MeetingPrep.Demo;
using Microsoft.Extensions.Time.Testing;

namespace MeetingPrep.Web.Tests.Telemetry;

/// <summary>
/// Engagement signals are stored per briefing without content as the user acts (card actions from the Outlook pane,
/// settings), and the leaders' report reads them back per week with small groups suppressed. Real host, demo tenant, SQLite.
/// </summary>
public sealed class EngagementSignalTests
{
    /// <summary>These tests count their own signals only: the demo's seeded report history stays out.</summary>
    private static readonly Dictionary<string, string?> NoSeededHistory = new() { ["Demo:SeedEngagementHistory"] = "false" };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Card_actions_and_settings_are_recorded_without_content()
    {
        await using var app = new MeetingPrepApp(NoSeededHistory, clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));
        using var client = app.CreateClient();
        var lena = app.Services.GetRequiredService<DemoTenant>().GetUser("lena.vogt@contoso.com");
        var meeting = await NextMeetingAsync(app, lena);

        await ActAsync(client, lena, "refresh", new JsonObject { ["meetingId"] = meeting.Id });
        await ActAsync(client, lena, "feedback.helpful", new JsonObject { ["meetingId"] = meeting.Id });
        await ActAsync(client, lena, "item.flagWrong", new JsonObject { ["meetingId"] = meeting.Id, ["itemKey"] = "case:4471", ["comment"] = "closed yesterday by Priya" });
        using (var put = await client.PutAsJsonAsync($"/api/me/recipe?as={lena.Upn}", new { leadTimeMinutes = 30 }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var signals = await SignalsAsync(app, lena.TenantId);
        Assert.Equal(
            [
                (EngagementKind.Opened, meeting.Id, (DateTimeOffset?)meeting.Start, "pane"),
                (EngagementKind.Helpful, meeting.Id, null, null),
                (EngagementKind.FlaggedWrong, meeting.Id, null, "case"),
                (EngagementKind.SettingsChanged, null, null, "settings"),
            ],
            signals.Select(s => (s.Kind, s.MeetingId, s.MeetingStart, s.Detail)));
        Assert.All(signals, s => Assert.Equal(lena.UserId, s.UserId));
    }

    [Fact]
    public async Task The_report_shows_a_week_of_five_people_and_hides_a_week_of_two()
    {
        var now = MeetingPrepApp.FixedNow; // Thursday 26 November 2026
        await using var app = new MeetingPrepApp(NoSeededHistory, clock: new FakeTimeProvider(now));
        using var client = app.CreateClient();
        var lena = app.Services.GetRequiredService<DemoTenant>().GetUser("lena.vogt@contoso.com");

        // Week of 16 November: five people, one briefing each; u1..u3 opened it before the meeting, u4 after, u5 never;
        // u1 and u2 found it helpful, u3 not; u1 flagged a line citing a note. Week of 23 November: two people.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // Seeding writes two tenants' history, as a job across tenants would.
            scope.ServiceProvider.GetRequiredService<Core.Security.TenantScope>().EnterAllTenants();
            var log = scope.ServiceProvider.GetRequiredService<IEngagementLog>();
            var start = new DateTimeOffset(2026, 11, 18, 10, 0, 0, TimeSpan.Zero);
            for (var i = 1; i <= 5; i++)
            {
                await log.RecordAsync(new EngagementSignal(lena.TenantId, $"u{i}", $"m{i}", start, EngagementKind.Delivered, "teams", start.AddHours(-1)), Ct);
            }

            for (var i = 1; i <= 4; i++)
            {
                await log.RecordAsync(new EngagementSignal(lena.TenantId, $"u{i}", $"m{i}", null, EngagementKind.Opened, "pane", start.AddMinutes(i <= 3 ? -30 : 30)), Ct);
            }

            await log.RecordAsync(new EngagementSignal(lena.TenantId, "u1", "m1", null, EngagementKind.Helpful, null, start), Ct);
            await log.RecordAsync(new EngagementSignal(lena.TenantId, "u2", "m2", null, EngagementKind.Helpful, null, start), Ct);
            await log.RecordAsync(new EngagementSignal(lena.TenantId, "u3", "m3", null, EngagementKind.NotHelpful, null, start), Ct);
            await log.RecordAsync(new EngagementSignal(lena.TenantId, "u1", "m1", null, EngagementKind.FlaggedWrong, "note", start), Ct);
            await log.RecordAsync(new EngagementSignal(lena.TenantId, "u1", "m6", now.AddDays(1), EngagementKind.Delivered, "teams", now.AddHours(-2)), Ct);
            await log.RecordAsync(new EngagementSignal(lena.TenantId, "u2", "m7", now.AddDays(1), EngagementKind.Delivered, "teams", now.AddHours(-2)), Ct);

            // Another tenant's signal never shows.
            await log.RecordAsync(new EngagementSignal("other-tenant", "x1", "mx", start, EngagementKind.Delivered, "teams", start.AddHours(-1)), Ct);
        }

        var report = await client.GetFromJsonAsync<JsonObject>($"/api/admin/report?as={lena.Upn}", Ct);

        Assert.Equal(5, report!["minGroupSize"]!.GetValue<int>());
        var weeks = report["weeks"]!.AsArray();
        Assert.Equal(2, weeks.Count);
        var full = weeks[0]!;
        Assert.Equal("2026-11-16", full["weekStart"]!.GetValue<string>());
        Assert.False(full["suppressed"]!.GetValue<bool>());
        Assert.Equal(5, full["people"]!.GetValue<int>());
        Assert.Equal(5, full["meetingsBriefed"]!.GetValue<int>());
        Assert.Equal(0.6, full["shareOpenedBeforeMeeting"]!.GetValue<double>());
        Assert.Equal(0.6667, full["helpfulRate"]!.GetValue<double>());
        Assert.Equal(0.2, full["wrongLinesPerBriefing"]!.GetValue<double>());
        Assert.Equal("note", full["topFlaggedSources"]![0]!["kind"]!.GetValue<string>());
        Assert.Equal(45, full["minutesSaved"]!.GetValue<int>());
        var small = weeks[1]!;
        Assert.True(small["suppressed"]!.GetValue<bool>());
        Assert.Null(small["meetingsBriefed"]);

        using var other = await client.GetAsync($"/api/admin/report?as={lena.Upn}&team=other-tenant", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    private static async Task<Core.Meetings.Meeting> NextMeetingAsync(MeetingPrepApp app, UserRef user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<BriefingService>().FindNextBriefedMeetingAsync(user, MeetingPrepApp.FixedNow, Ct))!;
    }

    private static async Task ActAsync(HttpClient client, UserRef user, string verb, JsonObject data)
    {
        using var response = await client.PostAsJsonAsync($"/api/cards/action?host=outlook&as={user.Upn}", new JsonObject { ["verb"] = verb, ["data"] = data }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<IReadOnlyList<EngagementSignal>> SignalsAsync(MeetingPrepApp app, string tenantId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<Core.Security.TenantScope>().Enter(tenantId);
        return await scope.ServiceProvider.GetRequiredService<IEngagementLog>().ListAsync(tenantId, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, Ct);
    }
}
