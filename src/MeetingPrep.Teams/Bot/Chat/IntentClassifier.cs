using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MeetingPrep.Teams.Bot.Chat;

public enum ChatIntentKind
{
    Unknown,
    Help,
    Settings,
    NextMeeting,
    PrepFor,
    WhoIs,
    OpenItems,
    LastEmails,
    Commitments,
}

/// <summary>Which commitments a question is about: what we promised, what they asked for (or made a condition), what is overdue.</summary>
[Flags]
public enum CommitmentFocus
{
    All = 0,
    Promises = 1,
    Asks = 2,
    Overdue = 4,
}

/// <summary>A wall-clock time the user named ("at 3", "3:30pm"); <see cref="IsAmbiguous"/> when am/pm was not said.</summary>
public sealed record TimeOfDayMention(int Hour, int Minute, bool IsAmbiguous)
{
    /// <summary>Whether a local time matches: "3" means 3:00 or 15:00, "3pm" only 15:00; within the same half hour.</summary>
    public bool Matches(TimeOnly local)
    {
        bool Near(int hour) => Math.Abs((local.Hour * 60 + local.Minute) - (hour * 60 + Minute)) < 30;
        return Near(Hour) || (IsAmbiguous && Hour < 12 && Near(Hour + 12));
    }
}

public enum DayMention
{
    None,
    Today,
    Tomorrow,
}

/// <summary>What the user asked: the intent, the words left over (names, companies, subjects), and any time or day.</summary>
public sealed record ChatIntent(ChatIntentKind Kind, double Score, IReadOnlyList<string> Terms, TimeOfDayMention? Time, DayMention Day)
{
    /// <summary>For <see cref="ChatIntentKind.Commitments"/>: which commitments were asked about (<see cref="CommitmentFocus.All"/> when none was named).</summary>
    public CommitmentFocus Focus { get; init; }
}

/// <summary>
/// Classifies a chat message without an LLM: each intent has weighted cue phrases, matched on normalized tokens with
/// typo tolerance; the highest total wins (ties go to the more specific intent, listed later). Words that are neither
/// cues nor filler become terms for the entity matcher. Order of registration never decides a match.
/// </summary>
public static partial class IntentClassifier
{
    private const double Threshold = 2.0;

    /// <summary>
    /// Commitment cues in English and German (German words as tokens: umlauts lose their dots, "überfällig" is
    /// "uberfallig"), each naming what it asks about. They weigh 3, so "open promises" is about commitments.
    /// </summary>
    private static readonly (string Phrase, CommitmentFocus Focus)[] CommitmentCues =
    [
        ("promise", CommitmentFocus.Promises),
        ("promised", CommitmentFocus.Promises),
        ("promises", CommitmentFocus.Promises),
        ("committed", CommitmentFocus.Promises),
        ("owe", CommitmentFocus.Promises),
        ("commitments", CommitmentFocus.All),
        ("commitment", CommitmentFocus.All),
        ("overdue", CommitmentFocus.Overdue),
        ("late", CommitmentFocus.Overdue),
        ("asked for", CommitmentFocus.Asks),
        ("ask for", CommitmentFocus.Asks),
        ("asked", CommitmentFocus.Asks),
        ("requested", CommitmentFocus.Asks),
        ("requests", CommitmentFocus.Asks),
        ("conditions", CommitmentFocus.Asks),
        ("condition", CommitmentFocus.Asks),
        ("versprochen", CommitmentFocus.Promises),
        ("versprechen", CommitmentFocus.Promises),
        ("zugesagt", CommitmentFocus.Promises),
        ("zusagen", CommitmentFocus.Promises),
        ("uberfallig", CommitmentFocus.Overdue),
        ("verspatet", CommitmentFocus.Overdue),
        ("gefragt", CommitmentFocus.Asks),
        ("gebeten", CommitmentFocus.Asks),
        ("angefragt", CommitmentFocus.Asks),
        ("gefordert", CommitmentFocus.Asks),
        ("bedingung", CommitmentFocus.Asks),
        ("bedingungen", CommitmentFocus.Asks),
    ];

