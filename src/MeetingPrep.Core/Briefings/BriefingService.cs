using System.Diagnostics;
using MeetingPrep.Core.Sources;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Briefings;

public enum BriefingOutcome
{
    Ready,
    NotBriefed,
    Forbidden,
}

/// <summary>A briefing, or why there is none: the meeting is not briefed (with the reason), or the user may not see it.</summary>
/// <param name="Reason">The reason in English; <see cref="Why"/> says it in a form the interface translates.</param>
public sealed record BriefingResult(BriefingOutcome Outcome, Briefing? Briefing, Meeting? Meeting, string? Reason)
{
    public static BriefingResult Forbidden { get; } =
        new(BriefingOutcome.Forbidden, null, null, "You can only see briefings for meetings you attend.")
        {
            Why = MeetingEligibility.Skipped("You can only see briefings for meetings you attend.", "forbidden"),
        };

    /// <summary>The rule that left the meeting without a briefing (its code and detail), when there is one.</summary>
    public MeetingEligibility? Why { get; init; }
}

/// <summary>
/// A briefed meeting's gathered context, the recipe it is read under, the item keys the user flagged as wrong, and their
/// flags bound to a record and its version (<see cref="Flags"/>, applied with <see cref="WrongFlags.Keep"/>).
/// </summary>
public sealed record GatheredMeeting(MeetingContext Context, BriefingRecipe Recipe, IReadOnlySet<string> Suppressed)
{
    public IReadOnlyList<WrongFlag> Flags { get; init; } = [];
}

/// <summary>
/// An upcoming meeting and whether it gets a briefing; for a meeting with colleagues only, the client meeting it is about
/// (<see cref="ClientMeetings.FindFor"/>), which <see cref="BriefingService.WriteAsync"/> takes so it is not looked up twice.
/// </summary>
public sealed record MeetingOverview(Meeting Meeting, MeetingEligibility Eligibility, Meeting? ClientMeeting = null);

