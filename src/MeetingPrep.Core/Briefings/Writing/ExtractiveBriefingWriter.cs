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
        var candidates = new List<DraftItem>();

        candidates.AddRange(Attendees(facts, format));
        candidates.AddRange(AccountSnapshot(facts, format, recipe));
        candidates.AddRange(OpenIssues(facts, format));
        candidates.AddRange(Opportunities(facts, format));
        candidates.AddRange(RecentConversations(facts, format));
        candidates.AddRange(SinceLastMeeting(facts, format, recipe));
        candidates.AddRange(TalkingPoints(facts, format, recipe));
        candidates.AddRange(Risks(facts, format, recipe));
        DescribeGaps(facts, recipe, notes);

        var kept = candidates.Where(c => !suppressedItemKeys.Contains(c.Key)).ToList();
        var sections = Assemble(kept, recipe, facts, format, suppressedItemKeys);
        var sources = NumberSources(sections, kept);
        return new Briefing(
            Describe(context.Meeting, context.User.TimeZone),
            context.User.UserId,
            sections,
            sources,
            context.Unavailable,
            notes,
            recipe,
            Name,
            time.GetUtcNow());
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
        meeting.InternalAttendees.Count());

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

        // The organizer is rarely listed among the attendees; the reader is named as "you".
        var colleagues = facts.Meeting.OrganizerAffiliation == Affiliation.Internal ? new List<Person> { facts.Meeting.Organizer } : [];
        colleagues.AddRange(facts.Meeting.InternalAttendees.Select(a => a.Person));
        var internals = colleagues
            .DistinctBy(p => p.Email.ToLowerInvariant())
            .Select(p => p.Is(facts.Context.User.Upn) ? p.Name + " (you)" : p.Name)
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
                yield return new DraftItem(SectionKind.AccountSnapshot, "metric:" + series.Id, text, ItemLabel.Fact, [SourceRefs.For(series, account.Name)], Relevance.Trend(trend));
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

            yield return new DraftItem(SectionKind.OpenIssues, "case:" + c.Id, text, ItemLabel.Fact, [SourceRefs.For(c)], Relevance.Case(c, facts.Now, openedByAttendee));
        }
    }

    private static IEnumerable<DraftItem> Opportunities(ContextFacts facts, BriefingFormat format)
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
                text += ", closes " + format.Day(close);
            }

            if (o.LastActivity is { } last)
            {
                var idle = (int)(facts.Now - last).TotalDays;
                text += idle >= 14 ? $"; no activity for {idle} days" : $"; last activity {format.Day(last)}";
            }

            yield return new DraftItem(SectionKind.Opportunities, "opportunity:" + o.Id, text, ItemLabel.Fact, [SourceRefs.For(o)], Relevance.Opportunity(o, facts.Now));
        }
    }

    private static IEnumerable<DraftItem> RecentConversations(ContextFacts facts, BriefingFormat format)
    {
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
            else if (TextCues.Gist(latest.Text) is { } gist)
            {
                text += $": \"{Quote(gist, QuoteChars)}\"";
            }

            var fromAttendee = facts.IsExternalAttendee(latest.From.Email);
            yield return new DraftItem(SectionKind.RecentConversations, "thread:" + latest.ConversationId, text, ItemLabel.Fact, sources,
                Relevance.Message(latest.Sent, facts.Now, fromAttendee, cue.Cue is null ? 0 : 1));
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
            else if (TextCues.Gist(note.Text) is { } gist)
            {
                text += $": \"{Quote(gist, QuoteChars)}\"";
            }

            yield return new DraftItem(SectionKind.RecentConversations, "note:" + note.Id, text, ItemLabel.Fact, [SourceRefs.For(note)], Relevance.Note(note, facts.Now, cues.Count));
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

        // Promises written down around the last meeting that no later record shows as done.
        foreach (var note in facts.Context.Crm.Notes.Where(n => Math.Abs((n.Created - since).TotalDays) <= 3))
        {
            foreach (var promise in TextCues.Find(note.Text, 3).Where(c => c.Kind == CueKind.Promise))
            {
                if (facts.MentionedAsDoneAfter(promise.Sentence, since))
                {
                    continue;
                }

                yield return new DraftItem(SectionKind.SinceLastMeeting, "since:promise:" + note.Id,
                    $"Promised then, not found as delivered: \"{Quote(promise.Sentence, QuoteChars)}\"",
                    ItemLabel.Inference, [SourceRefs.For(note)], 0.7);
                break;
            }
        }
    }

    private static IEnumerable<DraftItem> TalkingPoints(ContextFacts facts, BriefingFormat format, BriefingRecipe recipe)
    {
        foreach (var c in facts.Context.Crm.Cases.Where(c => c.IsOpen && (c.IsEscalated || c.Priority >= CasePriority.High)))
        {
            yield return new DraftItem(SectionKind.TalkingPoints, "talk:case:" + c.Id,
                $"Give a status update on case {c.Number} ({Quote(c.Title, 70)}) before they ask", ItemLabel.Inference, [SourceRefs.For(c)],
                Relevance.Case(c, facts.Now, false));
        }

        foreach (var email in facts.Context.Emails.Where(e => facts.IsExternalAttendee(e.From.Email)).OrderByDescending(e => e.Sent).Take(6))
        {
            var question = TextCues.Find(email.Text, 4).FirstOrDefault(c => c.Kind == CueKind.Question);
            if (question is null || facts.AnsweredAfter(email))
            {
                continue;
            }

            yield return new DraftItem(SectionKind.TalkingPoints, "talk:question:" + email.Id,
                $"Answer {email.From.Name}'s open question: \"{Quote(question.Sentence, QuoteChars)}\"", ItemLabel.Inference, [SourceRefs.For(email)],
                0.5 + 0.3 * Relevance.Recency(email.Sent, facts.Now));
        }

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

        foreach (var o in facts.Context.Crm.Opportunities.Where(o => !o.IsClosed && o.CloseDate is { } d && DaysUntil(d, facts.Now) is >= 0 and <= 90))
        {
            yield return new DraftItem(SectionKind.TalkingPoints, "talk:opportunity:" + o.Id,
                $"Agree next steps on \"{Quote(o.Name, 70)}\" (closes {format.Day(o.CloseDate!.Value)})", ItemLabel.Inference, [SourceRefs.For(o)],
                Relevance.Opportunity(o, facts.Now) - 0.1);
        }
    }

    private static IEnumerable<DraftItem> Risks(ContextFacts facts, BriefingFormat format, BriefingRecipe recipe)
    {
        var escalated = facts.Context.Crm.Cases.Where(c => c.IsOpen && c.IsEscalated).OrderByDescending(c => c.EscalatedAt).ToList();
        var badTrends = facts.Trends(recipe.LookBack.TrendPeriods).Where(t => !t.Trend.IsGood && Math.Abs(t.Trend.ChangeRatio ?? 0) >= 0.1m).ToList();
        foreach (var o in facts.Context.Crm.Opportunities.Where(o => !o.IsClosed))
        {
            var closesSoon = o.CloseDate is { } d && DaysUntil(d, facts.Now) is >= 0 and <= 120;
            if (closesSoon && escalated.Count > 0)
            {
                yield return new DraftItem(SectionKind.Risks, "risk:opportunity-case:" + o.Id,
                    $"\"{Quote(o.Name, 70)}\" may be at risk while case {escalated[0].Number} stays escalated", ItemLabel.Inference,
                    [SourceRefs.For(o), SourceRefs.For(escalated[0])], 0.9);
            }
            else if (closesSoon && badTrends.Count > 0)
            {
                var (series, trend, account) = badTrends[0];
                yield return new DraftItem(SectionKind.Risks, "risk:opportunity-trend:" + o.Id,
                    $"\"{Quote(o.Name, 70)}\" closes {format.Day(o.CloseDate!.Value)} while {series.Name.ToLowerInvariant()} is {BriefingFormat.Direction(trend.Direction)} {format.SignedPercent(trend.ChangeRatio ?? 0)}",
                    ItemLabel.Inference, [SourceRefs.For(o), SourceRefs.For(series, account.Name)], 0.8);
            }

            if (o.LastActivity is { } last && (facts.Now - last).TotalDays >= 21)
            {
                yield return new DraftItem(SectionKind.Risks, "risk:stale:" + o.Id,
                    $"No activity on \"{Quote(o.Name, 70)}\" for {(int)(facts.Now - last).TotalDays} days", ItemLabel.Inference, [SourceRefs.For(o)], 0.6);
            }
        }

        foreach (var c in facts.Context.Crm.Cases.Where(c => c.IsOpen && c.Priority >= CasePriority.High && (facts.Now - c.Opened).TotalDays >= 14))
        {
            yield return new DraftItem(SectionKind.Risks, "risk:case-age:" + c.Id,
                $"Case {c.Number} ({c.Priority.ToString().ToLowerInvariant()} priority) has been open for {(int)(facts.Now - c.Opened).TotalDays} days",
                ItemLabel.Inference, [SourceRefs.For(c)], 0.55);
        }

        foreach (var (series, trend, account) in badTrends)
        {
            yield return new DraftItem(SectionKind.Risks, "risk:metric:" + series.Id,
                $"{account.Name}: {series.Name.ToLowerInvariant()} {BriefingFormat.Direction(trend.Direction)} {format.SignedPercent(trend.ChangeRatio ?? 0)} over {MonthsBetween(trend.From.Period, trend.To.Period)} months",
                ItemLabel.Inference, [SourceRefs.For(series, account.Name)], Relevance.Trend(trend));
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

    private static List<BriefingSection> Assemble(List<DraftItem> items, BriefingRecipe recipe, ContextFacts facts, BriefingFormat format, IReadOnlySet<string> suppressed)
    {
        var perSection = recipe.EffectiveItemsPerSection;
        var enabled = recipe.EnabledSections.ToList();
        var chosen = new Dictionary<SectionKind, List<DraftItem>>();
        var omitted = new Dictionary<SectionKind, int>();
        foreach (var kind in enabled.Where(k => k != SectionKind.Summary))
        {
            var ranked = Merge(items.Where(i => i.Section == kind)).OrderByDescending(i => i.Score).ThenBy(i => i.Key, StringComparer.Ordinal).ToList();
            chosen[kind] = ranked.Take(perSection).ToList();
            omitted[kind] = Math.Max(0, ranked.Count - perSection);
        }

        // The whole briefing has a length budget too. Scores are not comparable across sections, so the fullest
        // section gives up its lowest-ranked item first; every section keeps its best lines.
        var order = enabled.Where(chosen.ContainsKey).ToList();
        while (chosen.Values.Sum(l => l.Count) > recipe.MaxTotalItems)
        {
            var fullest = order.OrderByDescending(k => chosen[k].Count).ThenByDescending(order.IndexOf).First();
            chosen[fullest].RemoveAt(chosen[fullest].Count - 1);
            omitted[fullest]++;
        }

        var sections = new List<BriefingSection>();
        foreach (var kind in enabled)
        {
            if (kind == SectionKind.Summary)
            {
                var summary = Summarize(chosen, suppressed);
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

    /// <summary>Three lines: the strongest item of the three strongest sections, so the summary is varied.</summary>
    private static List<DraftItem> Summarize(Dictionary<SectionKind, List<DraftItem>> chosen, IReadOnlySet<string> suppressed)
    {
        SectionKind[] eligible = [SectionKind.Risks, SectionKind.OpenIssues, SectionKind.AccountSnapshot, SectionKind.Opportunities, SectionKind.RecentConversations, SectionKind.SinceLastMeeting];
        return eligible
            .Where(chosen.ContainsKey)
            .Select(k => chosen[k].Where(i => i.Section != SectionKind.AccountSnapshot || i.Key.StartsWith("metric:", StringComparison.Ordinal)).MaxBy(i => i.Score))
            .OfType<DraftItem>()
            .OrderByDescending(i => i.Score)
            .Take(3)
            .Select(i => i with { Section = SectionKind.Summary, Key = "summary:" + i.Key })
            .Where(i => !suppressed.Contains(i.Key))
            .ToList();
    }

    /// <summary>Items with the same text in a section are one item citing every source.</summary>
    private static IEnumerable<DraftItem> Merge(IEnumerable<DraftItem> items) =>
        items.GroupBy(i => i.Text.Trim().ToUpperInvariant())
            .Select(g => g.Count() == 1 ? g.First() : g.First() with
            {
                Sources = g.SelectMany(i => i.Sources).DistinctBy(s => s.Id).ToList(),
                Score = g.Max(i => i.Score),
            });

    private static BriefingItem ToItem(DraftItem draft, BriefingRecipe recipe) =>
        new(draft.Key, Quote(draft.Text, recipe.MaxItemChars), draft.Label, draft.Sources.Select(s => s.Id).Distinct().ToList(), Math.Round(draft.Score, 4));

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

    private static int DaysUntil(DateOnly date, DateTimeOffset now) => (int)Math.Floor((date.ToDateTime(TimeOnly.MinValue) - now.UtcDateTime).TotalDays);

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
