using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace MeetingPrep.Core.Mail;

/// <summary>
/// Reduces a mail body to the new text a person wrote: HTML to plain text (script/style dropped, entities decoded),
/// quoted replies and forwarded headers cut, signatures and sign-offs cut, whitespace collapsed, length capped.
/// Pure and deterministic. Input is untrusted and bounded first; the HTML pass over the whole body has a match timeout
/// and falls back to a plain tag strip, while the per-line patterns are linear on short lines and need none.
/// </summary>
public static partial class MailTextCleaner
{
    public const int DefaultMaxLength = 4000;

    // Beyond this the tail is quoted history in practice; bounding it keeps the regex work linear and small.
    private const int MaxInputLength = 200_000;
    private const int RegexTimeoutMs = 1000;

    public static string Clean(string? content, bool isHtml, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        if (string.IsNullOrWhiteSpace(content))
        {
            return string.Empty;
        }

        var input = content.Length > MaxInputLength ? content[..MaxInputLength] : content;
        var text = isHtml ? HtmlToTextOrPlainStrip(input) : NormalizeNewLines(input);
        var lines = text.Split('\n').Select(CollapseSpaces).ToList();
        lines = CutQuotedReply(lines);
        lines = CutSignature(lines);
        return Cap(JoinParagraphs(lines), maxLength);
    }

    /// <summary>
    /// A message whose HTML defeats the patterns (they are bounded by a timeout) still yields its text: tags are then
    /// dropped by a single linear pass, losing only line structure, so one hostile mail cannot make mail unavailable.
    /// </summary>
    private static string HtmlToTextOrPlainStrip(string html)
    {
        try
        {
            return HtmlToText(html);
        }
        catch (RegexMatchTimeoutException)
        {
            var text = new System.Text.StringBuilder(html.Length);
            var inTag = false;
            foreach (var ch in html)
            {
                if (ch == '<')
                {
                    inTag = true;
                }
                else if (ch == '>' && inTag)
                {
                    inTag = false;
                    text.Append(' ');
                }
                else if (!inTag)
                {
                    text.Append(ch);
                }
            }

            return System.Net.WebUtility.HtmlDecode(text.ToString());
        }
    }

    /// <summary>HTML to text without a DOM: good enough for mail bodies, which are flat and machine-generated.</summary>
    public static string HtmlToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var s = CommentRegex().Replace(html, " ");
        s = InvisibleBlockRegex().Replace(s, " ");

        // Outlook, Gmail and Apple Mail mark where the quoted history starts; everything after it is older mail.
        var quoteStart = QuoteMarkerRegex().Match(s);
        if (quoteStart.Success)
        {
            s = s[..quoteStart.Index];
        }

