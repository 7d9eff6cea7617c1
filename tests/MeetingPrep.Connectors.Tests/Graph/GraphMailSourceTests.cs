using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Web;
using MeetingPrep.Core.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Graph;

public sealed class GraphMailSourceTests : IDisposable
{
    private static readonly DateTimeOffset Since = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly GraphFake _graph = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.OrdinalIgnoreCase);

    public void Dispose() => _graph.Dispose();

    /// <summary>One inner request of a JSON batch as our fake Graph received it.</summary>
    private sealed record Step(string Id, string Method, string Path, string Search, string Top, string Select)
    {
        public string Address => Search.Trim('"')["participants:".Length..];
    }

    private sealed record Answer(int Status, JsonNode Body, int? RetryAfter = null);

    /// <summary>Serves POST /$batch the way Graph does: one 200 whose body answers each inner request, in reverse order.</summary>
    private void ServeBatch(Func<Step, int, Answer> answer, TimeSpan? delay = null)
    {
        var response = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(req =>
        {
            var steps = ParseSteps(req.Body!);
            var responses = new JsonArray();
            foreach (var step in steps.AsEnumerable().Reverse())
            {
                var attempt = _attempts.AddOrUpdate(step.Address, 1, (_, n) => n + 1);
                var a = answer(step, attempt);
                var headers = new JsonObject { ["Content-Type"] = "application/json" };
                if (a.RetryAfter is { } seconds)
                {
                    headers["Retry-After"] = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                responses.Add(new JsonObject { ["id"] = step.Id, ["status"] = a.Status, ["headers"] = headers, ["body"] = a.Body.DeepClone() });
            }

            return new JsonObject { ["responses"] = responses }.ToJsonString();
        });
        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        _graph.Server.Given(Request.Create().WithPath("/v1.0/$batch").UsingPost()).RespondWith(response);
    }

    private static List<Step> ParseSteps(string body)
    {
        using var doc = JsonDocument.Parse(body);
        return
        [
            .. doc.RootElement.GetProperty("requests").EnumerateArray().Select(r =>
            {
                var url = r.GetProperty("url").GetString()!;
                var q = HttpUtility.ParseQueryString(url.Contains('?', StringComparison.Ordinal) ? url[(url.IndexOf('?', StringComparison.Ordinal) + 1)..] : string.Empty);
                var path = url.Split('?')[0];
                return new Step(r.GetProperty("id").GetString()!, r.GetProperty("method").GetString()!, path, q["$search"] ?? string.Empty, q["$top"] ?? string.Empty, q["$select"] ?? string.Empty);
            }),
        ];
    }

    private static JsonObject Messages(params JsonObject[] items) => new() { ["value"] = new JsonArray([.. items.Select(i => i.DeepClone())]) };

    private static JsonNode Throttled() =>
        JsonNode.Parse("""{"error":{"code":"ApplicationThrottled","message":"Application is over its MailboxConcurrency limit."}}""")!;

    private static string[] Externals(int n) => [.. Enumerable.Range(1, n).Select(i => $"person{i}@fabrikam{i}.example")];

    [Fact]
    public async Task Four_attendees_cost_one_batch_request_and_one_round_trip()
    {
        ServeBatch((step, _) => new Answer(200, Messages(GraphJson.Message(
            "m-" + step.Address, "2025-03-0" + (step.Id.Length + 1) + "T10:00:00Z", step.Address, ["adelev@contoso.com"], "<p>Hello from " + step.Address + "</p>"))));
        var people = Externals(4);

        var messages = await _graph.Mail.GetRecentMessagesAsync(GraphFake.User, people, Since, 5, TestContext.Current.CancellationToken);

        Assert.Equal(4, messages.Count);
        var post = Assert.Single(_graph.Wire.Exchanges);
        Assert.Equal("POST", post.Method);
        Assert.EndsWith("/v1.0/$batch", post.Uri.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(1, _graph.Wire.RoundTrips);
        var steps = ParseSteps(post.Body!);
        Assert.Equal(4, steps.Count);
        Assert.Equal(people.Order(), steps.Select(s => s.Address).Order());
        Assert.All(steps, s =>
        {
            Assert.Equal("GET", s.Method);
            Assert.Equal($"/users/{GraphFake.UserId}/messages", s.Path);
            Assert.Equal("5", s.Top);
            Assert.Equal("id,conversationId,subject,from,toRecipients,ccRecipients,sentDateTime,uniqueBody,webLink,hasAttachments", s.Select);
            Assert.StartsWith("\"participants:", s.Search, StringComparison.Ordinal);
        });
        Assert.Contains(messages, m => m.Text == "Hello from person3@fabrikam3.example");

        // Each search asks for text bodies: no HTML to parse on our side.
        using var batch = JsonDocument.Parse(post.Body!);
        Assert.All(batch.RootElement.GetProperty("requests").EnumerateArray(), r =>
            Assert.Equal("outlook.body-content-type=\"text\"", r.GetProperty("headers").GetProperty("Prefer").GetString()));
    }

    [Fact]
    public async Task Ten_attendees_are_batches_of_at_most_four_requests_one_after_another()
    {
        // Outlook counts each request inside a batch against the mailbox's 4 concurrent: a batch of 4 fills the mailbox.
        ServeBatch((step, _) => new Answer(200, Messages()));

        await _graph.Mail.GetRecentMessagesAsync(GraphFake.User, Externals(10), Since, 3, TestContext.Current.CancellationToken);

        var posts = _graph.Wire.Exchanges;
        Assert.Equal([2, 4, 4], posts.Select(p => ParseSteps(p.Body!).Count).Order());
        Assert.Equal(1, _graph.Wire.MaxInFlight);
        Assert.Equal(3, _graph.Wire.RoundTrips);
    }

    [Fact]
    public async Task Small_batches_share_the_mailbox_up_to_its_limit()
    {
        using var graph = new GraphFake(o => o.MaxConcurrencyPerMailbox = 2);
        graph.Server.Given(Request.Create().WithPath("/v1.0/$batch").UsingPost()).RespondWith(
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(req => new JsonObject
                {
                    ["responses"] = new JsonArray([.. ParseSteps(req.Body!).Select(s => (JsonNode)new JsonObject { ["id"] = s.Id, ["status"] = 200, ["body"] = Messages() })]),
                }.ToJsonString()));

        await graph.Mail.GetRecentMessagesAsync(GraphFake.User, Externals(5), Since, 3, TestContext.Current.CancellationToken);

        Assert.Equal([1, 2, 2], graph.Wire.Exchanges.Select(p => ParseSteps(p.Body!).Count).Order());
        Assert.Equal(1, graph.Wire.MaxInFlight);
    }

    [Fact]
    public async Task Inner_429_and_503_in_a_mixed_batch_are_retried_alone_after_Retry_After()
    {
        string[] people = ["ok@fabrikam.com", "throttled@fabrikam.com", "busy@northwind.com"];
        ServeBatch((step, attempt) => step.Address switch
        {
            "throttled@fabrikam.com" when attempt == 1 => new Answer(429, Throttled(), RetryAfter: 1),
            "busy@northwind.com" when attempt == 1 => new Answer(503, Throttled(), RetryAfter: 1),
            _ => new Answer(200, Messages(GraphJson.Message("m-" + step.Address, "2025-03-05T10:00:00Z", step.Address, ["adelev@contoso.com"], "Hi"))),
        });

        var ct = TestContext.Current.CancellationToken;
        var start = _graph.Clock.GetUtcNow();
        var messages = await _graph.Clock.RunAsync(_graph.Mail.GetRecentMessagesAsync(GraphFake.User, people, Since, 5, ct), TimeSpan.FromSeconds(5), ct);

        Assert.Equal(3, messages.Count);
        var posts = _graph.Wire.Exchanges;
        Assert.Equal(2, posts.Count);
        Assert.Equal(["busy@northwind.com", "throttled@fabrikam.com"], ParseSteps(posts[1].Body!).Select(s => s.Address).Order());
        Assert.Equal(2, _graph.Wire.RoundTrips);
        // One wait of the second both asked for (and a little jitter), on the connector's clock, before the retry.
        Assert.True(posts[1].Started > posts[0].Finished);
        Assert.InRange(_graph.Clock.GetUtcNow() - start, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task A_throttled_batch_request_itself_is_resent_whole_by_the_sdk_retry_handler()
    {
        _graph.Server.Given(Request.Create().WithPath("/v1.0/$batch").UsingPost()).InScenario("outer").WillSetStateTo("open")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"TooManyRequests","message":"Too many requests."}}"""));
        _graph.Server.Given(Request.Create().WithPath("/v1.0/$batch").UsingPost()).InScenario("outer").WhenStateIs("open")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(req => new JsonObject
            {
                ["responses"] = new JsonArray([.. ParseSteps(req.Body!).Select(s => (JsonNode)new JsonObject
                {
                    ["id"] = s.Id, ["status"] = 200,
                    ["body"] = Messages(GraphJson.Message("m-" + s.Address, "2025-03-05T10:00:00Z", s.Address, ["adelev@contoso.com"], "Hi")),
                })]),
            }.ToJsonString()));

        var messages = await _graph.Mail.GetRecentMessagesAsync(GraphFake.User, Externals(3), Since, 5, TestContext.Current.CancellationToken);

        Assert.Equal(3, messages.Count);
        var posts = _graph.Wire.Exchanges;
        Assert.Equal([429, 200], posts.Select(p => p.Status));
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.True(posts[1].Started > posts[0].Finished, "the whole batch was sent again only after the 429 came back");
    }

    [Fact]
    public async Task The_shared_fixture_batch_with_an_inner_404_makes_mail_unavailable_without_waiting_out_the_429()
    {
        var fixture = _graph.Fixture("batch-response.json");
        _graph.Server.Given(Request.Create().WithPath("/v1.0/$batch").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(fixture));

        var ct = TestContext.Current.CancellationToken;
        var reading = _graph.Mail.GetRecentMessagesAsync(GraphFake.User, ["a@fabrikam.com", "b@fabrikam.com", "c@fabrikam.com", "d@fabrikam.com"], Since, 5, ct);
        // The batch runner adds up to a quarter second of jitter to a wait.
        var waiting = _graph.Clock.NextStartedAsync(due => due >= TimeSpan.FromSeconds(7) && due < TimeSpan.FromSeconds(8), ct);

        // The clock stands still: the read ends without starting a wait for the 7 s Retry-After of a batch already failed.
        Assert.Same(reading, await Task.WhenAny(reading, waiting));
        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => reading);
        Assert.Equal("mail", ex.SourceName);
        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
        Assert.Single(_graph.Wire.Exchanges);
    }

    [Fact]
    public async Task Inner_throttling_that_persists_ends_as_a_transient_unavailable_source()
    {
        ServeBatch((_, _) => new Answer(429, Throttled(), RetryAfter: 1));
        var ct = TestContext.Current.CancellationToken;

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => _graph.Clock.RunAsync(_graph.Mail.GetRecentMessagesAsync(
            GraphFake.User, ["a@fabrikam.com"], Since, 5, ct), TimeSpan.FromSeconds(5), ct));

        Assert.True(ex.IsTransient);
        Assert.Equal(_graph.Options.MaxRetries + 1, _graph.Wire.Exchanges.Count);
    }

    [Fact]
    public async Task A_Retry_After_beyond_the_budget_is_not_waited_out()
    {
        ServeBatch((_, _) => new Answer(429, Throttled(), RetryAfter: 600));

        var ct = TestContext.Current.CancellationToken;
        var reading = _graph.Mail.GetRecentMessagesAsync(GraphFake.User, ["a@fabrikam.com"], Since, 5, ct);
        var waiting = _graph.Clock.NextStartedAsync(due => due >= TimeSpan.FromSeconds(600), ct);

        Assert.Same(reading, await Task.WhenAny(reading, waiting));
        await Assert.ThrowsAsync<SourceUnavailableException>(() => reading);
        Assert.Single(_graph.Wire.Exchanges);
    }

    [Fact]
    public async Task Messages_are_merged_across_participants_bounded_by_date_checked_by_address_and_cleaned()
    {
        const string Html = """
            <html><head><style>p{color:red}</style></head><body>
            <p>Hi Adele,</p><p>Procurement can live with 450 seats &amp; a 3&#8209;year term.</p>
            <p>Best,</p><p>Alex</p>
            <div id="divRplyFwdMsg"><b>From:</b> Adele Vance<br><b>Sent:</b> Thursday<br>older text</div>
            </body></html>
            """;
        var shared = GraphJson.Message("shared", "2025-03-07T18:42:03Z", "alex.kim@fabrikam.com", ["adelev@contoso.com", "priya.n@fabrikam.com"], Html);
        var old = GraphJson.Message("old", "2024-12-01T10:00:00Z", "alex.kim@fabrikam.com", ["adelev@contoso.com"], "Old news");
        var nameOnly = GraphJson.Message("name-only", "2025-03-08T10:00:00Z", "someone@else.example", ["adelev@contoso.com"], "Mentions Alex Kim by name");
        var newest = GraphJson.Message("newest", "2025-03-09T08:00:00Z", "priya.n@fabrikam.com", ["adelev@contoso.com"], "Plain text answer", "text");
        ServeBatch((step, _) => step.Address == "alex.kim@fabrikam.com"
            ? new Answer(200, Messages(shared, old, nameOnly))
            : new Answer(200, Messages(newest, shared)));

        var messages = await _graph.Mail.GetRecentMessagesAsync(
            GraphFake.User, ["alex.kim@fabrikam.com", "priya.n@fabrikam.com"], Since, 10, TestContext.Current.CancellationToken);

        Assert.Equal(["newest", "shared"], messages.Select(m => m.Id));
        var alex = messages[1];
        Assert.Equal("Hi Adele,\nProcurement can live with 450 seats & a 3\u2011year term.", alex.Text);
        Assert.Equal("alex.kim@fabrikam.com", alex.From.Email);
        Assert.Equal(2, alex.Recipients.Count);
        Assert.Equal(new Uri("https://outlook.office365.com/owa/?ItemID=shared"), alex.WebLink);
        Assert.Equal("Plain text answer", messages[0].Text);
    }

    [Fact]
    public async Task Unsearchable_addresses_are_skipped_and_none_left_means_no_request()
    {
        var messages = await _graph.Mail.GetRecentMessagesAsync(
            GraphFake.User, ["/o=ExchangeLabs/ou=Exchange/cn=Recipients/cn=abc", "bad\"quote@x.com", "no-at-sign", " "], Since, 5, TestContext.Current.CancellationToken);

        Assert.Empty(messages);
        Assert.Empty(_graph.Wire.Exchanges);
    }

    [Fact]
    public async Task A_malformed_batch_answer_is_an_unavailable_source()
    {
        _graph.Server.Given(Request.Create().WithPath("/v1.0/$batch").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"responses\": [ {\"id\": "));

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => _graph.Mail.GetRecentMessagesAsync(
            GraphFake.User, ["a@fabrikam.com"], Since, 5, TestContext.Current.CancellationToken));

        Assert.Equal("mail", ex.SourceName);
    }
}
