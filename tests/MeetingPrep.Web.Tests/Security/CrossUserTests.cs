using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeetingPrep.Demo;
using MeetingPrep.Storage;
using MeetingPrep.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Web.Tests.Security;

/// <summary>
/// A colleague in the same tenant who does not attend a meeting, at every door that takes a meeting id: the briefing,
/// the card, feedback, a follow-up question, the audit record and each card action. Whatever each answers, it holds
/// nothing of the meeting (its subject, its briefing's lines) and nothing is stored for the colleague about it.
/// </summary>
public sealed class CrossUserTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string?> Calls => new()
    {
        { "GET", "/api/meetings/{id}/briefing", null },
        { "GET", "/api/meetings/{id}/card?host=teams", null },
        { "POST", "/api/meetings/{id}/feedback", """{"kind":"helpful"}""" },
        { "POST", "/api/meetings/{id}/feedback", """{"kind":"wrong","itemKey":"case:4471","comment":"x"}""" },
        { "POST", "/api/meetings/{id}/ask", """{"question":"what is open with them?"}""" },
        { "GET", "/api/me/briefings/{id}/audit", null },
        { "POST", "/api/cards/action?host=outlook", """{"verb":"refresh","data":{"meetingId":"{id}"}}""" },
        { "POST", "/api/cards/action?host=outlook", """{"verb":"briefing.full","data":{"meetingId":"{id}"}}""" },
        { "POST", "/api/cards/action?host=outlook", """{"verb":"briefing.audit","data":{"meetingId":"{id}"}}""" },
        { "POST", "/api/cards/action?host=outlook", """{"verb":"feedback.helpful","data":{"meetingId":"{id}"}}""" },
        { "POST", "/api/cards/action?host=outlook", """{"verb":"item.flagWrong","data":{"meetingId":"{id}","itemKey":"case:4471"}}""" },
        { "POST", "/api/cards/action?host=outlook", """{"verb":"series.mute","data":{"meetingId":"{id}"}}""" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task A_colleague_who_does_not_attend_gets_nothing_of_the_meeting_and_stores_nothing(string method, string path, string? body)
    {
        await using var app = new MeetingPrepApp(new Dictionary<string, string?> { ["Demo:SeedEngagementHistory"] = "false" });
        using var client = app.CreateClient();
        var tenant = app.Services.GetRequiredService<DemoTenant>();
        var lena = tenant.DefaultUser;

        // Lena's first briefed meeting, what its briefing says, and a colleague whose calendar does not have it.
        using var meetings = JsonDocument.Parse(await client.GetStringAsync($"/api/me/meetings?as={lena.Upn}", Ct));
        var meeting = meetings.RootElement.GetProperty("meetings").EnumerateArray().First(m => m.GetProperty("briefed").GetBoolean());
        var id = meeting.GetProperty("id").GetString()!;
        using var briefing = JsonDocument.Parse(await client.GetStringAsync($"/api/meetings/{Uri.EscapeDataString(id)}/briefing?as={lena.Upn}", Ct));
        var secrets = briefing.RootElement.GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()!))
            .Where(t => t.Length >= 24)
            .Append(meeting.GetProperty("subject").GetString()!)
            .ToList();
        var colleague = await NotAttendingAsync(client, tenant, id);

        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal) + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "as=" + colleague.Upn);
        if (body is not null)
        {
            request.Content = new StringContent(body.Replace("{id}", id, StringComparison.Ordinal), Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request, Ct);
        var answer = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(secrets.Count > 3, "Too little of the briefing to look for.");
        Assert.All(secrets.SelectMany(Spellings), s => Assert.DoesNotContain(s, answer, StringComparison.Ordinal));
        await using var scope = app.Services.CreateAllTenantsScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingPrepDbContext>();
        Assert.Equal(0, await db.Feedback.CountAsync(f => f.UserId == colleague.UserId, Ct));
        Assert.Equal(0, await db.EngagementEvents.CountAsync(e => e.UserId == colleague.UserId && e.MeetingId == id, Ct));
        Assert.Equal(0, await db.RecipePatches.CountAsync(r => r.UserId == colleague.UserId, Ct));
    }

    [Fact]
    public async Task The_control_lena_herself_gets_her_briefing_through_the_same_doors()
    {
        await using var app = new MeetingPrepApp(new Dictionary<string, string?> { ["Demo:SeedEngagementHistory"] = "false" });
        using var client = app.CreateClient();
        var lena = app.Services.GetRequiredService<DemoTenant>().DefaultUser;
        using var meetings = JsonDocument.Parse(await client.GetStringAsync($"/api/me/meetings?as={lena.Upn}", Ct));
        var meeting = meetings.RootElement.GetProperty("meetings").EnumerateArray().First(m => m.GetProperty("briefed").GetBoolean());
        var id = meeting.GetProperty("id").GetString()!;

        using var card = await client.PostAsJsonAsync($"/api/cards/action?host=outlook&as={lena.Upn}", new { verb = "refresh", data = new { meetingId = id } }, Ct);

        var answer = await card.Content.ReadAsStringAsync(Ct);
        Assert.Contains(Spellings(meeting.GetProperty("subject").GetString()!), s => answer.Contains(s, StringComparison.Ordinal));
    }

    /// <summary>A text as it is and as JSON writes it (quotes and non-ASCII escaped).</summary>
    private static string[] Spellings(string text) => [text, JsonSerializer.Serialize(text)[1..^1]];

    private static async Task<Core.Users.UserRef> NotAttendingAsync(HttpClient client, DemoTenant tenant, string meetingId)
    {
        foreach (var user in tenant.Users.Skip(1))
        {
            using var theirs = JsonDocument.Parse(await client.GetStringAsync($"/api/me/meetings?as={user.Upn}", Ct));
            if (theirs.RootElement.GetProperty("meetings").EnumerateArray().All(m => m.GetProperty("id").GetString() != meetingId))
            {
                return user;
            }
        }

        throw new InvalidOperationException("Every demo user attends the meeting.");
    }
}
