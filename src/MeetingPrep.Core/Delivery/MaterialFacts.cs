using System.Text.Json;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Delivery;

/// <summary>
/// The facts whose change makes a card already sent out of date: when the meeting is, the mail from its people, its open
/// cases' escalation and priority, its open deals' stage and close date. Stored with each sent delivery (ids and states,
/// no message text), so a later tick can tell whether to update the card in place and say what changed.
/// </summary>
public sealed record MaterialFacts(
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<MaterialFacts.Mail> Mails,
    IReadOnlyList<MaterialFacts.Case> Cases,
    IReadOnlyList<MaterialFacts.Deal> Deals)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Mail(string Id, string From);

    public sealed record Case(string Id, string Number, CasePriority Priority, bool IsEscalated);

    /// <summary>A deal as its card showed it; the amount (absent in facts stored before it was kept) lets the next briefing say it changed.</summary>
    public sealed record Deal(string Id, string Name, string Stage, DateOnly? CloseDate, decimal? Amount = null, string? Currency = null);

    public static MaterialFacts Of(MeetingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var people = context.Meeting.People.Select(p => p.Person.Email).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new MaterialFacts(
            context.Meeting.Start.ToUniversalTime(),
            context.Meeting.End.ToUniversalTime(),
            [.. context.Emails.Where(m => people.Contains(m.From.Email)).OrderBy(m => m.Id, StringComparer.Ordinal).Select(m => new Mail(m.Id, m.From.Name))],
            [.. context.Crm.Cases.Where(c => c.IsOpen).OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => new Case(c.Id, c.Number, c.Priority, c.IsEscalated))],
            [.. context.Crm.Opportunities.Where(o => !o.IsClosed).OrderBy(o => o.Id, StringComparer.Ordinal).Select(o => new Deal(o.Id, o.Name, o.Stage, o.CloseDate, o.Amount, o.Currency))]);
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The stored facts, or null when none were stored (a card sent before facts were kept) or they cannot be read.</summary>
    public static MaterialFacts? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<MaterialFacts>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// What changed since <paramref name="before"/>, one line each (times in the viewer's zone); empty when nothing material
    /// did. A mail or case that merely dropped out of the window is no news; a new one, or a worse one, is.
    /// </summary>
    public IReadOnlyList<MaterialChange> ChangesSince(MaterialFacts before, UserRef viewer)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(viewer);
        var changes = new List<MaterialChange>();
        if (Start != before.Start || End != before.End)
        {
            var zone = viewer.ResolveTimeZone();
            var (now, was) = (TimeZoneInfo.ConvertTime(Start, zone), TimeZoneInfo.ConvertTime(before.Start, zone));
            changes.Add(MaterialChange.Of(now.Date == was.Date ? MaterialChange.Moved : MaterialChange.MovedDay, now, was));
        }

        var knownMail = before.Mails.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var senders = Mails.Where(m => !knownMail.Contains(m.Id)).Select(m => m.From).Distinct(StringComparer.Ordinal).ToList();
        if (senders.Count > 0)
        {
            changes.Add(MaterialChange.Of(MaterialChange.NewEmail, senders));
        }

        foreach (var current in Cases)
        {
            var earlier = before.Cases.FirstOrDefault(c => c.Id == current.Id);
            if (current.IsEscalated && earlier is not { IsEscalated: true })
            {
                changes.Add(MaterialChange.Of(MaterialChange.CaseEscalated, current.Number, current.Priority));
            }
            else if (earlier is null)
            {
                changes.Add(MaterialChange.Of(MaterialChange.NewCase, current.Number, current.Priority));
            }
            else if (current.Priority > earlier.Priority)
            {
                changes.Add(MaterialChange.Of(MaterialChange.CaseRaised, current.Number, current.Priority, earlier.Priority));
            }
        }

        foreach (var current in Deals)
        {
            var earlier = before.Deals.FirstOrDefault(d => d.Id == current.Id);
            if (earlier is null)
            {
                continue;
            }

            if (!string.Equals(current.Stage, earlier.Stage, StringComparison.Ordinal))
            {
                changes.Add(MaterialChange.Of(MaterialChange.DealStage, current.Name, current.Stage, earlier.Stage));
            }

            if (current.CloseDate != earlier.CloseDate)
            {
                changes.Add(MaterialChange.Of(MaterialChange.DealCloseDate, current.Name, current.CloseDate, earlier.CloseDate));
            }
        }

        return changes;
    }
}
