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
    [InlineData(61)]
    public void An_interval_outside_a_minute_to_an_hour_is_named(int minutes)
    {
        var problem = Assert.Single(new SchedulerOptions { IntervalMinutes = minutes }.Validate());
        Assert.Equal(("Scheduler:IntervalMinutes", "Scheduler__IntervalMinutes"), (problem.Key, problem.EnvironmentVariable));
    }
}
