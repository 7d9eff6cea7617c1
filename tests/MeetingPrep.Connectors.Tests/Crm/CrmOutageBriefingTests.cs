using MeetingPrep.Connectors.Crm;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Sources;
using MeetingPrep.Core.Tests;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Crm;

/// <summary>
/// A CRM answering every call with 503 (a storm) through the registered connector and its resilience handler: the
/// retries the settings allow are spent, then the briefing is still written from mail and calendar, degraded, with the
/// CRM named as unavailable and why.
/// </summary>
public sealed class CrmOutageBriefingTests : IDisposable
{
    private readonly FakeCrmServer _fake = FakeCrmServer.Start();

    public void Dispose() => _fake.Dispose();

    [Fact]
    public async Task A_503_storm_gives_a_degraded_briefing_that_names_the_CRM_and_the_reason()
    {
        // Every route: 503 with a one-second Retry-After, which the handler waits out before each of its two retries.
        _fake.Json("POST", "/crm/v3/objects/contacts/search", """{"status":"error","message":"Service Unavailable"}""", status: 503,
            headers: new Dictionary<string, string> { ["Retry-After"] = "1" });
        _fake.Json("POST", "/crm/v3/objects/companies/search", """{"status":"error","message":"Service Unavailable"}""", status: 503,
            headers: new Dictionary<string, string> { ["Retry-After"] = "1" });
        var options = new CrmOptions
        {
            Provider = CrmProvider.HubSpot,
            HubSpot = new RemoteCrmOptions { BaseUrl = _fake.Url, AccessToken = "pat-token", PortalId = "12345" },
        };
        var time = new WatchedClock(Scenario.Now);
        var crm = CrmConnector.Create(options, time);
        var calendar = new Mock<ICalendarSource>();
        calendar.Setup(c => c.GetMeetingsWithAsync(It.IsAny<UserRef>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Scenario.PriorMeetings());
        var mail = new Mock<IMailSource>();
        mail.Setup(m => m.GetRecentMessagesAsync(It.IsAny<UserRef>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Scenario.Emails());

        // Time moves only to end each one-second Retry-After: the gatherer's own limits and the CRM's attempt timeouts
        // never pass, so only the CRM's answers decide.
        var ct = TestContext.Current.CancellationToken;
        var context = await time.RunAsync(
            new ContextGatherer(calendar.Object, mail.Object, crm, time, GathererTimeouts.Default).GatherAsync(Scenario.Lena, Scenario.Meeting(), BriefingRecipe.Default, ct),
            TimeSpan.FromSeconds(1),
            ct);
        var briefing = new ExtractiveBriefingWriter(time).Write(context, BriefingRecipe.Default, new HashSet<string>());

        Assert.True(briefing.IsDegraded);
        var unavailable = Assert.Single(briefing.Unavailable);
        Assert.Equal(ContextGatherer.CrmSourceName("HubSpot"), unavailable.Source);
        Assert.Equal("the CRM is temporarily unavailable", unavailable.Reason);
        Assert.NotEmpty(briefing.Sections.SelectMany(s => s.Items));
        Assert.Contains(briefing.Sources, s => s.Kind == SourceKind.Email);
        Assert.DoesNotContain(briefing.Sources, s => s.Kind is SourceKind.CrmAccount);

        // The first search was tried once and retried twice (Crm:MaxRetries), then given up.
        Assert.Equal(3, _fake.Requests("/crm/v3/objects/contacts/search").Count);
    }
}
