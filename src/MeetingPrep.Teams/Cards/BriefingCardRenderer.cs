using System.Globalization;
using System.Text.RegularExpressions;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Sources;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Teams.Cards;

/// <summary>How a briefing card is rendered beyond the briefing itself.</summary>
public sealed record BriefingCardOptions
{
    public CardHost Host { get; init; } = CardHost.Teams;

    /// <summary>Size limits; null follows the briefing's length (<see cref="CardBudget.For"/>).</summary>
    public CardBudget? Budget { get; init; }

    /// <summary>
    /// Teams MRIs (29:…) whose clients refresh the card automatically (at most 60). Null omits <c>userIds</c>, which
    /// Teams treats as "everyone" in chats of up to 60 members — right for the personal chat.
    /// </summary>
    public IReadOnlyList<string>? RefreshUserIds { get; init; }

    /// <summary>Outlook Actionable Messages provider id, written as <c>originator</c> for the Outlook host.</summary>
    public string? OutlookOriginator { get; init; }

    /// <summary>
    /// Items of each section shown before "Show more"; the summary and who is coming are always shown whole. Null follows
    /// the briefing's length: one line per section, every line for a detailed briefing.
    /// </summary>
    public int? VisibleItemsPerSection { get; init; }

    /// <summary>
    /// The whole briefing, for a Teams dialog or the Outlook pane's full view: every line shown (no "Show more"), up to the
    /// hard limit (a dialog scrolls), and no link to itself. In Teams it holds no Universal Actions (a dialog runs none).
    /// </summary>
    public bool Full { get; init; }

    internal CardBudget BudgetFor(Briefing briefing) => Budget ?? (Full ? CardBudget.Whole : CardBudget.For(briefing.Recipe.Length));

    internal int VisibleFor(Briefing briefing) =>
        Full ? int.MaxValue : VisibleItemsPerSection ?? (briefing.Recipe.Length == BriefingLength.Detailed ? int.MaxValue : 1);
}

/// <summary>
/// Briefing → card, as a pure function. The card reads top-down as the reader needs it: title, time in their zone,
/// join; a notice if a source failed; the summary; each section with its top item and the rest behind a toggle;
/// sources behind a toggle; then feedback actions. When the card is over budget, the lowest-scored items are trimmed
/// first (pinned lines, who is coming and the summary last) and the card says how many more are in the full briefing it opens.
/// No line is shown twice: a line whose text (case, spaces and citation marks aside) is already on the card is left out.
/// </summary>
public static partial class BriefingCardRenderer
{
    private const int MaxUnavailableShown = 5;
    private const int MaxNotesShown = 3;
    /// <summary>Flag choices show the line (numbered, so no two read the same) up to here; they wrap instead of being cut short.</summary>
    private const int ChoiceTitleChars = 52;
    private const int MinBytesPerItem = 64;
    private const int MaxIdLength = 1024;

    public static AdaptiveCard Render(Briefing briefing, UserRef viewer, CardHost host) =>
        Render(briefing, viewer, new BriefingCardOptions { Host = host });

    /// <summary>The whole briefing (<see cref="BriefingCardOptions.Full"/>): what "Open the full briefing" shows.</summary>
    public static AdaptiveCard RenderFull(Briefing briefing, UserRef viewer, CardHost host) =>
        Render(briefing, viewer, new BriefingCardOptions { Host = host, Full = true });

    public static AdaptiveCard Render(Briefing briefing, UserRef viewer, BriefingCardOptions options)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(options);

        // Ids travel in every action's data; a Graph id is ~150 characters, so anything huge is not a meeting id.
        ArgumentException.ThrowIfNullOrWhiteSpace(briefing.Meeting.Id);
        if (briefing.Meeting.Id.Length > MaxIdLength || briefing.Meeting.SeriesId?.Length > MaxIdLength)
        {
            throw new ArgumentException($"The meeting and series ids must be at most {MaxIdLength} characters.", nameof(briefing));
        }

