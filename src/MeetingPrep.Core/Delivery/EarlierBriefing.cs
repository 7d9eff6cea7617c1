using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Delivery;

/// <summary>
/// The last briefing card this user was sent about the same account before this meeting: the facts it showed
/// (<see cref="MaterialFacts"/>, stored per delivery) and the meeting it was for. Deals and cases are compared with it, so
/// the next briefing can say "Close date slipped from A to B since 12 Nov" without keeping a snapshot of its own.
/// </summary>
public sealed record EarlierBriefing(DateTimeOffset MeetingStart, MaterialFacts Facts)
{
    /// <summary>How far back an earlier card is looked for.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(90);

    /// <summary>
    /// The latest card sent to <paramref name="user"/> for another meeting that started before <paramref name="meeting"/>
    /// and showed a deal or case of the accounts in <paramref name="context"/>; null when there is none.
    /// </summary>
    public static async Task<EarlierBriefing?> FindAsync(IDeliveryLog log, UserRef user, Meeting meeting, MeetingContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(context);
        var deals = context.Crm.Opportunities.Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var cases = context.Crm.Cases.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        if (deals.Count == 0 && cases.Count == 0)
        {
            return null;
        }

        var sent = await log.ListSentAsync(user.TenantId, user.UserId, meeting.Start - LookBack, cancellationToken);
        return sent
            .Where(s => s.Key.MeetingId != meeting.Id && s.Key.MeetingStart < meeting.Start)
            .Select(s => (s.Key.MeetingStart, Facts: MaterialFacts.FromJson(s.Facts)))
            .Where(s => s.Facts is { } f && (f.Deals.Any(d => deals.Contains(d.Id)) || f.Cases.Any(c => cases.Contains(c.Id))))
            .OrderByDescending(s => s.MeetingStart)
            .Select(s => new EarlierBriefing(s.MeetingStart, s.Facts!))
            .FirstOrDefault();
    }
}
