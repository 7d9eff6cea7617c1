using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Core.Delivery;

/// <summary>How the proactive tick behaves.</summary>
public sealed record ProactiveDeliveryOptions
{
    /// <summary>How often the tick runs; the look-ahead window is widened by it so no meeting falls between ticks.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A meeting that started at most this long ago is still briefed (a tick that ran a little late); older, never.</summary>
    public TimeSpan LateGrace { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a claim is held without news from its instance (renewed when the send begins); a claim whose instance
    /// died is taken over once it expires. Longer than writing one briefing, or two instances would both write it.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before the first retry of a failed delivery; it doubles with each attempt up to <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>This instance's name on its claims (unique per process, so a restarted instance takes over its own old claims too).</summary>
    public string InstanceId { get; init; } = Guid.NewGuid().ToString("N");
}

/// <summary>The counts of one tick, for logs and tests. <paramref name="Unknown"/>: posts whose outcome nobody knows (never re-posted).</summary>
/// <paramref name="Updated"/>: cards already sent that were updated in place because their meeting's facts changed.
/// <paramref name="Digests"/>: morning digests sent; <paramref name="Quiet"/>: briefings not sent because their meeting started in quiet hours.
public sealed record TickSummary(int Users, int Sent, int Failed, int Undeliverable, int UserErrors, int Unknown = 0, int Updated = 0, int Digests = 0, int Quiet = 0);

/// <summary>
/// One scheduler tick: for every user with a usable conversation, the briefed meetings whose send time (start minus the
/// user's lead time) has come are written and delivered once. Which meetings are briefed is the engine's decision
/// (<see cref="BriefingService.GetMeetingsAsync"/> applies <see cref="BriefingPolicy"/>); this only decides when.
/// Errors are contained per user and per meeting so one bad calendar or meeting never stops the rest.
/// </summary>
public sealed class ProactiveBriefingPlanner(
    IProactiveRecipients recipients,
    BriefingService briefings,
    IBriefingNotifier notifier,
    IDeliveryLog log,
    TimeProvider time,
    ProactiveDeliveryOptions options,
    ILogger<ProactiveBriefingPlanner> logger,
    IEngagementLog? engagement = null,
    IUserTimeZoneSource? mailboxZones = null)
{
    /// <summary>Every recipient in turn, in this process (the job engine fans the same work out per user instead).</summary>
    public async Task<TickSummary> RunTickAsync(CancellationToken cancellationToken)
    {
        using var activity = CoreTelemetry.StartDeliveryTick("all");
        var users = await recipients.ListAsync(cancellationToken);
        var total = new UserResult(0, 0, 0, 0);
        int userErrors = 0;
        foreach (var user in users.DistinctBy(u => (u.TenantId, u.UserId)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                total += await DeliverDueAsync(user, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                userErrors++;
                Log.DeliveryUserFailed(logger, ex, user.TenantId, user.UserId, ex.GetType().Name);
            }
        }

        var summary = new TickSummary(users.Count, total.Sent, total.Failed, total.Undeliverable, userErrors, total.Unknown, total.Updated, total.Digests, total.Quiet);
        Tag(activity, summary);
        Log.DeliveryTick(logger, summary.Users, summary.Sent, summary.Failed, summary.Undeliverable, summary.UserErrors, summary.Unknown);
        return summary;
    }

    /// <summary>
    /// The tick for one user: their share of a wave the job engine fans out, or out of schedule (a calendar change brought
    /// a send time into the next interval). Same rules and the same delivery log as <see cref="RunTickAsync"/>, so a
    /// briefing found twice is sent once. A user who is no longer a recipient (uninstalled) gets nothing.
    /// </summary>
    public async Task<TickSummary> RunForUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        using var activity = CoreTelemetry.StartDeliveryTick("user");
        var summary = await RunOneUserAsync(tenantId, userId, cancellationToken);
        Tag(activity, summary);
        return summary;
    }

    private static void Tag(System.Diagnostics.Activity? activity, TickSummary summary) =>
        activity?.SetTag("meetingprep.tick.users", summary.Users)
            .SetTag("meetingprep.tick.sent", summary.Sent)
            .SetTag("meetingprep.tick.failed", summary.Failed)
            .SetTag("meetingprep.tick.undeliverable", summary.Undeliverable)
            .SetTag("meetingprep.tick.user_errors", summary.UserErrors)
            .SetTag("meetingprep.tick.unknown", summary.Unknown);

    private async Task<TickSummary> RunOneUserAsync(string tenantId, string userId, CancellationToken cancellationToken)
    {
        var user = await recipients.FindAsync(tenantId, userId, cancellationToken);
        if (user is null)
        {
            return new TickSummary(0, 0, 0, 0, 0);
        }

        try
        {
            var result = await DeliverDueAsync(user, cancellationToken);
            return new TickSummary(1, result.Sent, result.Failed, result.Undeliverable, 0, result.Unknown, result.Updated, result.Digests, result.Quiet);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.DeliveryUserFailed(logger, ex, user.TenantId, user.UserId, ex.GetType().Name);
            return new TickSummary(1, 0, 0, 0, 1);
        }
    }

    /// <summary>
    /// Whether any of <paramref name="meetings"/> has its send time (start minus the user's lead time) before the next
    /// regular tick, so waiting for that tick would be late. The meetings' eligibility is left to the tick itself.
    /// </summary>
    public async Task<bool> IsAnySendDueBeforeNextTickAsync(UserRef user, IEnumerable<Meeting> meetings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var candidates = meetings.ToList();
        if (candidates.Count == 0)
        {
            return false;
        }

        var lead = await LeadTimeAsync(user, cancellationToken);
        var now = time.GetUtcNow();
        return candidates.Any(m => m.Start - lead <= now + options.TickInterval && m.Start >= now - options.LateGrace);
    }

    private async Task<TimeSpan> LeadTimeAsync(UserRef user, CancellationToken cancellationToken) =>
        LeadTime(await briefings.GetRecipeAsync(user, cancellationToken));

    /// <summary>The recipe owns the lead time (team default under the user's own; clamped to 5–1440 minutes there).</summary>
    private static TimeSpan LeadTime(BriefingRecipe recipe) => TimeSpan.FromMinutes(recipe.LeadTimeMinutes);

    /// <summary>
    /// The user in their mailbox's time zone when their recipe names none (the recipe's wins; Teams' zone, set by the
    /// client they last wrote from, is the fallback when the mailbox has none or cannot be read now).
    /// </summary>
    private async Task<UserRef> InMailboxZoneAsync(UserRef user, BriefingRecipe recipe, CancellationToken cancellationToken)
    {
        if (mailboxZones is null || recipe.Delivery.TimeZone is { Length: > 0 })
        {
            return user;
        }

        try
        {
            var zone = await mailboxZones.GetTimeZoneAsync(user, cancellationToken);
            return zone is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _) ? user with { TimeZone = zone } : user;
        }
        catch (Sources.SourceUnavailableException ex)
        {
            Log.MailboxTimeZoneUnavailable(logger, user.UserId, user.TenantId, ex.Message);
            return user;
        }
    }

