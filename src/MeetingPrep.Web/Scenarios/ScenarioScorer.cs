using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Demo.Scenarios;

namespace MeetingPrep.Web.Scenarios;

/// <summary>What one meeting of a pack scored (README "Scenario packs", scores as the pack format defines them).</summary>
public sealed record MeetingScore(
    string Pack,
    string User,
    string Event,
    string Subject,
    bool Briefed,
    int KeyPoints,
    int KeyPointsCovered,
    int LeadPoints,
    int LeadPointsCovered,
    int Wrong,
    int Items,
    int CitedItems,
    int RepeatedLines,
    int CardBytes,
    IReadOnlyList<string> Missed,
    IReadOnlyList<string> WrongLines);

/// <summary>The sums over meetings, and the ratios the floors are checked against.</summary>
public sealed record ScoreTotals(int Meetings, int KeyPoints, int KeyPointsCovered, int LeadPoints, int LeadPointsCovered, int Wrong, int Items, int CitedItems, int RepeatedLines, int MaxCardBytes)
{
    /// <summary>Covered key points over key points; 1 when there are none (nothing was missed).</summary>
    public double KeyPointRecall => KeyPoints == 0 ? 1 : (double)KeyPointsCovered / KeyPoints;

    public double LeadRecall => LeadPoints == 0 ? 1 : (double)LeadPointsCovered / LeadPoints;

    public double Cited => Items == 0 ? 1 : (double)CitedItems / Items;

    public static ScoreTotals Of(IEnumerable<MeetingScore> scores)
    {
        var list = scores.ToList();
        return new ScoreTotals(
            list.Count,
            list.Sum(s => s.KeyPoints),
            list.Sum(s => s.KeyPointsCovered),
            list.Sum(s => s.LeadPoints),
            list.Sum(s => s.LeadPointsCovered),
            list.Sum(s => s.Wrong),
            list.Sum(s => s.Items),
            list.Sum(s => s.CitedItems),
            list.Sum(s => s.RepeatedLines),
            list.Count == 0 ? 0 : list.Max(s => s.CardBytes));
    }
}

/// <summary>
/// Scores one briefing against its <see cref="MeetingExpectation"/>. Pure: the briefing, the Teams card's JSON and the
/// pack's record ids in, a <see cref="MeetingScore"/> out, so the rules are pinned by unit tests.
/// </summary>
public static partial class ScenarioScorer
{
    /// <param name="briefing">The briefing, or null when the meeting was not briefed.</param>
    /// <param name="notBriefedReason">Why it was not briefed (when <paramref name="briefing"/> is null).</param>
    /// <param name="teamsCardJson">The Teams card as sent, when briefed.</param>
    /// <param name="knownSourceIds">Every source id that names a record of the pack (<c>opportunity:opp-1</c>, <c>email:…</c>).</param>
    public static MeetingScore Score(
        string pack, MeetingExpectation expected, Briefing? briefing, string? notBriefedReason, string? teamsCardJson, IReadOnlySet<string> knownSourceIds, string? subject = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(knownSourceIds);
        var missed = new List<string>();
        var wrong = new List<string>();
        var keyPoints = expected.Briefed ? expected.KeyPoints.Count : 0;
        var leadPoints = expected.Briefed ? expected.KeyPoints.Count(k => k.Lead) : 0;
        subject = briefing?.Meeting.Subject ?? subject ?? expected.Event;

        if (briefing is null)
        {
            if (expected.Briefed)
            {
                wrong.Add($"not briefed, but must be: {notBriefedReason ?? "no reason given"}");
                missed.AddRange(expected.KeyPoints.Select(k => $"{k.Id}: {k.Why ?? "(no why)"} (meeting not briefed)"));
            }
            else if (expected.ReasonMatch is { } reason && !reason.IsMatch(notBriefedReason ?? string.Empty))
            {
                wrong.Add($"not briefed as expected, but the reason \"{notBriefedReason}\" does not match /{reason}/");
            }

            return new MeetingScore(pack, expected.User, expected.Event, subject, false, keyPoints, 0, leadPoints, 0, wrong.Count, 0, 0, 0, 0, missed, wrong);
        }

        if (!expected.Briefed)
        {
            wrong.Add("briefed, but must not be");
        }

        var items = briefing.Sections.SelectMany(s => s.Items.Select(i => (Section: s, Item: i))).ToList();
        var summary = briefing.Section(SectionKind.Summary)?.Items ?? [];
        var covered = 0;
        var leadCovered = 0;
        if (expected.Briefed)
        {
            foreach (var point in expected.KeyPoints)
            {
                var anywhere = items.Any(x => Covers(point, x.Item));
                var inSummary = summary.Any(i => Covers(point, i));
                covered += anywhere ? 1 : 0;
                if (point.Lead)
                {
                    leadCovered += inSummary ? 1 : 0;
                }

                if (!anywhere)
                {
                    missed.Add($"{point.Id}: {point.Why ?? "(no why)"} [needs {Describe(point)}]");
                }
                else if (point.Lead && !inSummary)
                {
                    missed.Add($"{point.Id} (lead): covered, but not in the summary [needs {Describe(point)}]");
                }
            }
        }

        CheckAttendees(expected.Attendees, briefing, wrong);

        var cardLines = teamsCardJson is null ? [] : CardLines(teamsCardJson);
        var texts = items.Select(x => x.Item.Text)
            .Concat(briefing.Sections.Select(s => s.Title))
            .Concat(HeaderLines(briefing))
            .Concat(cardLines)
            .ToList();
        foreach (var forbidden in expected.MustNotSay)
        {
            var hit = texts.FirstOrDefault(t => SafeMatch(forbidden.Pattern, t));
            if (hit is not null)
            {
                wrong.Add($"must not say {forbidden.Id} ({forbidden.Why ?? forbidden.Pattern.ToString()}): \"{Shorten(hit)}\"");
            }
        }

        var cited = items.Count(x => x.Item.Citations.Any(c => knownSourceIds.Contains(c) && briefing.Sources.Any(s => s.Id == c)));
        var repeated = RepeatedLines(cardLines);
        var bytes = teamsCardJson is null ? 0 : Encoding.UTF8.GetByteCount(teamsCardJson);
        return new MeetingScore(pack, expected.User, expected.Event, subject, true, keyPoints, covered, leadPoints, leadCovered, wrong.Count, items.Count, cited, repeated, bytes, missed, wrong);
    }

