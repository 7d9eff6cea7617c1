using System.Text.RegularExpressions;
using MeetingPrep.Core.Mail;

namespace MeetingPrep.Core.Meetings;

/// <summary>
/// A meeting invitation's body reduced to what its author wrote (usually the agenda): HTML to text as for mail, then the
/// join block that Teams, Zoom, Webex or Google Meet append is cut. The text is untrusted and only ever quoted.
/// </summary>
public static partial class MeetingBodyText
{
    public const int MaxLength = 2000;

    public static string? Clean(string? content, bool isHtml)
    {
        var text = MailTextCleaner.Clean(content, isHtml, MaxLength);
        if (text.Length == 0)
        {
            return null;
        }

        var lines = text.Split('\n');
        var cut = Array.FindIndex(lines, l => JoinBlockRegex().IsMatch(l));
        if (cut >= 0)
        {
            text = string.Join('\n', lines[..cut]).Trim();
        }

        return text.Length == 0 ? null : text;
    }

    /// <summary>The first line of a conferencing footer, in the languages Outlook and the usual services write it in.</summary>
    [GeneratedRegex(
        @"^(_{5,}|Microsoft Teams[ -](meeting|Besprechung|Meeting)|Réunion Microsoft Teams|Microsoft Teams ミーティング|Join (on your computer|with a video conferencing device|Zoom Meeting|the meeting now|by phone|Webex meeting)|Click here to join the meeting|Jetzt an der Besprechung teilnehmen|Rejoindre la réunion|Meeting ID:|Besprechungs-ID:|ID de réunion\s?:|Google Meet joining info|Join with Google Meet|Zoom-Meeting beitreten|Participer à la réunion Zoom)",
        RegexOptions.IgnoreCase,
        1000)]
    private static partial Regex JoinBlockRegex();
}