        // Lowest score first; ties drop later sections' and later items' lines first. Pinned lines (deals closing within
        // 14 days), who is coming and the summary go last, so they always have room.
        var trimOrder = briefing.Sections
            .SelectMany((section, s) => section.Items.Select((item, i) => (Section: s, Item: i, item.Score, Tier: Protection(section.Kind, i, item))))
            .OrderBy(x => x.Tier)
            .ThenBy(x => x.Score)
            .ThenByDescending(x => x.Section)
            .ThenByDescending(x => x.Item)
            .Select(x => (x.Section, x.Item))
            .ToArray();
        var budget = options.BudgetFor(briefing);
        using var activity = TeamsTelemetry.StartCard(options.Host);

        var card = Build(briefing, viewer, options, []);
        var size = AdaptiveCardSerializer.SizeInBytes(card);
        if (size <= budget.TargetBytes)
        {
            return TeamsTelemetry.CardRendered(activity, card, options.Host, trimmedItems: 0, size);
        }

        // Smallest number of trimmed items that fits the target, by binary search (size grows with kept items).
        // Every kept item costs well over MinBytesPerItem (its line plus its choice in the flag form), so searching
        // below that bound would only build huge cards that cannot fit.
        var low = Math.Max(1, trimOrder.Length - (budget.TargetBytes / MinBytesPerItem));
        var high = trimOrder.Length;
        AdaptiveCard? best = null;
        var bestTrimmed = trimOrder.Length;
        while (low <= high)
        {
            var mid = low + ((high - low) / 2);
            var candidate = Build(briefing, viewer, options, trimOrder.Take(mid).ToHashSet());
            if (AdaptiveCardSerializer.SizeInBytes(candidate) <= budget.TargetBytes)
            {
                best = candidate;
                bestTrimmed = mid;
                high = mid - 1;
            }
            else
            {
                low = mid + 1;
            }
        }

        best ??= Build(briefing, viewer, options, trimOrder.ToHashSet());
        size = AdaptiveCardSerializer.SizeInBytes(best);
        if (size <= budget.HardBytes)
        {
            return TeamsTelemetry.CardRendered(activity, best, options.Host, bestTrimmed, size);
        }

