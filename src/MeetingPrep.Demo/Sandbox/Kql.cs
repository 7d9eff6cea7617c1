using System.Globalization;
using System.Text.RegularExpressions;
using MeetingPrep.Demo.Data;

namespace MeetingPrep.Demo.Sandbox;

/// <summary>
/// The subset of KQL that Outlook message search supports and MeetingPrep uses: <c>participants:</c>, <c>from:</c>,
/// <c>to:</c>, <c>cc:</c>, <c>subject:</c>, <c>received&gt;=</c>/<c>sent&gt;=</c> date bounds and free words, combined
/// with implicit or explicit AND, with OR, and grouped in parentheses (<c>participants:a@x.com AND (Aurelia OR aurelia.it)</c>).
/// Addresses match whole addresses, or a domain/fragment when no '@' is given.
/// </summary>
internal static partial class Kql
{
    public static Func<DemoMessage, bool> Parse(string search)
    {
        var s = search.Trim();
        if (s.Length >= 2 && s[0] == '"' && s[^1] == '"')
        {
            s = s[1..^1];
        }

        if (string.IsNullOrWhiteSpace(s))
        {
            throw GraphErrorException.BadRequest("BadRequest", "The $search query is empty.");
        }

        return Expression(s);
    }

    /// <summary>Disjuncts (split on OR outside parentheses) of terms joined by AND or by nothing.</summary>
    private static Func<DemoMessage, bool> Expression(string s)
    {
        var disjuncts = TopLevelOrSplit(s)
            .Select(d => Token().Matches(d).Select(m => m.Value).Where(t => !t.Equals("AND", StringComparison.Ordinal)).Select(Term).ToList())
            .Where(d => d.Count > 0)
            .ToList();
        if (disjuncts.Count == 0)
        {
            throw GraphErrorException.BadRequest("BadRequest", "The $search query has an empty group.");
        }

        return m => disjuncts.Any(terms => terms.All(t => t(m)));
    }

    private static List<string> TopLevelOrSplit(string s)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < s.Length; i++)
        {
            depth += s[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0)
            {
                throw GraphErrorException.BadRequest("BadRequest", "Unbalanced parentheses in $search.");
            }

            if (depth == 0 && OrAt().Match(s, i) is { Success: true } match)
            {
                parts.Add(s[start..i]);
                start = i + match.Length;
                i = start - 1;
            }
        }

        if (depth != 0)
        {
            throw GraphErrorException.BadRequest("BadRequest", "Unbalanced parentheses in $search.");
        }

        parts.Add(s[start..]);
        return parts;
    }

    private static Func<DemoMessage, bool> Term(string token)
    {
        if (token.Length >= 2 && token[0] == '(' && token[^1] == ')')
        {
            return Expression(token[1..^1]);
        }

        var date = DateBound().Match(token);
        if (date.Success)
        {
            if (!DateTimeOffset.TryParse(date.Groups[3].Value.Trim('"'), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var bound))
            {
                throw GraphErrorException.BadRequest("BadRequest", $"Invalid date in $search term '{token}'.");
            }

            var received = date.Groups[1].Value.Equals("received", StringComparison.OrdinalIgnoreCase);
            Func<DemoMessage, DateTimeOffset> when = received ? m => m.Received : m => m.Sent;
            return date.Groups[2].Value switch
            {
                ">=" => m => when(m) >= bound,
                ">" => m => when(m) > bound,
                "<=" => m => when(m) <= bound,
                "<" => m => when(m) < bound,
                _ => m => DateOnly.FromDateTime(when(m).UtcDateTime) == DateOnly.FromDateTime(bound.UtcDateTime),
            };
        }

        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var property = token[..colon].ToLowerInvariant();
            var value = token[(colon + 1)..].Trim('"');
            return property switch
            {
                "participants" => m => m.Participants.Any(p => Matches(p.Email, value)),
                "from" => m => Matches(m.From.Email, value),
                "to" => m => m.To.Any(p => Matches(p.Email, value)),
                "cc" => m => m.Cc.Any(p => Matches(p.Email, value)),
                "subject" => m => m.Subject.Contains(value, StringComparison.OrdinalIgnoreCase),
                "body" => m => HtmlText.ToText(m.BodyHtml).Contains(value, StringComparison.OrdinalIgnoreCase),
                _ => throw GraphErrorException.BadRequest("BadRequest", $"The sandbox does not support the KQL property '{property}'."),
            };
        }

        var word = token.Trim('"');
        return m => m.Subject.Contains(word, StringComparison.OrdinalIgnoreCase) || HtmlText.ToText(m.BodyHtml).Contains(word, StringComparison.OrdinalIgnoreCase);
    }

    private static bool Matches(string address, string value) =>
        value.Contains('@', StringComparison.Ordinal)
            ? string.Equals(address, value, StringComparison.OrdinalIgnoreCase)
            : address.Contains(value, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\G\s+OR\s+")]
    private static partial Regex OrAt();

    // A group is one token: "(a OR b)", one level deep, which is all MeetingPrep sends.
    [GeneratedRegex("""\([^()]*\)|[^\s"()]+:"[^"]*"|"[^"]*"|[^\s()]+""")]
    private static partial Regex Token();

    [GeneratedRegex(@"^(received|sent)(>=|<=|>|<|=|:)(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex DateBound();
}
