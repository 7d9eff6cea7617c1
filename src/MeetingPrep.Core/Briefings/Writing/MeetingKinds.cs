using System.Text.RegularExpressions;
using MeetingPrep.Core.Recipes;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>
/// Decides what kind of meeting is being briefed and lets the kind shape the briefing: which sections lead (when the
/// recipe keeps the default order) and which lines the summary favours. The order of the tests is the order of precedence:
/// internal prep and internal meetings by their attendees; escalation, QBR and renewal by the words of the subject and
/// agenda (EN/DE/FR/ES/JA); then by the CRM (an escalated open case, an open renewal deal); a first meeting when the
/// calendar shows no earlier one with these people.
/// </summary>
internal static partial class MeetingKinds
{
    /// <summary>How much more urgent a line is when it is what this kind of meeting is about.</summary>
    private const double KindBoost = 0.1;

    public static MeetingKind Detect(ContextFacts facts)
    {
        if (facts.ExternalPeople.Count == 0)
        {
            return facts.Context.ClientMeeting is null ? MeetingKind.Internal : MeetingKind.InternalPrep;
        }

        var words = facts.Meeting.Subject + "\n" + (facts.Meeting.Body ?? facts.Meeting.BodyPreview);
        if (EscalationRegex().IsMatch(words))
        {
            return MeetingKind.Escalation;
        }

        if (QbrRegex().IsMatch(words))
        {
            return MeetingKind.Qbr;
        }

        if (RenewalRegex().IsMatch(facts.Meeting.Subject))
        {
            return MeetingKind.Renewal;
        }

        var accounts = facts.Accounts.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        if (facts.Context.Crm.Cases.Any(c => c.IsOpen && c.IsEscalated && accounts.Contains(c.AccountId)))
        {
            return MeetingKind.Escalation;
        }

        if (facts.Context.Crm.Opportunities.Any(o => !o.IsClosed && accounts.Contains(o.AccountId) && RenewalRegex().IsMatch(o.Name)))
        {
            return MeetingKind.Renewal;
        }

        return facts.CalendarHistoryRead && facts.Context.PriorMeetings.Count == 0 ? MeetingKind.FirstMeeting : MeetingKind.Regular;
    }

    /// <summary>The kind a subject names (escalation, QBR, renewal), or null.</summary>
    public static MeetingKind? KindOfSubject(string subject) =>
        EscalationRegex().IsMatch(subject) ? MeetingKind.Escalation
        : QbrRegex().IsMatch(subject) ? MeetingKind.Qbr
        : RenewalRegex().IsMatch(subject) ? MeetingKind.Renewal
        : null;

    /// <summary>The sections in the order this kind of meeting reads them: the recipe's own order when the user changed it.</summary>
    public static IEnumerable<SectionKind> Order(MeetingKind kind, BriefingRecipe recipe)
    {
        var enabled = recipe.EnabledSections.ToList();
        if (!recipe.Sections.Select(s => s.Kind).SequenceEqual(BriefingRecipe.DefaultOrder))
        {
            return enabled;
        }

        SectionKind[] leading = kind switch
        {
            MeetingKind.Escalation => [SectionKind.OpenIssues, SectionKind.Commitments, SectionKind.Risks],
            MeetingKind.Renewal => [SectionKind.Opportunities, SectionKind.Risks, SectionKind.Commitments],
            MeetingKind.Qbr => [SectionKind.SinceLastMeeting, SectionKind.Commitments, SectionKind.AccountSnapshot],
            MeetingKind.FirstMeeting => [SectionKind.RecentConversations, SectionKind.AccountSnapshot],
            MeetingKind.InternalPrep => [SectionKind.Agenda, SectionKind.Risks, SectionKind.Commitments],
            _ => [],
        };

        // The summary and who is coming always open the briefing; the kind's sections follow, then the rest as usual.
        SectionKind[] head = [SectionKind.Summary, SectionKind.Attendees, .. leading];
        return head.Where(enabled.Contains).Concat(enabled.Where(k => !head.Contains(k)));
    }

    /// <summary>A line about what this kind of meeting is for ranks a little higher, so the summary leads with it.</summary>
    public static DraftItem Weigh(MeetingKind kind, DraftItem item)
    {
        var favoured = kind switch
        {
            MeetingKind.Escalation => item.Section is SectionKind.OpenIssues || item.Key.StartsWith("since:case", StringComparison.Ordinal),
            MeetingKind.Renewal => item.Section is SectionKind.Opportunities || item.Key.StartsWith("risk:opportunity:", StringComparison.Ordinal),
            MeetingKind.Qbr => item.Section is SectionKind.Commitments or SectionKind.SinceLastMeeting,
            _ => false,
        };
        return favoured ? item with { Score = item.Score + KindBoost } : item;
    }

    [GeneratedRegex(@"(\b(escalat\w*|incident review|post[- ]mortem|RCA|P1|Sev ?1|outage|eskalation\w*|Störung|Ausfall|escalade|incident|escalación|incidencia|escalatie|storing|uitval)\b|エスカレーション|障害)", RegexOptions.IgnoreCase)]
    private static partial Regex EscalationRegex();

    [GeneratedRegex(@"(\b(QBR|quarterly (business )?review|business review|Quartals(gespräch|review)|revue trimestrielle|bilan trimestriel|revisión trimestral|reunión trimestral|kwartaaloverleg|kwartaalreview|kwartaalbespreking)\b|四半期)", RegexOptions.IgnoreCase)]
    private static partial Regex QbrRegex();

    [GeneratedRegex(@"(\b(renewal|renew|Verlängerung|Vertragsverlängerung|renouvellement|renovación|verlenging|contractverlenging)\b|更新)", RegexOptions.IgnoreCase)]
    private static partial Regex RenewalRegex();
}
