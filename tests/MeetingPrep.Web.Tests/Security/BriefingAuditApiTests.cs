using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Users;
using MeetingPrep.Web.Auth;
using MeetingPrep.Storage;
using MeetingPrep.Storage.Entities;
using MeetingPrep.Web.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace MeetingPrep.Web.Tests.Security;

/// <summary>
/// The audit trail through the real host and the demo tenant's real connectors: every briefing written leaves a record
/// of the sources read, as whom and with what outcome, and of its writer; its user (only) reads it, their admin reads the
/// tenant's, the stored row holds none of the meeting's or the mail's content, and export and "forget me" cover it.
/// </summary>
public sealed class BriefingAuditApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_briefing_leaves_a_record_of_its_sources_and_writer_that_its_user_reads()
    {
        await using var app = new MeetingPrepApp(clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));
        using var client = app.CreateClient();
        var (lena, other) = DemoUsers(app);
        var meeting = await NextMeetingAsync(app, lena);

        using var briefing = await client.GetAsync($"/api/meetings/{Uri.EscapeDataString(meeting.Id)}/briefing?as={lena.Upn}", Ct);
        Assert.Equal(HttpStatusCode.OK, briefing.StatusCode);
        var own = await client.GetFromJsonAsync<JsonObject>($"/api/me/briefings/{Uri.EscapeDataString(meeting.Id)}/audit?as={lena.Upn}", Ct);
        var theirs = await client.GetFromJsonAsync<JsonObject>($"/api/me/briefings/{Uri.EscapeDataString(meeting.Id)}/audit?as={other.Upn}", Ct);

        var record = Assert.Single(own!["briefings"]!.AsArray())!;
        Assert.Equal(meeting.Id, record["meetingId"]!.GetValue<string>());
        Assert.Equal(lena.UserId, record["userId"]!.GetValue<string>());
        Assert.Equal(Core.Briefings.Writing.ExtractiveBriefingWriter.WriterName, record["writer"]!.GetValue<string>());
        Assert.Null(record["model"]);
        Assert.False(record["fellBack"]!.GetValue<bool>());
        var sources = record["sources"]!.AsArray();
        Assert.Equal(["calendar", "mail", "crm"], sources.Select(s => s!["source"]!.GetValue<string>()));
        Assert.All(sources, s => Assert.Equal("Application", s!["access"]!.GetValue<string>()));
        Assert.All(sources, s => Assert.Equal("ok", s!["outcome"]!.GetValue<string>()));
        Assert.Contains(sources, s => s!["source"]!.GetValue<string>() == "mail" && s["items"]!.GetValue<int>() > 0);

        // The same meeting id asked for by a colleague shows nothing of Lena's.
        Assert.Empty(theirs!["briefings"]!.AsArray());
    }

    [Fact]
    public async Task The_stored_record_holds_no_subject_address_or_mail_text()
    {
        await using var app = new MeetingPrepApp(clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));
        using var client = app.CreateClient();
        var (lena, _) = DemoUsers(app);
        var meeting = await NextMeetingAsync(app, lena);
        var written = await client.GetFromJsonAsync<JsonObject>($"/api/meetings/{Uri.EscapeDataString(meeting.Id)}/briefing?as={lena.Upn}", Ct);

        // What the briefing read: the mail with the meeting's external people (as the mail source returns it) and the
        // briefing's own lines and source titles.
        var externals = ClientMeetings.ExternalEmails(meeting);
        var mail = await app.Services.GetRequiredService<IMailSource>()
            .GetRecentMessagesAsync(lena, externals, MeetingPrepApp.FixedNow.AddDays(-90), 25, Ct);
        Assert.NotEmpty(mail);
        var content = new List<string> { meeting.Subject, lena.Upn };
        content.AddRange(externals);
        content.AddRange(mail.Select(m => m.Subject));
        content.AddRange(mail.SelectMany(m => Fragments(m.Text)));
        content.AddRange(written!["sources"]!.AsArray().Select(s => s!["title"]!.GetValue<string>()));
        content.AddRange(written["sections"]!.AsArray().SelectMany(s => s!["items"]!.AsArray()).Select(i => i!["text"]!.GetValue<string>()));

        await using var scope = app.Services.CreateAllTenantsScope();
        var rows = await scope.ServiceProvider.GetRequiredService<MeetingPrepDbContext>().Set<BriefingAuditEntity>().AsNoTracking().ToListAsync(Ct);
        var row = Assert.Single(rows);
        var stored = string.Join('\n', row.TenantId, row.UserId, row.MeetingId, row.Writer, row.Model, row.SourcesJson);
        Assert.Contains("\"source\":\"mail\"", row.SourcesJson, StringComparison.Ordinal);
        foreach (var text in content.Where(t => t.Length >= 8))
        {
            Assert.DoesNotContain(text, stored, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("@", row.SourcesJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_holds_the_users_records_forget_me_deletes_them_and_an_admin_reads_the_tenants()
    {
        await using var app = new MeetingPrepApp(clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));
        using var client = app.CreateClient();
        var (lena, other) = DemoUsers(app);
        foreach (var user in new[] { lena, other })
        {
            var meeting = await NextMeetingAsync(app, user);
            (await client.GetAsync($"/api/meetings/{Uri.EscapeDataString(meeting.Id)}/briefing?as={user.Upn}", Ct)).Dispose();
        }

        var admin = await client.GetFromJsonAsync<JsonObject>($"/api/admin/audit?as={lena.Upn}", Ct);
        var oneUser = await client.GetFromJsonAsync<JsonObject>($"/api/admin/audit?as={lena.Upn}&user={other.UserId}", Ct);
        var export = await client.GetFromJsonAsync<JsonObject>($"/api/me/export?as={lena.Upn}", Ct);
        using var forget = await client.DeleteAsync($"/api/me/data?as={lena.Upn}", Ct);
        var after = await client.GetFromJsonAsync<JsonObject>($"/api/admin/audit?as={lena.Upn}", Ct);
        using var badWindow = await client.GetAsync($"/api/admin/audit?as={lena.Upn}&from=9999-12-31T23:59:59Z", Ct);

        Assert.Equal([lena.UserId, other.UserId], admin!["briefings"]!.AsArray().Select(r => r!["userId"]!.GetValue<string>()).Order());
        Assert.Equal([other.UserId], oneUser!["briefings"]!.AsArray().Select(r => r!["userId"]!.GetValue<string>()));
        Assert.Equal([lena.UserId], export!["briefingAudit"]!.AsArray().Select(r => r!["userId"]!.GetValue<string>()));
        Assert.Equal(1, (await forget.Content.ReadFromJsonAsync<JsonObject>(Ct))!["audit"]!.GetValue<int>());
        Assert.Equal([other.UserId], after!["briefings"]!.AsArray().Select(r => r!["userId"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.BadRequest, badWindow.StatusCode);
    }

    /// <summary>Runs of words long enough to be distinctive, so a stored fragment of the text is caught too.</summary>
    private static IEnumerable<string> Fragments(string text) =>
        text.Split(['\n', '.', '!', '?'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(s => s.Length >= 16);

    [Fact]
    public async Task The_briefing_names_its_audit_url_and_how_this_was_made_answers_with_the_readers_own_record_as_a_card()
    {
        await using var app = new MeetingPrepApp(clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));
        using var client = app.CreateClient();
        var (lena, other) = DemoUsers(app);
        var meeting = await NextMeetingAsync(app, lena);
        var id = Uri.EscapeDataString(meeting.Id);

        var briefing = await client.GetFromJsonAsync<JsonObject>($"/api/meetings/{id}/briefing?as={lena.Upn}", Ct);
        var auditUrl = briefing!["auditUrl"]!.GetValue<string>();
        var audit = await client.GetFromJsonAsync<JsonObject>($"{auditUrl}?as={lena.Upn}", Ct);
        var card = await client.GetStringAsync($"/api/meetings/{id}/card?host=outlook&as={lena.Upn}", Ct);
        var howMade = await ActAsync(client, lena, meeting.Id);
        var colleagues = await ActAsync(client, other, meeting.Id);

        Assert.Equal($"/api/me/briefings/{id}/audit", auditUrl);
        Assert.Single(audit!["briefings"]!.AsArray());
        Assert.Contains("\"verb\":\"briefing.audit\"", card, StringComparison.Ordinal);
        // In the reader's language: Lena reads German (de-DE), her colleague English.
        Assert.Contains("So entstand dieses Briefing", howMade, StringComparison.Ordinal);
        Assert.Contains("Gelesene Quellen", howMade, StringComparison.Ordinal);
        Assert.Contains("als MeetingPrep-App", howMade, StringComparison.Ordinal);
        Assert.Contains(Core.Briefings.Writing.ExtractiveBriefingWriter.WriterName, howMade, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"refresh\"", howMade, StringComparison.Ordinal);
        Assert.DoesNotContain(meeting.Subject, howMade, StringComparison.Ordinal);
        Assert.DoesNotContain(lena.Upn, howMade, StringComparison.OrdinalIgnoreCase);

        // A colleague asking about the same meeting sees no record of Lena's.
        Assert.Contains("No record yet", colleagues, StringComparison.Ordinal);
    }

    private static async Task<string> ActAsync(HttpClient client, UserRef user, string meetingId)
    {
        using var response = await client.PostAsJsonAsync(
            $"/api/cards/action?host=outlook&as={user.Upn}", new { verb = "briefing.audit", data = new { meetingId } }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static (UserRef First, UserRef Second) DemoUsers(MeetingPrepApp app)
    {
        var users = app.Services.GetRequiredService<DemoDirectory>().Users;
        return (users[0], users[1]);
    }

    private static async Task<Meeting> NextMeetingAsync(MeetingPrepApp app, UserRef user)
    {
        await using var scope = app.Services.CreateAllTenantsScope();
        return (await scope.ServiceProvider.GetRequiredService<BriefingService>().FindNextBriefedMeetingAsync(user, MeetingPrepApp.FixedNow, Ct))!;
    }
}