/// <summary>
/// The briefing engine's front door: finds the meeting in the asking user's own calendar, checks they attend it and that
/// it may be briefed, gathers context in parallel, and has the writer produce a cited briefing under the user's recipe.
/// </summary>
public sealed class BriefingService(
    ICalendarSource calendar,
    ContextGatherer gatherer,
    IBriefingWriter writer,
    IRecipeStore recipes,
    IFeedbackStore feedback,
    Engagement.IEngagementLog? engagement = null,
    Audit.IBriefingAuditLog? audit = null,
    BriefingAudience? audience = null,
    Delivery.IDeliveryLog? deliveries = null)
{
    /// <summary>The user's effective recipe: the built-in default, then the team's patch, then the user's own.</summary>
    public async Task<BriefingRecipe> GetRecipeAsync(UserRef user, CancellationToken cancellationToken) =>
        await GetRecipeWithAsync(user, await recipes.GetUserPatchAsync(user.TenantId, user.UserId, cancellationToken), cancellationToken);

    /// <summary>The recipe the user would have with <paramref name="own"/> as their patch (a settings preview).</summary>
    public async Task<BriefingRecipe> GetRecipeWithAsync(UserRef user, RecipePatch? own, CancellationToken cancellationToken)
    {
        var recipe = BriefingRecipe.Default;
        if (await recipes.GetTeamPatchAsync(user.TenantId, cancellationToken) is { } team)
        {
            recipe = team.ApplyTo(recipe);
        }

        return own is null ? recipe : own.ApplyTo(recipe);
    }

    public async Task<IReadOnlyList<MeetingOverview>> GetMeetingsAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var recipe = await GetRecipeAsync(user, cancellationToken);
        var meetings = await calendar.GetMeetingsAsync(user, from, to, cancellationToken);
        var listed = meetings.Where(m => m.End > from && m.Start < to).OrderBy(m => m.Start).ToList();

        // A prep meeting's client meeting may lie outside the window asked for (the scheduler asks for the next hour):
        // when the window holds a meeting with colleagues only, the calendar around it is read once for all of them.
        var around = await CalendarAroundInternalMeetingsAsync(user, listed, from, to, meetings, cancellationToken);
        return listed
            .Select(m =>
            {
                if (!m.Attends(user.Upn))
                {
                    return new MeetingOverview(m, MeetingEligibility.Skipped("You declined or do not attend this meeting.", "not_attending"));
                }

                var client = IsInternalCandidate(m) ? ClientMeetings.FindFor(m, around.Where(a => a.Attends(user.Upn))) : null;
                return new MeetingOverview(m, BriefingPolicy.Evaluate(m, recipe, client), client);
            })
            .ToList();
    }

    private static bool IsInternalCandidate(Meeting meeting) => !meeting.HasExternalPeople && !meeting.IsPrivate && !meeting.IsCancelled;

    private async Task<IReadOnlyList<Meeting>> CalendarAroundInternalMeetingsAsync(
        UserRef user, IReadOnlyList<Meeting> listed, DateTimeOffset from, DateTimeOffset to, IReadOnlyList<Meeting> read, CancellationToken cancellationToken)
    {
        if (!listed.Any(IsInternalCandidate))
        {
            return read;
        }

        try
        {
            return await calendar.GetMeetingsAsync(user, from - ClientMeetings.Window, to + ClientMeetings.Window, cancellationToken);
        }
        catch (SourceUnavailableException)
        {
            // Without the calendar around them, meetings with colleagues only are judged as internal.
            return read;
        }
    }

    /// <summary>The next briefed meeting starting after <paramref name="after"/> within a week, if any.</summary>
    public async Task<Meeting?> FindNextBriefedMeetingAsync(UserRef user, DateTimeOffset after, CancellationToken cancellationToken)
    {
        var meetings = await GetMeetingsAsync(user, after, after.AddDays(7), cancellationToken);
        return meetings.FirstOrDefault(m => m.Eligibility.IsBriefed && m.Meeting.Start >= after)?.Meeting;
    }

    public async Task<BriefingResult> GetBriefingAsync(UserRef user, string meetingId, CancellationToken cancellationToken)
    {
        // Only the policy needs the event: its read is in flight while the history read starts and the recipe and the
        // user's feedback come from the database.
        var meetingRead = calendar.GetMeetingAsync(user, meetingId, cancellationToken);
        var (recipe, feedbackRead) = await ReadUserStateAsync(user, cancellationToken);
        return await BriefAsync(user, await meetingRead, recipe, feedbackRead, cancellationToken);
    }

    /// <summary>
    /// The briefing for a meeting just read from the user's own calendar (<see cref="GetMeetingsAsync"/>,
    /// <see cref="FindNextBriefedMeetingAsync"/>), so it is not read again by id.
    /// </summary>
    public async Task<BriefingResult> GetBriefingAsync(UserRef user, Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var (recipe, feedbackRead) = await ReadUserStateAsync(user, cancellationToken);
        return await BriefAsync(user, meeting, recipe, feedbackRead, cancellationToken);
    }

    private async Task<BriefingResult> BriefAsync(UserRef user, Meeting? meeting, BriefingRecipe recipe, UserFeedback userFeedback, CancellationToken cancellationToken)
    {
        if (meeting is null || !meeting.Attends(user.Upn))
        {
            return BriefingResult.Forbidden;
        }

        var clientMeeting = await FindClientMeetingAsync(user, meeting, cancellationToken);
        var eligibility = BriefingPolicy.Evaluate(meeting, recipe, clientMeeting);
        if (!eligibility.IsBriefed)
        {
            return new BriefingResult(BriefingOutcome.NotBriefed, null, meeting.IsPrivate ? null : meeting, eligibility.Reason) { Why = eligibility };
        }

        return new BriefingResult(BriefingOutcome.Ready, await WriteAsync(user, meeting, recipe, userFeedback, clientMeeting, cancellationToken), meeting, null);
    }

    /// <summary>
    /// The gathered context of a meeting the user attends and that is briefed, with their recipe and the lines they flagged
    /// as wrong: what chat answers from. Null when the meeting is not theirs or not briefed (private, filtered).
    /// </summary>
    public async Task<GatheredMeeting?> GatherAsync(UserRef user, string meetingId, CancellationToken cancellationToken)
    {
        var meetingRead = calendar.GetMeetingAsync(user, meetingId, cancellationToken);
        var (recipe, userFeedback) = await ReadUserStateAsync(user, cancellationToken);
        return await GatherAsync(user, await meetingRead, recipe, userFeedback, cancellationToken);
    }

    /// <summary><see cref="GatherAsync(UserRef, string, CancellationToken)"/> for a meeting just read from the user's own calendar.</summary>
    public async Task<GatheredMeeting?> GatherAsync(UserRef user, Meeting meeting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        var (recipe, userFeedback) = await ReadUserStateAsync(user, cancellationToken);
        return await GatherAsync(user, meeting, recipe, userFeedback, cancellationToken);
    }

    private async Task<GatheredMeeting?> GatherAsync(UserRef user, Meeting? meeting, BriefingRecipe recipe, UserFeedback userFeedback, CancellationToken cancellationToken)
    {
        if (meeting is null || !meeting.Attends(user.Upn) || !BriefingPolicy.Evaluate(meeting, recipe).IsBriefed)
        {
            return null;
        }

        var context = await gatherer.GatherAsync(user, meeting, recipe, cancellationToken);
        return new GatheredMeeting(audience?.Filters(recipe) == true ? BriefingAudience.ForShared(context, recipe) : context, recipe, userFeedback.Suppressed)
        {
            Flags = userFeedback.Flags,
        };
    }

    /// <summary>Writes a briefing for a meeting the caller has already checked (the scheduler, the settings preview).</summary>
    /// <param name="clientMeeting">For internal prep, the client meeting it is about; looked up when not given.</param>
    public async Task<Briefing> WriteAsync(UserRef user, Meeting meeting, BriefingRecipe recipe, CancellationToken cancellationToken, Meeting? clientMeeting = null)
    {
        gatherer.StartReadingHistory(user, recipe);
        var userFeedback = await ReadFeedbackAsync(user, cancellationToken);
        return await WriteAsync(user, meeting, recipe, userFeedback, clientMeeting ?? await FindClientMeetingAsync(user, meeting, cancellationToken), cancellationToken);
    }

    private async Task<Briefing> WriteAsync(UserRef user, Meeting meeting, BriefingRecipe recipe, UserFeedback userFeedback, Meeting? clientMeeting, CancellationToken cancellationToken)
    {
        using var activity = CoreTelemetry.StartBriefing(meeting.HasExternalPeople);
        var started = Stopwatch.GetTimestamp();
        var context = await gatherer.GatherAsync(user, meeting, recipe, cancellationToken, clientMeeting);
        if (deliveries is not null)
        {
            // After the gathering, not beside it: the delivery log may share the scoped database context.
            context = context with { Earlier = await Delivery.EarlierBriefing.FindAsync(deliveries, user, meeting, context, cancellationToken) };
        }

        Briefing briefing;
        using (var write = CoreTelemetry.StartWrite())
        {
            briefing = WrongFlags.Suppress(await writer.WriteAsync(context, recipe, userFeedback.Suppressed, cancellationToken), userFeedback.Flags)
                with { Facts = Delivery.MaterialFacts.Of(context) };
            write?.SetTag("meetingprep.writer", CoreTelemetry.WriterKind(briefing.Writer));
        }

        if (await calendar.GetMirrorSyncedAtAsync(user, cancellationToken) is { } syncedAt)
        {
            // Read from the local calendar mirror: say how fresh it was.
            briefing = briefing with { CalendarSyncedAt = syncedAt, Notes = [.. briefing.Notes, Briefing.CalendarSyncedNote(syncedAt)] };
        }

        if (audit is not null)
        {
            // Every briefing written leaves its audit record (sources, as whom, writer), whoever asked for it.
            await audit.RecordAsync(Audit.BriefingAuditRecord.For(context, briefing, writer.Name), cancellationToken);
        }

        activity?.SetTag("meetingprep.sources.unavailable", briefing.Unavailable.Count);
        CoreTelemetry.BriefingWritten(CoreTelemetry.WriterKind(briefing.Writer), meeting.HasExternalPeople, briefing.Unavailable.Count, Stopwatch.GetElapsedTime(started));
        return audience?.Filters(recipe) == true ? BriefingAudience.ForShared(briefing, context) : briefing;
    }

    /// <summary>
    /// What a briefing needs of the user before it knows the meeting: the recipe (which starts the history read) and the
    /// feedback. Read in turn, not beside each other or the gathering: they may share the scoped database context.
    /// </summary>
    private async Task<(BriefingRecipe Recipe, UserFeedback Feedback)> ReadUserStateAsync(UserRef user, CancellationToken cancellationToken)
    {
        var recipe = await GetRecipeAsync(user, cancellationToken);
        gatherer.StartReadingHistory(user, recipe);
        return (recipe, await ReadFeedbackAsync(user, cancellationToken));
    }

    private async Task<UserFeedback> ReadFeedbackAsync(UserRef user, CancellationToken cancellationToken) => new(
        await feedback.GetSuppressedItemKeysAsync(user.TenantId, user.UserId, cancellationToken),
        await feedback.GetWrongFlagsAsync(user.TenantId, user.UserId, cancellationToken));

    /// <summary>The item keys the user suppressed and the lines they flagged as wrong.</summary>
    private sealed record UserFeedback(IReadOnlySet<string> Suppressed, IReadOnlyList<WrongFlag> Flags);

    /// <summary>
    /// A helpful or not-helpful vote on the user's briefing of a meeting: stored (and counted in the report) only for a
    /// meeting they attend, so a colleague cannot vote on, or learn of, someone else's meeting. False when refused.
    /// </summary>
    public async Task<bool> VoteAsync(UserRef user, string meetingId, FeedbackKind kind, string? itemKey, string? comment, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var meeting = await calendar.GetMeetingAsync(user, meetingId, cancellationToken);
        if (meeting is null || !meeting.Attends(user.Upn))
        {
            return false;
        }

        await RecordFeedbackAsync(new FeedbackEntry(user.TenantId, user.UserId, meetingId, itemKey, kind, comment, at), cancellationToken);
        return true;
    }

    /// <summary>
    /// Flags a line of the user's briefing as wrong, bound to the record it came from in its current version
    /// (<see cref="WrongFlags"/>), and answers with the briefing without every line citing that record. Nothing is
    /// stored when the meeting is not the user's or not briefed (the result says why).
    /// </summary>
    public async Task<BriefingResult> FlagWrongAsync(UserRef user, string meetingId, string itemKey, string? comment, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var result = await GetBriefingAsync(user, meetingId, cancellationToken);
        if (result.Outcome != BriefingOutcome.Ready)
        {
            return result;
        }

        // A line no longer in the briefing (flagged from an older card) is bound to its key alone.
        var entry = new FeedbackEntry(user.TenantId, user.UserId, meetingId, itemKey, FeedbackKind.Wrong, comment, at)
        {
            Record = WrongFlags.RecordOf(result.Briefing!, itemKey),
        };
        await RecordFeedbackAsync(entry, cancellationToken);
        var flags = await feedback.GetWrongFlagsAsync(user.TenantId, user.UserId, cancellationToken);
        return result with { Briefing = WrongFlags.Suppress(result.Briefing!, flags) };
    }

    /// <summary>Stores a piece of feedback and the engagement signal it gives (the kind of record, never the comment).</summary>
    private async Task RecordFeedbackAsync(FeedbackEntry entry, CancellationToken cancellationToken)
    {
        await feedback.AddAsync(entry, cancellationToken);
        if (engagement is not null)
        {
            await engagement.RecordAsync(Engagement.EngagementSignal.ForFeedback(entry), cancellationToken);
        }
    }

    /// <summary>
    /// For a meeting with colleagues only, the client meeting it is about (one calendar read around it); null otherwise.
    /// The calendar is only read for internal meetings, so client meetings cost nothing extra.
    /// </summary>
    private async Task<Meeting?> FindClientMeetingAsync(UserRef user, Meeting meeting, CancellationToken cancellationToken)
    {
        if (!IsInternalCandidate(meeting))
        {
            return null;
        }

        try
        {
            var around = await calendar.GetMeetingsAsync(user, meeting.Start - ClientMeetings.Window, meeting.Start + ClientMeetings.Window, cancellationToken);
            return ClientMeetings.FindFor(meeting, around.Where(m => m.Attends(user.Upn)));
        }
        catch (SourceUnavailableException)
        {
            // Without the calendar around it, an internal meeting is briefed (or not) as internal.
            return null;
        }
    }
}