    /// <summary>One item covers a key point when it cites one of the point's sources and its text holds every mention group.</summary>
    public static bool Covers(KeyPointExpectation point, BriefingItem item)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(item);
        return item.Citations.Any(c => point.Sources.Contains(c, StringComparer.Ordinal))
            && point.Mentions.All(group => group.Any(term => item.Text.Contains(term, StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Each expected attendee on the wrong side, missing, or present though absent is one wrong.</summary>
    private static void CheckAttendees(AttendeeExpectation? expected, Briefing briefing, List<string> wrong)
    {
        if (expected is null)
        {
            return;
        }

        var actual = briefing.Meeting.Attendees.ToDictionary(a => a.Email, a => a, StringComparer.OrdinalIgnoreCase);
        void Check(IEnumerable<string> emails, string side)
        {
            foreach (var email in emails)
            {
                if (!actual.TryGetValue(email, out var a))
                {
                    wrong.Add($"attendee {email} should be {side}, but the briefing does not list them");
                }
                else if (!string.Equals(a.Side, side, StringComparison.OrdinalIgnoreCase))
                {
                    wrong.Add($"attendee {email} should be {side}, but the briefing puts them {a.Side}");
                }
            }
        }

        Check(expected.External, BriefingAttendee.External);
        Check(expected.Internal, BriefingAttendee.Internal);
        foreach (var email in expected.Absent.Where(actual.ContainsKey))
        {
            wrong.Add($"attendee {email} is absent (declined or not invited), but the briefing lists them as {actual[email].Side}");
        }
    }

    private static IEnumerable<string> HeaderLines(Briefing briefing)
    {
        yield return briefing.Meeting.Subject;
        foreach (var note in briefing.Notes)
        {
            yield return note;
        }
    }

    /// <summary>Every line of text on a card: TextBlocks and RichTextBlock runs split at line breaks, facts as "title value".</summary>
    public static IReadOnlyList<string> CardLines(string cardJson)
    {
        var lines = new List<string>();
        using var document = JsonDocument.Parse(cardJson);
        Walk(document.RootElement, lines);
        return lines;
    }

    private static void Walk(JsonElement element, List<string> lines)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (type is "TextBlock" && element.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                {
                    lines.AddRange(text.GetString()!.Split('\n').Where(l => !string.IsNullOrWhiteSpace(l)));
                }
                else if (type is "RichTextBlock" && element.TryGetProperty("inlines", out var inlines) && inlines.ValueKind == JsonValueKind.Array)
                {
                    var joined = string.Concat(inlines.EnumerateArray().Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() : i.TryGetProperty("text", out var r) ? r.GetString() : null));
                    lines.AddRange(joined.Split('\n').Where(l => !string.IsNullOrWhiteSpace(l)));
                    return;
                }
                else if (type is "FactSet" && element.TryGetProperty("facts", out var facts) && facts.ValueKind == JsonValueKind.Array)
                {
                    lines.AddRange(facts.EnumerateArray().Select(f => $"{Str(f, "title")} {Str(f, "value")}".Trim()).Where(l => l.Length > 0));
                    return;
                }

                foreach (var property in element.EnumerateObject())
                {
                    // Actions' data and refresh payloads are not shown to the reader.
                    if (property.Name is not ("data" or "refresh" or "msteams" or "metadata"))
                    {
                        Walk(property.Value, lines);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var child in element.EnumerateArray())
                {
                    Walk(child, lines);
                }

                break;
        }
    }

    private static string Str(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;

    /// <summary>Lines whose normalised text (case, spaces, citation marks, markdown) appears more than once; each copy counts.</summary>
    public static int RepeatedLines(IEnumerable<string> lines) =>
        lines.Select(Normalise).Where(l => l.Length >= 3).GroupBy(l => l, StringComparer.Ordinal).Where(g => g.Count() > 1).Sum(g => g.Count());

    public static string Normalise(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var s = CitationMarks().Replace(line, " ");
        s = Markdown().Replace(s, string.Empty);
        return Spaces().Replace(s, " ").Trim().ToLower(CultureInfo.InvariantCulture);
    }

    private static bool SafeMatch(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Describe(KeyPointExpectation point) =>
        $"a citation of {string.Join(" or ", point.Sources)}" + (point.Mentions.Count == 0 ? string.Empty : " with " + string.Join(" and ", point.Mentions.Select(g => "(" + string.Join(" | ", g) + ")")));

    private static string Shorten(string text) => text.Length <= 140 ? text : text[..137] + "...";

    [GeneratedRegex(@"\[\d+(?:\s*[,–-]\s*\d+)*\]|[⁰¹²³⁴⁵⁶⁷⁸⁹]+")]
    private static partial Regex CitationMarks();

    [GeneratedRegex(@"\*\*|__|\\(?=[\\`*_{}\[\]()#+\-.!])")]
    private static partial Regex Markdown();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
