using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;

namespace MeetingPrep.Core.Briefings;

/// <summary>Whether a meeting gets a briefing, and if not, a reason a user understands.</summary>
/// <param name="Reason">What the user reads.</param>
/// <param name="Code">
/// The rule that skipped it, a fixed word for telemetry and reports ("muted", "category", "private"), and the key the
/// interface translates the reason by.
/// </param>
/// <param name="Detail">The value the reason names (the category, the keyword, the minimum of people), as written.</param>
public sealed record MeetingEligibility(bool IsBriefed, string? Reason, string? Code = null, string? Detail = null)
{
    public static MeetingEligibility Briefed { get; } = new(true, null);

    public static MeetingEligibility Skipped(string reason, string code, string? detail = null) => new(false, reason, code, detail);
}

/// <summary>
/// The rules that decide which meetings are briefed. Private and confidential meetings are never briefed whatever the
/// recipe says; cancelled ones are skipped; the rest follows the user's recipe.
/// </summary>
public static class BriefingPolicy
{
    /// <param name="clientMeeting">
    /// For a meeting with colleagues only: the client meeting it is about (<see cref="ClientMeetings.FindFor"/>), which makes
    /// it a client meeting for these rules, so internal prep for a client is briefed with that client's context.
    /// </param>
    public static MeetingEligibility Evaluate(Meeting meeting, BriefingRecipe recipe, Meeting? clientMeeting = null)
    {
        if (meeting.IsPrivate)
        {
            return MeetingEligibility.Skipped("Private or confidential meetings are never briefed.", "private");
        }

        if (meeting.IsCancelled)
        {
            return MeetingEligibility.Skipped("The meeting is cancelled.", "cancelled");
        }

        var selection = recipe.Meetings;
        if (meeting.Sensitivity == Sensitivity.Personal && !selection.Personal)
        {
            return MeetingEligibility.Skipped("Personal meetings are not briefed (your settings).", "personal");
        }

        if (meeting.ShowAs == ShowAs.Free)
        {
            return MeetingEligibility.Skipped("The meeting is shown as free time.", "free");
        }

        var optOut = meeting.Categories.FirstOrDefault(c => selection.ExcludeCategories.Contains(c, StringComparer.OrdinalIgnoreCase));
        if (optOut is not null)
        {
            return MeetingEligibility.Skipped($"The meeting has the category \"{optOut}\".", "category", optOut);
        }

        var keyword = selection.ExcludeKeywords.FirstOrDefault(k => k.Length > 0 && meeting.Subject.Contains(k, StringComparison.OrdinalIgnoreCase));
        if (keyword is not null)
        {
            return MeetingEligibility.Skipped($"The subject contains \"{keyword}\" (your settings).", "keyword", keyword);
        }

        if (meeting.SeriesId is { } series && selection.MutedSeries.Contains(series, StringComparer.Ordinal))
        {
            return MeetingEligibility.Skipped("You muted this series (undo it in settings).", "muted");
        }

        if (meeting.IsRecurring && !selection.Recurring)
        {
            return MeetingEligibility.Skipped("Recurring meetings are not briefed (your settings).", "recurring");
        }

        var people = CountPeople(meeting);
        if (people < selection.MinAttendees)
        {
            return MeetingEligibility.Skipped($"Fewer than {selection.MinAttendees} people attend.", "too_few_people", selection.MinAttendees.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var hasExternal = meeting.HasExternalPeople || clientMeeting is not null;
        if (hasExternal && !selection.External)
        {
            return MeetingEligibility.Skipped("Meetings with external attendees are turned off (your settings).", "external_off");
        }

        if (!hasExternal && !selection.Internal)
        {
            return MeetingEligibility.Skipped("Internal meetings are not briefed (your settings).", "internal_off");
        }

        return MeetingEligibility.Briefed;
    }

    /// <summary>People coming, organizer included once; rooms and people who declined are not counted.</summary>
    public static int CountPeople(Meeting meeting) => meeting.People.Count;
}
