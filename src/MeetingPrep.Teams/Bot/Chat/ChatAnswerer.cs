using System.Text;
using System.Text.Json.Nodes;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Sources;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Teams.Bot.Chat;

/// <param name="MeetingId">
/// The meeting the question is asked beside (the Outlook pane's follow-up box): questions are answered about it unless
/// they name another of the user's meetings. Null in chat.
/// </param>
public sealed record ChatRequest(UserRef User, string Text, DateTimeOffset Now, string? MeetingId = null);

/// <summary>An answer: markdown text with numbered citations, and optionally a card that shows it better.</summary>
public sealed record ChatAnswer(ChatIntentKind Intent, string Text, JsonObject? Card);

/// <summary>
/// Answers a chat question for one user from their own meetings and those meetings' briefings only. The extractive
/// answerer below needs no LLM; a grounded LLM answerer can implement this same seam later.
/// </summary>
public interface IChatAnswerer
{
    Task<ChatAnswer> AnswerAsync(ChatRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Classifies the question, finds the meeting it is about among the user's own briefed meetings (people, companies,
/// subjects and times matched fuzzily), and answers with lines from that meeting's briefing, each with its citation.
/// Every meeting comes from <see cref="BriefingService"/>, which only returns meetings the user attends.
/// </summary>
public sealed class ExtractiveChatAnswerer(BriefingService briefings) : IChatAnswerer
{
    /// <summary>How far ahead and back a question may reach.</summary>
    private static readonly TimeSpan Ahead = TimeSpan.FromDays(14);
    private static readonly TimeSpan Back = TimeSpan.FromDays(1);

    /// <summary>How many meetings' briefings a question without a named account ("what is overdue") reads at most.</summary>
    private const int MaxMeetingsPerAnswer = 10;

    public async Task<ChatAnswer> AnswerAsync(ChatRequest request, CancellationToken cancellationToken)
    {
        var intent = IntentClassifier.Classify(request.Text);
        var effective = await briefings.GetRecipeAsync(request.User, cancellationToken);
        var ui = TeamsText.For(effective.Culture, request.User);
        switch (intent.Kind)
        {
            case ChatIntentKind.Help:
                return new ChatAnswer(intent.Kind, ui["Chat.Help"], null);
            case ChatIntentKind.Unknown:
                return new ChatAnswer(intent.Kind, ui.Format("Chat.NotUnderstood", ui["Chat.Help"]), null);
            case ChatIntentKind.Settings:
                return new ChatAnswer(intent.Kind, ui["Chat.Settings"], BotCards.Settings(effective, request.User));
            case ChatIntentKind.NextMeeting:
                var next = await briefings.FindNextBriefedMeetingAsync(request.User, request.Now, cancellationToken);
                return next is null
                    ? new ChatAnswer(intent.Kind, ui["Chat.NoneIn7Days"], null)
                    : await BriefingAnswerAsync(intent.Kind, request.User, next, ui, cancellationToken);
            default:
                break;
        }

        var meetings = (await briefings.GetMeetingsAsync(request.User, request.Now - Back, request.Now + Ahead, cancellationToken))
            .Where(o => o.Eligibility.IsBriefed && !o.Meeting.IsCancelled)
            .Select(o => o.Meeting)
            .ToList();
        var zone = request.User.ResolveTimeZone();
        if (intent.Kind == ChatIntentKind.Commitments && intent.Terms.Count == 0 && intent.Time is null && intent.Day == DayMention.None && request.MeetingId is null)
        {
            // "what is overdue": no account named, so every upcoming briefed meeting of the user's, soonest first.
            var upcoming = meetings.Where(m => m.End >= request.Now).OrderBy(m => m.Start).Take(MaxMeetingsPerAnswer).ToList();
            return await CommitmentsAnswerAsync(intent, request.User, upcoming, ui, cancellationToken);
        }

        var match = MeetingMatcher.Best(meetings, intent, request.User.Upn, zone, request.Now)
            ?? (meetings.FirstOrDefault(m => m.Id == request.MeetingId) is { } beside ? new MeetingMatch(beside, null, 0) : null);
        if (match is null)
        {
            var what = intent.Terms.Count > 0 ? ui.Format("Chat.About", BotCards.Escape(string.Join(' ', intent.Terms))) : string.Empty;
            return new ChatAnswer(intent.Kind, ui.Format("Chat.NoMatch", what, Upcoming(meetings, request, zone, ui)), null);
        }

        return intent.Kind switch
        {
            ChatIntentKind.PrepFor => await BriefingAnswerAsync(intent.Kind, request.User, match.Meeting, ui, cancellationToken),
            ChatIntentKind.WhoIs => await SectionAnswerAsync(intent.Kind, request.User, match, [SectionKind.Attendees], personOnly: true, ui, cancellationToken),
            ChatIntentKind.OpenItems => await SectionAnswerAsync(intent.Kind, request.User, match, [SectionKind.OpenIssues, SectionKind.Opportunities, SectionKind.Risks], personOnly: false, ui, cancellationToken),
            ChatIntentKind.Commitments => await CommitmentsAnswerAsync(intent, request.User, [match.Meeting], ui, cancellationToken),
            ChatIntentKind.LastEmails => await SectionAnswerAsync(intent.Kind, request.User, match, [SectionKind.RecentConversations, SectionKind.SinceLastMeeting], personOnly: match.Person is not null, ui, cancellationToken),
            _ => new ChatAnswer(intent.Kind, ui["Chat.Help"], null),
        };
    }

    /// <param name="meeting">Read from the user's own calendar just before: briefed as read, not read again by id.</param>
    private async Task<ChatAnswer> BriefingAnswerAsync(ChatIntentKind kind, UserRef user, Meeting meeting, TeamsText ui, CancellationToken cancellationToken)
    {
        var result = await briefings.GetBriefingAsync(user, meeting, cancellationToken);
        if (result.Outcome != BriefingOutcome.Ready)
        {
            return new ChatAnswer(kind, ui.Why(result, "Chat.NoBriefing"), null);
        }

        var briefing = result.Briefing!;
        return new ChatAnswer(kind, BriefingText.Render(briefing, user), BotCards.Briefing(briefing, user));
    }

    private async Task<ChatAnswer> SectionAnswerAsync(
        ChatIntentKind kind, UserRef user, MeetingMatch match, SectionKind[] sections, bool personOnly, TeamsText ui, CancellationToken cancellationToken)
    {
        var result = await briefings.GetBriefingAsync(user, match.Meeting, cancellationToken);
        if (result.Outcome != BriefingOutcome.Ready)
        {
            return new ChatAnswer(kind, ui.Why(result, "Chat.NoBriefing"), null);
        }

        var briefing = result.Briefing!;
        var format = BriefingFormat.For(briefing.Recipe.Culture ?? user.Culture, user.ResolveTimeZone());
        var items = briefing.ItemsOf(sections).ToList();
        if (personOnly && match.Person is { } person)
        {
            // A thread line names its latest sender, not everyone in it: a line about the person's own mail is also one
            // citing a message their line under "Who is coming" cites ("last contact …, email …").
            var theirs = briefing.ItemsOf(SectionKind.Attendees).Where(i => Mentions(i.Text, person)).SelectMany(i => i.Citations).ToHashSet(StringComparer.Ordinal);
            items = items.Where(i => Mentions(i.Text, person) || (kind == ChatIntentKind.LastEmails && i.Citations.Any(theirs.Contains))).ToList();
        }

        // The answer's first line, plain (for the card's heading) and as markdown (for the text reply).
        var when = When(briefing.Meeting.Start, user, ui);
        var header = kind == ChatIntentKind.WhoIs && match.Person is { } who
            ? ui.Format("Chat.Attends", who.Name, who.Email, briefing.Meeting.Subject, when)
            : ui.Format("Chat.FromBriefing", briefing.Meeting.Subject, when);
        var text = new StringBuilder();
        text.Append(BotCards.Escape(header)).Append(":\n\n");
        if (items.Count == 0)
        {
            text.Append(kind switch
            {
                ChatIntentKind.OpenItems => ui["Chat.NothingOpen"],
                ChatIntentKind.LastEmails => ui["Chat.NoEmail"],
                _ => ui["Chat.NothingMore"],
            });
            return new ChatAnswer(kind, text.ToString(), null);
        }

        return Render(kind, header, text, items, briefing.Sources, format, briefing.Meeting.Id, ui);
    }

    /// <summary>
    /// Commitment lines (what we promised, what they asked or made a condition, and their state) from the briefings of
    /// these meetings, narrowed to what was asked about; a line several meetings share is given once, with its first meeting.
    /// </summary>
    private async Task<ChatAnswer> CommitmentsAnswerAsync(ChatIntent intent, UserRef user, List<Meeting> meetings, TeamsText ui, CancellationToken cancellationToken)
    {
        var format = BriefingFormat.For(user.Culture, user.ResolveTimeZone());
        var items = new List<BriefingItem>();
        var sources = new List<SourceRef>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        Briefing? only = null;
        string? reason = null;
        foreach (var meeting in meetings)
        {
            var result = await briefings.GetBriefingAsync(user, meeting, cancellationToken);
            if (result.Outcome != BriefingOutcome.Ready)
            {
                reason ??= ui.Why(result, "Chat.NoBriefing");
                continue;
            }

            var briefing = result.Briefing!;
            only ??= briefing;
            foreach (var item in briefing.ItemsOf(SectionKind.Commitments).Where(i => CommitmentLine.Wanted(i, intent.Focus)))
            {
                var key = item.Key.StartsWith("summary:", StringComparison.Ordinal) ? item.Key["summary:".Length..] : item.Key;
                if (!keys.Add(key))
                {
                    continue;
                }

                items.Add(item);
                foreach (var source in item.Citations.Select(id => briefing.Sources.FirstOrDefault(s => s.Id == id)).OfType<SourceRef>())
                {
                    if (!sources.Any(s => s.Id == source.Id))
                    {
                        sources.Add(source);
                    }
                }
            }
        }

        if (only is null)
        {
            return new ChatAnswer(ChatIntentKind.Commitments,
                meetings.Count == 0 ? ui["Chat.NoUpcoming"] : reason ?? ui["Chat.NoBriefing"], null);
        }

        var what = CommitmentLine.Describe(intent.Focus, ui);
        string header;
        if (meetings.Count == 1)
        {
            var when = format.Local(only.Meeting.Start).ToString("ddd d MMM", format.Culture) + " " + format.Time(only.Meeting.Start);
            header = ui.Format("Commitments.ForMeeting", what, only.Meeting.Subject, when);
        }
        else
        {
            header = ui.Format("Commitments.AcrossMeetings", what, meetings.Count);
        }

        var text = new StringBuilder();
        text.Append(BotCards.Escape(header)).Append(":\n\n");
        if (items.Count == 0)
        {
            text.Append(ui["Commitments.NoneFound"]);
            return new ChatAnswer(ChatIntentKind.Commitments, text.ToString(), null);
        }

        return Render(ChatIntentKind.Commitments, header, text, items, sources, format, meetings.Count == 1 ? only.Meeting.Id : null, ui);
    }

    /// <summary>The lines as a markdown reply with citations renumbered in order of first use, and as an answer card.</summary>
    private static ChatAnswer Render(
        ChatIntentKind kind, string header, StringBuilder text, IReadOnlyList<BriefingItem> items, IReadOnlyList<SourceRef> sources, BriefingFormat format, string? meetingId,
        TeamsText ui)
    {
        // Citations are renumbered for this answer, in order of first use.
        var cited = new List<SourceRef>();
        foreach (var item in items)
        {
            text.Append("- ").Append(BotCards.Escape(item.Text)).Append(' ');
            foreach (var id in item.Citations)
            {
                var source = sources.FirstOrDefault(s => s.Id == id);
                if (source is null)
                {
                    continue;
                }

                if (!cited.Contains(source))
                {
                    cited.Add(source);
                }

                text.Append('[').Append(cited.IndexOf(source) + 1).Append(']');
            }

            text.Append('\n');
        }

        text.Append('\n').Append(ui["Answer.Sources"]).Append(":\n");
        for (var i = 0; i < cited.Count; i++)
        {
            var source = cited[i];
            text.Append("\n[").Append(i + 1).Append("] ");
            text.Append(source.Url is { Scheme: "https" } url ? $"[{BotCards.Escape(source.Title)}]({url.AbsoluteUri})" : BotCards.Escape(source.Title));
            if (source.Timestamp is { } at)
            {
                text.Append(ui["List.Separator"]).Append(ui.Culture == format.Culture ? format.Day(at) : Cards.CardFormat.Day(format.Local(at), ui.Culture));
            }

            text.Append('\n');
        }

        return new ChatAnswer(kind, text.ToString(), BotCards.Answer(header, items, sources, meetingId, ui));
    }

    /// <summary>
    /// Whether a line names a person: a word of their name as a whole word ("Ken", not "token"), read the way names are
    /// tokenized ("Ken Sato (佐藤 健)" is "ken", "sato", "佐藤", "健"; brackets and punctuation do not stop a match), a name
    /// in a script without spaces anywhere in the line, or their address.
    /// </summary>
    internal static bool Mentions(string text, Person person)
    {
        if (text.Contains(person.Email, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var words = IntentClassifier.Tokenize(text).ToHashSet(StringComparer.Ordinal);
        var folded = string.Concat(IntentClassifier.Tokenize(text));
        return IntentClassifier.Tokenize(person.Name).Any(n => n.All(char.IsAscii) ? n.Length > 1 && words.Contains(n) : folded.Contains(n, StringComparison.Ordinal));
    }

    private static string Upcoming(List<Meeting> meetings, ChatRequest request, TimeZoneInfo zone, TeamsText ui)
    {
        var next = meetings.Where(m => m.Start >= request.Now).Take(3).ToList();
        if (next.Count == 0)
        {
            return ui["Chat.NoUpcoming"];
        }

        var local = new BriefingFormat(ui.Culture, zone);
        return ui.Format("Chat.Next", string.Join(ui["Who.PartsSeparator"], next.Select(m => $"{BotCards.Escape(m.Subject)} ({local.Local(m.Start).ToString("ddd", ui.Culture)} {local.Time(m.Start)})")));
    }

    /// <summary>A meeting's start as the reply's header gives it, in the language of the reply ("Fri 27 Nov 15:00").</summary>
    private static string When(DateTimeOffset start, UserRef user, TeamsText ui)
    {
        var local = new BriefingFormat(ui.Culture, user.ResolveTimeZone());
        var day = ui.IsEnglish ? local.Local(start).ToString("ddd d MMM", ui.Culture) : Cards.CardFormat.Day(local.Local(start), ui.Culture);
        return day + " " + local.Time(start);
    }
}

/// <summary>A meeting the question is about, and the person in it the question named (if any).</summary>
public sealed record MeetingMatch(Meeting Meeting, Person? Person, double Score)
{
    /// <summary>How many of the question's words this meeting matched (a time or day alone counts as none).</summary>
    public int MatchedTerms { get; init; }
}

/// <summary>Scores the user's meetings against the question's terms, time and day.</summary>
public static class MeetingMatcher
{
    private const double NameThreshold = 0.8;

    public static MeetingMatch? Best(IReadOnlyList<Meeting> meetings, ChatIntent intent, string askingUpn, TimeZoneInfo zone, DateTimeOffset now)
    {
        // Words naming a company of anyone in the user's meetings: a person asked for "from" that company must work there.
        var companyTerms = intent.Terms
            .Where(t => meetings.SelectMany(m => m.People.Select(a => a.Person).Append(m.Organizer)).Any(p => CompanyKeys(p).Any(k => CompanySimilarity(t, k) >= NameThreshold)))
            .ToHashSet(StringComparer.Ordinal);
        MeetingMatch? best = null;
        foreach (var meeting in meetings)
        {
            var match = Score(meeting, intent, askingUpn, zone, now, companyTerms);
            if (match is null)
            {
                continue;
            }

            // The meeting matching more of the question's words wins; among those, an upcoming meeting beats a past one,
            // then the sooner one ("brief me on Northwind" is the next Northwind meeting, whether the name was found in
            // an address, a display name or the subject); the score only breaks what is left.
            var order = match.MatchedTerms.CompareTo(best?.MatchedTerms ?? -1);
            if (best is null || order > 0
                || (order == 0 && Rank(match.Meeting, now).CompareTo(Rank(best.Meeting, now)) is var rank && (rank < 0 || (rank == 0 && match.Score > best.Score))))
            {
                best = match;
            }
        }

        return best;
    }

    internal static MeetingMatch? Score(Meeting meeting, ChatIntent intent, string askingUpn, TimeZoneInfo zone, DateTimeOffset now, IReadOnlySet<string> companyTerms)
    {
        var local = TimeZoneInfo.ConvertTime(meeting.Start, zone);
        if (intent.Time is { } time && !time.Matches(TimeOnly.FromDateTime(local.DateTime)))
        {
            return null;
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var day = DateOnly.FromDateTime(local.DateTime);
        if ((intent.Day == DayMention.Today && day != today) || (intent.Day == DayMention.Tomorrow && day != today.AddDays(1)))
        {
            return null;
        }

        if (intent.Terms.Count == 0)
        {
            // Only a time or a day: any meeting then matches.
            return intent.Time is not null || intent.Day != DayMention.None ? new MeetingMatch(meeting, null, 1) : null;
        }

        var people = meeting.People.Select(a => a.Person).Append(meeting.Organizer)
            .Where(p => !p.Is(askingUpn))
            .DistinctBy(p => p.Email.ToLowerInvariant())
            .ToList();
        var subjectWords = IntentClassifier.Tokenize(meeting.Subject);
        double score = 0;
        Person? bestPerson = null;
        double bestPersonScore = 0;
        var matchedTerms = 0;
        foreach (var term in intent.Terms)
        {
            double termScore = 0;
            foreach (var person in people)
            {
                var nameWords = IntentClassifier.Tokenize(person.Name);
                var nameScore = nameWords.Select(w => Fuzzy.Similarity(term, w)).DefaultIfEmpty(0).Max();
                var companyScore = CompanyKeys(person).Select(k => CompanySimilarity(term, k)).DefaultIfEmpty(0).Max();
                if (nameScore >= NameThreshold)
                {
                    termScore = Math.Max(termScore, 2 * nameScore);
                    var personScore = nameScore + (bestPerson is not null && ReferenceEquals(bestPerson, person) ? bestPersonScore : 0);
                    if (personScore > bestPersonScore)
                    {
                        bestPerson = person;
                        bestPersonScore = personScore;
                    }
                }

                if (companyScore >= NameThreshold)
                {
                    termScore = Math.Max(termScore, 2 * companyScore);
                }
            }

            var subjectScore = subjectWords.Select(w => Fuzzy.Similarity(term, w)).DefaultIfEmpty(0).Max();
            if (subjectScore >= NameThreshold)
            {
                termScore = Math.Max(termScore, 1.5 * subjectScore);
            }

            if (termScore > 0)
            {
                matchedTerms++;
                score += termScore;
            }
        }

        if (matchedTerms == 0)
        {
            return null;
        }

        // A person named together with a company ("Priya from Fabrikam") must work there.
        if (bestPerson is not null)
        {
            var named = intent.Terms.Where(companyTerms.Contains).ToList();
            if (named.Count > 0 && !named.Any(t => CompanyKeys(bestPerson).Any(k => CompanySimilarity(t, k) >= NameThreshold)))
            {
                bestPerson = null;
            }
        }

        return new MeetingMatch(meeting, bestPerson, score + (intent.Time is not null ? 3 : 0)) { MatchedTerms = matchedTerms };
    }

    /// <summary>
    /// How well a word names a company key: a company is often named by the start of its domain ("northwind" for
    /// northwindtraders.com, "litware" for litwareinc.com), so a word of four letters or more that begins the key is a full match.
    /// </summary>
    internal static double CompanySimilarity(string term, string key) =>
        term.Length >= 4 && key.StartsWith(term, StringComparison.Ordinal) ? 1 : Fuzzy.Similarity(term, key);

    /// <summary>"priya@mail.fabrikam.com" → "fabrikam": the registrable name (and its hyphenated parts), as people name a company.</summary>
    internal static IEnumerable<string> CompanyKeys(Person person)
    {
        var labels = person.Domain.Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (labels.Length < 2)
        {
            yield break;
        }

        // "contoso-partners" is named "contoso partners" or just "contoso".
        yield return labels[^2];
        foreach (var part in labels[^2].Split('-', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 3 && p != labels[^2]))
        {
            yield return part;
        }
    }

    private static (int, TimeSpan) Rank(Meeting meeting, DateTimeOffset now) =>
        meeting.End >= now ? (0, meeting.Start - now) : (1, now - meeting.Start);
}