    private static readonly (ChatIntentKind Kind, string Phrase, double Weight)[] Cues =
    [
        (ChatIntentKind.Help, "help", 3),
        (ChatIntentKind.Help, "what can you do", 3),
        (ChatIntentKind.Help, "how does this work", 3),
        (ChatIntentKind.Help, "commands", 2),
        (ChatIntentKind.Settings, "settings", 3),
        (ChatIntentKind.Settings, "setting", 3),
        (ChatIntentKind.Settings, "preferences", 3),
        (ChatIntentKind.Settings, "configure", 2),
        (ChatIntentKind.Settings, "options", 2),
        (ChatIntentKind.NextMeeting, "next meeting", 3),
        (ChatIntentKind.NextMeeting, "next call", 3),
        (ChatIntentKind.NextMeeting, "upcoming meeting", 3),
        (ChatIntentKind.NextMeeting, "brief me", 1.5),
        (ChatIntentKind.NextMeeting, "next", 0.5),
        (ChatIntentKind.PrepFor, "prep", 3),
        (ChatIntentKind.PrepFor, "prepare", 3),
        (ChatIntentKind.PrepFor, "briefing for", 2.5),
        (ChatIntentKind.PrepFor, "brief me on", 2),
        (ChatIntentKind.PrepFor, "brief me for", 2),
        (ChatIntentKind.WhoIs, "who is", 3),
        (ChatIntentKind.WhoIs, "whos", 3),
        (ChatIntentKind.WhoIs, "who are", 3),
        (ChatIntentKind.WhoIs, "tell me about", 2),
        (ChatIntentKind.OpenItems, "open", 2),
        (ChatIntentKind.OpenItems, "what is open", 3),
        (ChatIntentKind.OpenItems, "whats open", 3),
        (ChatIntentKind.OpenItems, "open issues", 3),
        (ChatIntentKind.OpenItems, "issues", 2),
        (ChatIntentKind.OpenItems, "cases", 2),
        (ChatIntentKind.OpenItems, "outstanding", 2),
        (ChatIntentKind.OpenItems, "deals", 2),
        (ChatIntentKind.OpenItems, "opportunities", 2),
        (ChatIntentKind.OpenItems, "pipeline", 2),
        (ChatIntentKind.LastEmails, "emails", 3),
        (ChatIntentKind.LastEmails, "email", 3),
        (ChatIntentKind.LastEmails, "mails", 3),
        (ChatIntentKind.LastEmails, "mail", 3),
        (ChatIntentKind.LastEmails, "messages", 2),
        (ChatIntentKind.LastEmails, "last emails", 3),
        (ChatIntentKind.LastEmails, "conversations", 2),
        (ChatIntentKind.LastEmails, "nachrichten", 2),
        .. CommitmentCues.Select(c => (ChatIntentKind.Commitments, c.Phrase, 3.0)),
    ];

