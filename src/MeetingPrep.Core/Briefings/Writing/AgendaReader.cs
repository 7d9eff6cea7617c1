using System.Text.RegularExpressions;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>
/// The points of a meeting's agenda, read from the invitation's own text: numbered ("1) …", "2. …") or bulleted items,
/// or else its first informative sentences. The text is untrusted: it is quoted, never followed, sentences that address
/// an assistant are dropped, and links and mentions are removed (<see cref="UntrustedText.Defang"/>).
/// </summary>
public static partial class AgendaReader
{
    public const int MaxPoints = 8;

    private const int MaxPointChars = 160;

    private const int MaxProsePoints = 2;

    public static IReadOnlyList<string> Points(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        // A list (numbered or bulleted) is the agenda; without one, the invitation's first sentences say what it is about.
        var points = new List<string>();
        var prose = new List<string>();
        var next = 1;
        foreach (var line in body.Split('\n'))
        {
            var text = LabelRegex().Replace(line.Trim(), string.Empty);
            if (text.Length == 0)
            {
                continue;
            }

            var markers = Markers(text, ref next);
            for (var i = 0; i < markers.Count; i++)
            {
                var start = markers[i].Index + markers[i].Length;
                var end = i + 1 < markers.Count ? markers[i + 1].Index : text.Length;
                Add(points, text[start..end]);
            }

            if (markers.Count == 0)
            {
                foreach (var sentence in TextCues.Sentences(text))
                {
                    Add(prose, sentence);
                }
            }
        }

        var chosen = points.Count > 0 ? points : prose.Take(MaxProsePoints).ToList();
        return chosen.Count <= MaxPoints ? chosen : chosen[..MaxPoints];
    }

    /// <summary>
    /// Where points start: a bullet at the line's start, or numbers counting 1, 2, 3… ("1)", "2.") anywhere in the line,
    /// so "Renewal FY27 – scope" or "room 2. floor" do not split a point.
    /// </summary>
    private static List<Match> Markers(string line, ref int next)
    {
        if (BulletRegex().Match(line) is { Success: true } bullet)
        {
            return [bullet];
        }

        var markers = new List<Match>();
        var expected = next;
        foreach (Match m in NumberRegex().Matches(line))
        {
            if (int.TryParse(m.Groups[1].ValueSpan, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                && (n == expected || (n == 1 && markers.Count == 0)))
            {
                markers.Add(m);
                expected = n + 1;
            }
        }

        // A lone number inside a sentence is not a list; a list has a second point, or its number starts the line.
        if (markers.Count >= 2 || (markers.Count == 1 && markers[0].Index == 0))
        {
            next = expected;
            return markers;
        }

        return [];
    }

    private static void Add(List<string> points, string raw)
    {
        var point = UntrustedText.Defang(raw).Trim().TrimEnd(';', ',', '.', ':', '·').Trim();
        if (point.Length < 3 || TextCues.LooksLikeInjection(point) || NoAgendaRegex().IsMatch(point))
        {
            return;
        }

        point = ExtractiveBriefingWriter.Quote(point, MaxPointChars);
        if (!points.Contains(point, StringComparer.OrdinalIgnoreCase))
        {
            points.Add(point);
        }
    }

    /// <summary>A leading "Agenda:", "Tagesordnung:", "Ordre du jour :", "議題:" and the like.</summary>
    [GeneratedRegex(@"^(agenda|topics?|tagesordnung|themen|ordre du jour|sujets|orden del día|議題|アジェンダ)\s*[:：]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LabelRegex();

    [GeneratedRegex(@"^[-•*–]\s+")]
    private static partial Regex BulletRegex();

    /// <summary>"1) ", "2. ", "3） " at the start or after a space.</summary>
    [GeneratedRegex(@"(?:^|(?<=\s))(\d{1,2})[.)）](?!\d)\s*")]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"^(no agenda|keine agenda|pas d'ordre du jour)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoAgendaRegex();
}

/// <summary>Untrusted text made safe to quote: no links, no @-mentions, no markup that could turn into either.</summary>
public static partial class UntrustedText
{
    public static string Defang(string text)
    {
        var s = MarkdownLinkRegex().Replace(text, "$1");
        s = AtTagRegex().Replace(s, "$1");
        s = UrlRegex().Replace(s, string.Empty);
        s = MentionRegex().Replace(s, "$1");
        return SpacesRegex().Replace(s, " ").Trim();
    }

    /// <summary>[label](target) keeps the label.</summary>
    [GeneratedRegex(@"!?\[([^\]]{0,200})\]\([^)]{0,500}\)")]
    private static partial Regex MarkdownLinkRegex();

    [GeneratedRegex(@"<at\b[^>]{0,100}>([^<]{0,100})</at>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTagRegex();

    [GeneratedRegex(@"(\b(https?|ftp|file|mailto|tel|javascript|data):[^\s<>""]*|\bwww\.[^\s<>""]+)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlRegex();

    /// <summary>"@Name" at a word start (an e-mail address keeps its @).</summary>
    [GeneratedRegex(@"(?<![\w.])@(\w[\w.-]{0,60})")]
    private static partial Regex MentionRegex();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex SpacesRegex();
}
