using System.Collections.Concurrent;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using Xunit;

namespace MeetingPrep.Core.Tests;

/// <summary>The proactive tick on a fake clock, with the engine real and fakes only for sources, notifier and log.</summary>
public sealed partial class ProactiveSchedulerTests
{
    private static readonly DateTimeOffset Now = Scenario.Now;
    private static readonly UserRef Lena = Scenario.Lena;
    private static readonly UserRef Omar = new("tenant-1", "user-omar", "omar@contoso.com", "Omar Haddad", "UTC", "en-US");

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(4);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly FakeCalendar _calendar = new();
    private readonly Mock<IRecipeStore> _recipes = new();
    private readonly FakeNotifier _notifier;
    private readonly InMemoryDeliveryLog _log = new();
    private readonly List<UserRef> _recipients = [Lena];
    private CrmContext _crm = Scenario.Crm();

    public ProactiveSchedulerTests()
    {
        _notifier = new FakeNotifier(_time);
        LeadTime(Lena, 30);
        LeadTime(Omar, 90);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void LeadTime(UserRef user, int minutes) =>
        _recipes.Setup(r => r.GetUserPatchAsync(user.TenantId, user.UserId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RecipePatch { LeadTimeMinutes = minutes });

    private ProactiveBriefingPlanner Planner(IDeliveryLog? log = null, ILogger<ProactiveBriefingPlanner>? logger = null, IMailSource? mail = null, IUserTimeZoneSource? mailboxZones = null)
    {
        if (mail is null)
        {
            var recent = new Mock<IMailSource>();
            recent.Setup(m => m.GetRecentMessagesAsync(It.IsAny<UserRef>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>()))
                .ReturnsAsync(Scenario.Emails());
            mail = recent.Object;
        }

        var crm = new Mock<ICrmSource>();
        crm.Setup(c => c.Name).Returns("Test CRM");
        crm.Setup(c => c.GetContextAsync(It.IsAny<CrmQuery>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => _crm);
        var feedback = new Mock<IFeedbackStore>();
        feedback.Setup(f => f.GetSuppressedItemKeysAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(new HashSet<string>());
        feedback.Setup(f => f.GetWrongFlagsAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);
        var service = new BriefingService(
            _calendar,
            new ContextGatherer(_calendar, mail, crm.Object, _time, GathererTimeouts.Default),
            new ExtractiveBriefingWriter(_time),
            _recipes.Object,
            feedback.Object);
        var recipients = new Mock<IProactiveRecipients>();
        recipients.Setup(r => r.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => _recipients.ToList());
        recipients.Setup(r => r.FindAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string tenant, string user, CancellationToken _) => _recipients.FirstOrDefault(u => u.TenantId == tenant && u.UserId == user));
        return new ProactiveBriefingPlanner(
            recipients.Object, service, _notifier, log ?? _log, _time,
            new ProactiveDeliveryOptions { TickInterval = TimeSpan.FromMinutes(5), LateGrace = TimeSpan.FromMinutes(5), LeaseDuration = Lease, RetryBackoff = TimeSpan.FromMinutes(1), MaxRetryBackoff = TimeSpan.FromMinutes(5) },
            logger ?? NullLogger<ProactiveBriefingPlanner>.Instance,
            mailboxZones: mailboxZones);
    }

    private static Meeting MeetingFor(UserRef user, string id, DateTimeOffset start)
    {
        var me = new Person(user.DisplayName, user.Upn);
        return Scenario.Meeting(id, start: start, attendees: [Scenario.Internal(me), Scenario.External(Scenario.Priya)]) with { Organizer = me };
    }

    [Fact]
    public async Task A_meeting_is_briefed_once_its_lead_time_arrives_not_before()
    {
        _calendar.Add(Lena, MeetingFor(Lena, "m1", Now.AddMinutes(45)));
        var planner = Planner();

        var early = await planner.RunTickAsync(Ct);
        Assert.Equal(0, early.Sent);
        Assert.Empty(_notifier.Sent);

        _time.Advance(TimeSpan.FromMinutes(15)); // start − 30 min: Lena's lead time
        var due = await planner.RunTickAsync(Ct);

        Assert.Equal(1, due.Sent);
        var sent = Assert.Single(_notifier.Sent);
        Assert.Equal(Lena, sent.User);
        Assert.Equal("m1", sent.Briefing.Meeting.Id);
        Assert.Equal("m1|" + Now.AddMinutes(45).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture), sent.Key);
    }

    [Fact]
    public async Task A_single_user_run_delivers_only_that_users_due_briefings_and_shares_the_log_with_the_tick()
    {
        _recipients.Add(Omar);
        _calendar.Add(Lena, MeetingFor(Lena, "lena-call", Now.AddMinutes(20)));
        _calendar.Add(Omar, MeetingFor(Omar, "omar-call", Now.AddMinutes(20)));
        var planner = Planner();

        var lena = await planner.RunForUserAsync(Lena.TenantId, Lena.UserId, Ct);
        Assert.Equal(new TickSummary(1, 1, 0, 0, 0), lena);
        Assert.Equal(["lena-call"], _notifier.Sent.Select(s => s.Briefing.Meeting.Id));

        // The regular tick finds Lena's briefing already sent and only adds Omar's.
        await planner.RunTickAsync(Ct);
        Assert.Equal(["lena-call", "omar-call"], _notifier.Sent.Select(s => s.Briefing.Meeting.Id));

        // Someone who is not (or no longer) a recipient gets nothing.
        Assert.Equal(new TickSummary(0, 0, 0, 0, 0), await planner.RunForUserAsync("tenant-1", "user-unknown", Ct));
        Assert.Equal(2, _notifier.Sent.Count);
    }

    [Fact]
    public async Task A_moved_meeting_updates_the_card_already_sent_with_where_it_went_and_never_posts_again()
    {
        var meeting = MeetingFor(Lena, "m1", Now.AddMinutes(20));
        _calendar.Add(Lena, meeting);
        var planner = Planner();
        Assert.Equal(1, (await planner.RunTickAsync(Ct)).Sent);
        var card = Assert.Single(_notifier.Sent);
        Assert.Null(card.ExistingActivityId);

        // Moved 17 minutes later, before its new send time: the card in the chat is wrong now, so it is updated now.
        _calendar.Replace(Lena, meeting with { Start = meeting.Start.AddMinutes(17), End = meeting.End.AddMinutes(17) });
        _time.Advance(TimeSpan.FromMinutes(5));
        var moved = await planner.RunTickAsync(Ct);

        var update = Assert.Single(_notifier.Updates);
        Assert.Equal(("m1", "activity-1"), (update.MeetingId, update.ActivityId));
        Assert.Equal(["Moved(11/26/2026 10:37:00 +01:00, 11/26/2026 10:20:00 +01:00)"], update.Changes); // Lena's Berlin time
        Assert.Equal((0, 1), (moved.Sent, moved.Updated));
        Assert.Equal(DeliveryStatus.Sent, _log.StatusOf(DeliveryKey.For(Lena, "m1", meeting.Start.AddMinutes(17))));

        // An interval later, nothing new: nothing is posted and the card is left alone.
        _time.Advance(TimeSpan.FromMinutes(5));
        await planner.RunTickAsync(Ct);
        Assert.Equal(2, _notifier.Sent.Count);
        Assert.Single(_notifier.Sent, s => s.ExistingActivityId is null);
    }

    [Fact]
    public async Task An_escalated_case_updates_the_sent_card_in_place_once_and_a_checked_card_waits_an_interval()
    {
        _calendar.Add(Lena, MeetingFor(Lena, "m1", Now.AddMinutes(25)));
        var planner = Planner();
        await planner.RunTickAsync(Ct);
        Assert.Single(_notifier.Sent);

        // Nothing changed: checked once the interval has passed, not updated.
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await planner.RunTickAsync(Ct)).Updated);

        // Case 4490 is escalated: the next check (an interval after the last one, not before) updates the card.
        _crm = _crm with { Cases = [.. _crm.Cases.Select(c => c.Id == "k-4490" ? c with { IsEscalated = true, Priority = CasePriority.Critical, EscalatedAt = Now } : c)] };
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.Equal(0, (await planner.RunTickAsync(Ct)).Updated);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, (await planner.RunTickAsync(Ct)).Updated);

