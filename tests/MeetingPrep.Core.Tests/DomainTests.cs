using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Meetings;
using Xunit;

namespace MeetingPrep.Core.Tests;

public sealed class DomainTests
{
    [Theory]
    [InlineData("lena@contoso.com", Affiliation.Internal)]
    [InlineData("LENA@Contoso.COM", Affiliation.Internal)]
    [InlineData("ops@emea.contoso.com", Affiliation.Internal)]
    [InlineData("priya@fabrikam.com", Affiliation.External)]
    [InlineData("someone@notcontoso.com", Affiliation.External)]
    [InlineData("no-at-sign", Affiliation.External)]
    public void Internal_means_a_verified_domain_or_a_subdomain_of_one(string email, Affiliation expected)
    {
        var domains = new TenantDomains(["contoso.com", "Contoso.onmicrosoft.com"]);

        Assert.Equal(expected, domains.Classify(email));
    }

    [Fact]
    public void Trend_reports_change_direction_and_whether_it_is_good()
    {
        MetricPoint[] points = [new(new DateOnly(2026, 7, 1), 100m), new(new DateOnly(2026, 8, 1), 90m), new(new DateOnly(2026, 9, 1), 80m)];
        var spend = new MetricSeries("s", "a", "Spend", "EUR", HigherIsBetter: true, points, null, DateTimeOffset.UnixEpoch);
        var tickets = spend with { Name = "Tickets", HigherIsBetter = false };

        var trend = MetricTrend.Of(spend, 2)!;

        Assert.Equal(-20m, trend.Change);
        Assert.Equal(-0.2m, trend.ChangeRatio);
        Assert.Equal(TrendDirection.Down, trend.Direction);
        Assert.False(trend.IsGood);
        Assert.True(MetricTrend.Of(tickets, 2)!.IsGood);
        Assert.Null(MetricTrend.Of(spend with { Points = [points[0]] }, 2));
    }

    [Fact]
    public void Small_changes_count_as_flat()
    {
        MetricPoint[] points = [new(new DateOnly(2026, 8, 1), 100m), new(new DateOnly(2026, 9, 1), 101m)];
        var series = new MetricSeries("s", "a", "Health", "", true, points, null, DateTimeOffset.UnixEpoch);

        Assert.Equal(TrendDirection.Flat, MetricTrend.Of(series, 1)!.Direction);
    }

    [Theory]
    [InlineData("gmail.com", true)]
    [InlineData("GMAIL.COM", true)]
    [InlineData("fabrikam.com", false)]
    public void Personal_mail_domains_are_recognised(string domain, bool personal)
    {
        Assert.Equal(personal, PersonalMailDomains.Contains(domain));
    }
}
