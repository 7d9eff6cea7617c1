using System.Diagnostics;
using System.Net;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Demo;
using MeetingPrep.Web.Security;
using MeetingPrep.Web.Tests.Bot;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MeetingPrep.Web.Tests.Telemetry;

/// <summary>
/// Spans and metrics of a demo briefing and a proactive delivery, read through the real OpenTelemetry pipeline with the
/// in-memory exporter. The instruments are process-wide, so this class runs alone (no other test's briefings count here).
/// </summary>
[Collection(ProcessTelemetryGroup.Name)]
public sealed class TelemetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_demo_briefing_and_its_delivery_have_spans_and_metrics_without_content()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        var clock = new FakeTimeProvider(MeetingPrepApp.FixedNow);
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotHost(channel: null, connector, withCredentials: false, demo: true, realDemoTenant: true);
        await bot.EnsureSchemaAsync();
        await using var host = bot.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
            s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
        }));
        using var client = host.CreateClient();
        var lena = host.Services.GetRequiredService<DemoTenant>().GetUser("lena.vogt@contoso.com");

        var install = BotHost.Activity("installationUpdate", connector.ServiceUrl, id: "inst-telemetry", conversationId: "a:1demo-personal");
        install["action"] = "add";
        install["conversation"]!["tenantId"] = lena.TenantId;
        install["channelData"]!["tenant"]!["id"] = lena.TenantId;
        install["from"]!["aadObjectId"] = lena.UserId;
        using (var response = await client.SendAsync(BotHost.Post(install, token: null), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Core.Meetings.Meeting meeting;
        int lead;
        await using (var scope = host.Services.CreateAllTenantsScope())
        {
            var briefings = scope.ServiceProvider.GetRequiredService<BriefingService>();
            meeting = (await briefings.FindNextBriefedMeetingAsync(lena, MeetingPrepApp.FixedNow, Ct))!;
            lead = (await briefings.GetRecipeAsync(lena, Ct)).LeadTimeMinutes;
        }

        // One briefing through the API (the card), then the tick one minute after the send time.
        using (var card = await client.GetAsync($"/api/meetings/{Uri.EscapeDataString(meeting.Id)}/card?as={lena.Upn}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, card.StatusCode);
        }

        clock.SetUtcNow(meeting.Start.AddMinutes(-lead + 1));
        await using (var scope = host.Services.CreateAllTenantsScope())
        {
            Assert.Equal(1, (await scope.ServiceProvider.GetRequiredService<ProactiveBriefingPlanner>().RunTickAsync(Ct)).Sent);
        }

        // The delivery is an engagement signal of that briefing, with its meeting's start and no content (the demo's
        // seeded report history is other people's).
        await using (var scope = host.Services.CreateAllTenantsScope())
        {
            var signals = await scope.ServiceProvider.GetRequiredService<Core.Engagement.IEngagementLog>()
                .ListAsync(lena.TenantId, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, Ct);
            var delivered = Assert.Single(signals, s => s.Kind == Core.Engagement.EngagementKind.Delivered && s.UserId == lena.UserId);
            Assert.Equal((lena.UserId, meeting.Id, (DateTimeOffset?)meeting.Start, "teams"), (delivered.UserId, delivered.MeetingId, delivered.MeetingStart, delivered.Detail));
        }

        Assert.True(host.Services.GetRequiredService<TracerProvider>().ForceFlush());
        Assert.True(host.Services.GetRequiredService<MeterProvider>().ForceFlush());

        // The delivery tick's trace: the briefing with a span per source and one for the writer, the card, the send.
        var tick = Assert.Single(spans, s => s.OperationName == "delivery tick");
        var inTick = spans.Where(s => s.TraceId == tick.TraceId).ToList();
        var briefing = Assert.Single(inTick, s => s.OperationName == "briefing");
        Assert.Equal(tick.SpanId, briefing.ParentSpanId);
        foreach (var source in new[] { "calendar", "mail", "crm" })
        {
            // Mail is read twice when the client has a name to search for: threads with the attendees, and mail among
            // colleagues naming the client (ContextGatherer); each read is its own span.
            var gathers = inTick.Where(s => s.OperationName == $"gather {source}").ToList();
            Assert.Equal(source == "mail" ? 2 : 1, gathers.Count);
            Assert.All(gathers, gather =>
            {
                Assert.Equal(briefing.SpanId, gather.ParentSpanId);
                Assert.Equal("ok", gather.GetTagItem("meetingprep.source.outcome"));
            });
        }

        Assert.Equal("extractive", Assert.Single(inTick, s => s.OperationName == "write").GetTagItem("meetingprep.writer"));
        Assert.Equal("teams", Assert.Single(inTick, s => s.OperationName == "card").GetTagItem("meetingprep.card.host"));
        Assert.Equal("Sent", Assert.Single(inTick, s => s.OperationName == "send").GetTagItem("meetingprep.delivery.outcome"));
        Assert.Equal(1, tick.GetTagItem("meetingprep.tick.sent"));

        // The API's briefing is a child of its request.
        var request = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.DisplayName.Contains("/card", StringComparison.Ordinal));
        Assert.Single(spans, s => s.OperationName == "briefing" && s.ParentSpanId == request.SpanId);

        // No subject, address or name in any of our spans' attributes.
        var ours = spans.Where(s => s.Source.Name.StartsWith("MeetingPrep", StringComparison.Ordinal)).ToList();
        var forbidden = new[] { meeting.Subject, lena.Upn, lena.DisplayName, "@" };
        Assert.All(ours.SelectMany(s => s.TagObjects), tag =>
            Assert.DoesNotContain(forbidden, f => f is not null && (tag.Value?.ToString() ?? "").Contains(f, StringComparison.OrdinalIgnoreCase)));

        Assert.Equal(2, Sum(metrics, "meetingprep.briefings.written"));
        Assert.Equal(1, Sum(metrics, "meetingprep.deliveries", ("outcome", "sent")));
        Assert.Equal((1, 60.0), Histogram(metrics, "meetingprep.delivery.lag"));
        foreach (var source in new[] { "calendar", "mail", "crm" })
        {
            // Two briefings; each reads mail twice (with the attendees, and among colleagues about the client).
            Assert.Equal(source == "mail" ? 4 : 2, Histogram(metrics, "meetingprep.source.duration", ("source", source), ("outcome", "ok")).Count);
        }

        Assert.Equal(0, Sum(metrics, "meetingprep.source.failures"));
        Assert.Equal(2, Histogram(metrics, "meetingprep.briefing.duration").Count);
        Assert.Equal(2, Sum(metrics, "meetingprep.cards.rendered", ("host", "teams")));
    }

    /// <summary>The latest export of a counter, summed over the points whose tags include <paramref name="tags"/>.</summary>
    private static long Sum(List<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags) =>
        Points(metrics, name, tags).Sum(p => p.GetSumLong());

    private static (long Count, double Sum) Histogram(List<MetricSnapshot> metrics, string name, params (string Key, string Value)[] tags)
    {
        var points = Points(metrics, name, tags);
        return (points.Sum(p => p.GetHistogramCount()), points.Sum(p => p.GetHistogramSum()));
    }

    private static List<MetricPoint> Points(List<MetricSnapshot> metrics, string name, (string Key, string Value)[] tags)
    {
        var latest = metrics.LastOrDefault(m => m.Name == name);
        if (latest is null)
        {
            return [];
        }

        return latest.MetricPoints.Where(p => tags.All(t => HasTag(p, t.Key, t.Value))).ToList();
    }

    private static bool HasTag(MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && tag.Value?.ToString() == value)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Tests that read process-wide instruments: not beside other test classes, whose briefings would count too.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessTelemetryGroup
{
    public const string Name = "Process-wide telemetry";
}
