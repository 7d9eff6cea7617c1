using System.Globalization;
using System.Text.RegularExpressions;

namespace MeetingPrep.Core.Briefings.Verification;

/// <summary>A line a language model wrote: its text, the source ids it cites and the label it gave itself.</summary>
public sealed record Claim(string Text, IReadOnlyList<string> Sources, ItemLabel Label);

public enum ClaimVerdict
{
    /// <summary>Everything the claim names is in the sources it cites.</summary>
    Verified,

    /// <summary>A name, amount, date, percentage or count is not in its cited sources: dropped or shown marked, per recipe.</summary>
    Unverified,

    /// <summary>Never shown: it cites no source or one that was not given, or carries a link or a mention.</summary>
    Rejected,
}

/// <summary>The verifier's decision on one claim. <see cref="Label"/> is the label the claim may carry (checked, not trusted).</summary>
public sealed record ClaimCheck(Claim Claim, ClaimVerdict Verdict, ItemLabel Label, string? Reason)
{
    public bool Relabelled => Label != Claim.Label;
}

/// <summary>
/// Checks every claim a model wrote against the sources it cites, so the LLM path cannot invent:
/// <list type="bullet">
/// <item>a claim citing nothing, or a source id it was not given, is rejected;</item>
/// <item>a claim carrying a link (any URL; sources are linked through citations) or an @mention is rejected;</item>
/// <item>every number (amounts with k/M suffixes, percentages, counts, years, times) must be in the cited sources, or be
/// the number of sources it cites; every date written with a month name must be a date of the cited sources;</item>
/// <item>every name (a run of two or more capitalised words, or one capitalised word inside an English sentence) must
/// appear in the cited sources or be someone on the invitation;</item>
/// <item>a claim labelled fact that speculates (may, likely, risk, should…) or sits in a section of judgements (risks,
/// talking points) is labelled an inference.</item>
/// </list>
/// Words written as numbers ("two cases") and names in scripts without capitals are not checked.
/// </summary>
public static partial class ClaimVerifier
{
    public static ClaimCheck Check(Claim claim, SourceEvidence evidence, SectionKind section, string? culture)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(evidence);
        var text = claim.Text?.Trim() ?? string.Empty;
        var cited = claim.Sources.Where(s => !string.IsNullOrWhiteSpace(s)).Distinct(StringComparer.Ordinal).ToList();
        if (text.Length == 0)
        {
            return new ClaimCheck(claim, ClaimVerdict.Rejected, claim.Label, "empty");
        }

        if (cited.Count == 0)
        {
            return new ClaimCheck(claim, ClaimVerdict.Rejected, claim.Label, "cites no source");
        }

        if (cited.Exists(s => !evidence.Contains(s)))
        {
            return new ClaimCheck(claim, ClaimVerdict.Rejected, claim.Label, "cites a source it was not given");
        }

        if (LinkRegex().IsMatch(text))
        {
            return new ClaimCheck(claim, ClaimVerdict.Rejected, claim.Label, "carries a link");
        }

        if (MentionRegex().IsMatch(text) || text.Contains("<at", StringComparison.OrdinalIgnoreCase))
        {
            return new ClaimCheck(claim, ClaimVerdict.Rejected, claim.Label, "carries a mention");
        }

