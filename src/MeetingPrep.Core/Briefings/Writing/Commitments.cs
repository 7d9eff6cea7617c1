using System.Text.RegularExpressions;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Sources;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>Where a commitment stands, decided from later mail and notes.</summary>
public enum CommitmentState
{
    Open,
    Overdue,
    Delivered,
    Answered,
}

/// <summary>
/// Something we promised, or something they asked for or made a condition, with who, when, the due date (stated or
/// implied) and its state. <see cref="Source"/> is the message or note it was read from; <see cref="Evidence"/> the later
/// one that decided its state, when there is one.
/// </summary>
internal sealed record Commitment(
    CommitmentKind Kind,
    CommitmentState State,
    string Sentence,
    string Who,
    bool Ours,
    DateTimeOffset Made,
    DateOnly? Due,
    string? DuePhrase,
    bool DueAtThisMeeting,
    SourceRef Source,
    SourceRef? Evidence,
    DateTimeOffset? EvidenceAt,
    string? EvidenceBy,
    bool EvidenceSaysMissing,
    string? AccountId,
    IReadOnlySet<string> Topic)
{
    /// <summary>
    /// One of several things promised in one sentence ("the revised quote and the SOC 2 report by Friday"): each is judged
    /// on its own, by the words that name it (<see cref="Topic"/>), so a later mail delivering one leaves the other open.
    /// </summary>
    public bool IsPartOfPromise { get; init; }

    public bool IsOpen => State is CommitmentState.Open or CommitmentState.Overdue;

    /// <summary>Ranks high: a promise of ours that is overdue, or a condition of theirs not met.</summary>
    public bool IsPressing => State == CommitmentState.Overdue || (Kind == CommitmentKind.Condition && IsOpen);
}

/// <summary>
/// Finds commitments in a meeting's mail and CRM notes and decides their state: a promise is delivered when a later
/// message or note of ours says so (and no later message of theirs says it is still missing), an ask is answered when we
/// wrote in its thread afterwards, a condition is met when later text says it was done; otherwise it is open, or overdue
/// once its due date has passed.
/// </summary>
internal static partial class CommitmentFinder
{
    private const int MaxPerMessage = 3;

    /// <summary>How long before a note was written the conversation it records may have happened.</summary>
    private const int NoteLagDays = 2;

    public static IReadOnlyList<Commitment> Find(ContextFacts facts)
    {
        var found = new List<Commitment>();
        foreach (var email in facts.Context.Emails.DistinctBy(e => e.Id).OrderBy(e => e.Sent))
        {
            var ours = facts.IsOurs(email.From.Email);
            var count = 0;
            var previous = string.Empty;
            foreach (var said in TextCues.Sentences(email.Text))
            {
                var before = previous;
                previous = said;
                if (count >= MaxPerMessage || said.Length < 12 || TextCues.LooksLikeInjection(said))
                {
                    continue;
                }

                if (CommitmentCues.ClassifyMail(said, ours) is not { } kind)
                {
                    continue;
                }

                // "Please confirm whether you can meet this": what is asked is the sentence before.
                var sentence = kind != CommitmentKind.Promise && before.Length > 0 && !TextCues.LooksLikeInjection(before) && CommitmentCues.PointsBack(said)
                    ? before + " " + said
                    : said;

                var account = email.Recipients.Append(email.From).Where(p => !facts.IsOurs(p.Email)).Select(p => facts.AccountFor(p.Email)?.Id).FirstOrDefault(a => a is not null);
                var parts = kind == CommitmentKind.Promise ? Deliverables(sentence) : [];
                if (parts.Count == 0)
                {
                    found.Add(Decide(facts, Draft(facts, kind, sentence, sentence, email.From.Name, ours, email.Sent, SourceRefs.For(email), account), email));
                }

                foreach (var (part, topic) in parts)
                {
                    var draft = Draft(facts, kind, part, sentence, email.From.Name, ours, email.Sent, SourceRefs.For(email), account) with { Topic = topic, IsPartOfPromise = true };
                    found.Add(Decide(facts, draft, email));
                }

                count++;
            }
        }

        foreach (var note in facts.Context.Crm.Notes.OrderBy(n => n.Created))
        {
            foreach (var sentence in TextCues.Sentences(note.Text))
            {
                if (TextCues.LooksLikeInjection(sentence))
                {
                    continue;
                }

                // A heading ("Compromisos Northwind:", "Afspraken:", "Promised:") is never a person, and it heads every
                // clause of the list after it: "Promised: the usage report; multi-warehouse support by 30 Nov" is two promises.
                var heading = NoteHeadingRegex().Match(sentence);
                var list = heading.Success ? sentence[heading.Length..] : sentence;
                var clauses = list.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                foreach (var clause in clauses)
                {
                    var labelled = heading.Success ? heading.Value + clause : clause;
                    if (clause.Length < 8 || CommitmentCues.ClassifyNote(labelled) is not { } kind)
                    {
                        continue;
                    }

                    var ours = kind == CommitmentKind.Promise;
                    // Under a heading our note lists what we promised ("Zugesagt: Ursachenanalyse …" is not a person's name).
                    var who = ours ? (heading.Success ? "We" : PromiserIn(clause))
                        : AskerIn(clause, facts, knownOnly: heading.Success) ?? facts.Accounts.FirstOrDefault(a => a.Id == note.AccountId)?.Name ?? "They";
                    // A list's clauses each have their own due date; a plain sentence's date holds for all its clauses.
                    var draft = Draft(facts, kind, clause, heading.Success && clauses.Length > 1 ? clause : sentence, who, ours, note.Created, SourceRefs.For(note), note.AccountId);
                    found.Add(Decide(facts, draft, null, notYet: CommitmentCues.SaysNotYet(clause)));
                }
            }
        }

        return Deduplicate(found);
    }

