using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Demo.Scenarios;
using MeetingPrep.Testing;
using MeetingPrep.Web.Scenarios;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Web.Tests.Scenarios;

/// <summary>
/// Scenario packs as the format document defines them: a pack using every field loads unchanged and is served through
/// the real host on the pack's clock; malformed packs are refused whole with every problem located.
/// </summary>
public sealed class ScenarioPackTests : IDisposable
{
    internal static readonly string FullFormatPack = Path.Combine(RepoPaths.Root, "tests", "MeetingPrep.Web.Tests", "Scenarios", "Packs", "full-format");

    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("meetingprep-packs-");

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public void A_pack_using_every_field_of_the_format_loads_unchanged()
    {
        var scenario = ScenarioLoader.Load(FullFormatPack);
        var pack = scenario.Pack;

        Assert.Equal(new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero), pack.Now);
        Assert.Equal("Contoso", pack.OrganizationName);
        Assert.Equal(["contoso.com", "contoso.onmicrosoft.com"], pack.Domains);
        var anna = pack.FindUser("ANNA.BERG@contoso.com")!;
        Assert.Equal("3f1c2a9e-4b7d-4e21-9a6f-0c5d8e7b1a23", anna.UserId);
        Assert.Equal("Europe/Berlin", anna.TimeZone);
        var marcus = pack.FindUser("marcus.reed@contoso.com")!;
        Assert.True(Guid.TryParse(marcus.UserId, out _), "an id is derived from the UPN when absent");
        Assert.Equal(marcus.UserId, ScenarioLoader.Load(FullFormatPack).Pack.FindUser(marcus.Upn)!.UserId);
        Assert.Equal("Eastern Standard Time", marcus.TimeZone);
        Assert.All(pack.Users, u => Assert.Equal(pack.TenantId, u.TenantId));

        bool HasEvent(string userId, string eventId) => scenario.Tenant.EventsOf(userId).Any(e => e.Id == eventId);
        Assert.True(HasEvent(anna.UserId, "evt-fab-qbr"));
        Assert.True(HasEvent(anna.UserId, "evt-fab-sync-0203"));
        Assert.True(HasEvent(marcus.UserId, "evt-marcus-fab-qbr"));
        Assert.False(HasEvent(marcus.UserId, "evt-fab-qbr"));
        Assert.Contains("email:msg-credit-1", EvalCommand.KnownSourceIds(scenario));
        Assert.Contains("meeting:evt-marcus-fab-qbr", EvalCommand.KnownSourceIds(scenario));

        var crm = scenario.Tenant.Crm;
        Assert.Single(crm.Accounts);
        Assert.Equal(2, crm.Contacts.Count);
        Assert.Equal(2, crm.Opportunities.Count);
        Assert.Contains("\"no signature until the outage credit is settled\"", crm.Notes.Single().Text, StringComparison.Ordinal);
        Assert.Single(crm.Cases);
        Assert.Equal(3, crm.Metrics.Single().Points.Count);

