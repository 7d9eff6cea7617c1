using MeetingPrep.Benchmarks;
using MeetingPrep.Connectors.Graph;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Kiota.Abstractions.Authentication;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Graph;

/// <summary>
/// The connector against the benchmark's fake Graph, which like Outlook refuses a 5th concurrent request against a mailbox
/// with 429, counting each request inside a <c>$batch</c>: a large meeting must cost round trips, never 429s.
/// </summary>
public sealed class MailboxConcurrencyTests
{
    [Fact]
    public async Task Mail_for_forty_attendees_beside_a_calendar_read_never_exceeds_four_requests_per_mailbox()
    {
        var ct = TestContext.Current.CancellationToken;
        var now = DateTimeOffset.UtcNow;
        await using var fake = await FakeGraph.StartAsync(TimeSpan.FromMilliseconds(5), now, ct, maxConcurrentPerMailbox: 4);
        // No retries: a single 429 fails the read.
        var options = new GraphOptions { BaseUrl = fake.BaseUrl, MaxRetries = 0, TimeoutSeconds = 60 };
        using var client = GraphServiceCollectionExtensions.CreateClient(options, new SocketsHttpHandler(), new AnonymousAuthenticationProvider());
        var caller = new GraphCaller(options, new MailboxGate(options), new FakeTimeProvider(), NullLogger<GraphCaller>.Instance);
        var mail = new GraphMailSource(client, new GraphBatchRunner(client, caller, TimeProvider.System, NullLogger<GraphBatchRunner>.Instance), options, NullLogger<GraphMailSource>.Instance);
        var calendar = new GraphCalendarSource(client, caller, new TenantDomainsCache(options, TimeProvider.System), TimeProvider.System);
        var user = new UserRef("2b1f6c3a-8e4d-4f71-9a62-c3d5e7f90a14", "adele@contoso.com", "adele@contoso.com", "Adele Vance", "UTC", "en-US");
        var people = Enumerable.Range(1, 40).Select(FakeGraph.External).ToArray();

        var messages = mail.GetRecentMessagesAsync(user, people, now.AddDays(-90), 10, ct);
        var meetings = calendar.GetMeetingsAsync(user, now.AddDays(-90), now, ct);
        await Task.WhenAll(messages, meetings);

        Assert.Equal(0, fake.Throttled);
        Assert.Equal(4, fake.MaxInFlightPerMailbox);
        Assert.Equal(40 * FakeGraph.MessagesPerParticipant, (await messages).Count);
        Assert.NotEmpty(await meetings);
    }
}