    private static Commitment Draft(
        ContextFacts facts, CommitmentKind kind, string clause, string sentence, string who, bool ours, DateTimeOffset made, SourceRef source, string? account)
    {
        var written = facts.LocalDate(made);

        // The clause's own due date, else one its sentence states for the whole ("… by end of next month; Lena promised a draft").
        var due = CommitmentCues.DueDate(clause, written, out var phrase) ?? CommitmentCues.DueDate(sentence, written, out phrase);
        var atMeeting = false;
        if (due is null && (CommitmentCues.MeetingDue(clause) ?? CommitmentCues.MeetingDue(sentence)) is { } meetingPhrase)
        {
            // "before our QBR" while briefing the QBR: due by this meeting. Another meeting: the words say when.
            phrase = meetingPhrase;
            if (CommitmentCues.MeetingDueMatches(meetingPhrase, facts.Meeting.Subject) && facts.Meeting.Start > made)
            {
                due = facts.LocalDate(facts.Meeting.Start);
                atMeeting = true;
            }
        }

        // What it is about comes from the whole sentence: "Lena promised a first draft" is about the report named before it.
        return new Commitment(kind, CommitmentState.Open, clause, who, ours, made, due, phrase, atMeeting, source, null, null, null, false, account, Tokens(sentence));
    }

    private static Commitment Decide(ContextFacts facts, Commitment c, EmailMessage? from, bool notYet = false)
    {
        var tokens = c.Topic;
        var laterMail = facts.Context.Emails.Where(e => e.Sent > c.Made).OrderBy(e => e.Sent).ToList();
        var laterNotes = facts.Context.Crm.Notes.Where(n => n.Created > c.Made && (c.AccountId is null || n.AccountId == c.AccountId)).OrderBy(n => n.Created).ToList();
        // One of several things promised together is about its own words only: the thread delivering the other is not it.
        bool Related(EmailMessage e) => (from is not null && e.ConversationId == from.ConversationId && !c.IsPartOfPromise) || Shares(tokens, e.Subject + " " + e.Text);

        switch (c.Kind)
        {
            case CommitmentKind.Ask when from is not null:
            {
                // We wrote in the thread afterwards: answered (what we said is in the thread, cited).
                var reply = laterMail.FirstOrDefault(e => e.ConversationId == from.ConversationId && facts.IsOurs(e.From.Email));
                if (reply is not null)
                {
                    return c with { State = CommitmentState.Answered, Evidence = SourceRefs.For(reply), EvidenceAt = reply.Sent, EvidenceBy = reply.From.Name };
                }

                break;
            }

            case CommitmentKind.Ask:
            {
                // A note records a conversation after the fact: a reply of ours from shortly before it may be the answer.
                var reply = facts.Context.Emails.Where(e => e.Sent > c.Made.AddDays(-NoteLagDays)).OrderBy(e => e.Sent)
                    .FirstOrDefault(e => facts.IsOurs(e.From.Email) && Tokens(e.Subject + " " + e.Text).Intersect(tokens).Count() >= 2);
                if (reply is not null)
                {
                    return c with { State = CommitmentState.Answered, Evidence = SourceRefs.For(reply), EvidenceAt = reply.Sent, EvidenceBy = reply.From.Name };
                }

                break;
            }

            default:
            {
                // Delivered (or met) when later text of ours says so about the same thing, unless they say later it has not arrived.
                var delivered = laterMail
                    .Where(e => facts.IsOurs(e.From.Email)
                        && ((CommitmentCues.SaysDelivered(e.Text) && Related(e)) || (e.HasAttachments && Shares(tokens, (c.IsPartOfPromise ? string.Empty : e.Subject + " ") + e.Text))))
                    .Select(e => (Source: SourceRefs.For(e), At: e.Sent, By: e.From.Name))
                    .Concat(laterNotes.Where(n => CommitmentCues.SaysDelivered(n.Text) && Shares(tokens, n.Title + " " + n.Text))
                        .Select(n => (Source: SourceRefs.For(n), At: n.Created, By: n.Author ?? "a note")))
                    .OrderBy(x => x.At)
                    .LastOrDefault();
                // "Still missing" counts only when it names the same thing (a reminder in the thread may be about another promise).
                var missing = laterMail
                    .Where(e => !facts.IsOurs(e.From.Email) && SaysMissingAbout(tokens, e))
                    .OrderBy(e => e.Sent)
                    .LastOrDefault();
                if (delivered.Source is not null && (missing is null || missing.Sent < delivered.At) && !notYet)
                {
                    return c with { State = CommitmentState.Delivered, Evidence = delivered.Source, EvidenceAt = delivered.At, EvidenceBy = delivered.By };
                }

                if (missing is not null && c.Kind == CommitmentKind.Promise)
                {
                    c = c with { Evidence = SourceRefs.For(missing), EvidenceAt = missing.Sent, EvidenceBy = missing.From.Name, EvidenceSaysMissing = true };
                }

                break;
            }
        }

        var overdue = c.Due is { } due && due < facts.LocalDate(facts.Now);
        return c with { State = overdue ? CommitmentState.Overdue : CommitmentState.Open };
    }

