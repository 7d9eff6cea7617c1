using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Demo;
using MeetingPrep.Testing;
using MeetingPrep.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Web.Tests.Demo;

/// <summary>
/// Golden briefings for a handful of demo meetings, as plain text with numbered citations, on a fixed clock so the demo
/// tenant is the same every run. A change to ranking or wording shows up here as a readable diff;
/// MEETINGPREP_UPDATE_GOLDEN=1 rewrites the files after a deliberate change.
/// </summary>
public sealed class GoldenBriefingTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "lena-fabrikam-qbr", "lena.vogt@contoso.com", "Fabrikam quarterly business review" },
        { "lena-northwind-usage", "lena.vogt@contoso.com", "Northwind: usage review" },
        { "lena-woodgrove-weekly", "lena.vogt@contoso.com", "Woodgrove Bank – weekly risk & compliance check-in" },
        { "marcus-advisory-board", "marcus.reed@contoso.com", "Contoso Customer Advisory Board – winter session" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Briefing_matches_its_golden_text(string name, string upn, string subject)
    {
        await using var app = new MeetingPrepApp(clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));
        var tenant = app.Services.GetRequiredService<DemoTenant>();
        var user = tenant.GetUser(upn);
        await using var scope = app.Services.CreateAllTenantsScope();
        var briefings = scope.ServiceProvider.GetRequiredService<BriefingService>();
        var meetings = await briefings.GetMeetingsAsync(user, MeetingPrepApp.FixedNow, MeetingPrepApp.FixedNow.AddDays(14), TestContext.Current.CancellationToken);
        var meeting = meetings.First(m => m.Meeting.Subject == subject && m.Eligibility.IsBriefed).Meeting;

        var result = await briefings.GetBriefingAsync(user, meeting.Id, TestContext.Current.CancellationToken);

        Assert.Equal(BriefingOutcome.Ready, result.Outcome);
        // Links to CRM record pages carry a signature made with a per-process key; the golden text keeps the link without it.
        var text = System.Text.RegularExpressions.Regex.Replace(BriefingText.Render(result.Briefing!, user), @"[?&]exp=\d+&sig=[A-Za-z0-9_-]+>", ">");
        GoldenText.AssertMatches(Path.Combine("tests", "MeetingPrep.Web.Tests", "Golden", $"briefing-{name}.txt"), text);
    }
}
