using System.Text;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>
/// A briefing as plain text with numbered citations, for the command line, chat fallbacks and golden files.
/// Times are shown in the reader's zone and culture.
/// </summary>
public static class BriefingText
{
    public static string Render(Briefing briefing, UserRef reader)
    {
        var format = BriefingFormat.For(briefing.Recipe.Culture ?? reader.Culture, reader.ResolveTimeZone());
        var text = new StringBuilder();
        var meeting = briefing.Meeting;
        var when = meeting.IsAllDay
            ? format.Local(meeting.Start).ToString("ddd d MMM", format.Culture) + ", all day"
            : $"{format.Local(meeting.Start).ToString("ddd d MMM", format.Culture)}, {format.Time(meeting.Start)}–{format.Time(meeting.End)}";
        text.Append(meeting.Subject).Append(" · ").Append(when).Append(" (your time, ").Append(format.Zone.Id).Append(')');
        if (meeting.JoinUrl is { } join)
        {
            text.Append(" · Join: ").Append(join);
        }

        text.AppendLine();
        foreach (var section in briefing.Sections)
        {
            text.AppendLine().AppendLine(section.Title);
            foreach (var item in section.Items)
            {
                text.Append("- ").Append(item.Text).Append(' ');
                text.Append(string.Concat(item.Citations.Select(c => $"[{briefing.CitationNumber(c)}]")));
                var marks = new List<string>(3);
                if (item.WrittenByModel)
                {
                    marks.Add("AI");
                }

                if (item.Unverified)
                {
                    marks.Add("unverified");
                }

                if (item.Label == ItemLabel.Inference)
                {
                    marks.Add("inference");
                }

                if (marks.Count > 0)
                {
                    text.Append(" (").Append(string.Join(", ", marks)).Append(')');
                }

                text.AppendLine();
            }

            if (section.OmittedCount > 0)
            {
                text.Append("  (").Append(section.OmittedCount).AppendLine(" more in the full view)");
            }
        }

        text.AppendLine().AppendLine("Sources:");
        for (var i = 0; i < briefing.Sources.Count; i++)
        {
            var source = briefing.Sources[i];
            text.Append('[').Append(i + 1).Append("] ").Append(source.Title);
            if (source.Timestamp is { } at)
            {
                text.Append(", ").Append(format.Day(at));
            }

            if (source.Url is { } url)
            {
                text.Append(" <").Append(url).Append('>');
            }

            text.AppendLine();
        }

        foreach (var note in briefing.Notes)
        {
            text.Append("Note: ").AppendLine(note);
        }

        text.Append("Unavailable: ")
            .AppendLine(briefing.Unavailable.Count == 0 ? "none" : string.Join("; ", briefing.Unavailable.Select(u => $"{u.Source} ({u.Reason})")));
        text.Append("Written by the ").Append(briefing.Writer).AppendLine(" writer.");
        return text.ToString();
    }
}