    /// <summary>
    /// A later mail says this thing has not arrived: a sentence saying so names it, or the mail's subject does ("the hotfix
    /// helps; the report has still not arrived" leaves the hotfix delivered).
    /// </summary>
    private static bool SaysMissingAbout(IReadOnlySet<string> tokens, EmailMessage e)
    {
        var missing = TextCues.Sentences(e.Text).Where(CommitmentCues.SaysMissing).ToList();
        return missing.Count > 0 && Shares(tokens, e.Subject + " " + string.Join(' ', missing));
    }

    /// <summary>
    /// The things one promise names, when it names several joined by "and", "et", "und", "sowie", "y", "e" or "と" before a
    /// noun ("the revised quote and the SOC 2 report by Friday"): each part quoted with an ellipsis where it was cut, with
    /// the words that name it and no other part. None when the sentence is one thing, or a part has no words of its own
    /// ("we'll check and come back to you").
    /// </summary>
    internal static IReadOnlyList<(string Part, IReadOnlySet<string> Topic)> Deliverables(string sentence)
    {
        var cuts = DeliverableJoinRegex().Matches(sentence);
        if (cuts.Count == 0)
        {
            return [];
        }

        var pieces = new List<string>();
        var start = 0;
        foreach (Match cut in cuts)
        {
            pieces.Add(sentence[start..cut.Index].Trim());
            start = cut.Index + cut.Length;
        }

        pieces.Add(sentence[start..].Trim());
        var words = pieces.Select(p => Tokens(p).Where(t => !t.Any(char.IsDigit)).ToHashSet(StringComparer.Ordinal)).ToList();
        var own = words.Select((w, i) => (IReadOnlySet<string>)w.Where(t => !words.Where((_, j) => j != i).Any(o => o.Contains(t))).ToHashSet(StringComparer.Ordinal)).ToList();
        if (own.Any(o => o.Count == 0))
        {
            return [];
        }

        return pieces.Select((p, i) => ((i > 0 ? "… " : string.Empty) + p + (i < pieces.Count - 1 ? " …" : string.Empty), own[i])).ToList();
    }

    /// <summary>The same thing said twice (a note and a later mail, or a reminder): the latest word on it stands.</summary>
    private static List<Commitment> Deduplicate(List<Commitment> found)
    {
        var kept = new List<Commitment>();
        foreach (var c in found.OrderByDescending(c => c.Made))
        {
            var same = kept.Any(k => k.Kind == c.Kind && k.AccountId == c.AccountId
                && (string.Equals(k.Sentence, c.Sentence, StringComparison.OrdinalIgnoreCase) || k.Topic.Intersect(c.Topic).Count() >= 2));
            if (!same)
            {
                kept.Add(c);
            }
        }

        return kept;
    }

    /// <summary>Who promised, in a note: "Lena promised" → Lena; "we promised", "Promised:" → we.</summary>
    private static string PromiserIn(string clause)
    {
        var m = LeadingNameRegex().Match(clause);
        return m.Success && !IsCommonWord(m.Groups["name"].Value) ? m.Groups["name"].Value : "We";
    }

