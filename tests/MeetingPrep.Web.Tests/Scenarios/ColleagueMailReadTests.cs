using MeetingPrep.Connectors.Graph;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Demo;
using MeetingPrep.Testing;
using MeetingPrep.Web.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MeetingPrep.Web.Tests.Scenarios;

/// <summary>
/// The Graph connector reads mail among colleagues about a client through the Graph sandbox (the same KQL on the wire a
/// tenant gets): one search of the user's mail naming the client; only the user's conversations among us are kept.
/// </summary>
public sealed class ColleagueMailReadTests
{
    private static readonly string Pack = Path.Combine(RepoPaths.Root, "samples", "scenarios", "aurelia-renewal-italian");

    [Fact]
    public async Task The_account_teams_mail_about_the_client_is_read_and_nothing_else()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = ScenarioLoader.Load(Pack);
        var user = scenario.Pack.FindUser("chiara.bianchi@litware.com")!;
        var sandbox = new GraphSandboxHandler(scenario.Tenant);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGraphConnector(new GraphOptions { BaseUrl = GraphSandboxHandler.BaseUrl }, _ => sandbox, anonymous: true);
        await using var provider = services.BuildServiceProvider();
        var meeting = (await provider.GetRequiredService<ICalendarSource>().GetMeetingAsync(user, "AAMkAGAuRlTz4cBn9XAAA=evt-aur-rinnovo", ct))!;
        var query = ColleagueMail.QueryFor(
            meeting, user.Upn, ClientMeetings.ExternalEmails(meeting), scenario.Tenant.Crm.Accounts, scenario.Pack.Now.AddDays(-30), 10)!;

        var read = await provider.GetRequiredService<IMailSource>().GetColleagueMessagesAsync(user, query, ct);
        var kept = read.Where(m => ColleagueMail.Belongs(query, m)).Select(m => m.Id[^10..]).ToList();

        // "S.p.A." is not a name.
        Assert.Equal(["Torrefazione", "Aurelia", "torrefazioneaurelia.it"], query.Mentions);
        // Marek's report slipping and Sofia's floor from finance; not the threads with Davide, not Marek's mail about
        // another customer, not the sales-ops digest to a list that names every December renewal.
        Assert.Equal(["msg-aur-09", "msg-aur-08"], kept);
        Assert.Contains(read, m => m.Id.EndsWith("msg-aur-04", StringComparison.Ordinal));
        Assert.DoesNotContain(read, m => m.Id.EndsWith("msg-aur-10", StringComparison.Ordinal) || m.Id.EndsWith("msg-aur-11", StringComparison.Ordinal)
            || m.Id.EndsWith("msg-aur-12", StringComparison.Ordinal));
    }
}