        var label = CheckedLabel(text, claim.Label, section);
        var source = evidence.TextOf(cited);
        var problem = MissingNumber(text, source, cited.Count) ?? MissingDate(text, source) ?? MissingName(text, source, evidence.KnownPeople, culture);
        return problem is null
            ? new ClaimCheck(claim, ClaimVerdict.Verified, label, null)
            : new ClaimCheck(claim, ClaimVerdict.Unverified, label, problem);
    }

    /// <summary>Fact only when the claim states, not judges; judgements are inferences whatever the model said.</summary>
    private static ItemLabel CheckedLabel(string text, ItemLabel label, SectionKind section)
    {
        if (label == ItemLabel.Inference)
        {
            return label;
        }

        if (section is SectionKind.Risks or SectionKind.TalkingPoints)
        {
            return ItemLabel.Inference;
        }

        // What someone is quoted as saying is a fact about what they said, whatever words it uses.
        return HedgeRegex().IsMatch(QuoteRegex().Replace(text, " ")) ? ItemLabel.Inference : ItemLabel.Fact;
    }

    private static string? MissingNumber(string claim, string source, int citedCount)
    {
        var known = new HashSet<decimal>();
        foreach (Match m in NumberRegex().Matches(source))
        {
            foreach (var value in Values(m))
            {
                known.Add(value);
            }
        }

        foreach (Match m in NumberRegex().Matches(claim))
        {
            var values = Values(m);
            if (values.Count == 0 || values.Any(v => v == 0 || v == citedCount || known.Contains(v) || known.Any(k => Close(k, v))))
            {
                continue;
            }

            return $"'{m.Value.Trim()}' is not in the cited sources";
        }

        return null;
    }

    /// <summary>Rounded figures ("€1.2M" for 1,234,567) match within 5 % for large values, within rounding for small ones.</summary>
    private static bool Close(decimal known, decimal value)
    {
        if (Math.Abs(known) >= 1000 && Math.Abs(value) >= 1000)
        {
            return Math.Abs(known - value) <= Math.Abs(known) * 0.05m;
        }

        return Math.Abs(value) >= 1 && Math.Abs(value - known) < 0.5m && Math.Round(known) == Math.Round(value, MidpointRounding.AwayFromZero);
    }

    /// <summary>Every reading of a written number: separators as thousands or as a decimal mark, times its suffix.</summary>
    private static List<decimal> Values(Match m)
    {
        var digits = m.Groups["n"].Value;
        var multiplier = m.Groups["s"].Value.ToUpperInvariant() switch
        {
            "K" => 1_000m,
            "M" or "MN" or "MIO" => 1_000_000m,
            "BN" or "B" => 1_000_000_000m,
            _ => 1m,
        };
        var readings = new List<decimal>();
        var plain = digits.Replace(",", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal)
            .Replace("'", string.Empty, StringComparison.Ordinal).Replace("\u202f", string.Empty, StringComparison.Ordinal).Replace("\u00a0", string.Empty, StringComparison.Ordinal);
        if (decimal.TryParse(plain, NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
        {
            readings.Add(whole * multiplier);
        }

        var last = digits.LastIndexOfAny([',', '.']);
        if (last > 0)
        {
            var asDecimal = digits[..last].Replace(",", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal)
                .Replace("'", string.Empty, StringComparison.Ordinal) + "." + digits[(last + 1)..];
            if (decimal.TryParse(asDecimal, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fraction))
            {
                readings.Add(fraction * multiplier);
            }
        }

        return readings;
    }

    private static readonly string[] Months =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>A day with a month name ("31 Jan", "January 31") must be a day the cited sources hold.</summary>
    private static string? MissingDate(string claim, string source)
    {
        var known = Dates(source).Select(d => (d.Month, d.Day)).ToHashSet();
        foreach (var (month, day, text) in Dates(claim))
        {
            if (known.Contains((month, day)))
            {
                continue;
            }

            return $"the date '{text}' is not in the cited sources";
        }

        return null;
    }

    private static IEnumerable<(int Month, int Day, string Text)> Dates(string text)
    {
        foreach (Match m in DayMonthRegex().Matches(text))
        {
            yield return (MonthOf(m.Groups["m"].Value), int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture), m.Value);
        }

        foreach (Match m in MonthDayRegex().Matches(text))
        {
            yield return (MonthOf(m.Groups["m"].Value), int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture), m.Value);
        }
    }

    private static int MonthOf(string name) => Array.IndexOf(Months, name[..3].ToLowerInvariant()) + 1;

    /// <summary>Capitalised words that ordinary English sentences start with, never a name by themselves.</summary>
    private static readonly HashSet<string> CommonCapitalised = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "this", "that", "these", "those", "it", "its", "they", "their", "them", "we", "our", "us", "you", "your",
        "he", "she", "his", "her", "i", "in", "on", "at", "for", "with", "from", "by", "of", "and", "or", "but", "no", "not",
        "new", "open", "ask", "agree", "give", "answer", "confirm", "discuss", "review", "follow", "check", "raise", "prepare",
        "expect", "since", "last", "next", "both", "all", "one", "two", "three", "four", "five", "case", "cases", "email", "mail",
        "note", "notes", "meeting", "opportunity", "account", "renewal", "deal", "risk", "risks", "likely", "possible", "status",
        "summary", "contact", "metric", "spend", "usage", "health", "mr", "mrs", "ms", "dr", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
        "nov", "dec", "q1", "q2", "q3", "q4", "fy",

        // Articles and titles that start sentences or precede names in the other languages briefings are written in.
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "herr", "frau", "le", "la", "les",
        "un", "une", "monsieur", "madame", "el", "los", "las", "il", "lo", "gli", "de", "het", "een",
    };

    /// <summary>
    /// Every name the claim gives must be in the cited sources or on the invitation. A name is a run of two or more
    /// capitalised words, or (in English) a capitalised word inside a sentence; acronyms are not names.
    /// </summary>
    private static string? MissingName(string claim, string source, IReadOnlyList<string> people, string? culture)
    {
        var words = WordsOf(source);
        foreach (var person in people)
        {
            words.UnionWith(WordsOf(person));
        }

        var english = culture is null || culture.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var tokens = WordRegex().Matches(claim).Cast<Match>().ToList();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!IsCapitalised(tokens[i].Value))
            {
                continue;
            }

            // The run of capitalised words starting here, separated by single spaces or hyphens only.
            var run = new List<Match> { tokens[i] };
            while (i + 1 < tokens.Count && IsCapitalised(tokens[i + 1].Value) && Adjacent(claim, run[^1], tokens[i + 1]))
            {
                run.Add(tokens[++i]);
            }

            var atSentenceStart = SentenceStart(claim, run[0].Index);
            var names = run.Select(t => Bare(t.Value)).Where(w => !IsAcronym(w)).ToList();
            if (atSentenceStart && names.Count > 0 && CommonCapitalised.Contains(names[0]))
            {
                names.RemoveAt(0);
            }

            var isName = names.Count >= 2 || (names.Count == 1 && english && !atSentenceStart);
            if (!isName)
            {
                continue;
            }

            foreach (var name in names)
            {
                if (!words.Contains(name) && !CommonCapitalised.Contains(name))
                {
                    return $"the name '{string.Join(' ', run.Select(t => t.Value))}' is not in the cited sources";
                }
            }
        }

        return null;
    }

    private static HashSet<string> WordsOf(string text) =>
        WordRegex().Matches(text).Select(m => Bare(m.Value)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static string Bare(string word)
    {
        var w = word.Trim('\'', '’', '-');
        return w.EndsWith("'s", StringComparison.OrdinalIgnoreCase) || w.EndsWith("’s", StringComparison.OrdinalIgnoreCase) ? w[..^2] : w;
    }

    private static bool IsCapitalised(string word) => word.Length > 1 && char.IsUpper(word[0]);

    private static bool IsAcronym(string word) => word.Length <= 6 && word.All(c => char.IsUpper(c) || char.IsDigit(c));

    private static bool Adjacent(string text, Match a, Match b)
    {
        var between = text.AsSpan(a.Index + a.Length, b.Index - a.Index - a.Length);
        return between is " " or "-";
    }

    private static bool SentenceStart(string text, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c is '"' or '“' or '‘' or '\'' or '(' or '*' or '•' or '-' or '–')
            {
                continue;
            }

            return c is '.' or '!' or '?' or ':' or ';';
        }

        return true;
    }

    [GeneratedRegex(@"(\b(?i:https?|ftp|file|mailto|tel|javascript|data):|\b(?i:www)\.\S+|\]\(|\b[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}\b(?!\.\d))")]
    private static partial Regex LinkRegex();

    [GeneratedRegex(@"""[^""]*""|“[^”]*”|„[^“”]*[“”]|«[^»]*»|「[^」]*」")]
    private static partial Regex QuoteRegex();

    [GeneratedRegex(@"(?<![\w.])@\w")]
    private static partial Regex MentionRegex();

    [GeneratedRegex(@"\b(may|might|could|likely|unlikely|probably|possibly|perhaps|seems?|appears?|suggests?|should|risk|risks|at risk|expect|expected|consider|worth|if)\b", RegexOptions.IgnoreCase)]
    private static partial Regex HedgeRegex();

    [GeneratedRegex(@"(?<![\p{L}\d])(?<n>\d{1,3}(?:[,.'\u202f\u00a0]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)\s?(?<s>k|K|M|Mn|mn|Mio|bn|BN|B)?(?![\p{L}\d])")]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"\b(?<d>\d{1,2})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?<m>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b")]
    private static partial Regex DayMonthRegex();

    [GeneratedRegex(@"\b(?<m>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?<d>\d{1,2})(?:st|nd|rd|th)?\b")]
    private static partial Regex MonthDayRegex();

    [GeneratedRegex(@"[\p{L}][\p{L}\p{Mn}'’\-]*")]
    private static partial Regex WordRegex();
}