        var update = Assert.Single(_notifier.Updates);
        Assert.Equal(("m1", "activity-1"), (update.MeetingId, update.ActivityId));
        Assert.Equal(["CaseEscalated(4490, Critical)"], update.Changes);

        // Told once: the next check finds the card showing the escalation already.
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, (await planner.RunTickAsync(Ct)).Updated);
        Assert.Single(_notifier.Sent, s => s.ExistingActivityId is null);
    }

    [Theory]
    [InlineData(34, true)] // send time (start − 30 min) falls before the next tick, 5 min away
    [InlineData(36, false)] // the next tick is in time
    [InlineData(10, true)] // already due
    [InlineData(-10, false)] // started longer ago than the late grace
    public async Task A_changed_meeting_is_due_before_the_next_tick_only_when_its_send_time_is(int startsInMinutes, bool expected)
    {
        var meeting = MeetingFor(Lena, "m1", Now.AddMinutes(startsInMinutes));

        Assert.Equal(expected, await Planner().IsAnySendDueBeforeNextTickAsync(Lena, [meeting], Ct));
    }

    [Fact]
    public async Task No_changed_meetings_are_never_due()
    {
        Assert.False(await Planner().IsAnySendDueBeforeNextTickAsync(Lena, [], Ct));
    }

    [Fact]
    public async Task Each_user_gets_their_own_recipe_lead_time()
    {
        _recipients.Add(Omar);
        _calendar.Add(Lena, MeetingFor(Lena, "lena-call", Now.AddMinutes(80)));
        _calendar.Add(Omar, MeetingFor(Omar, "omar-call", Now.AddMinutes(80)));

        await Planner().RunTickAsync(Ct);

        // Omar's 90 minutes have come; Lena's 30 have not.
        var sent = Assert.Single(_notifier.Sent);
        Assert.Equal("omar-call", sent.Briefing.Meeting.Id);

        _time.Advance(TimeSpan.FromMinutes(50));
        await Planner().RunTickAsync(Ct);
        Assert.Equal(["omar-call", "lena-call"], _notifier.Sent.Select(s => s.Briefing.Meeting.Id));
    }

    [Fact]
    public async Task Two_ticks_and_two_planner_instances_sharing_the_log_send_exactly_once()
    {
        _calendar.Add(Lena, MeetingFor(Lena, "m1", Now.AddMinutes(20)));
        var first = Planner();
        var second = Planner();

        await first.RunTickAsync(Ct);
        await first.RunTickAsync(Ct);
        await second.RunTickAsync(Ct);
        _time.Advance(TimeSpan.FromMinutes(5));
        await Task.WhenAll(first.RunTickAsync(Ct), second.RunTickAsync(Ct));

        Assert.Single(_notifier.Sent);
        Assert.Equal(DeliveryStatus.Sent, _log.StatusOf(DeliveryKey.For(Lena, "m1", Now.AddMinutes(20))));
    }

    [Fact]
    public async Task A_rescheduled_meeting_gets_a_new_briefing_under_a_new_key()
    {
        var meeting = MeetingFor(Lena, "m1", Now.AddMinutes(20));
        _calendar.Add(Lena, meeting);
        var planner = Planner();
        await planner.RunTickAsync(Ct);

        _calendar.Replace(Lena, meeting with { Start = Now.AddMinutes(25), End = Now.AddMinutes(70) });
        _time.Advance(TimeSpan.FromMinutes(1));
        await planner.RunTickAsync(Ct);

        Assert.Equal(2, _notifier.Sent.Count);
        Assert.NotEqual(_notifier.Sent[0].Key, _notifier.Sent[1].Key);
        Assert.All(_notifier.Sent, s => Assert.StartsWith("m1|", s.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task One_failing_meeting_or_user_does_not_stop_the_others_and_an_unknown_outcome_is_never_sent_again()
    {
        _recipients.Insert(0, new UserRef("tenant-1", "user-broken", "broken@contoso.com", "Broken", "UTC", "en-US"));
        _recipients.Add(Omar);
        _calendar.FailFor("broken@contoso.com");
        _calendar.Add(Lena, MeetingFor(Lena, "throws", Now.AddMinutes(10)));
        _calendar.Add(Lena, MeetingFor(Lena, "fails", Now.AddMinutes(12)));
        _calendar.Add(Lena, MeetingFor(Lena, "times-out", Now.AddMinutes(13)));
        _calendar.Add(Lena, MeetingFor(Lena, "fine", Now.AddMinutes(14)));
        _calendar.Add(Omar, MeetingFor(Omar, "omar-call", Now.AddMinutes(14)));
        _notifier.Throw.Add("throws");
        _notifier.Outcomes["fails"] = DeliveryOutcome.Failed;
        _notifier.Outcomes["times-out"] = DeliveryOutcome.Unknown;
        var planner = Planner();

        var tick = await planner.RunTickAsync(Ct);

        Assert.Equal((1, 1, 2), (tick.UserErrors, tick.Failed, tick.Unknown));
        Assert.Equal(["fine", "omar-call"], _notifier.Sent.Select(s => s.Briefing.Meeting.Id));
        Assert.Equal(DeliveryStatus.Failed, _log.StatusOf(DeliveryKey.For(Lena, "fails", Now.AddMinutes(12))));
        Assert.Equal(DeliveryStatus.Unknown, _log.StatusOf(DeliveryKey.For(Lena, "times-out", Now.AddMinutes(13))));

        // The failure is retried; a post that timed out, or threw after it began, may be in the chat: never posted again.
        for (var i = 0; i < 4; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(2));
            await planner.RunTickAsync(Ct);
        }

        // Tries at 0, 2 (retry time 1), 4 (retry time 4) and 8 (retry time 8).
        Assert.Equal(4, _notifier.Attempts.Count(a => a == "fails"));
        Assert.Equal(1, _notifier.Attempts.Count(a => a == "times-out"));
        Assert.Equal(1, _notifier.Attempts.Count(a => a == "throws"));
        Assert.Equal(1, _notifier.Attempts.Count(a => a == "fine"));
    }

    [Fact]
    public async Task A_connector_outage_is_retried_with_backoff_until_the_meeting_starts_not_for_a_number_of_ticks()
    {
        // Lena's 30-minute lead time; a 20-minute outage from the first try, an hour-long one for a meeting 15 minutes out.
        _calendar.Add(Lena, MeetingFor(Lena, "after-outage", Now.AddMinutes(30)));
        _calendar.Add(Lena, MeetingFor(Lena, "outage-past-start", Now.AddMinutes(15)));
        _notifier.Default = DeliveryOutcome.Failed;
        var planner = Planner();
        var attemptTimes = new List<DateTimeOffset>();

        for (var minute = 0; minute <= 25; minute++)
        {
            var before = _notifier.Attempts.Count(a => a == "after-outage");
            if (minute == 20)
            {
                _notifier.Default = DeliveryOutcome.Sent;
                _notifier.Outcomes["outage-past-start"] = DeliveryOutcome.Failed;
            }

            await planner.RunTickAsync(Ct);
            if (_notifier.Attempts.Count(a => a == "after-outage") > before)
            {
                attemptTimes.Add(_time.GetUtcNow());
            }

            _time.Advance(TimeSpan.FromMinutes(1));
        }

        // Backoff doubles from a minute up to the 5-minute cap: tries at 0, 1, 3, 7, 12, 17 (failed), 22 (sent).
        Assert.Equal([0, 1, 3, 7, 12, 17, 22], attemptTimes.Select(t => (int)(t - Now).TotalMinutes));
        Assert.Equal(DeliveryStatus.Sent, _log.StatusOf(DeliveryKey.For(Lena, "after-outage", Now.AddMinutes(30))));
        Assert.Equal(["after-outage"], _notifier.Sent.Select(s => s.Briefing.Meeting.Id));

        // The other meeting was tried until its window closed (start + 5 minutes' grace), then left alone.
        var lastTry = _notifier.AttemptTimes("outage-past-start").Max();
        Assert.InRange((lastTry - Now).TotalMinutes, 15, 20);
    }

    [Fact]
    public async Task A_claim_whose_instance_died_is_taken_over_when_its_lease_expires_and_sent_once()
    {
        var key = DeliveryKey.For(Lena, "m1", Now.AddMinutes(20));
        _calendar.Add(Lena, MeetingFor(Lena, "m1", Now.AddMinutes(20)));

        // An instance claimed the delivery and died while writing it.
        Assert.NotNull(await _log.TryClaimAsync(key, new DeliveryLease("dead-instance", Lease), Now, Ct));
        var planner = Planner();

        await planner.RunTickAsync(Ct);
        _time.Advance(Lease - TimeSpan.FromSeconds(1));
        await planner.RunTickAsync(Ct);
        Assert.Empty(_notifier.Attempts);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, (await planner.RunTickAsync(Ct)).Sent);
        await planner.RunTickAsync(Ct);
        Assert.Equal(["m1"], _notifier.Sent.Select(s => s.Briefing.Meeting.Id));
        Assert.Equal(DeliveryStatus.Sent, _log.StatusOf(key));
    }

    [Fact]
    public async Task A_takeover_of_a_delivery_that_died_while_posting_does_not_post_blindly_and_one_with_its_card_updates_it()
    {
        var posting = DeliveryKey.For(Lena, "died-posting", Now.AddMinutes(20));
        var posted = DeliveryKey.For(Lena, "died-after-post", Now.AddMinutes(25));
        _calendar.Add(Lena, MeetingFor(Lena, "died-posting", Now.AddMinutes(20)));
        _calendar.Add(Lena, MeetingFor(Lena, "died-after-post", Now.AddMinutes(25)));
        var dead = new DeliveryLease("dead-instance", Lease);
        var claim = await _log.TryClaimAsync(posting, dead, Now, Ct);
        Assert.True(await _log.BeginSendAsync(claim!, dead, Now, Ct));
        var second = await _log.TryClaimAsync(posted, dead, Now, Ct);
        Assert.True(await _log.BeginSendAsync(second!, dead, Now, Ct));
        _log.SetActivityId(posted, "activity-7");

        _time.Advance(Lease);
        var tick = await Planner().RunTickAsync(Ct);

        Assert.Equal((1, 1), (tick.Sent, tick.Unknown));
        Assert.Equal(DeliveryStatus.Unknown, _log.StatusOf(posting));
        Assert.Equal(DeliveryStatus.Sent, _log.StatusOf(posted));
        var update = Assert.Single(_notifier.Sent);
        Assert.Equal(("died-after-post", "activity-7"), (update.Briefing.Meeting.Id, update.ExistingActivityId));
    }

    [Fact]
    public async Task Stopping_while_a_briefing_is_written_releases_its_claim_for_another_instance_at_once()
    {
        _calendar.Add(Lena, MeetingFor(Lena, "m1", Now.AddMinutes(20)));
        var mail = new BlockingMail();
        using var stopping = new CancellationTokenSource();
        var tick = Planner(mail: mail).RunTickAsync(stopping.Token);

        await mail.Entered.Task.WaitAsync(Ct);
        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tick);

        Assert.Equal(DeliveryStatus.Failed, _log.StatusOf(DeliveryKey.For(Lena, "m1", Now.AddMinutes(20))));
        Assert.Equal(1, (await Planner().RunTickAsync(Ct)).Sent);
    }

    [Fact]
    public async Task Stopping_while_a_card_is_posted_lets_the_post_finish_and_records_it_sent()
    {
        _calendar.Add(Lena, MeetingFor(Lena, "m1", Now.AddMinutes(20)));
        _calendar.Add(Lena, MeetingFor(Lena, "m2", Now.AddMinutes(22)));
        _notifier.Gate = new TaskCompletionSource();
        using var stopping = new CancellationTokenSource();
        var tick = Planner().RunTickAsync(stopping.Token);

        await _notifier.Entered.Task.WaitAsync(Ct);
        await stopping.CancelAsync();
        _notifier.Gate.SetResult();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => tick);

        Assert.Equal(DeliveryStatus.Sent, _log.StatusOf(DeliveryKey.For(Lena, "m1", Now.AddMinutes(20))));
        Assert.Null(_log.StatusOf(DeliveryKey.For(Lena, "m2", Now.AddMinutes(22))));
        Assert.Equal(["m1"], _notifier.Sent.Select(s => s.Briefing.Meeting.Id));
    }

    [Fact]
    public async Task A_gone_conversation_stops_the_user_for_this_tick_and_a_reinstall_gets_the_briefing_later()
    {
        _calendar.Add(Lena, MeetingFor(Lena, "m1", Now.AddMinutes(10)));
        _calendar.Add(Lena, MeetingFor(Lena, "m2", Now.AddMinutes(12)));
        _notifier.Default = DeliveryOutcome.ConversationGone;
        var planner = Planner();

        var tick = await planner.RunTickAsync(Ct);

        Assert.Equal(1, tick.Undeliverable);
        Assert.Equal(["m1"], _notifier.Attempts);
        Assert.Empty(_notifier.Sent);

        _notifier.Default = DeliveryOutcome.Sent;
        _time.Advance(TimeSpan.FromMinutes(1));
        await planner.RunTickAsync(Ct);
        Assert.Equal(["m1", "m2"], _notifier.Sent.Select(s => s.Briefing.Meeting.Id));
    }

    [Fact]
    public async Task A_claim_that_fails_is_a_counted_failure_logged_with_its_exception_and_the_next_tick_tries_again()
    {
        _calendar.Add(Lena, MeetingFor(Lena, "m1", Now.AddMinutes(10)));
        var failing = new FailingClaimLog(_log, new InvalidOperationException("database is locked"));
        var logger = new RecordingLogger();
        var planner = Planner(failing, logger);

        var tick = await planner.RunTickAsync(Ct);

        Assert.Equal((0, 1), (tick.Sent, tick.Failed));
        Assert.Empty(_notifier.Attempts);
        var error = Assert.Single(logger.Entries, e => e.Level == LogLevel.Error);
        // The log gets the exception redacted (LogRedaction): same type and stack, messages scrubbed of addresses.
        Assert.StartsWith(failing.Error!.GetType().FullName + ": " + failing.Error.Message, error.Exception!.ToString(), StringComparison.Ordinal);

        failing.Error = null;
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, (await planner.RunTickAsync(Ct)).Sent);
    }

    [Fact]
    public async Task Meetings_that_started_beyond_the_grace_are_never_briefed_late_and_private_or_cancelled_never()
    {
        _calendar.Add(Lena, MeetingFor(Lena, "just-started", Now.AddMinutes(-3)));
        _calendar.Add(Lena, MeetingFor(Lena, "long-started", Now.AddMinutes(-20)));
        _calendar.Add(Lena, MeetingFor(Lena, "private", Now.AddMinutes(10)) with { Sensitivity = Sensitivity.Private });
        _calendar.Add(Lena, MeetingFor(Lena, "cancelled", Now.AddMinutes(10)) with { IsCancelled = true });

        await Planner().RunTickAsync(Ct);

        Assert.Equal(["just-started"], _notifier.Attempts);
    }

    private sealed class FakeCalendar : ICalendarSource
    {
        private readonly ConcurrentDictionary<string, List<Meeting>> _byUpn = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _failing = new(StringComparer.OrdinalIgnoreCase);

        public void Add(UserRef user, Meeting meeting) => _byUpn.GetOrAdd(user.Upn, _ => []).Add(meeting);

        public void Replace(UserRef user, Meeting meeting)
        {
            var list = _byUpn[user.Upn];
            list.RemoveAll(m => m.Id == meeting.Id);
            list.Add(meeting);
        }

        public void FailFor(string upn) => _failing.Add(upn);

        public Task<IReadOnlyList<Meeting>> GetMeetingsAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            _failing.Contains(user.Upn)
                ? throw new Sources.SourceUnavailableException("calendar", "scripted outage")
                : Task.FromResult<IReadOnlyList<Meeting>>(_byUpn.GetValueOrDefault(user.Upn, []).Where(m => m.End > from && m.Start < to).ToList());

        public Task<Meeting?> GetMeetingAsync(UserRef user, string meetingId, CancellationToken cancellationToken) =>
            Task.FromResult(_byUpn.GetValueOrDefault(user.Upn, []).FirstOrDefault(m => m.Id == meetingId));

        public Task<IReadOnlyList<Meeting>> GetMeetingsWithAsync(UserRef user, IReadOnlyCollection<string> emails, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<Meeting>>([]);

        public Task<TenantDomains> GetTenantDomainsAsync(UserRef user, CancellationToken cancellationToken) =>
            Task.FromResult(new TenantDomains(["contoso.com"]));
    }

    private sealed class FakeNotifier(TimeProvider time) : IBriefingNotifier
    {
        private readonly Lock _lock = new();
        private readonly List<(string MeetingId, DateTimeOffset At)> _attempts = [];
        private int _ids;

        public List<(UserRef User, Briefing Briefing, string Key, string? ExistingActivityId)> Sent { get; } = [];

        public IReadOnlyList<string> Attempts
        {
            get
            {
                lock (_lock)
                {
                    return [.. _attempts.Select(a => a.MeetingId)];
                }
            }
        }

        public Dictionary<string, DeliveryOutcome> Outcomes { get; } = [];

        public HashSet<string> Throw { get; } = [];

        public DeliveryOutcome Default { get; set; } = DeliveryOutcome.Sent;

        /// <summary>While set, a delivery signals <see cref="Entered"/> and waits for it (a post in flight).</summary>
        public TaskCompletionSource? Gate { get; set; }

        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IEnumerable<DateTimeOffset> AttemptTimes(string meetingId)
        {
            lock (_lock)
            {
                return [.. _attempts.Where(a => a.MeetingId == meetingId).Select(a => a.At)];
            }
        }

        /// <summary>Each update in place: the meeting, the card updated and the "what changed" lines it carried.</summary>
        public List<(string MeetingId, string ActivityId, IReadOnlyList<string> Changes)> Updates { get; } = [];

        public async Task<DeliveryReceipt> DeliverAsync(
            UserRef user, Briefing briefing, string idempotencyKey, string? existingActivityId, IReadOnlyList<MaterialChange> changes, CancellationToken cancellationToken)
        {
            if (Gate is { } gate)
            {
                Entered.TrySetResult();
                await gate.Task.WaitAsync(cancellationToken);
            }

            lock (_lock)
            {
                _attempts.Add((briefing.Meeting.Id, time.GetUtcNow()));
                if (Throw.Contains(briefing.Meeting.Id))
                {
                    throw new HttpRequestException("scripted connector crash");
                }

                var outcome = Outcomes.GetValueOrDefault(briefing.Meeting.Id, Default);
                if (outcome != DeliveryOutcome.Sent)
                {
                    return new DeliveryReceipt(outcome);
                }

                Sent.Add((user, briefing, idempotencyKey, existingActivityId));
                if (existingActivityId is not null)
                {
                    Updates.Add((briefing.Meeting.Id, existingActivityId, [.. changes.Select(c => c.ToString())]));
                }

                return new DeliveryReceipt(outcome, existingActivityId ?? $"activity-{++_ids}");
            }
        }

        /// <summary>Each morning digest posted: to whom, what it listed, under which key and when.</summary>
        public List<(UserRef User, MeetingDigest Digest, string Key, DateTimeOffset At)> Digests { get; } = [];

        public Task<DeliveryReceipt> DeliverDigestAsync(UserRef user, MeetingDigest digest, string idempotencyKey, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                Digests.Add((user, digest, idempotencyKey, time.GetUtcNow()));
                return Task.FromResult(new DeliveryReceipt(DeliveryOutcome.Sent, $"activity-{++_ids}"));
            }
        }
    }

    /// <summary>A mail source that waits until the tick is cancelled (a host stopping while a briefing is gathered).</summary>
    private sealed class BlockingMail : IMailSource
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<IReadOnlyList<EmailMessage>> GetRecentMessagesAsync(UserRef user, IReadOnlyCollection<string> participants, DateTimeOffset since, int maxPerParticipant, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        }
    }

    /// <summary>A delivery log whose claims throw <see cref="Error"/> (a locked database) while it is set.</summary>
    private sealed class FailingClaimLog(IDeliveryLog inner, Exception error) : IDeliveryLog
    {
        public Exception? Error { get; set; } = error;

        public Task<DeliveryClaim?> TryClaimAsync(DeliveryKey key, DeliveryLease lease, DateTimeOffset now, CancellationToken cancellationToken) =>
            Error is { } error ? Task.FromException<DeliveryClaim?>(error) : inner.TryClaimAsync(key, lease, now, cancellationToken);

        public Task<bool> BeginSendAsync(DeliveryClaim claim, DeliveryLease lease, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.BeginSendAsync(claim, lease, now, cancellationToken);

        public Task<bool> RecordAsync(DeliveryClaim claim, DeliveryRecord record, CancellationToken cancellationToken) =>
            inner.RecordAsync(claim, record, cancellationToken);

        public Task<IReadOnlyList<SentDelivery>> ListSentAsync(string tenantId, string userId, DateTimeOffset since, CancellationToken cancellationToken) =>
            inner.ListSentAsync(tenantId, userId, since, cancellationToken);

        public Task<bool> BeginCheckAsync(SentDelivery sent, DateTimeOffset now, CancellationToken cancellationToken) =>
            inner.BeginCheckAsync(sent, now, cancellationToken);

        public Task RecordFactsAsync(DeliveryKey key, string facts, CancellationToken cancellationToken) =>
            inner.RecordFactsAsync(key, facts, cancellationToken);
    }

    private sealed class RecordingLogger : ILogger<ProactiveBriefingPlanner>
    {
        private readonly Lock _lock = new();
        private readonly List<(LogLevel Level, Exception? Exception, string Message)> _entries = [];

        public IReadOnlyList<(LogLevel Level, Exception? Exception, string Message)> Entries
        {
            get
            {
                lock (_lock)
                {
                    return [.. _entries];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lock)
            {
                _entries.Add((logLevel, exception, formatter(state, exception)));
            }
        }
    }

    /// <summary>The log's contract in memory (the EF store is tested against real databases in Storage.Tests).</summary>
    private sealed class InMemoryDeliveryLog : IDeliveryLog
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<DeliveryKey, Row> _rows = [];
        private long _version;

        public DeliveryStatus? StatusOf(DeliveryKey key)
        {
            lock (_lock)
            {
                return _rows.TryGetValue(key, out var row) ? row.Status : null;
            }
        }

        /// <summary>The card id an instance learned from Teams before it died (the state a takeover may find).</summary>
        public void SetActivityId(DeliveryKey key, string activityId)
        {
            lock (_lock)
            {
                _rows[key] = _rows[key] with { ActivityId = activityId };
            }
        }

        public Task<DeliveryClaim?> TryClaimAsync(DeliveryKey key, DeliveryLease lease, DateTimeOffset now, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (!_rows.TryGetValue(key, out var row))
                {
                    _rows[key] = new Row(DeliveryStatus.Claimed, 1, lease.Owner, now + lease.Duration, null, null);
                    return Task.FromResult<DeliveryClaim?>(new DeliveryClaim(key, lease.Owner, 1));
                }

                var takeover = row.Status is DeliveryStatus.Claimed or DeliveryStatus.Sending && row.LeaseExpiresAt <= now;
                var retry = row.Status is DeliveryStatus.Failed or DeliveryStatus.NoConversation && (row.RetryAt ?? now) <= now;
                if (!takeover && !retry)
                {
                    return Task.FromResult<DeliveryClaim?>(null);
                }

                _rows[key] = row with { Status = DeliveryStatus.Claimed, Attempts = row.Attempts + 1, Owner = lease.Owner, LeaseExpiresAt = now + lease.Duration, RetryAt = null };
                return Task.FromResult<DeliveryClaim?>(new DeliveryClaim(key, lease.Owner, row.Attempts + 1, takeover ? row.Status : null, row.ActivityId));
            }
        }

        public Task<bool> BeginSendAsync(DeliveryClaim claim, DeliveryLease lease, DateTimeOffset now, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                var row = _rows[claim.Key];
                if (!Holds(row, claim) || row.Status != DeliveryStatus.Claimed || row.LeaseExpiresAt <= now)
                {
                    return Task.FromResult(false);
                }

                _rows[claim.Key] = row with { Status = DeliveryStatus.Sending, LeaseExpiresAt = now + lease.Duration };
                return Task.FromResult(true);
            }
        }

        public Task<bool> RecordAsync(DeliveryClaim claim, DeliveryRecord record, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                var row = _rows[claim.Key];
                if (!Holds(row, claim) || row.Status is not (DeliveryStatus.Claimed or DeliveryStatus.Sending))
                {
                    return Task.FromResult(false);
                }

                _rows[claim.Key] = row with
                {
                    Status = record.Status, Owner = null, LeaseExpiresAt = null, RetryAt = record.RetryAt, ActivityId = record.ActivityId ?? row.ActivityId,
                    Facts = record.Facts ?? row.Facts, CheckedAt = record.Facts is null ? row.CheckedAt : record.At, Version = ++_version,
                };
                return Task.FromResult(true);
            }
        }

        public Task<IReadOnlyList<SentDelivery>> ListSentAsync(string tenantId, string userId, DateTimeOffset since, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                return Task.FromResult<IReadOnlyList<SentDelivery>>(_rows
                    .Where(r => r.Key.TenantId == tenantId && r.Key.UserId == userId && r.Value.Status == DeliveryStatus.Sent && r.Value.ActivityId is not null && r.Key.MeetingStart >= since)
                    .OrderBy(r => r.Value.Version)
                    .Select(r => new SentDelivery(r.Key, r.Value.ActivityId!, r.Value.Facts, r.Value.CheckedAt))
                    .ToList());
            }
        }

        public Task<bool> BeginCheckAsync(SentDelivery sent, DateTimeOffset now, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                var row = _rows[sent.Key];
                if (row.CheckedAt != sent.CheckedAt)
                {
                    return Task.FromResult(false);
                }

                _rows[sent.Key] = row with { CheckedAt = now };
                return Task.FromResult(true);
            }
        }

        public Task RecordFactsAsync(DeliveryKey key, string facts, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                _rows[key] = _rows[key] with { Facts = facts };
                return Task.CompletedTask;
            }
        }

        private static bool Holds(Row row, DeliveryClaim claim) => row.Owner == claim.Owner && row.Attempts == claim.Attempt;

        private sealed record Row(DeliveryStatus Status, int Attempts, string? Owner, DateTimeOffset? LeaseExpiresAt, DateTimeOffset? RetryAt, string? ActivityId)
        {
            public string? Facts { get; init; }

            public DateTimeOffset? CheckedAt { get; init; }

            public long Version { get; init; }
        }
    }
}
