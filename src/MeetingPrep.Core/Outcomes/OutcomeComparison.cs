namespace MeetingPrep.Core.Outcomes;

/// <summary>
/// Briefed external meetings against comparable ones that were not briefed, over meetings whose follow-up snapshot is
/// taken. An association, not a proof: who gets briefed is not random (README, "The report").
/// </summary>
/// <param name="NotBriefedReasons">Why the unbriefed meetings were not briefed, and how many (only when that group is shown).</param>
public sealed record OutcomeComparison(
    int Days,
    OutcomeGroup Briefed,
    OutcomeGroup NotBriefed,
    IReadOnlyList<ReasonCount> NotBriefedReasons,
    string Caveat)
{
    public const string AssociationCaveat =
        "An association, not a proof: briefed and unbriefed meetings differ in more than the briefing (who opted out, which meetings people mute).";
}
