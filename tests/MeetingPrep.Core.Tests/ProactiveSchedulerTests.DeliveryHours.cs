using System.Globalization;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;
using Moq;
using Xunit;

namespace MeetingPrep.Core.Tests;

/// <summary>The morning digest and quiet hours on the fake clock, in the user's own time zone across daylight-saving switches.</summary>
public sealed partial class ProactiveSchedulerTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(5);

    private void Hours(UserRef user, RecipePatch patch) =>
        _recipes.Setup(r => r.GetUserPatchAsync(user.TenantId, user.UserId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(patch with { LeadTimeMinutes = patch.LeadTimeMinutes ?? 30 });

    /// <summary>Runs a tick every interval from the fake clock's time until <paramref name="until"/>.</summary>
    private async Task TickUntilAsync(ProactiveBriefingPlanner planner, DateTimeOffset until)
    {
        while (_time.GetUtcNow() < until)
        {
            await planner.RunTickAsync(Ct);
            _time.Advance(Tick);
        }
    }

    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    [Theory]
    // EU spring switch (Sun 29 March 2026): 08:00 in Berlin is 07:00 UTC before it and 06:00 UTC after; no weekend digest.
    [InlineData("Europe/Berlin", "2026-03-27", "2026-03-27T07:00Z", "2026-03-30T06:00Z", "2026-03-31T06:00Z")]
    // EU autumn switch (Sun 25 October 2026): 06:00 UTC before, 07:00 UTC after.
    [InlineData("Europe/Berlin", "2026-10-23", "2026-10-23T06:00Z", "2026-10-26T07:00Z", "2026-10-27T07:00Z")]
    // US spring switch (Sun 8 March 2026): 08:00 in New York is 13:00 UTC before it and 12:00 UTC after.
    [InlineData("America/New_York", "2026-03-06", "2026-03-06T13:00Z", "2026-03-09T12:00Z", "2026-03-10T12:00Z")]
    // US autumn switch (Sun 1 November 2026): 12:00 UTC before, 13:00 UTC after.
    [InlineData("America/New_York", "2026-10-30", "2026-10-30T12:00Z", "2026-11-02T13:00Z", "2026-11-03T13:00Z")]
    public async Task The_digest_goes_out_once_each_working_day_at_the_users_local_time_across_daylight_saving_switches(
        string zone, string friday, string fridayAt, string mondayAt, string tuesdayAt)
    {
        var user = Lena with { TimeZone = zone };
        _recipients.Clear();
        _recipients.Add(user);
        Hours(user, new RecipePatch { Digest = true, DigestAt = "08:00" });
        var start = Utc(friday + "T00:00Z");
        _time.AdjustTime(start);

        await TickUntilAsync(Planner(), start.AddDays(5));

        Assert.Equal([Utc(fridayAt), Utc(mondayAt), Utc(tuesdayAt)], _notifier.Digests.Select(d => d.At));
        var fri = DateOnly.Parse(friday, CultureInfo.InvariantCulture);
        Assert.Equal([fri, fri.AddDays(3), fri.AddDays(4)], _notifier.Digests.Select(d => d.Digest.Day));
        Assert.All(_notifier.Digests, d => Assert.Equal(zone, d.User.TimeZone));
    }

    [Fact]
    public async Task The_digest_lists_the_briefed_meetings_of_the_users_local_day_each_under_its_own_id()
    {
        // Friday 27 November 2026 in Berlin (UTC+1); the digest at 07:30 local is 06:30 UTC.
        _time.AdjustTime(Utc("2026-11-27T06:00Z"));
        Hours(Lena, new RecipePatch { Digest = true, DigestAt = "07:30" });
        _calendar.Add(Lena, MeetingFor(Lena, "late-yesterday", Utc("2026-11-26T22:30Z"))); // 23:30 Thursday in Berlin
        _calendar.Add(Lena, MeetingFor(Lena, "afternoon", Utc("2026-11-27T14:00Z")));
        _calendar.Add(Lena, MeetingFor(Lena, "morning", Utc("2026-11-27T09:00Z")));
        _calendar.Add(Lena, MeetingFor(Lena, "private", Utc("2026-11-27T10:00Z")) with { Sensitivity = Sensitivity.Private });
        _calendar.Add(Lena, MeetingFor(Lena, "just-before-midnight", Utc("2026-11-27T22:45Z")));
        _calendar.Add(Lena, MeetingFor(Lena, "tomorrow", Utc("2026-11-27T23:15Z"))); // 00:15 Saturday in Berlin

        await TickUntilAsync(Planner(), Utc("2026-11-27T07:00Z"));

        var digest = Assert.Single(_notifier.Digests);
        Assert.Equal(Utc("2026-11-27T06:30Z"), digest.At);
        Assert.Equal(new DateOnly(2026, 11, 27), digest.Digest.Day);
        Assert.Equal(["morning", "afternoon", "just-before-midnight"], digest.Digest.Meetings.Select(m => m.Id));
        Assert.Equal("digest:2026-11-27|2026-11-27T00:00:00Z", digest.Key);
    }

    [Fact]
    public async Task The_digest_is_off_until_the_user_opts_in_and_is_sent_once_whatever_the_instances_and_restarts()
    {
        _time.AdjustTime(Utc("2026-11-27T07:00Z")); // 08:00 Friday in Berlin
        var first = Planner();
        var second = Planner();
        await first.RunTickAsync(Ct);
        Assert.Empty(_notifier.Digests);

        Hours(Lena, new RecipePatch { Digest = true, DigestAt = "08:00" });
        var summaries = await Task.WhenAll(first.RunTickAsync(Ct), second.RunTickAsync(Ct));
        Assert.Equal(1, summaries.Sum(s => s.Digests));

        // A restarted instance later that morning, and a new time zone that makes it 08:00 again: the day's digest is sent.
        _time.Advance(TimeSpan.FromHours(1));
        Hours(Lena, new RecipePatch { Digest = true, DigestAt = "08:00", TimeZone = "Europe/London" });
        await Planner().RunTickAsync(Ct);
        Assert.Single(_notifier.Digests);
        Assert.Equal(DeliveryStatus.Sent, _log.StatusOf(DeliveryKey.ForDigest(Lena, new DateOnly(2026, 11, 27))));

        // Opted out: the next working day has none.
        Hours(Lena, new RecipePatch { Digest = false });
        _time.AdjustTime(Utc("2026-11-30T07:00Z"));
        await Planner().RunTickAsync(Ct);
        Assert.Single(_notifier.Digests);
    }

    [Fact]
    public async Task In_quiet_hours_a_briefing_waits_for_their_end_while_its_meeting_is_ahead_and_is_recorded_as_not_sent_otherwise()
    {
        // Quiet 22:00–07:00 in Berlin (UTC+1): until 06:00 UTC on Friday 27 November. The digest, at 06:30 local, waits too.
        _time.AdjustTime(Utc("2026-11-26T20:30Z"));
        Hours(Lena, new RecipePatch { QuietFrom = "22:00", QuietUntil = "07:00", Digest = true, DigestAt = "06:30" });
        _calendar.Add(Lena, MeetingFor(Lena, "early", Utc("2026-11-27T05:30Z"))); // due 05:00, starts inside the quiet hours
        _calendar.Add(Lena, MeetingFor(Lena, "after", Utc("2026-11-27T06:20Z"))); // due 05:50, starts after them
        _calendar.Add(Lena, MeetingFor(Lena, "evening", Utc("2026-11-26T20:50Z"))); // due 20:20, before the quiet hours

        await TickUntilAsync(Planner(), Utc("2026-11-27T07:00Z"));

        Assert.Equal([Utc("2026-11-26T20:30Z")], _notifier.AttemptTimes("evening"));
        Assert.Empty(_notifier.AttemptTimes("early"));
        Assert.Equal(DeliveryStatus.QuietHours, _log.StatusOf(DeliveryKey.For(Lena, "early", Utc("2026-11-27T05:30Z"))));
        Assert.Equal([Utc("2026-11-27T06:00Z")], _notifier.AttemptTimes("after"));
        Assert.Equal([Utc("2026-11-27T06:00Z")], _notifier.Digests.Select(d => d.At));
    }

    [Fact]
    public async Task Without_a_zone_in_the_recipe_digest_quiet_hours_and_card_times_follow_the_mailbox_zone_not_teams()
    {
        // Teams says UTC (the client she last wrote from); Outlook says Pacific (a Windows id, as Exchange keeps it).
        var user = Lena with { TimeZone = "UTC" };
        _recipients.Clear();
        _recipients.Add(user);
        var zones = new Mock<IUserTimeZoneSource>();
        zones.Setup(z => z.GetTimeZoneAsync(It.Is<UserRef>(u => u.UserId == user.UserId), It.IsAny<CancellationToken>())).ReturnsAsync("Pacific Standard Time");

        // Friday 27 November 2026: Pacific is UTC-8, so 08:00 is 16:00 UTC and the quiet hours 22:00–07:00 end at 15:00 UTC.
        _time.AdjustTime(Utc("2026-11-27T05:00Z"));
        Hours(user, new RecipePatch { Digest = true, DigestAt = "08:00", QuietFrom = "22:00", QuietUntil = "07:00" });
        _calendar.Add(user, MeetingFor(user, "morning", Utc("2026-11-27T15:20Z"))); // 07:20 in Pacific, due 14:50 (quiet)

        await TickUntilAsync(Planner(mailboxZones: zones.Object), Utc("2026-11-27T17:00Z"));

        Assert.Equal([Utc("2026-11-27T15:00Z")], _notifier.AttemptTimes("morning"));
        var digest = Assert.Single(_notifier.Digests);
        Assert.Equal(Utc("2026-11-27T16:00Z"), digest.At);
        Assert.Equal("Pacific Standard Time", digest.User.TimeZone);

        // A zone in the recipe wins over the mailbox's: London's 08:00 is 08:00 UTC on Monday.
        _notifier.Digests.Clear();
        Hours(user, new RecipePatch { Digest = true, DigestAt = "08:00", TimeZone = "Europe/London" });
        _time.AdjustTime(Utc("2026-11-30T07:00Z"));
        await TickUntilAsync(Planner(mailboxZones: zones.Object), Utc("2026-11-30T09:00Z"));
        Assert.Equal([Utc("2026-11-30T08:00Z")], _notifier.Digests.Select(d => d.At));
    }

    [Fact]
    public async Task When_the_mailbox_zone_cannot_be_read_the_teams_zone_is_used_and_delivery_goes_on()
    {
        var zones = new Mock<IUserTimeZoneSource>();
        zones.Setup(z => z.GetTimeZoneAsync(It.IsAny<UserRef>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new MeetingPrep.Core.Sources.SourceUnavailableException("mailbox settings", "Microsoft Graph is temporarily unavailable.") { IsTransient = true });

        // Lena's Teams zone is Berlin (UTC+1): 08:00 is 07:00 UTC on Friday 27 November.
        _time.AdjustTime(Utc("2026-11-27T06:00Z"));
        Hours(Lena, new RecipePatch { Digest = true, DigestAt = "08:00" });
        await TickUntilAsync(Planner(mailboxZones: zones.Object), Utc("2026-11-27T08:00Z"));

        Assert.Equal([Utc("2026-11-27T07:00Z")], _notifier.Digests.Select(d => d.At));
    }

    [Theory]
    [InlineData("22:00", "07:00", "2026-11-26T20:59Z", null)] // 21:59 in Berlin
    [InlineData("22:00", "07:00", "2026-11-26T21:00Z", "2026-11-27T06:00Z")]
    [InlineData("22:00", "07:00", "2026-11-27T05:59Z", "2026-11-27T06:00Z")]
    [InlineData("22:00", "07:00", "2026-11-27T06:00Z", null)]
    [InlineData("12:00", "13:00", "2026-11-27T11:30Z", "2026-11-27T12:00Z")]
    [InlineData("12:00", "12:00", "2026-11-27T11:00Z", null)] // an empty span is no quiet hours
    // The spring switch: 00:00–03:00 local on 29 March 2026 lasts two hours (02:00 does not happen).
    [InlineData("00:00", "03:00", "2026-03-28T23:30Z", "2026-03-29T01:00Z")]
    public void Quiet_hours_are_local_wall_clock_times_and_may_wrap_midnight(string from, string until, string at, string? end)
    {
        var hours = new RecipePatch { QuietFrom = from, QuietUntil = until }.ApplyTo(BriefingRecipe.Default).Delivery;

        Assert.Equal(end is null ? null : Utc(end), hours.QuietEnd(Utc(at), hours.ZoneFor(Lena)));
    }

    [Fact]
    public void A_digest_time_the_spring_switch_skips_happens_when_the_clocks_jump_and_the_settings_are_checked()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.Equal(Utc("2026-03-29T01:00Z"), DeliveryHours.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(2, 30), berlin));
        Assert.Equal((Utc("2026-03-28T23:00Z"), Utc("2026-03-29T22:00Z")), DeliveryHours.DayBounds(new DateOnly(2026, 3, 29), berlin));

        Assert.Null(new RecipePatch { TimeZone = "Europe/Berlin", DigestAt = "7:45", QuietFrom = "", WorkingDays = [DayOfWeek.Sunday] }.CheckDeliveryHours());
        Assert.Contains("timeZone", new RecipePatch { TimeZone = "Mars/Olympus" }.CheckDeliveryHours(), StringComparison.Ordinal);
        Assert.Contains("digestAt", new RecipePatch { DigestAt = "25:00" }.CheckDeliveryHours(), StringComparison.Ordinal);
        Assert.Contains("workingDays", new RecipePatch { WorkingDays = [(DayOfWeek)9] }.CheckDeliveryHours(), StringComparison.Ordinal);
    }
}
