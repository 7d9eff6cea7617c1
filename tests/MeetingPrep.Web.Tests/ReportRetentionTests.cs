using MeetingPrep.Web.Api;
using MeetingPrep.Web.Security;
using Xunit;

namespace MeetingPrep.Web.Tests;

/// <summary>
/// <c>Report:RetentionDays</c> and <c>Retention:Days</c> are one concept (how far back data about people exists): the report
/// follows the retention, and the old key still works, as a shorter window only, with a warning.
/// </summary>
public sealed class ReportRetentionTests
{
    private static readonly RetentionOptions Retention = new() { Days = 90 };

    [Fact]
    public void The_report_covers_what_retention_keeps_when_the_old_key_is_not_set()
    {
        var report = new ReportOptions();

        Assert.Equal(90, report.EngagementFor(Retention).RetentionDays);
        Assert.Equal(90, report.TrackingFor(Retention).RetentionDays);
        Assert.Null(report.ObsoleteRetentionWarning(Retention));
    }

    [Theory]
    [InlineData(365, 90)] // the old default: it never reported beyond the purge, and now does not pretend to
    [InlineData(30, 30)] // a shorter report window is still honoured
    public void The_old_key_still_works_as_a_shorter_window_only_and_warns(int reportDays, int expected)
    {
        var report = new ReportOptions { RetentionDays = reportDays };

        Assert.Equal(expected, report.EngagementFor(Retention).RetentionDays);
        Assert.Equal(expected, report.TrackingFor(Retention).RetentionDays);
        var warning = report.ObsoleteRetentionWarning(Retention);
        Assert.NotNull(warning);
        Assert.Contains("Report:RetentionDays", warning, StringComparison.Ordinal);
        Assert.Contains("Retention:Days (90)", warning, StringComparison.Ordinal);
    }
}