    private DeliveryLease Lease => new(options.InstanceId, options.LeaseDuration);

    /// <summary>
    /// The user's briefings whose send window is open (from start minus lead time until the meeting starts, plus the late
    /// grace): each is claimed, written and sent; a failure is retried with backoff until that window closes. Inside the
    /// user's quiet hours nothing is posted: a briefing waits for them to end while its meeting is still ahead then, and
    /// is recorded as not sent otherwise. Then the morning digest, when one is due.
    /// </summary>
    private async Task<UserResult> DeliverDueAsync(UserRef user, CancellationToken cancellationToken)
    {
        var recipe = await briefings.GetRecipeAsync(user, cancellationToken);
        user = await InMailboxZoneAsync(user, recipe, cancellationToken);
        var lead = LeadTime(recipe);
        var now = time.GetUtcNow();
        var quietEnd = recipe.Delivery.QuietEnd(now, recipe.Delivery.ZoneFor(user));

        // Meetings still running are listed too (the engine lists by overlap); the grace check below drops late ones.
        var meetings = await briefings.GetMeetingsAsync(user, now, now + lead + options.TickInterval, cancellationToken);

        // The cards already in the chat, latest per meeting: a meeting with one is updated in place, never posted again.
        var cards = (await log.ListSentAsync(user.TenantId, user.UserId, now - options.LateGrace, cancellationToken))
            .GroupBy(c => c.Key.MeetingId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var due = meetings
            .Where(m => m.Eligibility.IsBriefed && m.Meeting.Start >= now - options.LateGrace && (m.Meeting.Start - lead <= now || cards.ContainsKey(m.Meeting.Id)))
            .OrderBy(m => m.Meeting.Start)
            .ToList();
        CountSkipped(meetings, lead, now);

        var result = new UserResult(0, 0, 0, 0);
        foreach (var (meeting, _, clientMeeting) in due)
        {
            // A stopping host claims nothing new.
            cancellationToken.ThrowIfCancellationRequested();
            SentDelivery? movedFrom = null;
            if (cards.TryGetValue(meeting.Id, out var card))
            {
                if (card.Key.MeetingStart == meeting.Start)
                {
                    if (meeting.Start > now && quietEnd is null)
                    {
                        result += await UpdateIfChangedAsync(user, meeting, recipe, clientMeeting, card, cancellationToken);
                    }

                    continue;
                }

                // Moved: the new start is a delivery of its own, whose card is the one already sent, updated.
                movedFrom = card;
            }

            var key = DeliveryKey.For(user, meeting.Id, meeting.Start);
            if (quietEnd is { } end)
            {
                // Still ahead when the quiet hours end: the first tick after them sends it. Otherwise it is not sent at all.
                if (meeting.Start <= end)
                {
                    result += await SkipInQuietHoursAsync(key, cancellationToken);
                }

                continue;
            }

            DeliveryClaim? claim = null;
            var sending = false;
            try
            {
                claim = await log.TryClaimAsync(key, Lease, time.GetUtcNow(), cancellationToken);
                if (claim is null)
                {
                    continue;
                }

                if (claim.TakenOverFrom is { } previous)
                {
                    Log.DeliveryTakenOver(logger, user.TenantId, user.UserId, meeting.Id, previous);
                    if (previous == DeliveryStatus.Sending && claim.ActivityId is null && movedFrom is null)
                    {
                        // The instance that died was posting this card: it may be in the chat. Never posted again blindly.
                        await log.RecordAsync(claim, new DeliveryRecord(DeliveryStatus.Unknown, time.GetUtcNow()), CancellationToken.None);
                        result += new UserResult(0, 0, 0, 1);
                        Log.DeliveryUnknown(logger, user.TenantId, user.UserId, meeting.Id);
                        continue;
                    }
                }

                var briefing = await briefings.WriteAsync(user, meeting, recipe, cancellationToken, clientMeeting);
                if (!await log.BeginSendAsync(claim, Lease, time.GetUtcNow(), cancellationToken))
                {
                    // Writing outlived the lease and another instance took the delivery over: it sends, not us.
                    Log.DeliveryLeaseLost(logger, user.TenantId, user.UserId, meeting.Id);
                    continue;
                }

                // From here the post runs to its end even when the host is stopping (bounded by the connector's timeout):
                // a post cut off halfway would leave an outcome nobody knows.
                sending = true;
                var existing = claim.ActivityId ?? movedFrom?.ActivityId;
                var changes = movedFrom is null || briefing.Facts is null ? [] : briefing.Facts.ChangesSince(FactsBefore(movedFrom, briefing.Facts), user);
                var receipt = await notifier.DeliverAsync(user, briefing, key.IdempotencyKey, existing, changes, CancellationToken.None);
                var at = time.GetUtcNow();
                switch (receipt.Outcome)
                {
                    case DeliveryOutcome.Sent:
                        await RecordAsync(claim, new DeliveryRecord(DeliveryStatus.Sent, at, ActivityId: receipt.ActivityId ?? existing, DueAt: meeting.Start - lead, Facts: briefing.Facts?.ToJson()));
                        if (movedFrom is not null)
                        {
                            // The user already had this card: an update, not a delivery.
                            Log.DeliveryUpdated(logger, user.TenantId, user.UserId, meeting.Id, changes.Count);
                            result += new UserResult(0, 0, 0, 0, 1);
                            break;
                        }

                        CoreTelemetry.Delivered("sent", at - (meeting.Start - lead));
                        await TryRecordDeliveredAsync(user, meeting, cancellationToken);
                        result += new UserResult(1, 0, 0, 0);
                        Log.DeliverySent(logger, user.TenantId, user.UserId, meeting.Id);
                        break;
                    case DeliveryOutcome.NoConversation or DeliveryOutcome.ConversationGone:
                        // Nobody to send to: stop for this user now; a reinstall makes the next tick try again.
                        CoreTelemetry.Delivered("no_conversation", null);
                        await RecordAsync(claim, new DeliveryRecord(DeliveryStatus.NoConversation, at, RetryAt: at));
                        Log.DeliveryNoConversation(logger, user.TenantId, user.UserId, receipt.Outcome);
                        return result + new UserResult(0, 0, 1, 0);
                    case DeliveryOutcome.Unknown:
                        await RecordAsync(claim, new DeliveryRecord(DeliveryStatus.Unknown, at));
                        CoreTelemetry.Delivered("unknown", null);
                        result += new UserResult(0, 0, 0, 1);
                        Log.DeliveryUnknown(logger, user.TenantId, user.UserId, meeting.Id);
                        break;
                    default:
                        await RecordAsync(claim, new DeliveryRecord(DeliveryStatus.Failed, at, RetryAt: at + Backoff(claim.Attempt)));
                        CoreTelemetry.Delivered("failed", null);
                        result += new UserResult(0, 1, 0, 0);
                        Log.DeliveryDeliveryFailed(logger, null, user.TenantId, user.UserId, meeting.Id, receipt.Outcome.ToString());
                        break;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && claim is not null && !sending)
            {
                // The host is stopping before this card was posted: hand the delivery back for the next instance at once.
                await TryRecordAsync(claim, new DeliveryRecord(DeliveryStatus.Failed, time.GetUtcNow(), RetryAt: time.GetUtcNow()));
                Log.DeliveryReleased(logger, user.TenantId, user.UserId, meeting.Id);
                throw;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                CoreTelemetry.Delivered("failed", null);
                if (claim is null)
                {
                    // The delivery log itself failed (a locked or unreachable database): a failure to see, not a race lost.
                    result += new UserResult(0, 1, 0, 0);
                    Log.DeliveryClaimFailed(logger, ex, user.TenantId, user.UserId, meeting.Id);
                    continue;
                }

                Log.DeliveryDeliveryFailed(logger, ex, user.TenantId, user.UserId, meeting.Id, ex.GetType().Name);
                if (sending)
                {
                    // The notifier classifies what it knows; anything escaping it may have come after the post went out.
                    await TryRecordAsync(claim, new DeliveryRecord(DeliveryStatus.Unknown, time.GetUtcNow()));
                    result += new UserResult(0, 0, 0, 1);
                }
                else
                {
                    await TryRecordAsync(claim, new DeliveryRecord(DeliveryStatus.Failed, time.GetUtcNow(), RetryAt: time.GetUtcNow() + Backoff(claim.Attempt)));
                    result += new UserResult(0, 1, 0, 0);
                }
            }
        }

        return quietEnd is null ? result + await SendDigestIfDueAsync(user, recipe, now, cancellationToken) : result;
    }

    /// <summary>A briefing whose meeting starts inside the user's quiet hours: claimed and recorded as not sent, with that reason.</summary>
    private async Task<UserResult> SkipInQuietHoursAsync(DeliveryKey key, CancellationToken cancellationToken)
    {
        try
        {
            if (await log.TryClaimAsync(key, Lease, time.GetUtcNow(), cancellationToken) is not { } claim)
            {
                return default;
            }

            await RecordAsync(claim, new DeliveryRecord(DeliveryStatus.QuietHours, time.GetUtcNow()));
            CoreTelemetry.Skipped("quiet_hours");
            Log.DeliveryQuietHours(logger, key.TenantId, key.UserId, key.MeetingId);
            return new UserResult(0, 0, 0, 0, Quiet: 1);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.DeliveryClaimFailed(logger, ex, key.TenantId, key.UserId, key.MeetingId);
            return new UserResult(0, 1, 0, 0);
        }
    }

    /// <summary>
    /// The morning digest, when the user opted in and its time has come on one of their working days (in their time zone,
    /// so it follows daylight saving): claimed under the day's key, so two instances or a restart never send it twice, and
    /// retried like a briefing while its window (<see cref="DeliveryHours.DigestLateness"/>) is open.
    /// </summary>
    private async Task<UserResult> SendDigestIfDueAsync(UserRef user, BriefingRecipe recipe, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hours = recipe.Delivery;
        var zone = hours.ZoneFor(user);
        if (hours.DigestDay(now, zone) is not { } day)
        {
            return default;
        }

        var key = DeliveryKey.ForDigest(user, day);
        DeliveryClaim? claim = null;
        var sending = false;
        try
        {
            claim = await log.TryClaimAsync(key, Lease, time.GetUtcNow(), cancellationToken);
            if (claim is null || claim.TakenOverFrom == DeliveryStatus.Sending)
            {
                if (claim is not null)
                {
                    // The instance that died was posting it: never posted twice.
                    await RecordAsync(claim, new DeliveryRecord(DeliveryStatus.Unknown, time.GetUtcNow()));
                }

                return default;
            }

            var (from, to) = DeliveryHours.DayBounds(day, zone);
            var meetings = await briefings.GetMeetingsAsync(user, from, to, cancellationToken);
            var digest = new MeetingDigest(
                day,
                [.. meetings.Where(m => m.Eligibility.IsBriefed && m.Meeting.Start >= from).Select(m => m.Meeting).OrderBy(m => m.Start)], recipe.Culture);
            if (!await log.BeginSendAsync(claim, Lease, time.GetUtcNow(), cancellationToken))
            {
                return default;
            }

            sending = true;
            var receipt = await notifier.DeliverDigestAsync(hours.InZone(user), digest, key.IdempotencyKey, CancellationToken.None);
            var at = time.GetUtcNow();
            var record = receipt.Outcome switch
            {
                DeliveryOutcome.Sent => new DeliveryRecord(DeliveryStatus.Sent, at, ActivityId: receipt.ActivityId, DueAt: DeliveryHours.ToInstant(day, hours.DigestAt, zone)),
                DeliveryOutcome.NoConversation or DeliveryOutcome.ConversationGone => new DeliveryRecord(DeliveryStatus.NoConversation, at, RetryAt: at),
                DeliveryOutcome.Unknown => new DeliveryRecord(DeliveryStatus.Unknown, at),
                _ => new DeliveryRecord(DeliveryStatus.Failed, at, RetryAt: at + Backoff(claim.Attempt)),
            };
            await RecordAsync(claim, record);
            if (receipt.Outcome != DeliveryOutcome.Sent)
            {
                Log.DigestFailed(logger, null, user.TenantId, user.UserId, receipt.Outcome.ToString());
                return receipt.Outcome == DeliveryOutcome.Unknown ? new UserResult(0, 0, 0, 1) : new UserResult(0, 1, 0, 0);
            }

            Log.DigestSent(logger, user.TenantId, user.UserId, digest.Meetings.Count);
            return new UserResult(0, 0, 0, 0, Digests: 1);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && claim is not null && !sending)
        {
            await TryRecordAsync(claim, new DeliveryRecord(DeliveryStatus.Failed, time.GetUtcNow(), RetryAt: time.GetUtcNow()));
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.DigestFailed(logger, ex, user.TenantId, user.UserId, ex.GetType().Name);
            if (claim is not null)
            {
                await TryRecordAsync(claim, sending
                    ? new DeliveryRecord(DeliveryStatus.Unknown, time.GetUtcNow())
                    : new DeliveryRecord(DeliveryStatus.Failed, time.GetUtcNow(), RetryAt: time.GetUtcNow() + Backoff(claim.Attempt)));
            }

            return new UserResult(0, 1, 0, 0);
        }
    }

    /// <summary>
    /// A sent card whose meeting has not started: at most once an interval (one instance at a time), its briefing is
    /// written again and, when its material facts changed, the card is updated in place with what changed.
    /// </summary>
    private async Task<UserResult> UpdateIfChangedAsync(UserRef user, Meeting meeting, BriefingRecipe recipe, Meeting? clientMeeting, SentDelivery card, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (card.CheckedAt is { } checkedAt && now - checkedAt < options.TickInterval)
        {
            return default;
        }

        try
        {
            if (!await log.BeginCheckAsync(card, now, cancellationToken))
            {
                return default;
            }

            var briefing = await briefings.WriteAsync(user, meeting, recipe, cancellationToken, clientMeeting);
            if (briefing.Facts is not { } facts)
            {
                return default;
            }

            if (MaterialFacts.FromJson(card.Facts) is not { } before)
            {
                // A card sent before facts were kept: what it shows now is the baseline for later changes.
                await log.RecordFactsAsync(card.Key, facts.ToJson(), CancellationToken.None);
                return default;
            }

            var changes = facts.ChangesSince(before, user);
            if (changes.Count == 0)
            {
                return default;
            }

            var receipt = await notifier.DeliverAsync(user, briefing, card.Key.IdempotencyKey, card.ActivityId, changes, CancellationToken.None);
            if (receipt.Outcome != DeliveryOutcome.Sent)
            {
                // Tried again at the next check: the stored facts are still the old ones.
                Log.DeliveryDeliveryFailed(logger, null, user.TenantId, user.UserId, meeting.Id, receipt.Outcome.ToString());
                return default;
            }

            await log.RecordFactsAsync(card.Key, facts.ToJson(), CancellationToken.None);
            Log.DeliveryUpdated(logger, user.TenantId, user.UserId, meeting.Id, changes.Count);
            return new UserResult(0, 0, 0, 0, 1);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.DeliveryDeliveryFailed(logger, ex, user.TenantId, user.UserId, meeting.Id, ex.GetType().Name);
            return default;
        }
    }

    /// <summary>The facts a moved meeting's card shows: as stored, or (a card sent before facts were kept) its old time.</summary>
    private static MaterialFacts FactsBefore(SentDelivery card, MaterialFacts now) =>
        MaterialFacts.FromJson(card.Facts) ?? now with { Start = card.Key.MeetingStart, End = card.Key.MeetingStart + (now.End - now.Start) };

    /// <summary>
    /// Meetings whose send time fell within the last interval but that are not briefed, counted by the rule that skipped
    /// them (private, muted, category...): once, since the next tick's interval no longer holds that send time.
    /// </summary>
    private void CountSkipped(IEnumerable<MeetingOverview> meetings, TimeSpan lead, DateTimeOffset now)
    {
        foreach (var (meeting, eligibility, _) in meetings)
        {
            var sendAt = meeting.Start - lead;
            if (sendAt > now || sendAt <= now - options.TickInterval)
            {
                continue;
            }

            if (!eligibility.IsBriefed)
            {
                CoreTelemetry.Skipped(eligibility.Code ?? "not_briefed");
            }
        }
    }

    /// <summary>The engagement signal is for the report; failing to store it must not turn a sent briefing into a failed one.</summary>
    private async Task TryRecordDeliveredAsync(UserRef user, Meeting meeting, CancellationToken cancellationToken)
    {
        if (engagement is null)
        {
            return;
        }

        try
        {
            await engagement.RecordAsync(
                new EngagementSignal(user.TenantId, user.UserId, meeting.Id, meeting.Start, EngagementKind.Delivered, "teams", time.GetUtcNow()), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.DeliveryEngagementFailed(logger, user.TenantId, user.UserId, ex.GetType().Name);
        }
    }

    /// <summary>The wait before retrying after <paramref name="attempt"/> failed: doubling from <see cref="ProactiveDeliveryOptions.RetryBackoff"/>, capped.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var doublings = Math.Clamp(attempt - 1, 0, 16);
        var backoff = options.RetryBackoff * Math.Pow(2, doublings);
        return backoff < options.MaxRetryBackoff ? backoff : options.MaxRetryBackoff;
    }

    /// <summary>Records an outcome whatever the host's state (a stopping host still writes down what it did).</summary>
    private async Task RecordAsync(DeliveryClaim claim, DeliveryRecord record)
    {
        if (!await log.RecordAsync(claim, record, CancellationToken.None))
        {
            Log.DeliveryLeaseLost(logger, claim.Key.TenantId, claim.Key.UserId, claim.Key.MeetingId);
        }
    }

    private async Task TryRecordAsync(DeliveryClaim claim, DeliveryRecord record)
    {
        try
        {
            await RecordAsync(claim, record);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The claim stays until its lease expires; then another instance takes it over.
            Log.DeliveryRecordFailed(logger, ex, claim.Key.TenantId, claim.Key.UserId, claim.Key.MeetingId, ex.GetType().Name);
        }
    }

    private readonly record struct UserResult(int Sent, int Failed, int Undeliverable, int Unknown, int Updated = 0, int Digests = 0, int Quiet = 0)
    {
        public static UserResult operator +(UserResult a, UserResult b) =>
            new(a.Sent + b.Sent, a.Failed + b.Failed, a.Undeliverable + b.Undeliverable, a.Unknown + b.Unknown, a.Updated + b.Updated, a.Digests + b.Digests, a.Quiet + b.Quiet);
    }
}
