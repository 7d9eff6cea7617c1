using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage;
using MeetingPrep.Teams.Bot.Handlers;
using MeetingPrep.Web.Auth;
using MeetingPrep.Web.Security;
using MeetingPrep.Web.Tests.Bot;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MeetingPrep.Web.Tests.Security;

/// <summary>
/// People's rights through the real host: their own export, "forget me" (API and chat), an admin's purge of one user,
/// and the retention job on a fake clock.
/// </summary>
public sealed class UserDataRightsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_exports_their_own_data_and_forget_me_deletes_it_and_nobody_elses()
    {
        await using var app = new MeetingPrepApp();
        using var client = app.CreateClient();
        var (lena, other) = DemoUsers(app);
        await PostFeedbackAsync(client, lena.Upn, "lena's note");
        await PostFeedbackAsync(client, other.Upn, "their note");

        var own = await client.GetStringAsync($"/api/me/export?as={lena.Upn}", Ct);
        using var forget = await client.DeleteAsync($"/api/me/data?as={lena.Upn}", Ct);
        var after = await client.GetFromJsonAsync<JsonObject>($"/api/me/export?as={lena.Upn}", Ct);
        var theirs = await client.GetStringAsync($"/api/me/export?as={other.Upn}", Ct);

        Assert.Contains("lena's note", own, StringComparison.Ordinal);
        Assert.DoesNotContain("their note", own, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, forget.StatusCode);
        Assert.Empty(after!["feedback"]!.AsArray());
        Assert.Contains("their note", theirs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_purges_one_user_of_their_tenant()
    {
        await using var app = new MeetingPrepApp();
        using var client = app.CreateClient();
        var (lena, other) = DemoUsers(app);
        await PostFeedbackAsync(client, other.Upn, "their note");
        await PostFeedbackAsync(client, lena.Upn, "lena's note");

        using var purge = await client.DeleteAsync($"/api/admin/users/{other.UserId}/data?as={lena.Upn}", Ct);

        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        Assert.Equal(1, (await purge.Content.ReadFromJsonAsync<JsonObject>(Ct))!["feedback"]!.GetValue<int>());
        Assert.DoesNotContain("their note", await client.GetStringAsync($"/api/me/export?as={other.Upn}", Ct), StringComparison.Ordinal);
        Assert.Contains("lena's note", await client.GetStringAsync($"/api/me/export?as={lena.Upn}", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_retention_job_deletes_what_is_older_than_retention_days_only()
    {
        var clock = new FakeTimeProvider(MeetingPrepApp.FixedNow);
        await using var app = new MeetingPrepApp(new Dictionary<string, string?> { ["Retention:Days"] = "30" }, clock: clock);
        using var client = app.CreateClient();
        var (lena, _) = DemoUsers(app);
        await PostFeedbackAsync(client, lena.Upn, "old note");
        clock.Advance(TimeSpan.FromDays(20));
        await PostFeedbackAsync(client, lena.Upn, "newer note");
        clock.Advance(TimeSpan.FromDays(11));

        PurgeSummary summary;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            summary = await scope.ServiceProvider.GetRequiredService<RetentionJob>().RunAsync(Ct);
        }

        Assert.Equal(1, summary.Feedback);
        var left = await client.GetStringAsync($"/api/me/export?as={lena.Upn}", Ct);
        Assert.DoesNotContain("old note", left, StringComparison.Ordinal);
        Assert.Contains("newer note", left, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forget_me_in_chat_deletes_the_users_rows_and_says_so()
    {
        await using var channel = await TestChannel.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        connector.UpnByMemberId[BotScenario.LenaTeamsId] = BotScenario.LenaUpn;
        await using var host = new BotHost(channel, connector);
        using var client = await host.StartAsync();
        var install = BotHost.Activity("installationUpdate", connector.ServiceUrl, id: "inst-f");
        install["action"] = "add";
        (await client.SendAsync(BotHost.Post(install, channel.Mint(connector.ServiceUrl)), Ct)).Dispose();
        await using (var seed = host.Services.CreateAllTenantsScope())
        {
            await seed.ServiceProvider.GetRequiredService<IFeedbackStore>().AddAsync(
                new FeedbackEntry(BotScenario.Tenant, BotScenario.LenaOid, "m1", "case:1", FeedbackKind.Wrong, "closed", DateTimeOffset.UtcNow), Ct);
        }

        using var response = await client.SendAsync(BotHost.Post(BotHost.Activity("message", connector.ServiceUrl, "Forget me!", id: "msg-f"), channel.Mint(connector.ServiceUrl)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(connector.Activities, r => r.Body.Contains("I deleted everything I kept about you", StringComparison.Ordinal));
        await using var check = host.Services.CreateAllTenantsScope();
        var db = check.ServiceProvider.GetRequiredService<MeetingPrepDbContext>();
        Assert.Equal(0, await db.Feedback.CountAsync(Ct));
        Assert.Equal(0, await db.Set<Storage.Entities.ConversationReferenceEntity>().CountAsync(Ct));
        Assert.True(MessageHandler.IsForgetMe("vergiss mich."));
        Assert.False(MessageHandler.IsForgetMe("what did we forget to send Priya"));
    }

    private static (Core.Users.UserRef First, Core.Users.UserRef Second) DemoUsers(MeetingPrepApp app)
    {
        var users = app.Services.GetRequiredService<DemoDirectory>().Users;
        return (users[0], users[1]);
    }

    /// <summary>A vote on the user's first meeting of the demo's fortnight (votes are only taken for meetings the user attends).</summary>
    private static async Task PostFeedbackAsync(HttpClient client, string upn, string comment)
    {
        var from = Uri.EscapeDataString(MeetingPrepApp.FixedNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var to = Uri.EscapeDataString(MeetingPrepApp.FixedNow.AddDays(14).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        var meetings = JsonNode.Parse(await client.GetStringAsync($"/api/me/meetings?as={upn}&from={from}&to={to}", Ct))!["meetings"]!.AsArray();
        var id = Uri.EscapeDataString(meetings[0]!["id"]!.GetValue<string>());
        using var response = await client.PostAsJsonAsync($"/api/meetings/{id}/feedback?as={upn}", new { kind = "helpful", comment }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
