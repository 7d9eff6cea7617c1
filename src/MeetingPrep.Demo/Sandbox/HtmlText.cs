using System.Net;
using System.Text.RegularExpressions;

namespace MeetingPrep.Demo.Sandbox;

/// <summary>
/// HTML to plain text the way Exchange derives <c>bodyPreview</c> and text bodies: markup, comments, script and style
/// are dropped, block ends become line breaks, entities are decoded. Hidden text stays (Exchange does not apply CSS).
/// </summary>
internal static partial class HtmlText
{
    public static string ToText(string html)
    {
        var text = Dropped().Replace(html, " ");
        text = BlockEnd().Replace(text, "\n");
        text = CellEnd().Replace(text, " ");
        text = Tag().Replace(text, string.Empty);
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ').Replace("\u200C", string.Empty, StringComparison.Ordinal);
        var lines = text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim());
        return BlankLines().Replace(string.Join("\n", lines), "\n\n").Trim();
    }

    /// <summary>Graph's preview: the text's first 255 characters on one line.</summary>
    public static string Preview(string html)
    {
        var text = Spaces().Replace(ToText(html).Replace('\n', ' '), " ").Trim();
        return text.Length <= 255 ? text : text[..255];
    }

    [GeneratedRegex(@"<!--.*?-->|<(script|style|head)\b[^>]*>.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Dropped();

    [GeneratedRegex(@"<br\s*/?>|</(p|div|tr|li|h[1-6]|table|blockquote)\s*>|<hr[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnd();

    [GeneratedRegex(@"</t[dh]\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex CellEnd();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"[ \t\r\f\v]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex BlankLines();
}