        // Only reachable if the fixed parts alone are too big; every text is capped, so this is a last line of defence.
        TeamsTelemetry.CardTooLarge(activity, options.Host);
        var text = TeamsText.For(briefing.Recipe.Culture, viewer);
        return StatusCards.Error(text["Card.TooLargeTitle"], text["Card.TooLargeMessage"], briefing.Meeting.Id, options.Host, text);
    }

    private static AdaptiveCard Build(Briefing briefing, UserRef viewer, BriefingCardOptions options, HashSet<(int Section, int Item)> trimmed)
    {
        // The reader's language (their setting, else their Teams/Outlook locale); dates and numbers follow it.
        var text = TeamsText.For(briefing.Recipe.Culture, viewer);
        var culture = text.Culture;
        var meeting = briefing.Meeting;
        var data = new CardActionData { MeetingId = meeting.Id };
        var maxItemChars = Math.Clamp(briefing.Recipe.MaxItemChars, 80, 400);
        var subject = CardText.Plain(string.IsNullOrWhiteSpace(meeting.Subject) ? text["Card.NoSubject"] : meeting.Subject, CardText.TitleMaxLength);
        var when = CardFormat.MeetingTime(meeting.Start, meeting.End, meeting.IsAllDay, viewer, culture);

        var card = new AdaptiveCard
        {
            FallbackText = text.Format("Card.Fallback", subject, when),
            Refresh = options.Full ? null : new CardRefresh
            {
                Action = new ExecuteAction { Verb = CardVerbs.Refresh, Title = text["Card.Refresh"], Data = data },
                UserIds = options.RefreshUserIds?.Take(60).ToList(),
            },
        };

        AddHeader(card.Body, briefing, viewer, subject, when, options.Host, text);
        AddUnavailableNotice(card.Body, briefing, text);

        var keptItems = new List<(BriefingItem Item, int Number)>();
        var usedSources = new SortedSet<int>();
        var trimmedCount = 0;
        var shownSections = 0;
        var order = briefing.Sections
            .Select((section, index) => (Section: section, Index: index))
            .OrderBy(x => x.Section.Kind == SectionKind.Summary ? 0 : 1) // the summary leads; the rest keep the briefing's order
            .ToList();
        var shownTexts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (section, s) in order)
        {
            var items = section.Items.Where((_, i) => !trimmed.Contains((s, i))).Where(item => shownTexts.Add(Normalized(item.Text, maxItemChars))).ToList();
            var dropped = section.Items.Where((_, i) => trimmed.Contains((s, i))).Count();
            trimmedCount += dropped;
            if (items.Count == 0)
            {
                continue;
            }

            foreach (var item in items)
            {
                keptItems.Add((item, keptItems.Count + 1));
                foreach (var citation in item.Citations)
                {
                    var number = briefing.CitationNumber(citation);
                    if (number > 0)
                    {
                        usedSources.Add(number);
                    }
                }
            }

            card.Body.Add(RenderSection(section, s, items, dropped, briefing, maxItemChars, options, text));
            shownSections++;
        }

        if (shownSections == 0)
        {
            card.Body.Add(new TextBlock
            {
                Text = trimmedCount > 0
                    ? text["Card.TooLong"]
                    : text["Card.NothingToBrief"],
                Wrap = true,
                Spacing = Spacing.Medium,
            });
        }

        AddSources(card.Body, briefing, usedSources, viewer, text);
        AddFooter(card.Body, briefing, viewer, trimmedCount, options, text);
        if (trimmedCount > 0 && !options.Full)
        {
            card.Body.Add(new ActionSet { Actions = [OpenFullAction(data, options.Host, text)], Spacing = Spacing.Small });
        }

        var actions = BuildActions(briefing, data, keptItems, text);

        // A Teams dialog runs no Universal Actions (its buttons would arrive as task/submit): links only.
        card.Actions = options.Full && options.Host == CardHost.Teams ? actions.Where(a => a is OpenUrlAction).ToList() : actions;
        return CardHostAdapter.ForHost(card, options.Host, options.OutlookOriginator);
    }

    private static void AddHeader(List<CardElement> body, Briefing briefing, UserRef viewer, string subject, string when, CardHost host, TeamsText text)
    {
        var meeting = briefing.Meeting;
        body.Add(new RichTextBlock
        {
            Inlines = [new TextRun { Text = subject, Size = FontSize.Large, Weight = FontWeight.Bolder }],
        });
        body.Add(CardParts.Subtle(CardText.Markdown(text.Format("Card.YourTime", when, CardFormat.ZoneLabel(viewer)))));

        var line = WhoLine(meeting, viewer, text);
        if (!string.IsNullOrWhiteSpace(meeting.Location))
        {
            line = (line is null ? string.Empty : line + " · ") + CardText.Sanitize(meeting.Location);
        }

        if (line is not null)
        {
            body.Add(CardParts.Subtle(CardText.Markdown(line, 400)));
        }

        // Join first: it is what a reader needs at the meeting's start.
        var links = new List<CardAction>();
        if (CardText.SafeUrl(meeting.JoinUrl) is { } join)
        {
            links.Add(new OpenUrlAction { Id = "meeting.join", Title = text["Card.Join"], Url = join, Style = ActionStyle.Positive });
        }

        // Inside Outlook the meeting is already open beside the pane.
        if (host != CardHost.Outlook && CardText.SafeUrl(meeting.WebLink) is { } web)
        {
            links.Add(new OpenUrlAction { Id = "meeting.open", Title = text["Card.OpenInOutlook"], Url = web });
        }

        if (links.Count > 0)
        {
            body.Add(new ActionSet { Actions = links, Spacing = Spacing.Small });
        }
    }

    /// <summary>External people named on the header line before the rest are counted ("and 3 more").</summary>
    private const int NamedExternals = 5;

    /// <summary>Colleagues named on the header line; they need no introduction, so fewer.</summary>
    private const int NamedInternals = 3;

    /// <summary>
    /// Who is in the room by name, their side first ("With Priya Raman (organizer), Dan Okafor; from us: you, Sam Lee"):
    /// counts alone do not tell a reader whom to prepare for. Roles and why each matters are the "Who is coming" lines.
    /// </summary>
    internal static string? WhoLine(BriefingMeeting meeting, UserRef viewer, TeamsText text)
    {
        var externals = meeting.Attendees.Where(a => a.IsExternal).ToList();
        var internals = meeting.Attendees.Where(a => !a.IsExternal).ToList();
        var parts = new List<string>(2);
        if (externals.Count > 0 || meeting.ExternalAttendeeCount > 0)
        {
            var names = externals.Select(a => Named(a, viewer, text)).ToList();
            parts.Add(text.Format("Who.With", NameList(names, NamedExternals, Math.Max(meeting.ExternalAttendeeCount, externals.Count), "Who.ExternalCount", text)));
        }

        if (internals.Count > 0 || meeting.InternalAttendeeCount > 0)
        {
            // The reader first: "you" is the name they look for.
            var names = internals.OrderBy(a => IsViewer(a, viewer) ? 0 : 1).Select(a => Named(a, viewer, text)).ToList();
            var list = NameList(names, NamedInternals, Math.Max(meeting.InternalAttendeeCount, internals.Count), "Who.InternalCount", text);
            parts.Add(text.Format(parts.Count == 0 ? "Who.FromUsLead" : "Who.FromUs", list));
        }

        return parts.Count == 0 ? null : string.Join(text["Who.PartsSeparator"], parts);
    }

    private static bool IsViewer(BriefingAttendee attendee, UserRef viewer) =>
        string.Equals(attendee.Email, viewer.Upn, StringComparison.OrdinalIgnoreCase);

    private static string Named(BriefingAttendee attendee, UserRef viewer, TeamsText text)
    {
        if (IsViewer(attendee, viewer))
        {
            return text["Who.You"];
        }

        var name = CardText.Cap(CardText.Sanitize(string.IsNullOrWhiteSpace(attendee.Name) ? attendee.Email : attendee.Name), 40);
        return attendee.IsOrganizer && attendee.IsExternal ? text.Format("Who.Organizer", name) : name;
    }

    /// <summary>"A, B and C"; past <paramref name="max"/> names "A, B and 4 more"; with no names at all, the count.</summary>
    private static string NameList(List<string> names, int max, int total, string countKey, TeamsText text)
    {
        if (names.Count == 0)
        {
            return text.Format(countKey, total);
        }

        var shown = names.Take(max).ToList();
        var rest = total - shown.Count;
        return rest > 0 ? text.Format("Who.AndMore", string.Join(text["List.Separator"], shown), rest) : text.List(shown);
    }

    private static void AddUnavailableNotice(List<CardElement> body, Briefing briefing, TeamsText text)
    {
        if (briefing.Unavailable.Count == 0)
        {
            return;
        }

        var notice = new Container { Style = ContainerStyle.Warning, Spacing = Spacing.Medium };
        notice.Items.Add(new TextBlock
        {
            Text = text["Notice.Unavailable"],
            Wrap = true,
            Weight = FontWeight.Bolder,
            Size = FontSize.Small,
        });
        foreach (var source in briefing.Unavailable.Take(MaxUnavailableShown))
        {
            notice.Items.Add(new TextBlock
            {
                Text = CardText.Markdown($"{CardText.Cap(CardText.Sanitize(source.Source), 60)}: {source.Reason}", 200),
                Wrap = true,
                Size = FontSize.Small,
                Spacing = Spacing.None,
            });
        }

        if (briefing.Unavailable.Count > MaxUnavailableShown)
        {
            notice.Items.Add(new TextBlock { Text = text.Format("Notice.AndMore", briefing.Unavailable.Count - MaxUnavailableShown), Size = FontSize.Small, Spacing = Spacing.None });
        }

        body.Add(notice);
    }

    private static Container RenderSection(
        BriefingSection section, int index, List<BriefingItem> items, int moreCount, Briefing briefing, int maxItemChars, BriefingCardOptions options, TeamsText text)
    {
        var sources = briefing.Sources;
        var id = $"section-{index}";
        var container = new Container { Id = id, Spacing = Spacing.Medium };
        var title = CardText.Markdown(SectionTitle(section, text), 80);
        var shownWhole = section.Kind is SectionKind.Summary or SectionKind.Attendees;
        var visible = shownWhole ? items.Count : Math.Max(1, options.VisibleFor(briefing));

        // Hiding a single line costs more space (the toggle row) than it saves on screen.
        if (items.Count - visible < 2)
        {
            visible = items.Count;
        }

        // Every label names its section, so no two lines of the card read the same.
        var hidden = items.Skip(visible).ToList();
        var moreNote = moreCount > 0 ? text.Format(options.Full ? "Section.MoreDidNotFit" : "Section.MoreInFull", moreCount, Noun(section.Kind, moreCount, text)) : null;

        if (hidden.Count > 0)
        {
            var moreId = id + "-more";
            container.Items.Add(CardParts.ToggleHeader(CardParts.Heading(title, spacing: null), moreId, text.Format("Section.ShowMore", hidden.Count, Noun(section.Kind, hidden.Count, text)), text.Format("Section.ShowFewer", Noun(section.Kind, 2, text)), spacing: null));
            foreach (var item in items.Take(visible))
            {
                container.Items.Add(CardParts.ItemLine(item, sources, maxItemChars, text));
            }

            var more = new Container { Id = moreId, IsVisible = false, Spacing = Spacing.None };
            more.Items.AddRange(hidden.Select(item => CardParts.ItemLine(item, sources, maxItemChars, text)));
            if (moreNote is not null)
            {
                more.Items.Add(CardParts.Subtle(moreNote, FontSize.Small));
            }

            container.Items.Add(more);
        }
        else
        {
            container.Items.Add(CardParts.Heading(title, spacing: null));
            container.Items.AddRange(items.Select(item => CardParts.ItemLine(item, sources, maxItemChars, text)));
            if (moreNote is not null)
            {
                container.Items.Add(CardParts.Subtle(moreNote, FontSize.Small));
            }
        }

        return container;
    }

    /// <summary>
    /// Lines of "Who is coming" that always have room on the card (a 150-person webinar lists the rest elsewhere): the
    /// highest-ranked people and, wherever the writer ranked it, the line naming our colleagues.
    /// </summary>
    private const int ProtectedAttendeeLines = 6;

    private const string InternalAttendeesKey = "attendee:internal";

    /// <summary>Trim tiers: ordinary lines first, then pinned ones, then the first lines of who is coming, then the summary.</summary>
    private static int Protection(SectionKind kind, int index, BriefingItem item) => kind switch
    {
        SectionKind.Summary => 3,
        SectionKind.Attendees when index < ProtectedAttendeeLines || item.Key == InternalAttendeesKey => 2,
        _ => item.Pinned ? 1 : 0,
    };

    /// <summary>What a section's lines are, for its "Show more" labels and notes ("1 more issue", "3 more issues").</summary>
    private static string Noun(SectionKind kind, int count, TeamsText text) =>
        text[$"Noun.{(Enum.IsDefined(kind) ? kind.ToString() : "Other")}.{(count == 1 ? "One" : "Many")}"];

    /// <summary>
    /// The writer's own title in English; in another language the section's title in that language (the writer names
    /// sections in English, and a title is interface text, unlike the quoted lines under it).
    /// </summary>
    internal static string SectionTitle(BriefingSection section, TeamsText text) =>
        text.IsEnglish || !Enum.IsDefined(section.Kind)
            ? (string.IsNullOrWhiteSpace(section.Title) ? section.Kind.ToString() : section.Title)
            : text[$"Section.{section.Kind}"];

    /// <summary>A line as a reader compares it: as shown (capped), case, spaces and citation marks aside.</summary>
    internal static string Normalized(string text, int maxChars)
    {
        var words = CitationMarkRegex().Replace(CardText.Plain(text, maxChars), " ").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words).ToUpperInvariant();
    }

    [GeneratedRegex(@"\[\d{1,3}\]")]
    private static partial Regex CitationMarkRegex();

    private static void AddSources(List<CardElement> body, Briefing briefing, SortedSet<int> used, UserRef viewer, TeamsText text)
    {
        if (used.Count == 0)
        {
            return;
        }

        const string id = "sources";
        var list = new Container { Id = id, IsVisible = false, Spacing = Spacing.Small };
        foreach (var number in used)
        {
            var source = briefing.Sources[number - 1];
            var date = source.Timestamp is { } at ? CardFormat.Day(TimeZoneInfo.ConvertTime(at, viewer.ResolveTimeZone()), text.Culture) : null;
            list.Items.Add(CardParts.SourceLine(number, source, date, text));
        }

        var title = new TextBlock { Text = text.Format("Sources.Title", used.Count), Weight = FontWeight.Bolder, Size = FontSize.Small };
        body.Add(CardParts.ToggleHeader(title, id, text["Toggle.Show"], text["Toggle.Hide"]));
        body.Add(list);
    }

    /// <summary>
    /// Opens the whole briefing. Teams: <c>Action.Submit</c> with <c>msteams.type = task/fetch</c>, answered by the bot with
    /// a dialog holding the full card. Outlook pane (and the demo page): a Universal Action answered with the full card.
    /// </summary>
    internal static CardAction OpenFullAction(CardActionData data, CardHost host, TeamsText text)
    {
        var title = text["Full.Open"];
        return host == CardHost.Teams
            ? new SubmitAction
            {
                Id = CardVerbs.BriefingFull,
                Title = title,
                Data = new CardActionData { MeetingId = data.MeetingId, Verb = CardVerbs.BriefingFull, Msteams = MsTeamsSubmit.TaskFetch },
            }
            : CardParts.Execute(title, CardVerbs.BriefingFull, data);
    }

    private static void AddFooter(List<CardElement> body, Briefing briefing, UserRef viewer, int moreCount, BriefingCardOptions options, TeamsText text)
    {
        var culture = text.Culture;
        var parts = new List<string>
        {
            text["Footer.Facts"],
        };
        if (briefing.Sections.Any(s => s.Items.Any(i => i.WrittenByModel)))
        {
            parts.Add(text["Footer.Ai"]);
        }

        parts.Add(text.Format(
            "Footer.Prepared",
            CardFormat.Day(TimeZoneInfo.ConvertTime(briefing.GeneratedAt, viewer.ResolveTimeZone()), culture),
            CardFormat.Time(briefing.GeneratedAt, viewer, culture),
            CardText.Cap(CardText.Sanitize(briefing.Writer), 40)));
        if (moreCount > 0)
        {
            // Where the lines this card had no room for can be read: the full briefing (which holds every line).
            parts.Add(text.Format($"{(options.Full ? "Footer.MoreDidNotFit" : "Footer.MoreInFull")}.{(moreCount == 1 ? "One" : "Many")}", moreCount));
        }

        // Lines the writer left out for the recipe's length are in no view; say so, and where to ask for more.
        var leftOut = briefing.Sections.Sum(x => x.OmittedCount);
        if (leftOut > 0)
        {
            parts.Add(text.Format(leftOut == 1 ? "Footer.LeftOut.One" : "Footer.LeftOut.Many", leftOut));
        }

        parts.AddRange(briefing.Notes.Take(MaxNotesShown).Select(n => CardText.Cap(CardText.Sanitize(n), 200)));
        body.Add(new TextBlock
        {
            Text = CardText.Markdown(string.Join(" ", parts), 900),
            IsSubtle = true,
            Wrap = true,
            Size = FontSize.Small,
            Separator = true,
            Spacing = Spacing.Medium,
        });
    }

    private static List<CardAction> BuildActions(Briefing briefing, CardActionData data, List<(BriefingItem Item, int Number)> items, TeamsText text)
    {
        var actions = new List<CardAction>
        {
            CardParts.Execute(text["Action.Helpful"], CardVerbs.FeedbackHelpful, data),
            CardParts.Execute(text["Action.NotHelpful"], CardVerbs.FeedbackNotHelpful, data),
        };

        if (items.Count > 0)
        {
            actions.Add(new ShowCardAction { Id = "item.flag", Title = text["Action.Flag"], Card = FlagCard(data, items, text) });
        }

        var crm = briefing.Sources.FirstOrDefault(s => s.Kind == SourceKind.CrmAccount && CardText.SafeUrl(s.Url) is not null)
            ?? briefing.Sources.FirstOrDefault(s => s.Kind is SourceKind.Opportunity or SourceKind.CrmContact && CardText.SafeUrl(s.Url) is not null);
        if (crm is not null)
        {
            actions.Add(new OpenUrlAction { Id = "crm.open", Title = text["Action.OpenInCrm"], Url = CardText.SafeUrl(crm.Url)! });
        }

        // The rest sit behind "More": hosts cap visible actions (the official renderer's default is 5) and 1.4 hosts
        // have no overflow menu, so this keeps the same layout everywhere.
        var more = new List<CardAction> { CardParts.Execute(text["Card.Refresh"], CardVerbs.Refresh, data) };
        if (briefing.Meeting.SeriesId is { Length: > 0 } seriesId)
        {
            more.Add(CardParts.Execute(text["Action.MuteSeries"], CardVerbs.SeriesMute, new CardActionData { MeetingId = data.MeetingId, SeriesId = seriesId }));
        }

        more.Add(CardParts.Execute(text["Action.Settings"], CardVerbs.SettingsOpen, data));
        actions.Add(new ShowCardAction
        {
            Id = "more",
            Title = text["Action.More"],
            Card = new AdaptiveCard
            {
                Body = [CardParts.Subtle(text["More.Explain"], FontSize.Small)],
                Actions = more,
            },
        });
        return actions;
    }

    /// <summary>The "this is wrong" form: pick the line, say why; the key travels as an input value.</summary>
    private static AdaptiveCard FlagCard(CardActionData data, List<(BriefingItem Item, int Number)> items, TeamsText text) => new()
    {
        Body =
        [
            new InputChoiceSet
            {
                Id = CardVerbs.ItemKeyInput,
                Label = text["Flag.Which"],
                // A drop-down cuts every choice to its width; a wrapped list shows each line whole.
                Style = ChoiceInputStyle.Expanded,
                Wrap = true,
                IsRequired = true,
                ErrorMessage = text["Flag.Pick"],
                Choices = items.Select(x => new InputChoice(CardText.Plain($"{x.Number}. {x.Item.Text}", ChoiceTitleChars), x.Item.Key)).ToList(),
            },
            new InputText
            {
                Id = CardVerbs.CommentInput,
                Label = text["Flag.What"],
                IsMultiline = true,
                MaxLength = 500,
                Placeholder = text["Flag.Placeholder"],
            },
        ],
        Actions = [new ExecuteAction { Id = CardVerbs.ItemFlagWrong, Title = text["Flag.Send"], Verb = CardVerbs.ItemFlagWrong, Data = data, AssociatedInputs = AssociatedInputs.Auto }],
    };
}