        // Source whitespace is insignificant in HTML; only <br> breaks a line, and blocks start on a new one.
        s = RawWhitespaceRegex().Replace(s, " ");
        s = LineBreakRegex().Replace(s, "\n");
        s = ListItemRegex().Replace(s, BlockMark + "- ");
        s = BlockBreakRegex().Replace(s, BlockMark);
        s = CellRegex().Replace(s, " ");
        s = TagRegex().Replace(s, string.Empty);
        s = ResolveBlockMarks(s);
        s = WebUtility.HtmlDecode(s);
        return NormalizeNewLines(s);
    }

    private const string BlockMark = "\u0001";

    /// <summary>A block boundary ensures a line break without adding one, so nested or adjacent blocks do not pile up blank lines.</summary>
    private static string ResolveBlockMarks(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (c != '\u0001')
            {
                sb.Append(c);
                continue;
            }

            var end = sb.Length;
            while (end > 0 && sb[end - 1] == ' ')
            {
                end--;
            }

            if (end > 0 && sb[end - 1] != '\n')
            {
                sb.Length = end;
                sb.Append('\n');
            }
        }

        return sb.ToString();
    }

    private static string NormalizeNewLines(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
        {
            // Non-breaking and zero-width characters come from HTML editors and break matching.
            switch (c)
            {
                case '\u00A0' or '\u2007' or '\u202F' or '\t':
                    sb.Append(' ');
                    break;
                case '\u200B' or '\u200C' or '\u200D' or '\uFEFF' or '\u00AD':
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }

        return sb.ToString();
    }

    private static string CollapseSpaces(string line) => SpacesRegex().Replace(line, " ").Trim();

    private static List<string> CutQuotedReply(List<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (OriginalMessageRegex().IsMatch(line) || UnderscoreRuleRegex().IsMatch(line))
            {
                return lines[..i];
            }

            // "On Mon, 3 Mar 2025 at 10:00, Alex <a@b> wrote:" is often wrapped onto two lines by the sender's client.
            if (WroteRegex().IsMatch(line) || (i + 1 < lines.Count && line.Length > 0 && WroteRegex().IsMatch(line + " " + lines[i + 1])))
            {
                if (WroteLeadRegex().IsMatch(line))
                {
                    return lines[..i];
                }
            }

            if (HeaderFromRegex().IsMatch(line) && HasHeaderBelow(lines, i))
            {
                return lines[..i];
            }
        }

        // Inline "> quoted" lines carry older mail even when the header was not recognised.
        return [.. lines.Where(l => !l.StartsWith('>'))];
    }

    /// <summary>A "From:" line is a forwarded/reply header only when "Sent:"/"Date:" (or a translation) follows closely.</summary>
    private static bool HasHeaderBelow(List<string> lines, int fromIndex)
    {
        // Header fields are consecutive lines; Outlook puts Sent right after From, Gmail's forward may put one line between.
        for (var j = fromIndex + 1; j < lines.Count && j <= fromIndex + 2 && lines[j].Length > 0; j++)
        {
            if (HeaderSentRegex().IsMatch(lines[j]))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> CutSignature(List<string> lines)
    {
        var firstContent = lines.FindIndex(l => l.Length > 0);
        if (firstContent < 0)
        {
            return lines;
        }

        for (var i = firstContent; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line is "--" or "-- " or "—" || MobileFooterRegex().IsMatch(line))
            {
                return lines[..i];
            }

            // A sign-off ends the message only after some content, so a mail that is just "Thanks!" keeps it.
            if (i > firstContent && SignOffRegex().IsMatch(line))
            {
                return lines[..i];
            }
        }

        return lines;
    }

    private static string JoinParagraphs(List<string> lines)
    {
        var sb = new StringBuilder();
        var blank = false;
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                blank = sb.Length > 0;
                continue;
            }

            if (sb.Length > 0)
            {
                sb.Append(blank ? "\n\n" : "\n");
            }

            sb.Append(line);
            blank = false;
        }

        return sb.ToString();
    }

    private static string Cap(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        // Cut on a text-element boundary so no surrogate pair or combining sequence is split, then back off to a space.
        var info = new StringInfo(text);
        var cut = 0;
        for (var e = 0; e < info.LengthInTextElements; e++)
        {
            var next = cut + StringInfo.GetNextTextElementLength(text, cut);
            if (next > maxLength - 1)
            {
                break;
            }

            cut = next;
        }

        var space = text.LastIndexOf(' ', Math.Max(cut - 1, 0));
        if (space > cut / 2)
        {
            cut = space;
        }

        return text[..cut].TrimEnd() + "…";
    }

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline | RegexOptions.NonBacktracking, RegexTimeoutMs)]
    private static partial Regex CommentRegex();

    [GeneratedRegex(@"<(?:script|style|head|title|noscript|template|xml)\b[^<>]*>.*?</(?:script|style|head|title|noscript|template|xml)\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, RegexTimeoutMs)]
    private static partial Regex InvisibleBlockRegex();

    [GeneratedRegex(
        @"<div\b[^<>]*\bid\s*=\s*[""']?(divRplyFwdMsg|appendonsend|mail-editor-reference-message-container)\b|<div\b[^<>]*\bclass\s*=\s*[""'][^""']*\b(gmail_quote|gmail_attr|yahoo_quoted|moz-cite-prefix)\b|<blockquote\b[^<>]*\btype\s*=\s*[""']?cite",
        RegexOptions.IgnoreCase,
        RegexTimeoutMs)]
    private static partial Regex QuoteMarkerRegex();

    [GeneratedRegex(@"[\r\n\t]+", RegexOptions.None, RegexTimeoutMs)]
    private static partial Regex RawWhitespaceRegex();

    [GeneratedRegex(@"<br\b[^<>]*>", RegexOptions.IgnoreCase, RegexTimeoutMs)]
    private static partial Regex LineBreakRegex();

    [GeneratedRegex(@"<li\b[^<>]*>", RegexOptions.IgnoreCase, RegexTimeoutMs)]
    private static partial Regex ListItemRegex();

    [GeneratedRegex(@"<(/?p|/?div|/?tr|/?table|/?ul|/?ol|/li|/?h[1-6]|hr|/?blockquote|/?section|/?article|/?header|/?footer|/?pre)\b[^<>]*>", RegexOptions.IgnoreCase, RegexTimeoutMs)]
    private static partial Regex BlockBreakRegex();

    [GeneratedRegex(@"</?t[dh]\b[^<>]*>", RegexOptions.IgnoreCase, RegexTimeoutMs)]
    private static partial Regex CellRegex();

    [GeneratedRegex(@"<[^<>]*>", RegexOptions.None, RegexTimeoutMs)]
    private static partial Regex TagRegex();

    [GeneratedRegex(@"[ \t\f\v]+")]
    private static partial Regex SpacesRegex();

    [GeneratedRegex(
        @"^-{2,}\s*(Original Message|Forwarded message|Ursprüngliche Nachricht|Weitergeleitete Nachricht|Message d'origine|Message transféré|Mensaje original|Mensaje reenviado|Messaggio originale|Oorspronkelijk bericht|Mensagem original)\s*-{2,}\s*$",
        RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessageRegex();

    [GeneratedRegex(@"^_{10,}$")]
    private static partial Regex UnderscoreRuleRegex();

    // English, German, French, Spanish, Italian, Dutch, Portuguese reply attributions.
    [GeneratedRegex(@"((wrote|a écrit|escribió|ha scritto|escreveu)\s*:|\b(schrieb|schreef)\b.*:)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex WroteRegex();

    [GeneratedRegex(@"^(On|Am|Le|El|Il|Op|Em)\s", RegexOptions.IgnoreCase)]
    private static partial Regex WroteLeadRegex();

    [GeneratedRegex(@"^\*?(From|Von|De|Da|Van)\s?\*?:", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderFromRegex();

    [GeneratedRegex(@"^\*?(Sent|Date|Gesendet|Datum|Envoyé|Enviado|Fecha|Inviato|Data|Verzonden)\s?\*?:", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderSentRegex();

    [GeneratedRegex(@"^(Sent from my \w+|Get Outlook for \w+|Von meinem \w+ gesendet|Envoyé de mon \w+)", RegexOptions.IgnoreCase)]
    private static partial Regex MobileFooterRegex();

    [GeneratedRegex(
        @"^(best|best regards|kind regards|warm regards|regards|many thanks|thanks|thank you|thx|cheers|sincerely|yours sincerely|all the best|br|mit freundlichen grüßen|freundliche grüße|viele grüße|beste grüße|liebe grüße|lg|mfg|cordialement|bien à vous|bien cordialement|saludos|un saludo|atentamente|cordiali saluti|distinti saluti|met vriendelijke groet|groeten|atenciosamente|abraços)\s*[,.!]?$",
        RegexOptions.IgnoreCase)]
    private static partial Regex SignOffRegex();
}
