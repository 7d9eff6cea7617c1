using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Sources;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace MeetingPrep.Core.Tests;

public sealed class ContextGathererTests
{
    private readonly Mock<ICalendarSource> _calendar = new();
    private readonly Mock<IMailSource> _mail = new();
    private readonly Mock<ICrmSource> _crm = new();

    public ContextGathererTests()
    {
        _calendar.Setup(c => c.GetMeetingsWithAsync(It.IsAny<UserRef>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Scenario.PriorMeetings());
        _mail.Setup(m => m.GetRecentMessagesAsync(It.IsAny<UserRef>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Scenario.Emails());
        _crm.Setup(c => c.Name).Returns("Test CRM");
        _crm.Setup(c => c.GetContextAsync(It.IsAny<CrmQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(Scenario.Crm());
    }

    private ContextGatherer Gatherer(TimeSpan? timeout = null)
    {
        var t = timeout ?? TimeSpan.FromSeconds(10);
        return new ContextGatherer(_calendar.Object, _mail.Object, _crm.Object, TimeProvider.System, new GathererTimeouts(t, t, t));
    }

    [Fact]
    public async Task All_sources_are_asked_about_the_external_attendees_only()
    {
        var context = await Gatherer().GatherAsync(Scenario.Lena, Scenario.Meeting(), BriefingRecipe.Default, TestContext.Current.CancellationToken);

        Assert.Empty(context.Unavailable);
        Assert.Equal(3, context.Emails.Count);
        Assert.Single(context.PriorMeetings);
        _crm.Verify(c => c.GetContextAsync(It.Is<CrmQuery>(q => q.Emails.Count == 2 && !q.Emails.Contains("lena.vogt@contoso.com")), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task A_failing_source_is_recorded_and_the_others_stay_intact()
    {
        _crm.Setup(c => c.GetContextAsync(It.IsAny<CrmQuery>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new SourceUnavailableException("Test CRM", "answered 503 Service Unavailable"));

        var context = await Gatherer().GatherAsync(Scenario.Lena, Scenario.Meeting(), BriefingRecipe.Default, TestContext.Current.CancellationToken);

        var unavailable = Assert.Single(context.Unavailable);
        Assert.Equal("CRM (Test CRM)", unavailable.Source);
        Assert.Equal("answered 503 Service Unavailable", unavailable.Reason);
        Assert.Same(CrmContext.Empty, context.Crm);
        Assert.Equal(3, context.Emails.Count);
    }

    [Fact]
    public async Task Each_sources_last_answer_is_kept_for_health_and_a_recovery_replaces_a_failure()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        var outcomes = new SourceOutcomes();
        var gatherer = new ContextGatherer(_calendar.Object, _mail.Object, _crm.Object, clock, GathererTimeouts.Default, outcomes: outcomes);
        _crm.Setup(c => c.GetContextAsync(It.IsAny<CrmQuery>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new SourceUnavailableException("Test CRM", "answered 503 Service Unavailable") { IsTransient = true });

        Assert.Null(outcomes.Latest("crm"));
        await gatherer.GatherAsync(Scenario.Lena, Scenario.Meeting(), BriefingRecipe.Default, TestContext.Current.CancellationToken);

        Assert.Equal(new SourceOutcome("crm", "transient", clock.GetUtcNow()), outcomes.Latest("crm"));
        Assert.True(outcomes.Latest("calendar", "mail")!.IsOk);

        clock.Advance(TimeSpan.FromMinutes(1));
        _crm.Setup(c => c.GetContextAsync(It.IsAny<CrmQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(Scenario.Crm());
        await gatherer.GatherAsync(Scenario.Lena, Scenario.Meeting(), BriefingRecipe.Default, TestContext.Current.CancellationToken);

        Assert.Equal(new SourceOutcome("crm", CoreTelemetry.SourceOk, clock.GetUtcNow()), outcomes.Latest("crm"));
    }

    [Fact]
    public async Task An_unexpected_exception_is_reported_without_its_message()
    {
        _mail.Setup(m => m.GetRecentMessagesAsync(It.IsAny<UserRef>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("secret token abc123 leaked"));

        var context = await Gatherer().GatherAsync(Scenario.Lena, Scenario.Meeting(), BriefingRecipe.Default, TestContext.Current.CancellationToken);

        var unavailable = Assert.Single(context.Unavailable);
        Assert.Equal(ContextGatherer.MailSourceName, unavailable.Source);
        Assert.DoesNotContain("abc123", unavailable.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slow_source_times_out_alone()
    {
        _mail.Setup(m => m.GetRecentMessagesAsync(It.IsAny<UserRef>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
            .Returns(async (UserRef _, IReadOnlyCollection<string> _, DateTimeOffset _, int _, CancellationToken ct) =>
            {
                await Task.Delay(TimeSpan.FromMinutes(5), ct);
                return (IReadOnlyList<EmailMessage>)[];
            });

        var context = await Gatherer(TimeSpan.FromMilliseconds(200)).GatherAsync(Scenario.Lena, Scenario.Meeting(), BriefingRecipe.Default, TestContext.Current.CancellationToken);

        var unavailable = Assert.Single(context.Unavailable);
        Assert.Equal(ContextGatherer.MailSourceName, unavailable.Source);
        Assert.Contains("did not answer", unavailable.Reason, StringComparison.Ordinal);
        Assert.NotEmpty(context.Crm.Cases);
    }

    [Fact]
    public async Task The_callers_cancellation_propagates()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Gatherer().GatherAsync(Scenario.Lena, Scenario.Meeting(), BriefingRecipe.Default, cts.Token));
    }

    [Fact]
    public async Task A_private_meeting_triggers_no_look_up_at_all()
    {
        var context = await Gatherer().GatherAsync(Scenario.Lena, Scenario.Meeting(sensitivity: Sensitivity.Private), BriefingRecipe.Default, TestContext.Current.CancellationToken);

        Assert.Empty(context.Emails);
        _mail.VerifyNoOtherCalls();
        _crm.Verify(c => c.GetContextAsync(It.IsAny<CrmQuery>(), It.IsAny<CancellationToken>()), Times.Never);
        _calendar.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Look_back_windows_come_from_the_recipe()
    {
        var recipe = new RecipePatch { EmailDays = 7, MeetingDays = 21 }.ApplyTo(BriefingRecipe.Default);
        var time = new FakeTimeProvider(Scenario.Now);
        var gatherer = new ContextGatherer(_calendar.Object, _mail.Object, _crm.Object, time, GathererTimeouts.Default);

        await gatherer.GatherAsync(Scenario.Lena, Scenario.Meeting(), recipe, TestContext.Current.CancellationToken);

        _mail.Verify(m => m.GetRecentMessagesAsync(It.IsAny<UserRef>(), It.IsAny<IReadOnlyCollection<string>>(), Scenario.Now.AddDays(-7), It.IsAny<int>(), It.IsAny<CancellationToken>()));
        _calendar.Verify(c => c.GetMeetingsWithAsync(It.IsAny<UserRef>(), It.IsAny<IReadOnlyCollection<string>>(), Scenario.Now.AddDays(-21), Scenario.Now, It.IsAny<CancellationToken>()));
    }
}
