using MeetingPrep.Web.Hosting;
using Xunit;

namespace MeetingPrep.Web.Tests.Scheduling;

public sealed class SchedulerOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(new SchedulerOptions().Validate());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3651)]
    public void A_delivery_retention_outside_a_day_to_ten_years_is_named(int days)
    {
        var problem = Assert.Single(new SchedulerOptions { DeliveryRetentionDays = days }.Validate());
        Assert.Equal(("Scheduler:DeliveryRetentionDays", "Scheduler__DeliveryRetentionDays"), (problem.Key, problem.EnvironmentVariable));
    }
}
