using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;

namespace MeetingPrep.Teams.Bot.Chat;

/// <summary>
/// Narrows a briefing's commitment lines to what was asked (our promises, their asks and conditions, overdue ones) by the
/// typed fields the writer carries on each line (<see cref="BriefingItem.Commitment"/>), never by its wording. A line
/// without them (a model's rewording) is kept only when nothing narrower than "all commitments" was asked.
/// </summary>
public static class CommitmentLine
{
    /// <summary>Whether a line answers a question with this focus: promises, asks (and conditions), overdue ones, or all.</summary>
    public static bool Wanted(BriefingItem item, CommitmentFocus focus)
    {
        ArgumentNullException.ThrowIfNull(item);
        var kinds = focus & (CommitmentFocus.Promises | CommitmentFocus.Asks);
        var all = kinds is CommitmentFocus.All or (CommitmentFocus.Promises | CommitmentFocus.Asks);
        if (item.Commitment is not { } c)
        {
            return all && !focus.HasFlag(CommitmentFocus.Overdue);
        }

        var kindOk = all
            || (kinds == CommitmentFocus.Promises && c.Kind == CommitmentKind.Promise)
            || (kinds == CommitmentFocus.Asks && c.Kind is CommitmentKind.Ask or CommitmentKind.Condition);
        return kindOk && (!focus.HasFlag(CommitmentFocus.Overdue) || c.State == CommitmentState.Overdue);
    }

    /// <summary>The answer's heading for a focus ("Overdue promises", "What they asked for", "Commitments").</summary>
    public static string Describe(CommitmentFocus focus, TeamsText ui)
    {
        ArgumentNullException.ThrowIfNull(ui);
        var overdue = focus.HasFlag(CommitmentFocus.Overdue);
        return ui[(focus & (CommitmentFocus.Promises | CommitmentFocus.Asks)) switch
        {
            CommitmentFocus.Promises => overdue ? "Commitments.PromisesOverdue" : "Commitments.Promises",
            CommitmentFocus.Asks => overdue ? "Commitments.AsksOverdue" : "Commitments.Asks",
            _ => overdue ? "Commitments.AllOverdue" : "Commitments.All",
        }];
    }
}
