using System.Globalization;
using System.Text;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Sources;

namespace MeetingPrep.Core.Briefings.Verification;

/// <summary>
/// What each source of a meeting's context says, as text a claim can be checked against: the record's own fields
/// (names, amounts, dates in the reader's zone, texts) and the candidate lines drafted from it. Built once per answer;
/// never logged (it holds mail and note text).
/// </summary>
public sealed class SourceEvidence
{
    private readonly Dictionary<string, StringBuilder> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceRef> _refs = new(StringComparer.Ordinal);
    private readonly List<string> _knownPeople = [];

    private SourceEvidence()
    {
    }

    /// <summary>The ids a claim may cite.</summary>
    public IReadOnlyCollection<string> SourceIds => _refs.Keys;

    /// <summary>Names of the people on the invitation (the reader included): known without a citation.</summary>
    public IReadOnlyList<string> KnownPeople => _knownPeople;

    public bool Contains(string sourceId) => _refs.ContainsKey(sourceId);

    public SourceRef Ref(string sourceId) => _refs[sourceId];

    /// <summary>Everything the given sources say, as one text.</summary>
    public string TextOf(IEnumerable<string> sourceIds)
    {
        var text = new StringBuilder();
        foreach (var id in sourceIds.Distinct(StringComparer.Ordinal))
        {
            if (_texts.TryGetValue(id, out var t))
            {
                text.Append(t).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The evidence of every record in <paramref name="context"/>, plus the candidate lines (which cite records and carry
    /// what was derived from them: trends, days idle, formatted amounts). Only <paramref name="citable"/> sources may be
    /// cited; the rest of the context is not evidence.
    /// </summary>
    public static SourceEvidence Build(MeetingContext context, IEnumerable<BriefingCandidate> citable, BriefingFormat format)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(citable);
        ArgumentNullException.ThrowIfNull(format);
        var evidence = new SourceEvidence();
        var candidates = citable.ToList();
        foreach (var source in candidates.SelectMany(c => c.Sources))
        {
            evidence._refs.TryAdd(source.Id, source);
        }

        foreach (var p in context.Meeting.People)
        {
            evidence._knownPeople.Add(p.Person.Name);
        }

        evidence._knownPeople.Add(context.User.DisplayName);

        void Add(string id, params object?[] parts)
        {
            if (!evidence._refs.ContainsKey(id))
            {
                return;
            }

            if (!evidence._texts.TryGetValue(id, out var text))
            {
                evidence._texts[id] = text = new StringBuilder();
            }

            foreach (var part in parts)
            {
                switch (part)
                {
                    case null:
                        break;
                    case DateTimeOffset instant:
                        AppendDate(text, DateOnly.FromDateTime(format.Local(instant).DateTime), format);
                        text.Append(format.Local(instant).ToString("HH:mm", CultureInfo.InvariantCulture)).Append(' ');
                        break;
                    case DateOnly date:
                        AppendDate(text, date, format);
                        break;
                    case decimal number:
                        text.Append(number.ToString(CultureInfo.InvariantCulture)).Append(' ');
                        break;
                    default:
                        text.Append(Convert.ToString(part, CultureInfo.InvariantCulture)).Append(' ');
                        break;
                }
            }

            text.Append('\n');
        }

        foreach (var m in context.PriorMeetings.Append(context.Meeting))
        {
            Add(SourceRefs.For(m).Id, m.Subject, m.Start, m.End, m.Location, m.Organizer.Name, m.Organizer.Email, m.Body ?? m.BodyPreview);
            foreach (var a in m.Attendees)
            {
                Add(SourceRefs.For(m).Id, a.Person.Name, a.Person.Email);
            }
        }

        foreach (var e in context.Emails)
        {
            Add(SourceRefs.For(e).Id, e.Subject, e.From.Name, e.From.Email, e.Sent, e.Text);
            foreach (var r in e.Recipients)
            {
                Add(SourceRefs.For(e).Id, r.Name, r.Email);
            }
        }

        var crm = context.Crm;
        foreach (var a in crm.Accounts)
        {
            Add(SourceRefs.For(a).Id, a.Name, a.Domain, a.Tier, a.Industry, a.OwnerName, a.OwnerEmail);
        }

        foreach (var c in crm.Contacts)
        {
            Add(SourceRefs.For(c).Id, c.Name, c.Email, c.JobTitle, c.Role);
        }

        foreach (var o in crm.Opportunities)
        {
            Add(SourceRefs.For(o).Id, o.Name, o.Stage, o.Amount, o.Currency, o.CloseDate, o.LastActivity);
        }

        foreach (var n in crm.Notes)
        {
            Add(SourceRefs.For(n).Id, n.Title, n.Author, n.Created, n.Text);
        }

        foreach (var c in crm.Cases)
        {
            var openedBy = c.OpenedByEmail is { } by ? context.Meeting.People.FirstOrDefault(p => p.Person.Is(by))?.Person.Name : null;
            Add(SourceRefs.For(c).Id, "Case", c.Number, c.Title, c.Status, c.Priority.ToString(), c.IsOpen ? "open" : "closed",
                c.IsEscalated ? "escalated" : null, c.Opened, c.EscalatedAt, c.OpenedByEmail, openedBy);
        }

        foreach (var s in crm.Metrics)
        {
            var account = crm.Accounts.FirstOrDefault(a => a.Id == s.AccountId)?.Name ?? string.Empty;
            Add(SourceRefs.For(s, account).Id, s.Name, s.Unit, account);
            foreach (var point in s.Points)
            {
                Add(SourceRefs.For(s, account).Id, point.Period.ToString("MMMM yyyy", CultureInfo.InvariantCulture), point.Value, format.Metric(point.Value, s.Unit));
            }
        }

        foreach (var candidate in candidates)
        {
            foreach (var source in candidate.Sources)
            {
                Add(source.Id, candidate.Text, source.Title, source.Timestamp);
            }
        }

        return evidence;
    }

    private static void AppendDate(StringBuilder text, DateOnly date, BriefingFormat format)
    {
        text.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append(' ')
            .Append(date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)).Append(' ')
            .Append(date.ToString("d MMMM yyyy", format.Culture)).Append(' ')
            .Append(date.ToString("dddd", CultureInfo.InvariantCulture)).Append(' ');
    }
}
