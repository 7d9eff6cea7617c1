using System.Text.RegularExpressions;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>What a sentence does in a conversation: a promise made, a question asked, or something left open.</summary>
public enum CueKind
{
    Promise,
    Question,
    Open,
}

public sealed record Cue(CueKind Kind, string Sentence);

/// <summary>
/// Extractive reading of untrusted text: splits it into sentences and picks the ones that carry a promise, a question
/// or an open item. Nothing in the text is ever followed as an instruction; sentences that address an AI or try to
/// steer one are dropped rather than quoted.
/// </summary>
public static partial class TextCues
{
    public static IReadOnlyList<Cue> Find(string text, int max)
    {
        var cues = new List<Cue>();
        foreach (var sentence in Sentences(text))
        {
            if (LooksLikeInjection(sentence))
            {
                continue;
            }

            CueKind? kind = sentence.EndsWith('?') ? CueKind.Question
                : PromiseRegex().IsMatch(sentence) ? CueKind.Promise
                : OpenRegex().IsMatch(sentence) ? CueKind.Open
                : null;
            if (kind is { } k)
            {
                cues.Add(new Cue(k, sentence));
                if (cues.Count >= max)
                {
                    break;
                }
            }
        }

        return cues;
    }

    /// <summary>The first informative sentence of a text (skipping greetings and injection attempts).</summary>
    public static string? Gist(string text) =>
        Sentences(text).FirstOrDefault(s => s.Length >= 12 && !GreetingRegex().IsMatch(s) && !LooksLikeInjection(s));

    /// <summary>Instructions aimed at an assistant ("ignore previous instructions", "you are now", "system prompt").</summary>
    public static bool LooksLikeInjection(string text) => InjectionRegex().IsMatch(text);

    public static IEnumerable<string> Sentences(string text)
    {
        foreach (var raw in SentenceSplitRegex().Split(text))
        {
            var sentence = SalutationRegex().Replace(WhitespaceRegex().Replace(raw, " ").Trim(), string.Empty);
            if (sentence.Length >= 3)
            {
                yield return sentence;
            }
        }
    }

    /// <summary>
    /// Sentence ends: not after a day number ("bis 1. Dezember", "am 3. November") nor a title or abbreviation ("Dr.", "Nr.").
    /// </summary>
    [GeneratedRegex(@"(?<=[.!?])(?<!\b\d{1,2}\.)(?<!\b(?:Dr|Mr|Mrs|Ms|Prof|Nr|No|ca|bzw|vs|Hr|Fr|St|Mme|Sr|Sra|approx|z\.B|u\.a|d\.h)\.)\s+|(?<=[。！？])\s*|\n+")]
    private static partial Regex SentenceSplitRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();

    /// <summary>"Hi Lena, could you…" is quoted from "could you…": the salutation says nothing.</summary>
    [GeneratedRegex(@"^(hi|hello|dear|hey|hallo|liebe[r]?|sehr geehrte[r]?|guten (tag|morgen)|bonjour|salut|madame|monsieur|cher|chère|hola|estimad[oa]s?|buenos días|buenas|beste|hoi|geachte|goedemiddag|goedemorgen|ciao|gentile|gentili|buongiorno|buonasera|egregi[oa])\b[^,.!?:]{0,40}[,:]\s*", RegexOptions.IgnoreCase)]
    private static partial Regex SalutationRegex();

    [GeneratedRegex(@"\b(we will|we'll|i will|i'll|we promise|promised|commit(ted)? to|will send|will share|will deliver|by (end of|next|monday|tuesday|wednesday|thursday|friday)|wir werden|nous allons|wij sturen|we sturen|zullen wij)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PromiseRegex();

    [GeneratedRegex(@"\b(still open|pending|waiting (on|for)|not yet|blocked|outstanding|follow[- ]up|unresolved|no answer|escalat)", RegexOptions.IgnoreCase)]
    private static partial Regex OpenRegex();

    [GeneratedRegex(@"^(hi|hello|dear|hallo|sehr geehrte|guten (tag|morgen)|bonjour|madame|monsieur|hola|estimad|buenos días|beste|hoi|geachte|goedemiddag|bedankt|thanks|thank you|best|regards|cheers|vielen dank|danke|merci|gracias|grazie|cordiali saluti|buongiorno|gentile|ciao|いつもお世話|お世話になって)", RegexOptions.IgnoreCase)]
    private static partial Regex GreetingRegex();

    [GeneratedRegex(@"(ignore (all |any )?(previous|prior|above|earlier) (instructions|prompts?)|disregard (the|all|previous)|you are now|system prompt|as an ai|assistant:|\bAI (model|assistant)\b|new instructions|override (your|the) (rules|instructions)|reveal (your|the) (prompt|instructions)|\b(tell|inform|remind) the (reader|user|recipient)\b|\bsummari[sz]e (this|the) (account|deal|customer|thread|mail|email|opportunity)\b|\b(describe|report|present|mark|classify|label) (this|the) (account|deal|customer|opportunity) as\b)", RegexOptions.IgnoreCase)]
    private static partial Regex InjectionRegex();
}