    private static readonly HashSet<string> Filler = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "my", "me", "i", "is", "are", "on", "for", "with", "from", "at", "about", "what", "who", "whats",
        "last", "latest", "recent", "of", "in", "to", "and", "any", "please", "can", "you", "do", "we", "our", "there",
        "have", "has", "was", "be", "get", "give", "show", "tell", "us", "today", "tomorrow", "meeting", "call", "am", "pm",
        "thanks", "hi", "hello", "hey", "by", "between", "this", "that", "some", "all",
        "did", "does", "they", "them", "their", "were", "still", "yet", "anything", "else", "which", "how",
        // German filler, as tokens ("für" is "fur").
        "was", "wer", "welche", "haben", "hat", "habe", "wir", "ich", "ist", "sind", "mit", "fur", "uber", "der", "die",
        "das", "den", "dem", "ein", "eine", "einen", "von", "zu", "bei", "noch", "uns", "sie", "ihr", "ihnen", "mir", "mein",
        "meine", "meinem", "bitte", "alle", "und", "oder", "heute", "morgen", "letzte", "letzten", "zeig", "zeige",
    };

    public static ChatIntent Classify(string text)
    {
        var tokens = Tokenize(text);
        var scores = new Dictionary<ChatIntentKind, double>();
        var used = new bool[tokens.Count];
        var focus = CommitmentFocus.All;
        foreach (var (kind, phrase, weight) in Cues)
        {
            var cue = phrase.Split(' ');
            for (var start = 0; start + cue.Length <= tokens.Count; start++)
            {
                if (!cue.Select((word, i) => Similar(tokens[start + i], word)).All(match => match))
                {
                    continue;
                }

                scores[kind] = scores.GetValueOrDefault(kind) + weight;
                if (kind == ChatIntentKind.Commitments)
                {
                    focus |= CommitmentCues.First(c => c.Phrase == phrase).Focus;
                }
                for (var i = 0; i < cue.Length; i++)
                {
                    used[start + i] = true;
                }

                break;
            }
        }

        var time = ParseTime(text);
        var day = tokens.Contains("tomorrow") || tokens.Contains("morgen") ? DayMention.Tomorrow
            : tokens.Contains("today") || tokens.Contains("heute") ? DayMention.Today : DayMention.None;
        var terms = tokens.Where((t, i) => !used[i] && !Filler.Contains(t) && !IsNumberish(t)).Distinct().ToList();

        var best = scores
            .OrderByDescending(kv => kv.Value)
            .ThenByDescending(kv => (int)kv.Key)
            .Select(kv => (Kind: kv.Key, Score: kv.Value))
            .FirstOrDefault();
        if (best.Score < Threshold)
        {
            return new ChatIntent(ChatIntentKind.Unknown, best.Score, terms, time, day);
        }

        // "brief me on Contoso": the specific prep intent needs a target; without terms or a time it is the next meeting.
        if (best.Kind == ChatIntentKind.PrepFor && terms.Count == 0 && time is null && scores.TryGetValue(ChatIntentKind.NextMeeting, out var nextScore))
        {
            best = (ChatIntentKind.NextMeeting, nextScore);
        }

        return new ChatIntent(best.Kind, best.Score, terms, time, day) { Focus = best.Kind == ChatIntentKind.Commitments ? focus : CommitmentFocus.All };
    }

    /// <summary>Lower-case words with mentions, markup and punctuation removed; "who's" becomes "whos".</summary>
    public static List<string> Tokenize(string text)
    {
        var clean = TagPattern().Replace(RemoveMentions(text), " ");
        var builder = new StringBuilder(clean.Length);
        foreach (var ch in clean.Normalize(NormalizationForm.FormD))
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category == UnicodeCategory.NonSpacingMark || ch is '\'' or '’')
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(ch) || ch == ':' ? char.ToLowerInvariant(ch) : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    /// <summary>Equal, or one edit apart for words of five letters or more ("emials", "setings").</summary>
    public static bool Similar(string token, string word) =>
        string.Equals(token, word, StringComparison.Ordinal) || (word.Length >= 5 && token.Length >= 4 && Fuzzy.Distance(token, word) <= 1);

    private static TimeOfDayMention? ParseTime(string text)
    {
        var match = TimePattern().Match(text.ToLowerInvariant());
        if (!match.Success)
        {
            return null;
        }

        var hour = int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        var meridiem = match.Groups["ap"].Success ? match.Groups["ap"].Value : null;
        if (hour > 23 || minute > 59 || (meridiem is not null && (hour is 0 or > 12)))
        {
            return null;
        }

        if (meridiem == "pm" && hour < 12)
        {
            hour += 12;
        }
        else if (meridiem == "am" && hour == 12)
        {
            hour = 0;
        }

        return new TimeOfDayMention(hour, minute, IsAmbiguous: meridiem is null && hour < 12);
    }

    private static bool IsNumberish(string token) => token.All(c => char.IsDigit(c) || c == ':');

    /// <summary>
    /// Removes every <c>&lt;at&gt;…&lt;/at&gt;</c> mention in one pass. A lazy regex rescans to the end of the text from every
    /// unclosed <c>&lt;at&gt;</c>, which is quadratic: a flood of them hit the regex timeout and failed the turn.
    /// </summary>
    internal static string RemoveMentions(string text)
    {
        const string open = "<at>";
        const string close = "</at>";
        var start = text.IndexOf(open, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var copied = 0;
        while (start >= 0)
        {
            var end = text.IndexOf(close, start + open.Length, StringComparison.OrdinalIgnoreCase);
            if (end < 0)
            {
                // No closing tag after this one means none after any later opening either.
                break;
            }

            builder.Append(text, copied, start - copied).Append(' ');
            copied = end + close.Length;
            start = text.IndexOf(open, copied, StringComparison.OrdinalIgnoreCase);
        }

        return builder.Append(text, copied, text.Length - copied).ToString();
    }

    [GeneratedRegex(@"<[^>]{1,200}>", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    /// <summary>"at 3", "at 3pm", "3:30 pm", "15:00"; a bare number needs "at" so "top 3 issues" is not a time.</summary>
    [GeneratedRegex(@"(?:\bat\s+(?<h>\d{1,2})(?::(?<m>\d{2}))?\s*(?<ap>am|pm)?\b)|(?:\b(?<h>\d{1,2})(?::(?<m>\d{2}))?\s*(?<ap>am|pm)\b)|(?:\b(?<h>\d{1,2}):(?<m>\d{2})\b)", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();
}

/// <summary>Edit distance and a 0–1 similarity for names typed from memory.</summary>
public static class Fuzzy
{
    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps ("emials") cost one.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>1 for equal strings, falling with each edit relative to the longer one.</summary>
    public static double Similarity(string a, string b)
    {
        if (a.Length == 0 && b.Length == 0)
        {
            return 1;
        }

        return 1.0 - (double)Distance(a, b) / Math.Max(a.Length, b.Length);
    }
}
