using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Connectors.Graph;
using MeetingPrep.Connectors.Graph.Notifications;
using MeetingPrep.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Graph;

public sealed class GraphNotificationTests
{
    private const string ClientState = "mp-7Qx2vN9rL4sT8wZ1-synthetic";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 10, 12, 0, 0, TimeSpan.Zero));
    private readonly GraphNotificationChannel _channel = new();
    private readonly GraphNotificationProcessor _processor;

    public GraphNotificationTests()
    {
        var options = new GraphOptions { NotificationClientState = ClientState };
        _processor = new GraphNotificationProcessor(options, _channel, _time, NullLogger<GraphNotificationProcessor>.Instance);
    }

    private static string FixtureBody() => File.ReadAllText(Path.Combine(RepoPaths.Shared, "fixtures", "graph", "change-notifications-event.json"));

    private List<GraphNotificationWork> Drain()
    {
        var items = new List<GraphNotificationWork>();
        while (_channel.Reader.TryRead(out var item))
        {
            items.Add(item);
        }

        return items;
    }

    [Theory]
    [InlineData("Validation: Testing client application reachability for subscription Request-Id: 2bd1c4c0")]
    [InlineData("a+b/c=<d>&e")]
    public void The_validation_token_is_echoed_unchanged(string token) =>
        Assert.Equal(token, GraphNotificationProcessor.ValidationResponse(token));

    [Fact]
    public void A_request_without_a_token_is_not_a_validation() =>
        Assert.Null(GraphNotificationProcessor.ValidationResponse(null));

    [Fact]
    public void The_fixture_notifications_are_accepted_and_queued_with_user_and_event()
    {
        var result = _processor.Handle(FixtureBody());

        Assert.Equal(new GraphNotificationResult(2, 0, 0, false), result);
        var work = Drain();
        Assert.Equal(["updated", "deleted"], work.Select(w => w.ChangeType));
        Assert.All(work, w =>
        {
            Assert.Equal(GraphNotificationKind.Changed, w.Kind);
            Assert.Equal("5f1c2a6e-8d3b-4c7a-9e21-0a4b6c8d2e10", w.UserId);
            Assert.Equal("2b1f6c3a-8e4d-4f71-9a62-c3d5e7f90a14", w.TenantId);
            Assert.Equal("7f105c7d-2dc5-4530-97cd-4e7ae6534c07", w.SubscriptionId);
        });
        Assert.EndsWith("SeriesExc13AAA=", work[0].EventId, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_notifications_are_dropped_until_the_duplicate_window_passes()
    {
        _processor.Handle(FixtureBody());
        Drain();

        var repeat = _processor.Handle(FixtureBody());
        Assert.Equal(new GraphNotificationResult(0, 2, 0, false), repeat);
        Assert.Empty(Drain());

        _time.Advance(GraphNotificationProcessor.DuplicateWindow + TimeSpan.FromMinutes(2));
        var later = _processor.Handle(FixtureBody());
        Assert.Equal(2, later.Accepted);
    }

    [Fact]
    public void A_new_etag_for_the_same_event_is_a_new_change()
    {
        _processor.Handle(FixtureBody());
        var body = JsonNode.Parse(FixtureBody())!;
        body["value"]![0]!["resourceData"]!["@odata.etag"] = "W/\"changed-again\"";

        var result = _processor.Handle(body.ToJsonString());

        Assert.Equal(1, result.Accepted);
        Assert.Equal(1, result.Duplicates);
    }

    [Fact]
    public void A_wrong_or_missing_client_state_is_rejected_and_nothing_is_queued()
    {
        var body = JsonNode.Parse(FixtureBody())!;
        body["value"]![0]!["clientState"] = ClientState + "x";
        body["value"]![1]!.AsObject().Remove("clientState");

        var result = _processor.Handle(body.ToJsonString());

        Assert.Equal(new GraphNotificationResult(0, 0, 2, false), result);
        Assert.Empty(Drain());
    }

    [Fact]
    public void Without_a_configured_client_state_everything_is_rejected()
    {
        var processor = new GraphNotificationProcessor(new GraphOptions(), _channel, _time, NullLogger<GraphNotificationProcessor>.Instance);

        Assert.Equal(2, processor.Handle(FixtureBody()).Rejected);
    }

    [Theory]
    [InlineData("reauthorizationRequired", GraphNotificationKind.ReauthorizationRequired)]
    [InlineData("subscriptionRemoved", GraphNotificationKind.SubscriptionRemoved)]
    [InlineData("missed", GraphNotificationKind.Missed)]
    public void Lifecycle_notifications_are_queued_by_kind(string lifecycleEvent, GraphNotificationKind kind)
    {
        var body = $$"""
            {"value":[{"subscriptionId":"sub-1","subscriptionExpirationDateTime":"2025-03-13T18:00:00+00:00",
              "tenantId":"t-1","clientState":"{{ClientState}}","lifecycleEvent":"{{lifecycleEvent}}"}]}
            """;

        Assert.Equal(1, _processor.Handle(body).Accepted);
        Assert.Equal(1, _processor.Handle(body).Duplicates);

        var work = Assert.Single(Drain());
        Assert.Equal(kind, work.Kind);
        Assert.Equal("sub-1", work.SubscriptionId);
        Assert.Equal(new DateTimeOffset(2025, 3, 13, 18, 0, 0, TimeSpan.Zero), work.SubscriptionExpires);
    }

    [Fact]
    public void An_unknown_lifecycle_event_is_rejected()
    {
        var body = $$"""{"value":[{"subscriptionId":"s","clientState":"{{ClientState}}","lifecycleEvent":"somethingNew"}]}""";

        Assert.Equal(1, _processor.Handle(body).Rejected);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"something\":1}")]
    [InlineData("null")]
    public void A_body_that_is_not_a_notification_collection_is_a_format_error(string body) =>
        Assert.Throws<FormatException>(() => _processor.Handle(body));

    [Theory]
    [InlineData("Users/u1@t1/Events/e1", "u1", "e1")]
    [InlineData("/users/u1/events/e1", "u1", "e1")]
    [InlineData("me/events", null, null)]
    public void Resources_are_parsed_for_user_and_event(string resource, string? user, string? ev) =>
        Assert.Equal((user, ev), GraphNotificationProcessor.ParseResource(resource));

    [Fact]
    public async Task Subscriptions_are_created_and_renewed_through_the_sdk_at_half_life()
    {
        using var graph = new GraphFake(o =>
        {
            o.NotificationUrl = "https://meetingprep.example/api/graph/notifications";
            o.NotificationClientState = ClientState;
            o.SubscriptionLifetimeMinutes = 4200;
        });
        var granted = _time.GetUtcNow().AddMinutes(4000);
        graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions").UsingPost()).RespondWith(
            Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(req =>
            {
                var sent = JsonNode.Parse(req.Body!)!.AsObject();
                sent["id"] = "sub-42";
                sent["expirationDateTime"] = granted.ToString("o");
                return sent.ToJsonString();
            }));
        var renewed = _time.GetUtcNow().AddMinutes(6000);
        graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions/sub-42").UsingPatch()).RespondWith(
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"id":"sub-42","expirationDateTime":"{{renewed:o}}"}"""));
        var manager = new GraphSubscriptionManager(graph.Client, graph.Caller, _time);

        var subscription = await manager.CreateAsync(GraphFake.TenantId, GraphFake.UserId, TestContext.Current.CancellationToken);

        Assert.Equal("sub-42", subscription.Id);
        Assert.Equal(granted, subscription.Expires);
        using (var sent = JsonDocument.Parse(graph.Wire.To("/subscriptions").Single().Body!))
        {
            var root = sent.RootElement;
            Assert.Equal("created,updated,deleted", root.GetProperty("changeType").GetString());
            Assert.Equal($"/users/{GraphFake.UserId}/events", root.GetProperty("resource").GetString());
            Assert.Equal("https://meetingprep.example/api/graph/notifications", root.GetProperty("notificationUrl").GetString());
            Assert.Equal("https://meetingprep.example/api/graph/notifications", root.GetProperty("lifecycleNotificationUrl").GetString());
            Assert.Equal(ClientState, root.GetProperty("clientState").GetString());
            Assert.Equal(_time.GetUtcNow().AddMinutes(4200), root.GetProperty("expirationDateTime").GetDateTimeOffset());
        }

        _time.Advance(TimeSpan.FromMinutes(1999));
        Assert.False(manager.IsRenewalDue(subscription));
        Assert.Same(subscription, await manager.RenewIfDueAsync(subscription, TestContext.Current.CancellationToken));

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(manager.IsRenewalDue(subscription));
        var next = await manager.RenewIfDueAsync(subscription, TestContext.Current.CancellationToken);

        Assert.Equal(renewed, next.Expires);
        var patch = Assert.Single(graph.Wire.To("/subscriptions/sub-42"));
        Assert.Equal("PATCH", patch.Method);
        using var patched = JsonDocument.Parse(patch.Body!);
        Assert.Equal(_time.GetUtcNow().AddMinutes(4200), patched.RootElement.GetProperty("expirationDateTime").GetDateTimeOffset());
    }
}