    /// <summary>Who asked, in a note: a leading name that is one of the people at the table or in the CRM.</summary>
    private static string? AskerIn(string clause, ContextFacts facts, bool knownOnly = false)
    {
        var m = LeadingNameRegex().Match(clause);
        if (!m.Success || IsCommonWord(m.Groups["name"].Value))
        {
            return null;
        }

        var first = m.Groups["name"].Value;
        var known = facts.ExternalPeople.Select(p => p.Name).Concat(facts.Context.Crm.Contacts.Select(c => c.Name))
            .FirstOrDefault(n => n.StartsWith(first + " ", StringComparison.Ordinal) || n == first);
        return known ?? (knownOnly ? null : first);
    }

    private static bool IsCommonWord(string word) =>
        word is "We" or "I" or "Open" or "Asked" or "Question" or "Promised" or "Still" or "The" or "Our" or "Their" or "They" or "Legal" or "Finance" or "Procurement";

    // ---- what the text is about ---------------------------------------------------------------------------------

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "about", "after", "again", "before", "being", "could", "first", "would", "should", "their", "there", "these", "those",
        "which", "while", "where", "other", "still", "please", "thanks", "think", "today", "tomorrow", "really", "since",
        "friday", "monday", "tuesday", "wednesday", "thursday", "saturday", "sunday", "month", "week", "weeks", "promised",
        "promise", "asked", "wants", "needs", "share", "send", "sent", "draft", "update", "answer", "question", "latest",
        "nicht", "haben", "werden", "wir", "unsere", "unser", "einen", "einer", "bitte", "schon", "noch", "danke",
        "nous", "vous", "avons", "merci", "votre", "notre", "cette", "avant", "encore", "depuis",
        "jullie", "hebben", "kunnen", "graag", "uiterlijk", "steeds", "zouden", "willen", "worden", "sturen", "maandag",
        "dinsdag", "woensdag", "donderdag", "vrijdag", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
    };

    /// <summary>Words that identify what a sentence is about: long words, numbers, and runs of Japanese script.</summary>
    internal static HashSet<string> Tokens(string text)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in WordRegex().Matches(text))
        {
            var word = m.Value.ToLowerInvariant();
            if ((word.Length >= 5 || word.Any(char.IsDigit)) && word.Length >= 3 && !StopWords.Contains(word))
            {
                tokens.Add(word);
            }
        }

        foreach (Match m in JapaneseRunRegex().Matches(text))
        {
            tokens.Add(m.Value);
        }

        return tokens;
    }

    private static bool Shares(IReadOnlySet<string> tokens, string text)
    {
        if (tokens.Count == 0)
        {
            return false;
        }

        var other = Tokens(text);
        return tokens.Any(other.Contains);
    }

    /// <summary>
    /// "and"/"et"/"und"/"sowie"/"y" followed by an article or possessive (a second thing), not after a comma (", and the
    /// addendum is drafted" joins clauses), or "と" between two nouns.
    /// </summary>
    [GeneratedRegex(
        @"(?<!,)\s(?:and|as well as|et|ainsi que|und|sowie|y|en|evenals|alsmede|e|nonché)\s+(?=(?:the|a|an|our|your|le|la|les|l'|l’|un|une|notre|votre|nos|vos|du|des|den|die|das|dem|einen|eine|ein|unseren|unsere|unser|ihre|ihren|el|los|las|una|nuestro|nuestra|nuestros|nuestras|het|een|onze|uw|il|lo|gli|i|uno|nostro|nostra|nostri|vostro|vostra)\b)|(?<=[\p{IsCJKUnifiedIdeographs}\p{IsKatakana}ー])と(?=[\p{IsCJKUnifiedIdeographs}\p{IsKatakana}])",
        RegexOptions.IgnoreCase)]
    private static partial Regex DeliverableJoinRegex();

    [GeneratedRegex(@"[\p{L}\p{Nd}][\p{L}\p{Nd}-]*")]
    private static partial Regex WordRegex();

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}\p{IsKatakana}ー]{2,}")]
    private static partial Regex JapaneseRunRegex();

    /// <summary>
    /// A note's heading in front of what it records, up to three words and a colon: "Promised:", "Compromisos Northwind:",
    /// "Afspraken:", "Question asked:". A heading, in any language, is not a person.
    /// </summary>
    [GeneratedRegex(@"^\s*\p{L}[\p{L}'’-]*(\s+\p{L}[\p{L}'’-]*){0,2}\s*:\s+")]
    private static partial Regex NoteHeadingRegex();

    [GeneratedRegex(@"^(?<name>[A-Z][\p{L}-]+)\s")]
    private static partial Regex LeadingNameRegex();
}
