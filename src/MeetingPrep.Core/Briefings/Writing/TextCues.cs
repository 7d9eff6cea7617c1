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

    [GeneratedRegex(@"(?<=[.!?])\s+|(?<=[。！？])\s*|\n+")]
    private static partial Regex SentenceSplitRegex();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRegex();

    /// <summary>"Hi Lena, could you…" is quoted from "could you…": the salutation says nothing.</summary>
    [GeneratedRegex(@"^(hi|hello|dear|hey|hallo|liebe[r]?|bonjour|salut)\b[^,.!?]{0,40},\s*", RegexOptions.IgnoreCase)]
    private static partial Regex SalutationRegex();

    [GeneratedRegex(@"\b(we will|we'll|i will|i'll|we promise|promised|commit(ted)? to|will send|will share|will deliver|by (end of|next|monday|tuesday|wednesday|thursday|friday)|wir werden|nous allons)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PromiseRegex();

    [GeneratedRegex(@"\b(still open|pending|waiting (on|for)|not yet|blocked|outstanding|follow[- ]up|unresolved|no answer|escalat)", RegexOptions.IgnoreCase)]
    private static partial Regex OpenRegex();

    [GeneratedRegex(@"^(hi|hello|dear|hallo|bonjour|thanks|thank you|best|regards|cheers)\b", RegexOptions.IgnoreCase)]
    private static partial Regex GreetingRegex();

    [GeneratedRegex(@"(ignore (all |any )?(previous|prior|above|earlier) (instructions|prompts?)|disregard (the|all|previous)|you are now|system prompt|as an ai|assistant:|\bAI (model|assistant)\b|new instructions|override (your|the) (rules|instructions)|reveal (your|the) (prompt|instructions))", RegexOptions.IgnoreCase)]
    private static partial Regex InjectionRegex();
}
