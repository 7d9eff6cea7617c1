using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Sources;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>
/// The default writer: deterministic and extractive. Every line is assembled from records and sentences found in the
/// sources, cites them, and says whether it is a fact or an inference. It never follows text found in a source.
/// </summary>
public sealed class ExtractiveBriefingWriter(TimeProvider time) : IBriefingWriter
{
    public const string WriterName = "extractive (no LLM)";

    private const int QuoteChars = 140;

    public string Name => WriterName;

    public Task<Briefing> WriteAsync(MeetingContext context, BriefingRecipe recipe, IReadOnlySet<string> suppressedItemKeys, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(context, recipe, suppressedItemKeys));
    }

    public Briefing Write(MeetingContext context, BriefingRecipe recipe, IReadOnlySet<string> suppressedItemKeys)
    {
        var format = BriefingFormat.For(recipe.Culture ?? context.User.Culture, context.User.ResolveTimeZone());
        var facts = new ContextFacts(context);
        var notes = new List<string>();
        var candidates = Draft(facts, format, recipe);
        DescribeGaps(facts, recipe, notes);

        var kind = MeetingKinds.Detect(facts);
        var kept = candidates.Where(c => !suppressedItemKeys.Contains(c.Key)).Select(c => MeetingKinds.Weigh(kind, c)).ToList();
        var sections = Assemble(kept, recipe, facts, format, suppressedItemKeys, kind);
        var sources = NumberSources(sections, kept);
        return new Briefing(
            Describe(context.Meeting, context.User.TimeZone) with { Kind = kind },
            context.User.UserId,
            sections,
            sources,
            context.Unavailable,
            notes,
            recipe,
            Name,
            time.GetUtcNow());
    }

    /// <summary>
    /// Every candidate line, ranked (score, then money at stake, then text), without the ones the user flagged as wrong:
    /// what the extractive writer chooses from, and what an LLM writer is given to write from.
    /// </summary>
    public static IReadOnlyList<BriefingCandidate> Candidates(MeetingContext context, BriefingRecipe recipe, IReadOnlySet<string> suppressedItemKeys)
    {
        var facts = new ContextFacts(context);
        var format = BriefingFormat.For(recipe.Culture ?? context.User.Culture, context.User.ResolveTimeZone());
        return DraftItem.Rank(Draft(facts, format, recipe).Where(c => !suppressedItemKeys.Contains(c.Key)))
            .Select(c => new BriefingCandidate(c.Section, c.Key, UntrustedText.Defang(c.Text), c.Label, c.Sources, c.Score, c.Pinned, c.Lead) { Commitment = c.Commitment })
            .ToList();
    }

    private static List<DraftItem> Draft(ContextFacts facts, BriefingFormat format, BriefingRecipe recipe)
    {
        var candidates = new List<DraftItem>();
        candidates.AddRange(Attendees(facts, format));
        candidates.AddRange(Preparation(facts, format));
        var quotedInAgenda = new HashSet<string>(StringComparer.Ordinal);
        candidates.AddRange(Agenda(facts, format, quotedInAgenda));
        candidates.AddRange(Commitments(facts, format, recipe));
        candidates.AddRange(AccountSnapshot(facts, format, recipe));
        candidates.AddRange(OpenIssues(facts, format));
        candidates.AddRange(Opportunities(facts, format, recipe));
        candidates.AddRange(RecentConversations(facts, format, quotedInAgenda));
        candidates.AddRange(SinceLastMeeting(facts, format, recipe));
        candidates.AddRange(TalkingPoints(facts, format, recipe));
        candidates.AddRange(Risks(facts, format, recipe));
        return candidates;
    }

    public static BriefingMeeting Describe(Meeting meeting, string timeZone) => new(
        meeting.Id,
        meeting.Subject,
        meeting.Start,
        meeting.End,
        meeting.IsAllDay,
        timeZone,
        meeting.Location,
        meeting.JoinUrl,
        meeting.WebLink,
        meeting.SeriesId,
        meeting.ExternalAttendees.Count(),
        meeting.InternalAttendees.Count(),
        [.. meeting.People.Select(p => new BriefingAttendee(
            p.Person.Email,
            p.Person.Name,
            p.IsExternal ? BriefingAttendee.External : BriefingAttendee.Internal,
            p.Response == ResponseStatus.Organizer))]);

    private static IEnumerable<DraftItem> Attendees(ContextFacts facts, BriefingFormat format)
    {
        foreach (var person in facts.ExternalPeople)
        {
            var contact = facts.ContactFor(person.Email);
            var account = facts.AccountFor(person.Email);
            var lastEmail = facts.LastEmailWith(person.Email);
            var lastMeeting = facts.Context.PriorMeetings.FirstOrDefault(m => m.Attends(person.Email));
            var sources = new List<SourceRef>();
            var text = person.Name;
            if (contact?.JobTitle is { Length: > 0 } title)
            {
                text += ", " + title;
            }

            text += " (" + (account?.Name ?? person.Domain) + ")";
            if (contact is not null)
            {
                sources.Add(SourceRefs.For(contact));
                if (contact.Role is { Length: > 0 } role)
                {
                    text += ": " + role;
                }
            }
            else if (facts.CrmRead)
            {
                text += ": not in the CRM";
            }

            if (lastEmail is not null && (lastMeeting is null || lastEmail.Sent > lastMeeting.Start))
            {
                text += $"; last contact {format.Day(lastEmail.Sent)}, email \"{Quote(lastEmail.Subject, 60)}\"";
                sources.Add(SourceRefs.For(lastEmail));
            }
            else if (lastMeeting is not null)
            {
                text += $"; last met {format.Day(lastMeeting.Start)}";
                sources.Add(SourceRefs.For(lastMeeting));
            }
            else
            {
                text += "; first meeting with them";
            }

            if (sources.Count == 0)
            {
                sources.Add(SourceRefs.For(facts.Meeting));
            }

            var score = 0.3 + (contact is not null ? 0.2 : 0) + (contact?.Role is { Length: > 0 } ? 0.2 : 0)
                + 0.2 * Relevance.Recency(lastEmail?.Sent ?? lastMeeting?.Start, facts.Now)
                + (facts.Meeting.Organizer.Is(person.Email) ? 0.1 : 0);
            yield return new DraftItem(SectionKind.Attendees, "attendee:" + person.Email.ToLowerInvariant(), text, ItemLabel.Fact, sources, score);
        }

        // Colleagues coming (the organizer when they are one of us; never someone who declined); the reader is "you".
        var internals = facts.Meeting.InternalAttendees
            .Select(a => a.Person.Is(facts.Context.User.Upn) ? a.Person.Name + " (you)" : a.Person.Name)
            .ToList();
        var owners = facts.Accounts.Where(a => a.OwnerName is { Length: > 0 }).ToList();
        if (internals.Count > 0 || owners.Count > 0)
        {
            var text = internals.Count > 0 ? "From us: " + JoinNames(internals, 6) : "No colleagues invited";
            var sources = new List<SourceRef> { SourceRefs.For(facts.Meeting) };
            if (owners.Count > 0)
            {
                text += "; account owner " + string.Join(", ", owners.Select(o => $"{o.OwnerName} ({o.Name})"));
                sources.AddRange(owners.Select(SourceRefs.For));
            }

            yield return new DraftItem(SectionKind.Attendees, "attendee:internal", text, ItemLabel.Fact, sources, 0.65);
        }

        // Invited but not coming: worth knowing (a decision maker who declined), and never listed as coming.
        var declined = facts.Meeting.Declined.Select(a => a.Person).DistinctBy(p => p.Email.ToLowerInvariant()).ToList();
        if (declined.Count > 0)
        {
            var names = declined.Select(p => facts.Meeting.Attendees.Any(a => a.Person.Is(p.Email) && a.IsExternal)
                ? $"{p.Name} ({facts.AccountFor(p.Email)?.Name ?? p.Domain})"
                : p.Name).ToList();
            yield return new DraftItem(SectionKind.Attendees, "attendee:declined", "Declined, not coming: " + JoinNames(names, 4), ItemLabel.Fact,
                [SourceRefs.For(facts.Meeting)], 0.35);
        }
    }

    /// <summary>What the invitation itself says is on the agenda, point by point, citing the meeting.</summary>
    /// <summary>Internal prep for a client meeting says which meeting, when, and with whom (the context below is that client's).</summary>
    private static IEnumerable<DraftItem> Preparation(ContextFacts facts, BriefingFormat format)
    {
        if (facts.Context.ClientMeeting is not { } client)
        {
            yield break;
        }

        var people = client.ExternalAttendees.Select(p => p.Person.Name).ToList();
        var text = $"Prepares \"{Quote(client.Subject, 80)}\" on {format.Day(client.Start)}"
            + (people.Count > 0 ? " with " + JoinNames(people, 4) : string.Empty);
        yield return new DraftItem(SectionKind.Agenda, "prepares:" + client.Id, text, ItemLabel.Fact, [SourceRefs.For(client)], 0.7);
    }

    /// <summary>
    /// What the invitation says is on the agenda, point by point, each with what in the mail and notes bears on it: the most
    /// salient sentence sharing a word with the point (each sentence used once; <paramref name="quoted"/> collects them).
    /// </summary>
    private static IEnumerable<DraftItem> Agenda(ContextFacts facts, BriefingFormat format, HashSet<string> quoted)
    {
        var meeting = facts.Meeting;
        var points = AgendaReader.Points(meeting.Body ?? meeting.BodyPreview);

        // Best matches first across all points (most shared words, then salience, then recency), one sentence per point.
        var bearings = new Dictionary<int, QuotedFact>();
        var pairs = points.SelectMany((p, i) => facts.QuotedFacts.Select(f => (Point: i, Fact: f, Shared: f.Tokens.Count(CommitmentFinder.Tokens(p).Contains))))
            .Where(x => x.Shared > 0)
            .OrderByDescending(x => x.Shared).ThenByDescending(x => x.Fact.Salience).ThenByDescending(x => x.Fact.At);
        foreach (var (point, fact, _) in pairs)
        {
            if (!bearings.ContainsKey(point) && quoted.Add(Normalized(fact.Sentence)))
            {
                bearings[point] = fact;
            }
        }

        for (var i = 0; i < points.Count; i++)
        {
            var point = points[i];
            var sources = new List<SourceRef> { SourceRefs.For(meeting) };
            var text = point;
            if (bearings.GetValueOrDefault(i) is { } bearing)
            {
                text += $" — {bearing.Who}, {format.Day(bearing.At)}: \"{Quote(bearing.Sentence, QuoteChars)}\"";
                sources.Add(bearing.Source);
            }

            // A case named by its number on the agenda: say where it stands (a fact from the case, cited).
            var mentioned = facts.Context.Crm.Cases.FirstOrDefault(c => c.Number.Length >= 3 && MentionsNumber(point, c.Number));
            if (mentioned is not null)
            {
                text += mentioned.IsOpen
                    ? $" — case status: {mentioned.Status}{(mentioned.IsEscalated ? ", escalated" : string.Empty)}"
                    : " — case status: closed";
                sources.Add(SourceRefs.For(mentioned));
            }

            // Several points keep the invitation's order; a single one is what the meeting is about.
            yield return new DraftItem(SectionKind.Agenda, $"agenda:{i + 1}", text, ItemLabel.Fact, sources, 0.6 - (0.01 * i));
        }
    }

    private static bool MentionsNumber(string text, string number)
    {
        var at = text.IndexOf(number, StringComparison.Ordinal);
        while (at >= 0)
        {
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var end = at + number.Length;
            var after = end >= text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after)
            {
                return true;
            }

            at = text.IndexOf(number, at + 1, StringComparison.Ordinal);
        }

        return false;
    }

    /// <summary>
    /// What we promised and what they asked for or made a condition, each with who, when, due date and state, citing the
    /// message or note it came from (and the later one that decided its state). The state is always an inference.
    /// </summary>
    private static IEnumerable<DraftItem> Commitments(ContextFacts facts, BriefingFormat format, BriefingRecipe recipe)
    {
        var today = facts.LocalDate(facts.Now);
        var latestFromThem = facts.Context.Emails.Where(e => !facts.IsOurs(e.From.Email)).MaxBy(e => e.Sent) is { } latest ? SourceRefs.For(latest).Id : null;
        foreach (var c in facts.Commitments)
        {
            var verb = c.Kind switch
            {
                CommitmentKind.Promise => "promised",
                CommitmentKind.Ask => "asked",
                _ => "made it a condition",
            };
            var text = $"{c.Who} {verb} on {format.Day(c.Made)}";
            // The words the due date was read from are named only when the quote below does not already hold them.
            var phraseQuoted = c.DuePhrase is { Length: > 0 } p && c.Sentence.Contains(p, StringComparison.OrdinalIgnoreCase);
            if (c.Due is { } due)
            {
                text += c.DueAtThisMeeting
                    ? ", due by this meeting" + (phraseQuoted ? " (inferred)" : $" (inferred from \"{Quote(c.DuePhrase ?? string.Empty, 40)}\")")
                    : $", due {format.Day(due)}" + (c.DuePhrase is { Length: > 0 } phrase ? (phraseQuoted ? " (inferred)" : $" (inferred from \"{Quote(phrase, 40)}\")") : string.Empty);
            }
            else if (c.DuePhrase is { Length: > 0 } when)
            {
                text += $", due \"{Quote(when, 40)}\"";
            }

            // The state (always an inference) comes before the quote, so a long quote is what gets shortened.
            text += " — " + c.State switch
            {
                CommitmentState.Delivered => c.Kind == CommitmentKind.Condition
                    ? $"met: {c.EvidenceBy} wrote on {format.Day(c.EvidenceAt!.Value)} that it was done (inferred)"
                    : $"delivered: {c.EvidenceBy} sent it on {format.Day(c.EvidenceAt!.Value)} (inferred)",
                CommitmentState.Answered => $"answered by {c.EvidenceBy} on {format.Day(c.EvidenceAt!.Value)} (inferred from the reply)",
                CommitmentState.Overdue when c.EvidenceSaysMissing => $"overdue: {c.EvidenceBy} wrote on {format.Day(c.EvidenceAt!.Value)} that it has not arrived",
                CommitmentState.Overdue => c.Kind switch
                {
                    CommitmentKind.Promise => "overdue: no later mail or note shows it delivered (inferred)",
                    CommitmentKind.Ask => "overdue: no answer found (inferred)",
                    _ => "overdue: not found as met (inferred)",
                },
                _ when c.EvidenceSaysMissing => $"open: {c.EvidenceBy} wrote on {format.Day(c.EvidenceAt!.Value)} that it has not arrived",
                _ => c.Kind switch
                {
                    CommitmentKind.Promise => "open: not found as delivered (inferred)",
                    CommitmentKind.Ask => "not answered yet (inferred)",
                    _ => "not met yet (inferred)",
                },
            };
            text += $": \"{Quote(c.Sentence, Math.Max(60, Math.Min(QuoteChars, recipe.MaxItemChars - text.Length - 4)))}\"";

            var sources = new List<SourceRef> { c.Source };
            if (c.Evidence is { } evidence && evidence.Id != c.Source.Id)
            {
                sources.Add(evidence);
            }

            int? daysToDue = c.Due is { } d ? d.DayNumber - today.DayNumber : null;
            var latestAsk = c.Kind != CommitmentKind.Promise && c.Source.Id == latestFromThem;
            var gatesDeal = c.Kind != CommitmentKind.Promise && CommitmentCues.GatesTheDeal(c.Sentence);
            var score = Relevance.Commitment(c.State == CommitmentState.Overdue, c.IsOpen, c.Kind == CommitmentKind.Condition, daysToDue, c.Made, facts.Now, latestAsk)
                + (gatesDeal && c.IsOpen ? Relevance.GatesDealWeight : 0);
            yield return new DraftItem(SectionKind.Commitments, $"commitment:{c.Source.Id}:{CommitmentKey(c.Sentence)}", text, ItemLabel.Inference, sources, score)
            {
                Commitment = new BriefingCommitment(c.Kind, c.State, c.Who, c.Ours, c.Made, c.Due),
            };
        }
    }

    /// <summary>A short stable tag for one commitment within its source (several can come from one message).</summary>
    private static string CommitmentKey(string sentence)
    {
        var hash = 2166136261u;
        foreach (var ch in sentence)
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IEnumerable<DraftItem> AccountSnapshot(ContextFacts facts, BriefingFormat format, BriefingRecipe recipe)
    {
        foreach (var account in facts.Accounts)
        {
            var parts = new List<string> { account.Name };
            if (account.Tier is { Length: > 0 } tier)
            {
                parts.Add("Tier " + tier);
            }

            if (account.Industry is { Length: > 0 } industry)
            {
                parts.Add(industry);
            }

            if (account.OwnerName is { Length: > 0 } owner)
            {
                parts.Add("owner " + owner);
            }

            yield return new DraftItem(SectionKind.AccountSnapshot, "account:" + account.Id, string.Join(" · ", parts), ItemLabel.Fact, [SourceRefs.For(account)], 0.7);

            foreach (var series in facts.Context.Crm.Metrics.Where(s => s.AccountId == account.Id))
            {
                if (MetricTrend.Of(series, recipe.LookBack.TrendPeriods) is not { } trend)
                {
                    continue;
                }

                var months = MonthsBetween(trend.From.Period, trend.To.Period);
                var change = trend.ChangeRatio is { } ratio ? format.SignedPercent(ratio) : format.Metric(trend.Change, series.Unit);
                // With several accounts at the table, each number says whose it is.
                var whose = facts.Accounts.Count > 1 ? account.Name + ", " : string.Empty;
                var text = $"{whose}{series.Name}: {format.Metric(trend.From.Value, series.Unit)} → {format.Metric(trend.To.Value, series.Unit)} over {months} month{(months == 1 ? string.Empty : "s")} ({change}, {BriefingFormat.Direction(trend.Direction)})";
                yield return new DraftItem(SectionKind.AccountSnapshot, "metric:" + series.Id, text, ItemLabel.Fact, [SourceRefs.For(series, account.Name)], Relevance.Trend(trend))
                {
                    GoodNews = trend.IsGood,
                };
            }
        }
    }

    private static IEnumerable<DraftItem> OpenIssues(ContextFacts facts, BriefingFormat format)
    {
        foreach (var c in facts.Context.Crm.Cases.Where(c => c.IsOpen))
        {
            var text = $"Case {c.Number}: {Quote(c.Title, 90)} ({c.Status}";
            if (c.IsEscalated)
            {
                text += c.EscalatedAt is { } at ? $", escalated {format.Day(at)}" : ", escalated";
            }

            if (c.Priority >= CasePriority.High)
            {
                text += $", {c.Priority.ToString().ToLowerInvariant()} priority";
            }

            text += $"), opened {format.Day(c.Opened)}";
            var openedByAttendee = c.OpenedByEmail is { } by && facts.IsExternalAttendee(by);
            if (openedByAttendee)
            {
                text += " by " + facts.NameOf(c.OpenedByEmail!);
            }

            yield return new DraftItem(SectionKind.OpenIssues, "case:" + c.Id, text, ItemLabel.Fact, [SourceRefs.For(c)],
                Relevance.Case(c, facts.Now, openedByAttendee, facts.HasDealClosingWithin(c.AccountId, 30)));
        }
    }

    private static IEnumerable<DraftItem> Opportunities(ContextFacts facts, BriefingFormat format, BriefingRecipe recipe)
    {
        foreach (var o in facts.Context.Crm.Opportunities.Where(o => !o.IsClosed))
        {
            var text = $"{Quote(o.Name, 80)}: {o.Stage}";
            if (o.Amount is { } amount)
            {
                text += ", " + format.Money(amount, o.Currency);
            }

            if (o.CloseDate is { } close)
            {
                text += ", " + CloseText(close, facts.Now, format);
            }

            if (o.LastActivity is { } last)
            {
                var idle = (int)(facts.Now - last).TotalDays;
                text += idle >= 14 ? $"; no activity for {idle} days" : $"; last activity {format.Day(last)}";
            }

            var risk = facts.RiskOf(o.AccountId, recipe.LookBack.TrendPeriods);
            yield return new DraftItem(SectionKind.Opportunities, "opportunity:" + o.Id, text, ItemLabel.Fact, [SourceRefs.For(o)], Relevance.Opportunity(o, facts.Now, risk))
            {
                Stake = Relevance.InEuros(o.Amount, o.Currency),
                Pinned = Relevance.ClosesSoon(o, facts.Now),
            };
        }
    }

    /// <summary>"closes 30 Jan 2027", "closes 1 Dec 2026 (in 5 days)", "close date 20 Nov 2026 has passed".</summary>
    private static string CloseText(DateOnly close, DateTimeOffset now, BriefingFormat format)
    {
        var days = Relevance.DaysUntil(close, now);
        return days switch
        {
            < 0 => $"close date {format.Day(close)} has passed",
            0 => $"closes {format.Day(close)} (today)",
            1 => $"closes {format.Day(close)} (tomorrow)",
            <= Relevance.ProtectedCloseDays => $"closes {format.Day(close)} (in {days} days)",
            _ => "closes " + format.Day(close),
        };
    }

    /// <summary>Facts quoted from one message or note besides its thread line: enough for the figures and asks, not the whole text.</summary>
    private const int MaxSalientPerText = 2;

    private static IEnumerable<DraftItem> RecentConversations(ContextFacts facts, BriefingFormat format, HashSet<string> quotedInAgenda)
    {
        var quoted = facts.Commitments.Select(c => Normalized(c.Sentence)).Concat(quotedInAgenda).ToHashSet(StringComparer.Ordinal);
        foreach (var thread in facts.Threads)
        {
            var latest = thread[0];
            var cue = thread.SelectMany(m => TextCues.Find(m.Text, 3).Select(c => (Message: m, Cue: c)))
                .OrderBy(x => x.Cue.Kind == CueKind.Question ? 0 : x.Cue.Kind == CueKind.Promise ? 1 : 2)
                .FirstOrDefault();
            var text = $"{format.Day(latest.Sent)}, {latest.From.Name}: \"{Quote(latest.Subject, 70)}\"";
            if (thread.Count > 1)
            {
                text += $" ({thread.Count} messages)";
            }

            var sources = new List<SourceRef> { SourceRefs.For(latest) };
            if (cue.Cue is not null)
            {
                // Name who asked or promised when it is not the thread's latest writer.
                var who = cue.Message.From.Is(latest.From.Email) ? string.Empty : cue.Message.From.Name + " ";
                text += $"; {who}{CueVerb(cue.Cue.Kind, who.Length > 0 ? null : cue.Message.From.Name)} \"{Quote(cue.Cue.Sentence, QuoteChars)}\"";
                if (cue.Message.Id != latest.Id)
                {
                    sources.Add(SourceRefs.For(cue.Message));
                }
            }
            else if ((SalientSentences.Best(latest.Text) ?? TextCues.Gist(latest.Text)) is { } gist)
            {
                text += $": \"{Quote(gist, QuoteChars)}\"";
            }

            var fromAttendee = facts.IsExternalAttendee(latest.From.Email);
            yield return new DraftItem(SectionKind.RecentConversations, "thread:" + latest.ConversationId, text, ItemLabel.Fact, sources,
                Relevance.Message(latest.Sent, facts.Now, fromAttendee, cue.Cue is null ? 0 : 1));

            // The facts the thread's messages carry (figures, dates, decisions, asks, conditions, complaints), each quoted
            // and citing its message; what the thread line or a commitment line already quotes is not said again.
            foreach (var message in thread)
            {
                foreach (var salient in SalientSentences.Find(message.Text, MaxSalientPerText).Where(s => !text.Contains(Quote(s.Sentence, QuoteChars), StringComparison.Ordinal) && !quoted.Contains(Normalized(s.Sentence))))
                {
                    yield return new DraftItem(salient.IsRisk ? SectionKind.Risks : SectionKind.RecentConversations, $"mail:{message.Id}:{CommitmentKey(salient.Sentence)}",
                        $"{format.Day(message.Sent)}, {message.From.Name}: \"{Quote(salient.Sentence, QuoteChars)}\"", ItemLabel.Fact, [SourceRefs.For(message)],
                        Relevance.Salient(message.Sent, facts.Now, facts.IsExternalAttendee(message.From.Email), salient.Salience));
                }
            }
        }

        foreach (var note in facts.Context.Crm.Notes)
        {
            var cues = TextCues.Find(note.Text, 2);
            var text = $"{format.Day(note.Created)}, note \"{Quote(note.Title, 70)}\"";
            if (note.Author is { Length: > 0 } author)
            {
                text += " by " + author;
            }

            if (cues.Count > 0)
            {
                text += $": {CueVerb(cues[0].Kind, null)} \"{Quote(cues[0].Sentence, QuoteChars)}\"";
            }
            else if ((SalientSentences.Best(note.Text) ?? TextCues.Gist(note.Text)) is { } gist)
            {
                text += $": \"{Quote(gist, QuoteChars)}\"";
            }

            yield return new DraftItem(SectionKind.RecentConversations, "note:" + note.Id, text, ItemLabel.Fact, [SourceRefs.For(note)], Relevance.Note(note, facts.Now, cues.Count));
            foreach (var salient in SalientSentences.Find(note.Text, MaxSalientPerText).Where(s => !text.Contains(Quote(s.Sentence, QuoteChars), StringComparison.Ordinal) && !quoted.Contains(Normalized(s.Sentence))))
            {
                yield return new DraftItem(salient.IsRisk ? SectionKind.Risks : SectionKind.RecentConversations, $"note:{note.Id}:{CommitmentKey(salient.Sentence)}",
                    $"{format.Day(note.Created)}, note \"{Quote(note.Title, 50)}\": \"{Quote(salient.Sentence, QuoteChars)}\"", ItemLabel.Fact, [SourceRefs.For(note)],
                    Relevance.Salient(note.Created, facts.Now, false, salient.Salience));
            }
        }
    }

    private static IEnumerable<DraftItem> SinceLastMeeting(ContextFacts facts, BriefingFormat format, BriefingRecipe recipe)
    {
        if (facts.LastMeeting is not { } last)
        {
            if (facts.ExternalPeople.Count > 0 && facts.CalendarHistoryRead)
            {
                yield return new DraftItem(SectionKind.SinceLastMeeting, "since:none",
                    $"No earlier meeting with these attendees in the last {recipe.LookBack.MeetingDays} days",
                    ItemLabel.Fact, [SourceRefs.For(facts.Meeting)], 0.2);
            }

            yield break;
        }

        var since = last.Start;
        foreach (var c in facts.Context.Crm.Cases.Where(c => c.Opened > since))
        {
            yield return new DraftItem(SectionKind.SinceLastMeeting, "since:case-opened:" + c.Id,
                $"New case {c.Number}: {Quote(c.Title, 90)} (opened {format.Day(c.Opened)}{(c.IsOpen ? string.Empty : ", since closed")})",
                ItemLabel.Fact, [SourceRefs.For(c)], 0.6 + (c.IsOpen ? 0.1 : 0));
        }

        foreach (var c in facts.Context.Crm.Cases.Where(c => c.EscalatedAt > since && c.Opened <= since))
        {
            yield return new DraftItem(SectionKind.SinceLastMeeting, "since:case-escalated:" + c.Id,
                $"Case {c.Number} escalated on {format.Day(c.EscalatedAt!.Value)}", ItemLabel.Fact, [SourceRefs.For(c)], 0.75);
        }

        var newMail = facts.Context.Emails.Where(e => e.Sent > since).OrderByDescending(e => e.Sent).ToList();
        if (newMail.Count > 0)
        {
            yield return new DraftItem(SectionKind.SinceLastMeeting, "since:mail",
                $"{newMail.Count} email{(newMail.Count == 1 ? string.Empty : "s")} since, latest {format.Day(newMail[0].Sent)} from {newMail[0].From.Name}",
                ItemLabel.Fact, [SourceRefs.For(newMail[0])], 0.45);
        }

        foreach (var o in facts.Context.Crm.Opportunities.Where(o => o.LastModified > since))
        {
            yield return new DraftItem(SectionKind.SinceLastMeeting, "since:opportunity:" + o.Id,
                $"Opportunity \"{Quote(o.Name, 70)}\" updated, now {o.Stage}", ItemLabel.Fact, [SourceRefs.For(o)], 0.5);
        }

        var lastMonth = DateOnly.FromDateTime(since.UtcDateTime);
        foreach (var series in facts.Context.Crm.Metrics)
        {
            var before = series.Points.LastOrDefault(p => p.Period <= lastMonth);
            var now = series.Points.Count > 0 ? series.Points[^1] : null;
            if (before is null || now is null || before == now || before.Value == 0)
            {
                continue;
            }

            var ratio = (now.Value - before.Value) / Math.Abs(before.Value);
            if (Math.Abs(ratio) < MetricTrend.FlatThreshold)
            {
                continue;
            }

            var account = facts.Accounts.FirstOrDefault(a => a.Id == series.AccountId)?.Name ?? string.Empty;
            yield return new DraftItem(SectionKind.SinceLastMeeting, "since:metric:" + series.Id,
                $"{series.Name} {format.Metric(before.Value, series.Unit)} → {format.Metric(now.Value, series.Unit)} ({format.SignedPercent(ratio)})",
                ItemLabel.Fact, [SourceRefs.For(series, account)], 0.4 + Math.Min(0.4, (double)Math.Abs(ratio)));
        }

        // Promises made then are in "Commitments", with their state.
    }

    /// <summary>
    /// A suggested talking point restates a record shown elsewhere in the briefing: within the length budget it yields to
    /// the facts themselves.
    /// </summary>
    private const double TemplateDiscount = 0.35;

    private static IEnumerable<DraftItem> TalkingPoints(ContextFacts facts, BriefingFormat format, BriefingRecipe recipe)
    {
        foreach (var c in facts.Context.Crm.Cases.Where(c => c.IsOpen && (c.IsEscalated || c.Priority >= CasePriority.High)))
        {
            yield return new DraftItem(SectionKind.TalkingPoints, "talk:case:" + c.Id,
                $"Give a status update on case {c.Number} ({Quote(c.Title, 70)}) before they ask", ItemLabel.Inference, [SourceRefs.For(c)],
                Relevance.Case(c, facts.Now, false, facts.HasDealClosingWithin(c.AccountId, 30)) - TemplateDiscount);
        }

        // Their open questions are in "Commitments" (asked, answered or not), so they are not repeated here.
        // One question per account: about its worst-moving metric, not one per series.
        var worstPerAccount = facts.Trends(recipe.LookBack.TrendPeriods)
            .Where(t => !t.Trend.IsGood)
            .GroupBy(t => t.Account.Id)
            .Select(g => g.MaxBy(t => Math.Abs(t.Trend.ChangeRatio ?? 0)));
        foreach (var (series, trend, account) in worstPerAccount)
        {
            yield return new DraftItem(SectionKind.TalkingPoints, "talk:metric:" + series.Id,
                $"Ask what is behind the {BriefingFormat.Direction(trend.Direction)} trend in {series.Name.ToLowerInvariant()} ({format.SignedPercent(trend.ChangeRatio ?? 0)})",
                ItemLabel.Inference, [SourceRefs.For(series, account.Name)], Relevance.Trend(trend) - 0.1);
        }

        foreach (var o in facts.Context.Crm.Opportunities.Where(o => !o.IsClosed && o.CloseDate is { } d && Relevance.DaysUntil(d, facts.Now) <= 90))
        {
            yield return new DraftItem(SectionKind.TalkingPoints, "talk:opportunity:" + o.Id,
                $"Agree next steps on \"{Quote(o.Name, 70)}\" ({CloseText(o.CloseDate!.Value, facts.Now, format)})", ItemLabel.Inference, [SourceRefs.For(o)],
                Relevance.Opportunity(o, facts.Now, facts.RiskOf(o.AccountId, recipe.LookBack.TrendPeriods)) - TemplateDiscount)
            {
                Stake = Relevance.InEuros(o.Amount, o.Currency),
            };
        }
    }

    /// <summary>
    /// One line per open deal that something puts at risk: its own account's escalated, critical or high-priority cases,
    /// its account's falling metrics, or a long silence. Never another account's case. Then ageing severe cases and
    /// falling metrics on their own.
    /// </summary>
    private static IEnumerable<DraftItem> Risks(ContextFacts facts, BriefingFormat format, BriefingRecipe recipe)
    {
        var periods = recipe.LookBack.TrendPeriods;
        foreach (var o in facts.Context.Crm.Opportunities.Where(o => !o.IsClosed))
        {
            var days = o.CloseDate is { } d ? Relevance.DaysUntil(d, facts.Now) : int.MaxValue;
            if (days > Relevance.RiskHorizonDays)
            {
                continue;
            }

            var reasons = new List<string>();
            var sources = new List<SourceRef> { SourceRefs.For(o) };
            var cases = facts.OpenCasesOf(o.AccountId).Where(c => c.IsEscalated || c.Priority >= CasePriority.High).Take(2).ToList();
            foreach (var c in cases)
            {
                reasons.Add(c.IsEscalated
                    ? $"case {c.Number} escalated{(c.Priority >= CasePriority.High ? $" ({c.Priority.ToString().ToLowerInvariant()})" : string.Empty)}"
                    : $"{c.Priority.ToString().ToLowerInvariant()}-priority case {c.Number} open");
                sources.Add(SourceRefs.For(c));
            }

            if (facts.FallingTrendsOf(o.AccountId, periods).FirstOrDefault() is { Series: not null } fall)
            {
                reasons.Add($"{fall.Series.Name.ToLowerInvariant()} {BriefingFormat.Direction(fall.Trend.Direction)} {format.SignedPercent(fall.Trend.ChangeRatio ?? 0)}");
                sources.Add(SourceRefs.For(fall.Series, fall.Account.Name));
            }

            var pressing = facts.Commitments.Where(c => c.AccountId == o.AccountId && c.IsPressing).OrderByDescending(c => c.Made).ToList();
            if (pressing.Count > 0)
            {
                var overdue = pressing.Count(c => c.State == CommitmentState.Overdue && c.Kind != CommitmentKind.Condition);
                var conditions = pressing.Count(c => c.Kind == CommitmentKind.Condition);
                if (overdue > 0)
                {
                    reasons.Add(overdue == 1 ? "an overdue promise" : $"{overdue} overdue promises");
                }

                if (conditions > 0)
                {
                    reasons.Add(conditions == 1 ? "a condition of theirs not met" : $"{conditions} conditions of theirs not met");
                }

                sources.Add(pressing[0].Source);
            }

            if (o.LastActivity is { } last && (facts.Now - last).TotalDays >= Relevance.IdleRiskDays)
            {
                reasons.Add($"no activity for {(int)(facts.Now - last).TotalDays} days");
            }

            if (reasons.Count == 0)
            {
                continue;
            }

            var what = o.Amount is { } amount ? format.Money(amount, o.Currency) + ", " : string.Empty;
            var when = o.CloseDate is { } close ? CloseText(close, facts.Now, format) : "no close date";
            var soon = Relevance.ClosesSoon(o, facts.Now);
            yield return new DraftItem(SectionKind.Risks, "risk:opportunity:" + o.Id,
                $"\"{Quote(o.Name, 70)}\" ({what}{when}) may be at risk: {string.Join("; ", reasons)}", ItemLabel.Inference, sources,
                Relevance.Opportunity(o, facts.Now, facts.RiskOf(o.AccountId, periods)) + 0.05)
            {
                Stake = Relevance.InEuros(o.Amount, o.Currency),
                Pinned = soon,
                Lead = soon,
            };
        }

        foreach (var c in facts.Context.Crm.Cases.Where(c => c.IsOpen && c.Priority >= CasePriority.High && (facts.Now - c.Opened).TotalDays >= 14))
        {
            yield return new DraftItem(SectionKind.Risks, "risk:case-age:" + c.Id,
                $"Case {c.Number} ({c.Priority.ToString().ToLowerInvariant()} priority) has been open for {(int)(facts.Now - c.Opened).TotalDays} days",
                ItemLabel.Inference, [SourceRefs.For(c)], Relevance.Case(c, facts.Now, false) - 0.1);
        }

        foreach (var (series, trend, account) in facts.Trends(periods).Where(t => !t.Trend.IsGood && Math.Abs(t.Trend.ChangeRatio ?? 0) >= 0.1m))
        {
            yield return new DraftItem(SectionKind.Risks, "risk:metric:" + series.Id,
                $"{account.Name}: {series.Name.ToLowerInvariant()} {BriefingFormat.Direction(trend.Direction)} {format.SignedPercent(trend.ChangeRatio ?? 0)} over {MonthsBetween(trend.From.Period, trend.To.Period)} months",
                ItemLabel.Inference, [SourceRefs.For(series, account.Name)], Relevance.Trend(trend) - 0.1);
        }
    }

    private static void DescribeGaps(ContextFacts facts, BriefingRecipe recipe, List<string> notes)
    {
        if (facts.ExternalPeople.Count == 0)
        {
            notes.Add("No external attendees: nothing was looked up in mail or the CRM.");
            return;
        }

        // An unavailable source is already named as such; saying it had nothing would contradict that line.
        if (facts.Accounts.Count == 0 && facts.CrmRead)
        {
            notes.Add("No CRM account matched the external attendees (by contact or e-mail domain).");
        }

        var unknown = facts.CrmRead ? facts.ExternalPeople.Count(p => facts.ContactFor(p.Email) is null) : 0;
        if (unknown > 0)
        {
            notes.Add($"{unknown} external attendee{(unknown == 1 ? " is" : "s are")} not in the CRM.");
        }

        if (facts.Context.Emails.Count == 0 && facts.MailRead)
        {
            notes.Add($"No email with the attendees in the last {recipe.LookBack.EmailDays} days.");
        }
    }

    /// <summary>Sections the summary draws from: what happened or is at stake, not who comes or what to say.</summary>
    private static readonly SectionKind[] SummarySources =
    [
        SectionKind.Risks, SectionKind.Commitments, SectionKind.OpenIssues, SectionKind.AccountSnapshot, SectionKind.Opportunities,
        SectionKind.RecentConversations, SectionKind.SinceLastMeeting,
    ];

    /// <summary>The summary's length: the most urgent distinct points.</summary>
    private const int SummaryLines = 3;

    /// <summary>At most this many of the summary's points are commitments (promises, asks, conditions).</summary>
    private const int MaxSummaryCommitments = 2;

    /// <summary>At most this many lines of a section may be about the same record, so one case cannot fill a section.</summary>
    private const int MaxLinesPerRecord = 2;

    private static List<BriefingSection> Assemble(List<DraftItem> items, BriefingRecipe recipe, ContextFacts facts, BriefingFormat format, IReadOnlySet<string> suppressed, MeetingKind meetingKind)
    {
        var perSection = recipe.EffectiveItemsPerSection;
        var enabled = MeetingKinds.Order(meetingKind, recipe).ToList();
        var ranked = enabled.Where(k => k != SectionKind.Summary)
            .ToDictionary(k => k, k => DraftItem.Rank(Merge(items.Where(i => i.Section == k))).ToList());

        // The summary takes the most urgent lines, one per record; they are not repeated in their sections below.
        var summary = enabled.Contains(SectionKind.Summary) ? Summarize(ranked, suppressed) : [];
        var inSummary = summary.Select(i => i.Key["summary:".Length..]).ToHashSet(StringComparer.Ordinal);

        var chosen = new Dictionary<SectionKind, List<DraftItem>>();
        var omitted = new Dictionary<SectionKind, int>();
        foreach (var (section, list) in ranked)
        {
            var rest = list.Where(i => !inSummary.Contains(i.Key)).ToList();
            chosen[section] = Choose(rest, perSection);
            omitted[section] = rest.Count - chosen[section].Count;
        }

        // No line is said twice: a later section drops a line whose text an earlier one (or the summary) already has.
        var said = summary.Select(i => Normalized(i.Text)).ToHashSet(StringComparer.Ordinal);
        foreach (var kind in enabled.Where(chosen.ContainsKey))
        {
            chosen[kind].RemoveAll(i => !said.Add(Normalized(i.Text)));
        }

        // The whole briefing has a length budget too: the least urgent line goes first (ties: the fuller section's), a
        // section's best line only when nothing else is left; pinned lines (deals closing within 14 days) and who is coming are never trimmed.
        var order = enabled.Where(chosen.ContainsKey).ToList();
        while (chosen.Values.Sum(l => l.Count) > recipe.MaxTotalItems)
        {
            var weakest = order.Where(k => k != SectionKind.Attendees)
                .SelectMany(k => chosen[k].Where(i => !i.Pinned).Select(i => (Kind: k, Item: i)))
                .OrderBy(x => chosen[x.Kind][0] == x.Item).ThenBy(x => x.Item.Score).ThenBy(x => x.Item.Stake).ThenByDescending(x => chosen[x.Kind].Count).ThenByDescending(x => order.IndexOf(x.Kind))
                .FirstOrDefault();
            if (weakest.Item is null)
            {
                break;
            }

            chosen[weakest.Kind].Remove(weakest.Item);
            omitted[weakest.Kind]++;
        }

        var sections = new List<BriefingSection>();
        foreach (var kind in enabled)
        {
            if (kind == SectionKind.Summary)
            {
                if (summary.Count > 0)
                {
                    sections.Add(new BriefingSection(kind, BriefingSection.DefaultTitle(kind), summary.Select(i => ToItem(i, recipe)).ToList(), 0));
                }

                continue;
            }

            if (chosen[kind].Count == 0)
            {
                continue;
            }

            sections.Add(new BriefingSection(kind, Title(kind, facts, format), chosen[kind].Select(i => ToItem(i, recipe)).ToList(), omitted[kind]));
        }

        return sections;
    }

    /// <summary>
    /// A section's lines by rank, up to <paramref name="max"/>, with no record in more than
    /// <see cref="MaxLinesPerRecord"/> of them; pinned lines are always kept.
    /// </summary>
    private static List<DraftItem> Choose(List<DraftItem> ranked, int max)
    {
        var chosen = ranked.Where(i => i.Pinned).ToList();
        var perRecord = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in chosen.SelectMany(i => i.SalientRecords))
        {
            perRecord[record] = perRecord.GetValueOrDefault(record) + 1;
        }

        foreach (var item in ranked.Where(i => !i.Pinned))
        {
            if (chosen.Count >= max)
            {
                break;
            }

            var records = item.SalientRecords.Distinct(StringComparer.Ordinal).ToList();
            if (records.Any(r => perRecord.GetValueOrDefault(r) >= MaxLinesPerRecord))
            {
                continue;
            }

            chosen.Add(item);
            foreach (var record in records)
            {
                perRecord[record] = perRecord.GetValueOrDefault(record) + 1;
            }
        }

        return DraftItem.Rank(chosen).ToList();
    }

    /// <summary>
    /// The most urgent distinct points, one per record: deals closing within 14 days that are at risk first, then by
    /// urgency across sections (ties by money at stake).
    /// </summary>
    private static List<DraftItem> Summarize(Dictionary<SectionKind, List<DraftItem>> ranked, IReadOnlySet<string> suppressed)
    {
        var candidates = SummarySources
            .Where(ranked.ContainsKey)
            .SelectMany(k => ranked[k])
            .Where(i => i.Section != SectionKind.AccountSnapshot || (i.Key.StartsWith("metric:", StringComparison.Ordinal) && !i.GoodNews))
            .Where(i => !suppressed.Contains("summary:" + i.Key));

        // A deal's risk line names its cases and metrics: their own lines would say it again, so a third point takes the place.
        var namedByRisk = candidates.Where(i => i.Key.StartsWith("risk:opportunity:", StringComparison.Ordinal))
            .SelectMany(i => i.Sources.Where(s => s.Kind is SourceKind.Case or SourceKind.Metric).Select(s => s.Id))
            .ToHashSet(StringComparer.Ordinal);
        candidates = candidates.Where(i => i.Key.StartsWith("risk:opportunity:", StringComparison.Ordinal) || !namedByRisk.Contains(i.Record)).ToList();
        var ordered = candidates.OrderByDescending(i => i.Lead).ThenByDescending(i => i.Score).ThenByDescending(i => i.Stake).ThenBy(i => i.Text, StringComparer.Ordinal);

        var picked = new List<DraftItem>();
        var records = new HashSet<string>(StringComparer.Ordinal);
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in ordered)
        {
            if (picked.Count >= SummaryLines && !item.Lead)
            {
                break;
            }

            // Distinct points, one per record: a line about a record (or naming a case or metric) the summary already has
            // says it again, e.g. a second deal "at risk" for the same escalated case. Lead lines are never skipped.
            var about = AboutRecords(item);
            if (records.Contains(item.Record) || texts.Contains(Normalized(item.Text)))
            {
                continue;
            }

            if (!item.Lead && about.Any(records.Contains))
            {
                // Its record's most urgent point is one the summary has made: a plainer line about it is not a new point,
                // unless more money is at stake on it than on any point made (a larger deal is news of its own).
                if (item.Stake <= picked.Select(i => i.Stake).DefaultIfEmpty(0).Max())
                {
                    records.Add(item.Record);
                }

                continue;
            }

            // Commitments are one kind of point: the summary keeps room for the deal or issue they bear on.
            if (!item.Lead && item.Section == SectionKind.Commitments && picked.Count(i => i.Section == SectionKind.Commitments) >= MaxSummaryCommitments)
            {
                continue;
            }

            picked.Add(item);
            records.UnionWith(about);
            texts.Add(Normalized(item.Text));
        }

        return picked.Select(i => i with { Section = SectionKind.Summary, Key = "summary:" + i.Key }).ToList();
    }

    /// <summary>
    /// The records a summary line is a point about: its own record, and the cases and metrics it names (a deal's risk line
    /// names them; the message a commitment count cites is not its point, the commitment's own line is).
    /// </summary>
    private static HashSet<string> AboutRecords(DraftItem item)
    {
        var about = item.Sources.Where(s => s.Kind is SourceKind.Case or SourceKind.Metric).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        about.Add(item.Record);
        return about;
    }

    /// <summary>Text compared as a reader would: case, spacing and punctuation at the ends do not make a line new.</summary>
    internal static string Normalized(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim('.', ';', ' ').ToUpperInvariant();

    /// <summary>Items with the same text in a section are one item citing every source.</summary>
    private static IEnumerable<DraftItem> Merge(IEnumerable<DraftItem> items) =>
        items.GroupBy(i => Normalized(i.Text))
            .Select(g => g.Count() == 1 ? g.First() : g.First() with
            {
                Sources = g.SelectMany(i => i.Sources).DistinctBy(s => s.Id).ToList(),
                Score = g.Max(i => i.Score),
                Pinned = g.Any(i => i.Pinned),
                Lead = g.Any(i => i.Lead),
            });

    private static BriefingItem ToItem(DraftItem draft, BriefingRecipe recipe) =>
        new(draft.Key, Quote(UntrustedText.Defang(draft.Text), recipe.MaxItemChars), draft.Label, draft.Sources.Select(s => s.Id).Distinct().ToList(), Math.Round(draft.Score, 4))
        {
            Pinned = draft.Pinned,
            Commitment = draft.Commitment,
        };

    private static List<SourceRef> NumberSources(List<BriefingSection> sections, List<DraftItem> drafts)
    {
        var byId = drafts.SelectMany(d => d.Sources).DistinctBy(s => s.Id).ToDictionary(s => s.Id);
        return sections.SelectMany(s => s.Items).SelectMany(i => i.Citations).Distinct().Select(id => byId[id]).ToList();
    }

    private static string Title(SectionKind kind, ContextFacts facts, BriefingFormat format) =>
        kind == SectionKind.SinceLastMeeting && facts.LastMeeting is { } last
            ? $"{BriefingSection.DefaultTitle(kind)} ({format.Day(last.Start)})"
            : BriefingSection.DefaultTitle(kind);

    private static string CueVerb(CueKind kind, string? who) => kind switch
    {
        CueKind.Question => who is null ? "asked" : "asks",
        CueKind.Promise => "promised",
        _ => "open",
    };

    private static string JoinNames(List<string> names, int max) =>
        names.Count <= max ? string.Join(", ", names) : string.Join(", ", names.Take(max)) + $" and {names.Count - max} more";

    private static int MonthsBetween(DateOnly from, DateOnly to) => Math.Max(1, ((to.Year - from.Year) * 12) + to.Month - from.Month);

    /// <summary>Caps a text at <paramref name="max"/> characters on a word boundary, with an ellipsis.</summary>
    internal static string Quote(string text, int max)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (flat.Length <= max)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', Math.Max(0, max - 1), Math.Min(max, 30));
        return (cut > 0 ? flat[..cut] : flat[..(max - 1)]).TrimEnd(',', ';', ':', '.') + "…";
    }
}
