using System.Globalization;
using System.Text;

namespace MeetingPrep.Teams.Cards;

/// <summary>
/// Makes untrusted text (meeting titles, e-mail subjects and snippets, CRM fields, user comments) safe for a card.
/// <list type="bullet">
/// <item>Control characters (C0, C1, DEL) become spaces; whitespace runs collapse to one space (cards show one line per item).</item>
/// <item>Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are removed: they can reorder what a
/// reader sees (e.g. make "exe.pdf" read as "fdp.exe"). The plain marks U+200E/U+200F (LRM/RLM) and U+061C (ALM) are
/// KEPT: they only nudge neutral characters next to them, cannot reorder other text, and names in Hebrew or Arabic
/// mixed with Latin need them to display correctly.</item>
/// <item>Invisible format characters that serve no display purpose (U+200B, U+2060, U+FEFF, U+00AD) are removed;
/// ZWJ/ZWNJ (U+200D/U+200C) are kept for emoji sequences and Persian/Indic scripts. Lone surrogates become U+FFFD.</item>
/// <item>Length is capped at a caller-given number of characters, never splitting a surrogate pair, with "…".</item>
/// </list>
/// <see cref="Plain"/> is for <see cref="TextRun"/> and input values (not markdown-processed); <see cref="Markdown"/>
/// additionally escapes the Teams markdown subset for <see cref="TextBlock"/> and <see cref="Fact"/> text.
/// In both, the Teams mention tags <c>&lt;at&gt;</c>/<c>&lt;/at&gt;</c> are neutralised.
/// </summary>
public static class CardText
{
    public const int DefaultMaxLength = 500;
    public const int TitleMaxLength = 200;

    private const string Ellipsis = "…";

    /// <summary>Sanitized and capped, for text that is not markdown-processed.</summary>
    public static string Plain(string? text, int maxLength = DefaultMaxLength)
    {
        var clean = Cap(Sanitize(text), maxLength);
        return NeutralizeMentions(clean);
    }

    /// <summary>Sanitized, capped and escaped so the markdown subset renders it literally.</summary>
    public static string Markdown(string? text, int maxLength = DefaultMaxLength)
    {
        var clean = Cap(Sanitize(text), maxLength);
        var sb = new StringBuilder(clean.Length + 16);
        var atLineStart = true;
        for (var i = 0; i < clean.Length; i++)
        {
            var c = clean[i];
            switch (c)
            {
                // Emphasis, links, images, code, strikethrough, tables, escapes: escaped wherever they appear.
                case '\\' or '*' or '_' or '[' or ']' or '(' or ')' or '`' or '~' or '|':
                    sb.Append('\\').Append(c);
                    break;

                // HTML and mention tags: Teams parses <at> before markdown, so angle brackets become look-alikes.
                case '<':
                    sb.Append('\u2039');
                    break;
                case '>':
                    sb.Append('\u203A');
                    break;

                // Headings, quotes and list markers only matter where a block starts.
                case '#' or '-' or '+' when atLineStart:
                    sb.Append('\\').Append(c);
                    break;
                case '.' when IsOrderedListMarker(clean, i):
                    sb.Append('\\').Append(c);
                    break;
                default:
                    sb.Append(c);
                    break;
            }

            atLineStart = atLineStart && char.IsWhiteSpace(c);
        }

        return sb.ToString();
    }

    /// <summary>
    /// A link target we are willing to emit: absolute https (or http on loopback, for the demo sandbox), no
    /// credentials in the URL. Anything else (javascript:, data:, relative, file:) returns null and the caller shows text.
    /// </summary>
    public static Uri? SafeUrl(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || !string.IsNullOrEmpty(url.UserInfo) || url.OriginalString.Length > 2048)
        {
            return null;
        }

        if (url.Scheme == Uri.UriSchemeHttps)
        {
            return url;
        }

        return url.Scheme == Uri.UriSchemeHttp && url.IsLoopback ? url : null;
    }

    /// <summary>Control, bidi-override and invisible characters removed, whitespace collapsed, trimmed.</summary>
    public static string Sanitize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length);
        var pendingSpace = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    AppendPending(sb, ref pendingSpace);
                    sb.Append(c).Append(text[i + 1]);
                    i++;
                }
                else
                {
                    AppendPending(sb, ref pendingSpace);
                    sb.Append('\uFFFD');
                }

                continue;
            }

            if (char.IsLowSurrogate(c))
            {
                AppendPending(sb, ref pendingSpace);
                sb.Append('\uFFFD');
                continue;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (IsRemovedFormatCharacter(c))
            {
                continue;
            }

            AppendPending(sb, ref pendingSpace);
            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Caps <paramref name="text"/> at <paramref name="maxLength"/> characters (text elements kept whole).</summary>
    public static string Cap(string text, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        if (text.Length <= maxLength)
        {
            return text;
        }

        // Cut at a text-element boundary so a surrogate pair or an emoji sequence is never split.
        var cut = 0;
        var enumerator = StringInfo.GetTextElementEnumerator(text);
        while (enumerator.MoveNext())
        {
            var end = enumerator.ElementIndex + ((string)enumerator.Current).Length;
            if (end > maxLength - Ellipsis.Length)
            {
                break;
            }

            cut = end;
        }

        return text[..cut].TrimEnd() + Ellipsis;
    }

    private static bool IsRemovedFormatCharacter(char c) => c switch
    {
        >= '\u202A' and <= '\u202E' => true, // LRE, RLE, PDF, LRO, RLO
        >= '\u2066' and <= '\u2069' => true, // LRI, RLI, FSI, PDI
        '\u200B' or '\u2060' or '\uFEFF' or '\u00AD' => true,
        >= '\uFFF9' and <= '\uFFFB' => true, // interlinear annotation controls
        _ => false,
    };

    private static void AppendPending(StringBuilder sb, ref bool pendingSpace)
    {
        if (pendingSpace)
        {
            sb.Append(' ');
            pendingSpace = false;
        }
    }

    private static bool IsOrderedListMarker(string text, int dotIndex)
    {
        // "12. " at the start of the text would become an ordered list.
        if (dotIndex == 0)
        {
            return false;
        }

        for (var i = 0; i < dotIndex; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static string NeutralizeMentions(string text)
    {
        if (text.IndexOf("<at", StringComparison.OrdinalIgnoreCase) < 0 && text.IndexOf("</at", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var isTag = c == '<' && (StartsWithAt(text, i + 1) || (i + 1 < text.Length && text[i + 1] == '/' && StartsWithAt(text, i + 2)));
            sb.Append(isTag ? '\u2039' : c);
        }

        return sb.ToString();
    }

    private static bool StartsWithAt(string text, int index) =>
        index + 1 < text.Length && char.ToLowerInvariant(text[index]) == 'a' && char.ToLowerInvariant(text[index + 1]) == 't';
}
