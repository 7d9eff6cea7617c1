using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingPrep.Testing;
using Xunit;

namespace MeetingPrep.Demo.Tests;

/// <summary>
/// The sandbox must look like Graph to the production connector: for the same $select as the shared wire-format
/// fixtures, every event, message and organization it returns has exactly the fixture's properties, with the same JSON
/// kinds, recursively.
/// </summary>
public sealed partial class FixtureShapeTests
{
    private static readonly DateTimeOffset Now = DemoTenantTests.Now;

    private static JsonElement Fixture(string name)
    {
        var path = Path.Combine(RepoPaths.Shared, "fixtures", "graph", name);
        Assert.True(File.Exists(path), $"fixture {path} is missing");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    /// <summary>The $select list a fixture was captured with, read from its @odata.context.</summary>
    private static string SelectOf(JsonElement fixture) =>
        SelectList().Match(fixture.GetProperty("@odata.context").GetString()!).Groups[1].Value;

    [Fact]
    public async Task Calendar_view_events_have_the_fixture_shape()
    {
        var page1 = Fixture("calendarview-page1.json");
        var page2 = Fixture("calendarview-page2.json");
        var samples = page1.GetProperty("value").EnumerateArray().Concat(page2.GetProperty("value").EnumerateArray()).ToList();
        var tenant = DemoTenant.Create(Now, 7);
        using var client = new SandboxClient(tenant);
        var events = new List<JsonElement>();
        foreach (var user in tenant.Users)
        {
            events.AddRange((await client.CalendarViewAsync(user.Upn, Now.AddDays(-7), Now.AddDays(14), top: 100,
                prefer: "outlook.timezone=\"Pacific Standard Time\"", select: SelectOf(page1))).Events);
        }

        var fixtureNames = samples.Select(Names).Distinct().ToList();
        var expected = Assert.Single(fixtureNames);
        Assert.All(events, e => Assert.Equal(expected, Names(e)));

        // Same kinds as a fixture event of the same nature (online vs not, room vs not).
        var online = samples.First(s => s.GetProperty("onlineMeeting").ValueKind == JsonValueKind.Object);
        var offline = samples.First(s => s.GetProperty("onlineMeeting").ValueKind == JsonValueKind.Null);
        var room = samples.First(s => s.GetProperty("location").TryGetProperty("locationUri", out _));
        Assert.All(events, e => SameShape(e.GetProperty("onlineMeeting").ValueKind == JsonValueKind.Null ? offline : online, e, "event", ignore: "location"));
        Assert.All(events.Where(e => e.GetProperty("location").TryGetProperty("locationUri", out _)), e => SameShape(room.GetProperty("location"), e.GetProperty("location"), "location"));
        Assert.Contains(events, e => e.GetProperty("location").TryGetProperty("locationUri", out _));
    }

    [Fact]
    public async Task Searched_messages_have_the_fixture_shape()
    {
        var fixture = Fixture("messages-search-participants.json");
        var sample = fixture.GetProperty("value")[0];
        using var client = new SandboxClient(DemoTenant.Create(Now, 7));
        var (_, page) = await client.GetAsync(
            "users/lena.vogt@contoso.com/messages?%24search=%22participants%3Apriya.raman%40fabrikam.com%22&%24top=3&%24select=" + Uri.EscapeDataString(SelectOf(fixture)),
            "outlook.body-content-type=\"text\"");

        Assert.Equal(3, page.GetProperty("value").GetArrayLength());
        Assert.True(page.TryGetProperty("@odata.nextLink", out _));
        Assert.All(page.GetProperty("value").EnumerateArray(), m => SameShape(sample, m, "message"));
    }

    [Fact]
    public async Task Organization_has_the_fixture_shape()
    {
        var fixture = Fixture("organization-verifieddomains.json");
        using var client = new SandboxClient(DemoTenant.Create(Now, 7));
        var (_, page) = await client.GetAsync("organization?%24select=" + Uri.EscapeDataString(SelectOf(fixture)));

        SameShape(fixture.GetProperty("value")[0], page.GetProperty("value")[0], "organization");
    }

    [Fact]
    public async Task Batch_response_has_the_fixture_shape()
    {
        var fixture = Fixture("batch-response.json");
        using var client = new SandboxClient(DemoTenant.Create(Now, 7));
        var body = """
            {"requests":[
              {"id":"1","method":"GET","url":"/users/lena.vogt@contoso.com/messages?$search=\"participants:dan.okafor@fabrikam.com\"&$top=1&$select=id,conversationId,subject,bodyPreview,from,receivedDateTime,webLink"},
              {"id":"2","method":"GET","url":"/users/no.such.user@contoso.com/messages?$top=1"}]}
            """;
        var (_, json) = await client.PostJsonAsync("$batch", body);
        var responses = json.GetProperty("responses").EnumerateArray().ToList();
        var fixtureOk = fixture.GetProperty("responses").EnumerateArray().First(r => r.GetProperty("id").GetString() == "2");
        var fixtureError = fixture.GetProperty("responses").EnumerateArray().First(r => r.GetProperty("id").GetString() == "4");

        Assert.Equal(["id", "status", "headers", "body"], responses[0].EnumerateObject().Select(p => p.Name).ToArray());
        SameShape(fixtureOk.GetProperty("body").GetProperty("value")[0], responses[0].GetProperty("body").GetProperty("value")[0], "batch message");
        SameShape(fixtureError.GetProperty("body"), responses[1].GetProperty("body"), "batch error");
        Assert.StartsWith("application/json", responses[1].GetProperty("headers").GetProperty("Content-Type").GetString(), StringComparison.Ordinal);
    }

    private static string Names(JsonElement e) => string.Join(",", e.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

    /// <summary>Same property names and JSON kinds as the fixture, recursively (arrays compared by their first item).</summary>
    private static void SameShape(JsonElement fixture, JsonElement actual, string where, string? ignore = null)
    {
        Assert.True(fixture.ValueKind == actual.ValueKind
            || (fixture.ValueKind is JsonValueKind.True or JsonValueKind.False && actual.ValueKind is JsonValueKind.True or JsonValueKind.False),
            $"{where}: expected {fixture.ValueKind}, got {actual.ValueKind}");
        if (fixture.ValueKind == JsonValueKind.Object)
        {
            Assert.Equal(Names(fixture), Names(actual));
            foreach (var property in fixture.EnumerateObject().Where(p => p.Name != ignore))
            {
                var value = actual.GetProperty(property.Name);
                if (property.Value.ValueKind != JsonValueKind.Null && value.ValueKind != JsonValueKind.Null)
                {
                    SameShape(property.Value, value, where + "." + property.Name);
                }
            }
        }
        else if (fixture.ValueKind == JsonValueKind.Array && fixture.GetArrayLength() > 0 && actual.GetArrayLength() > 0)
        {
            SameShape(fixture[0], actual[0], where + "[0]");
        }
    }

    [GeneratedRegex(@"\(([^()]*)\)$")]
    private static partial Regex SelectList();
}