        var expect = pack.Expectations!;
        Assert.Equal(2, expect.Meetings.Count);
        var qbr = expect.Meetings[0];
        Assert.Equal(["priya@fabrikam.com", "dan.okafor@fabrikam.com"], qbr.Attendees!.External);
        Assert.Equal(["marcus.reed@contoso.com"], qbr.Attendees.Absent);
        Assert.True(qbr.KeyPoints[0].Lead);
        Assert.Equal([["renewal"], ["240"]], qbr.KeyPoints[0].Mentions.Select(m => m.ToArray()).ToArray());
        Assert.Matches(qbr.MustNotSay[0].Pattern, "From us: Anna Berg, Marcus Reed");
        Assert.False(expect.Meetings[1].Briefed);
    }

    [Fact]
    public async Task The_host_serves_a_pack_on_its_clock_with_each_attendee_on_their_side()
    {
        await using var app = new MeetingPrepApp(new Dictionary<string, string?> { ["Demo:ScenarioPath"] = FullFormatPack });
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        // No window given: the meetings API starts at the app's "now", which is the pack's.
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/me/meetings?as=anna.berg@contoso.com", ct));
        var ids = list.RootElement.GetProperty("meetings").EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        Assert.Contains("evt-fab-qbr", ids);
        Assert.DoesNotContain("evt-fab-sync-0203", ids);
        Assert.StartsWith("2026-03-10T08:00", list.RootElement.GetProperty("from").GetString(), StringComparison.Ordinal);

        using var response = await client.GetAsync("/api/meetings/evt-fab-qbr/briefing?as=anna.berg@contoso.com", ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var briefing = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        var attendees = briefing["meeting"]!["attendees"]!.AsArray()
            .ToDictionary(a => (string)a!["email"]!, a => ((string)a!["side"]!, (bool)a!["isOrganizer"]!), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(("internal", true), attendees["anna.berg@contoso.com"]);
        Assert.Equal(("external", false), attendees["priya@fabrikam.com"]);
        Assert.Equal(("external", false), attendees["dan.okafor@fabrikam.com"]);
        Assert.False(attendees.ContainsKey("marcus.reed@contoso.com"), "Marcus declined");
        Assert.False(attendees.ContainsKey("spree@contoso.com"), "rooms are not people");
        var sources = briefing["sources"]!.AsArray().Select(s => (string)s!["id"]!).ToList();
        Assert.Contains("opportunity:opp-fab-renewal", sources);

        using var dentist = await client.GetAsync("/api/meetings/evt-dentist/briefing?as=anna.berg@contoso.com", ct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, dentist.StatusCode);
    }

    [Fact]
    public void Every_problem_of_a_malformed_pack_is_listed_with_its_file_and_location_and_nothing_is_served()
    {
        var folder = CopyPack("malformed");
        Edit(folder, "scenario.json", s =>
        {
            s.AsObject().Remove("now");
            s["users"]![1]!["timeZone"] = "Mars/Olympus_Mons";
        });
        Edit(folder, "graph/anna.berg@contoso.com/events.json", e =>
        {
            e[0]!["end"]!["dateTime"] = "2026-03-11T13:00:00.0000000";
            e[0]!["attendees"]![0]!["emailAddress"]!["address"] = "priya at fabrikam";
            e[1]!.AsObject().Remove("seriesMasterId");
            e[2]!["sensitivity"] = "secret";
            e[3]!.AsObject().Remove("start");
        });
        File.WriteAllText(Path.Combine(folder, "graph", "anna.berg@contoso.com", "messages.json"), "[ { \"id\": \"m1\", ");
        Directory.CreateDirectory(Path.Combine(folder, "graph", "nobody@contoso.com"));
        File.AppendAllText(Path.Combine(folder, "crm", "contacts.csv"), "con-x,acc-nowhere,X,x@fabrikam.com,,,,\n");
        Edit(folder, "expect.json", x =>
        {
            x["meetings"]![0]!["keyPoints"]![0]!["sources"]![0] = "deal:opp-fab-renewal";
            x["meetings"]![0]!["mustNotSay"]![0]!["pattern"] = "(unclosed";
            x["meetings"]![1]!["event"] = "evt-nowhere";
        });

        var ex = Assert.Throws<ScenarioPackException>(() => ScenarioLoader.Load(folder));
        var problems = ex.Problems.Select(p => p.ToString()).ToList();

        void Has(string file, string location, string text) =>
            Assert.True(
                problems.Exists(p => p.StartsWith(location.Length == 0 ? file + ":" : $"{file} {location}", StringComparison.Ordinal) && p.Contains(text, StringComparison.Ordinal)),
                $"No problem '{file} {location}: …{text}…' among:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
        Has("scenario.json", "$.now", "is required");
        Has("scenario.json", "$.users[1].timeZone", "Mars/Olympus_Mons");
        Has("crm/contacts.csv", "line 4, column 2 (account_id)", "acc-nowhere");

        // scenario.json is wrong, so the calendars are judged once it is fixed; CSV problems are listed regardless.
        Edit(folder, "scenario.json", s => s["now"] = "2026-03-10T08:00:00Z");
        Edit(folder, "scenario.json", s => s["users"]![1]!["timeZone"] = "Eastern Standard Time");
        ex = Assert.Throws<ScenarioPackException>(() => ScenarioLoader.Load(folder));
        problems = [.. ex.Problems.Select(p => p.ToString())];
        Has("graph/anna.berg@contoso.com/events.json", "$[0].end", "is before start");
        Has("graph/anna.berg@contoso.com/events.json", "$[0].attendees[0].emailAddress.address", "'priya at fabrikam' is not an e-mail address");
        Has("graph/anna.berg@contoso.com/events.json", "$[1].seriesMasterId", "is required for an event of type 'occurrence'");
        Has("graph/anna.berg@contoso.com/events.json", "$[2].sensitivity", "'secret' is not one of normal, personal, private, confidential");
        Has("graph/anna.berg@contoso.com/events.json", "$[3].start", "is required");
        Has("graph/anna.berg@contoso.com/messages.json", "line 1", "is not valid JSON");
        Has("graph/nobody@contoso.com", string.Empty, "no user 'nobody@contoso.com' in scenario.json");
        Has("crm/contacts.csv", "line 4, column 2 (account_id)", "acc-nowhere");
        Has("expect.json", "$.meetings[0].keyPoints[0].sources[0]", "'deal:opp-fab-renewal' is not a source id");
        Has("expect.json", "$.meetings[0].mustNotSay[0].pattern", "is not a .NET regular expression");
        Has("expect.json", "$.meetings[1].event", "no event 'evt-nowhere'");
        Assert.True(problems.Count >= 11, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task A_host_given_a_bad_pack_does_not_start_and_says_why()
    {
        var folder = CopyPack("bad-host");
        Edit(folder, "scenario.json", s => s["formatVersion"] = 2);

        var (exitCode, _, stderr) = await HostProcess.RunAsync("Development", [("Demo__ScenarioPath", folder)]);

        Assert.Equal(2, exitCode);
        Assert.Contains("scenario.json $.formatVersion: 2 is not supported", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_scenario_clock_starts_at_the_pack_now_and_runs_on_unless_frozen()
    {
        var now = new DateTimeOffset(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);
        var real = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var running = new ScenarioClock(now, frozen: false, real);
        var frozen = new ScenarioClock(now, frozen: true, real);

        Assert.Equal(now, running.GetUtcNow());
        real.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(now.AddMinutes(5), running.GetUtcNow());
        Assert.Equal(now, frozen.GetUtcNow());
    }

    [Fact]
    public async Task The_command_line_verbs_take_a_pack_with_scenario()
    {
        var (exitCode, stdout, stderr) = await HostProcess.RunAsync(
            "Development", [], "brief", "--scenario", FullFormatPack, "--user", "anna.berg@contoso.com", "--meeting", "evt-fab-qbr");

        Assert.True(exitCode == 0, stderr);
        Assert.Contains("Fabrikam quarterly business review", stdout, StringComparison.Ordinal);
        Assert.Contains("Fabrikam renewal 2026", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_bodies_missing_unique_bodies_and_windows_zones_are_read_as_graph_means_them()
    {
        var tenant = ScenarioLoader.Load(FullFormatPack).Tenant;
        var anna = tenant.FindUser("anna.berg@contoso.com")!;
        var sync = tenant.EventsOf(anna.UserId).Single(e => e.Id == "evt-fab-sync-0203");

        // 15:00 in W. Europe Standard Time on 3 February is 14:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 14, 0, 0, TimeSpan.Zero), sync.Start);
        Assert.Equal("occurrence", sync.Type);
        var reply = tenant.MessagesOf(anna.UserId).Single(m => m.Id == "msg-credit-2");
        Assert.Contains("credit note by Friday.<br>", reply.UniqueBodyHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("Original Message", reply.UniqueBodyHtml, StringComparison.Ordinal);
        var first = tenant.MessagesOf(anna.UserId).Single(m => m.Id == "msg-credit-1");
        Assert.Equal(first.BodyHtml, first.UniqueBodyHtml);
        Assert.Equal("https://outlook.office365.com/owa/?ItemID=msg-credit-1&exvsurl=1&viewmodel=ReadMessageItem", first.WebLink);
    }

    private string CopyPack(string name)
    {
        var target = Path.Combine(_temp.FullName, name);
        foreach (var file in Directory.EnumerateFiles(FullFormatPack, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(FullFormatPack, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    private static void Edit(string folder, string file, Action<JsonNode> edit)
    {
        var path = Path.Combine(folder, file);
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        edit(node);
        File.WriteAllText(path, node.ToJsonString());
    }
}
