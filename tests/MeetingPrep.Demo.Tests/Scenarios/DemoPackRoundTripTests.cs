using MeetingPrep.Demo.Sandbox;
using MeetingPrep.Demo.Scenarios;
using MeetingPrep.Testing;
using Xunit;

namespace MeetingPrep.Demo.Tests.Scenarios;

/// <summary>The demo tenant written as a pack and read back is the same tenant, event for event and message for message.</summary>
public sealed class DemoPackRoundTripTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("meetingprep-pack-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Writing_the_demo_as_a_pack_and_reading_it_back_serves_identical_graph_json()
    {
        var original = DemoTenant.Create(DemoTenantTests.Now, 42);
        ScenarioPackWriter.Write(original, _folder.FullName, "round trip", new Dictionary<string, string>());

        var pack = ScenarioPackReader.Read(_folder.FullName);
        var loaded = DemoTenant.FromPack(pack, original.Crm);

        Assert.Equal(original.Now, loaded.Now);
        Assert.Equal(original.TenantId, loaded.TenantId);
        Assert.Equal(original.Domains, loaded.Domains);
        Assert.Equal(original.Users, loaded.Users);
        var utc = new Rendering(TimeZoneInfo.Utc, "UTC", TextBodies: false);
        foreach (var user in original.Users)
        {
            var events = original.EventsOf(user.UserId).Where(e => e.Type != "seriesMaster").OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
            var back = loaded.EventsOf(user.UserId).OrderBy(e => e.Id, StringComparer.Ordinal).ToList();
            Assert.NotEmpty(events);
            Assert.Equal(events.Select(e => e.Id), back.Select(e => e.Id));
            for (var i = 0; i < events.Count; i++)
            {
                Assert.Equal(
                    GraphJson.Write(w => GraphJson.WriteEvent(w, events[i], null, utc)).AsSpan().ToArray(),
                    GraphJson.Write(w => GraphJson.WriteEvent(w, back[i], null, utc)));
            }

            var messages = original.MessagesOf(user.UserId).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
            var backMessages = loaded.MessagesOf(user.UserId).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
            Assert.NotEmpty(messages);
            Assert.Equal(messages.Count, backMessages.Count);
            for (var i = 0; i < messages.Count; i++)
            {
                Assert.Equal(
                    System.Text.Encoding.UTF8.GetString(GraphJson.Write(w => GraphJson.WriteMessage(w, messages[i], null, utc))),
                    System.Text.Encoding.UTF8.GetString(GraphJson.Write(w => GraphJson.WriteMessage(w, backMessages[i], null, utc))));
            }
        }
    }

    [Fact]
    public void The_committed_demo_pack_is_the_demo_tenant_of_its_clock_and_seed()
    {
        // samples/scenarios/contoso-demo is written by `scenario export`; if the generator changes, export it again.
        var folder = Path.Combine(RepoPaths.Root, "samples", "scenarios", "contoso-demo");
        var pack = ScenarioPackReader.Read(folder);
        var generated = DemoTenant.Create(pack.Now, 42);
        var fromPack = DemoTenant.FromPack(pack, generated.Crm);
        var utc = new Rendering(TimeZoneInfo.Utc, "UTC", TextBodies: false);
        foreach (var user in generated.Users)
        {
            var expected = generated.EventsOf(user.UserId).Where(e => e.Type != "seriesMaster").OrderBy(e => e.Id, StringComparer.Ordinal)
                .Select(e => System.Text.Encoding.UTF8.GetString(GraphJson.Write(w => GraphJson.WriteEvent(w, e, null, utc))));
            var actual = fromPack.EventsOf(user.UserId).OrderBy(e => e.Id, StringComparer.Ordinal)
                .Select(e => System.Text.Encoding.UTF8.GetString(GraphJson.Write(w => GraphJson.WriteEvent(w, e, null, utc))));
            Assert.Equal(expected, actual);
        }
    }
}
