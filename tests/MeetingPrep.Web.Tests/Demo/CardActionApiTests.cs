using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Demo;
using MeetingPrep.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MeetingPrep.Web.Tests.Demo;

/// <summary>The HTTP face of Universal Actions (Outlook pane, demo page): same verbs and answers as the bot's invokes.</summary>
public sealed class CardActionApiTests : IAsyncLifetime
{
    private readonly MeetingPrepApp _app = new();
    private HttpClient _client = null!;
    private string _upn = null!;
    private Briefing _briefing = null!;

    public async ValueTask InitializeAsync()
    {
        _client = _app.CreateClient();
        var tenant = _app.Services.GetRequiredService<DemoTenant>();
        var user = tenant.DefaultUser;
        _upn = user.Upn;
        await using var scope = _app.Services.CreateAllTenantsScope();
        var briefings = scope.ServiceProvider.GetRequiredService<BriefingService>();
        var next = await briefings.FindNextBriefedMeetingAsync(user, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        _briefing = (await briefings.GetBriefingAsync(user, next!.Id, TestContext.Current.CancellationToken)).Briefing!;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(object body, string host = "outlook")
    {
        using var response = await _client.PostAsJsonAsync($"/api/cards/action?host={host}&as={_upn}", body, TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (response.StatusCode, doc.RootElement.Clone());
    }

    [Fact]
    public async Task Refresh_returns_the_briefing_card_for_the_requested_host()
    {
        var (status, body) = await PostAsync(new { verb = "refresh", data = new { meetingId = _briefing.Meeting.Id } });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(200, body.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Assert.Equal("1.4", body.GetProperty("value").GetProperty("version").GetString());
    }

    [Fact]
    public async Task Flagging_a_line_wrong_answers_with_the_card_without_that_line()
    {
        var key = _briefing.Sections.SelectMany(s => s.Items).First(i => !i.Key.StartsWith("summary:", StringComparison.Ordinal)).Key;

        var (_, body) = await PostAsync(new { verb = "item.flagWrong", data = new { meetingId = _briefing.Meeting.Id, itemKey = key, comment = "Out of date" } }, "teams");

        Assert.Equal("application/vnd.microsoft.card.adaptive", body.GetProperty("type").GetString());
        Assert.DoesNotContain($"\"{key}\"", body.GetProperty("value").GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_the_user_does_not_attend_gets_a_message_not_a_card()
    {
        var (_, body) = await PostAsync(new { verb = "refresh", data = new { meetingId = "AAMk-not-mine" } });

        Assert.Equal("application/vnd.microsoft.activity.message", body.GetProperty("type").GetString());
        // In the reader's language (the demo user's locale is German), as every reason a meeting has no briefing.
        Assert.Equal("Sie sehen nur Briefings für Besprechungen, an denen Sie teilnehmen.", body.GetProperty("value").GetString());
    }

    [Fact]
    public async Task Unknown_verbs_missing_verbs_bad_hosts_and_bad_json_are_clear_errors()
    {
        var (_, unknown) = await PostAsync(new { verb = "rm -rf", data = new { } });
        Assert.Equal(400, unknown.GetProperty("statusCode").GetInt32());

        var (noVerbStatus, _) = await PostAsync(new { data = new { } });
        Assert.Equal(HttpStatusCode.BadRequest, noVerbStatus);

        var (hostStatus, _) = await PostAsync(new { verb = "refresh" }, "fax");
        Assert.Equal(HttpStatusCode.BadRequest, hostStatus);

        using var malformed = await _client.PostAsync($"/api/cards/action?as={_upn}", new StringContent("{not json", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task Muting_a_series_skips_only_its_occurrences_survives_a_settings_save_and_can_be_undone()
    {
        var ct = TestContext.Current.CancellationToken;
        async Task<List<JsonElement>> MeetingsAsync()
        {
            using var doc = JsonDocument.Parse(await _client.GetStringAsync($"/api/me/meetings?as={_upn}", ct));
            return [.. doc.RootElement.GetProperty("meetings").EnumerateArray().Select(m => m.Clone())];
        }

        var before = await MeetingsAsync();
        var recurring = before.First(m => m.GetProperty("isRecurring").GetBoolean() && m.GetProperty("briefed").GetBoolean());
        var subject = recurring.GetProperty("subject").GetString();
        var briefedBefore = before.Count(m => m.GetProperty("briefed").GetBoolean());

        var (_, muted) = await PostAsync(new { verb = "series.mute", data = new { meetingId = recurring.GetProperty("id").GetString() } });
        // The demo user's locale is German and this client names no language: the confirmation is German.
        Assert.StartsWith($"Stummgeschaltet: Sie erhalten keine Briefings mehr für „{subject}“", muted.GetProperty("value").GetString(), StringComparison.Ordinal);

        var after = await MeetingsAsync();
        var skipped = after.Where(m => m.GetProperty("reason").ValueKind == JsonValueKind.String && m.GetProperty("reason").GetString()!.Contains("muted", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(skipped);
        Assert.All(skipped, m => Assert.Equal(subject, m.GetProperty("subject").GetString()));
        Assert.Contains(after, m => m.GetProperty("briefed").GetBoolean());

        // Saving other settings keeps the mute; the unmute toggle lifts it.
        await PostAsync(new { verb = "settings.save", data = new Dictionary<string, object> { ["itemsPerSection"] = "3" } });
        Assert.Contains(await MeetingsAsync(), m => m.GetProperty("reason").ValueKind == JsonValueKind.String && m.GetProperty("reason").GetString()!.Contains("muted", StringComparison.Ordinal));
        await PostAsync(new { verb = "settings.save", data = new Dictionary<string, object> { ["itemsPerSection"] = "3", ["meetings.unmuteAll"] = "true" } });
        Assert.Equal(briefedBefore, (await MeetingsAsync()).Count(m => m.GetProperty("briefed").GetBoolean()));
    }
}
