using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Sources;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>The one place that turns a record into its citation: kind-prefixed stable id, a readable title, a link.</summary>
public static class SourceRefs
{
    public static SourceRef For(Meeting m) => new(SourceKind.Meeting, "meeting:" + m.Id, "Meeting \"" + m.Subject + "\"", m.Start, m.WebLink);

    public static SourceRef For(EmailMessage e) => new(SourceKind.Email, "email:" + e.Id, "Email \"" + e.Subject + "\"", e.Sent, e.WebLink);

    public static SourceRef For(CrmAccount a) => new(SourceKind.CrmAccount, "account:" + a.Id, "Account " + a.Name, a.LastModified, a.Url);

    public static SourceRef For(CrmContact c) => new(SourceKind.CrmContact, "contact:" + c.Id, "Contact " + c.Name, c.LastModified, c.Url);

    public static SourceRef For(Opportunity o) => new(SourceKind.Opportunity, "opportunity:" + o.Id, "Opportunity \"" + o.Name + "\"", o.LastModified, o.Url);

    public static SourceRef For(CrmNote n) => new(SourceKind.Note, "note:" + n.Id, "Note \"" + n.Title + "\"", n.Created, n.Url);

    public static SourceRef For(CrmCase c) => new(SourceKind.Case, "case:" + c.Id, "Case " + c.Number, c.LastModified, c.Url);

    public static SourceRef For(MetricSeries s, string accountName) =>
        new(SourceKind.Metric, "metric:" + s.Id, s.Name + ", " + accountName, s.LastModified, s.Url);
}
