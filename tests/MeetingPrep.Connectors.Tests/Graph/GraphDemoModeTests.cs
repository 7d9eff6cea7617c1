using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MeetingPrep.Connectors.Graph;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Graph;

/// <summary>
/// Demo mode: the host passes an in-process Graph sandbox as the primary handler, with anonymous auth and the sandbox's
/// https base URL. The connector code under the SDK middleware must work unchanged over it, $batch included.
/// </summary>
public sealed class GraphDemoModeTests
{
    private const string SandboxBase = "https://graph.sandbox.meetingprep.local/v1.0";

    /// <summary>Stands in for the demo's sandbox at the transport: answers the three request shapes this test needs.</summary>
    private sealed class InProcessGraph : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            Requests.Add($"{request.Method} {uri.AbsolutePath}");
            var path = uri.AbsolutePath;
            string body;
            if (path == "/v1.0/organization")
            {
                body = Fixture("organization-verifieddomains.json");
            }
            else if (path.EndsWith("/calendarView", StringComparison.Ordinal))
            {
                body = GraphJson.Page([GraphJson.Event("demo-1", "2025-03-11T09:00:00.0000000", "2025-03-11T10:00:00.0000000", attendees: [("Alex Kim", "alex.kim@fabrikam.com", "required", "accepted")])]);
            }
            else if (path == "/v1.0/$batch")
            {
                var sent = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!;
                var responses = new JsonArray();
                foreach (var step in sent["requests"]!.AsArray())
                {
                    var message = GraphJson.Message("demo-mail", "2025-03-05T10:00:00Z", "alex.kim@fabrikam.com", ["adelev@contoso.com"], "<p>Demo</p>");
                    responses.Add(new JsonObject { ["id"] = step!["id"]!.GetValue<string>(), ["status"] = 200, ["body"] = new JsonObject { ["value"] = new JsonArray(message) } });
                }

                body = new JsonObject { ["responses"] = responses }.ToJsonString();
            }
            else
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        }

        private static string Fixture(string name) => File.ReadAllText(Path.Combine(RepoPaths.Shared, "fixtures", "graph", name));
    }

    [Fact]
    public async Task The_registered_connector_runs_over_an_in_process_sandbox()
    {
        var sandbox = new InProcessGraph();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGraphConnector(new GraphOptions { BaseUrl = SandboxBase }, _ => sandbox, anonymous: true);
        await using var provider = services.BuildServiceProvider();

        var meetings = await provider.GetRequiredService<ICalendarSource>().GetMeetingsAsync(
            GraphFake.User, new DateTimeOffset(2025, 3, 10, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 3, 17, 0, 0, 0, TimeSpan.Zero), TestContext.Current.CancellationToken);
        var mail = await provider.GetRequiredService<IMailSource>().GetRecentMessagesAsync(
            GraphFake.User, ["alex.kim@fabrikam.com"], new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 5, TestContext.Current.CancellationToken);

        Assert.Equal(["alex.kim@fabrikam.com"], meetings.Single().ExternalAttendees.Select(a => a.Person.Email));
        Assert.Equal("Demo", mail.Single().Text);
        Assert.Equal(
            ["GET /v1.0/organization", $"GET /v1.0/users/{GraphFake.UserId}/calendarView", "POST /v1.0/$batch"],
            sandbox.Requests);
    }
}
