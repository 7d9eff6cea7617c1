using MeetingPrep.Core.Users;

namespace MeetingPrep.Teams.Cards;

/// <summary>One meeting of the day as the digest lists it; <paramref name="Reason"/> is in the reader's language (<see cref="TeamsText.Why(MeetingPrep.Core.Briefings.MeetingEligibility?, string?, string)"/>).</summary>
public sealed record DigestEntry(
    string MeetingId,
    string Subject,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool IsAllDay,
    bool Briefed,
    string? Reason,
    Uri? JoinUrl);

/// <summary>The morning digest: today's meetings one line each, with whether a briefing is (or will be) there and why not.</summary>
public static class DigestCardBuilder
{
    private const int MaxRows = 25;

    public static AdaptiveCard Build(UserRef viewer, DateOnly day, IReadOnlyList<DigestEntry> meetings, CardHost host, string? culture = null)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(meetings);
        // Text, dates and times in one language: the reader's setting, else their client's.
        var text = TeamsText.For(culture, viewer);
        var cultureInfo = text.Culture;
        var dayText = CardFormat.Day(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), cultureInfo);
        var card = new AdaptiveCard
        {
            FallbackText = text.Format("Digest.Fallback", dayText),
            Body = [CardParts.Heading(CardText.Markdown(text.Format("Digest.Title", dayText)), spacing: null)],
        };

        if (meetings.Count == 0)
        {
            card.Body.Add(CardParts.Subtle(text["Digest.NoMeetings"]));
            return CardHostAdapter.ForHost(card, host);
        }

        var briefed = meetings.Count(m => m.Briefed);
        card.Body.Add(CardParts.Subtle(CardText.Markdown(text.Format(meetings.Count == 1 ? "Digest.Count.One" : "Digest.Count.Many", meetings.Count, briefed, CardFormat.ZoneLabel(viewer)))));

        var table = new Table
        {
            FirstRowAsHeader = true,
            ShowGridLines = false,
            Spacing = Spacing.Medium,
            Columns = [new TableColumnDefinition { Width = 2 }, new TableColumnDefinition { Width = 5 }, new TableColumnDefinition { Width = 3 }],
            Rows = [Row(Header(text["Digest.Time"]), Header(text["Digest.Meeting"]), Header(text["Digest.Briefing"]))],
        };
        foreach (var meeting in meetings.OrderBy(m => m.Start).Take(MaxRows))
        {
            var time = meeting.IsAllDay ? text["Digest.AllDay"] : CardFormat.Time(meeting.Start, viewer, cultureInfo);
            // A briefed meeting's title opens its briefing card in place (Universal Action).
            var subject = new RichTextBlock
            {
                Inlines =
                [
                    new TextRun
                    {
                        Text = CardText.Plain(string.IsNullOrWhiteSpace(meeting.Subject) ? text["Card.NoSubject"] : meeting.Subject, 80),
                        Color = meeting.Briefed ? TextColor.Accent : null,
                        SelectAction = meeting.Briefed ? new ExecuteAction { Verb = CardVerbs.BriefingOpen, Data = new CardActionData { MeetingId = meeting.MeetingId } } : null,
                    },
                ],
            };
            var status = meeting.Briefed
                ? new TextBlock { Text = text["Digest.Ready"], Color = TextColor.Good, Wrap = true, Size = FontSize.Small }
                : new TextBlock { Text = CardText.Markdown(meeting.Reason ?? text["Digest.NotBriefed"], 80), IsSubtle = true, Wrap = true, Size = FontSize.Small };
            table.Rows.Add(Row(new TextBlock { Text = CardText.Markdown(time), Wrap = true, Size = FontSize.Small }, subject, status));
        }

        card.Body.Add(table);
        if (meetings.Count > MaxRows)
        {
            card.Body.Add(CardParts.Subtle(text.Format("Digest.More", meetings.Count - MaxRows), FontSize.Small));
        }

        card.Actions =
        [
            CardParts.Execute(text["Card.Refresh"], CardVerbs.Refresh, new CardActionData { Day = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
            CardParts.Execute(text["Action.Settings"], CardVerbs.SettingsOpen, null, ActionMode.Secondary),
        ];
        return CardHostAdapter.ForHost(card, host);
    }

    private static TextBlock Header(string text) => new() { Text = text, Weight = FontWeight.Bolder, Size = FontSize.Small };

    private static TableRow Row(params CardElement[] cells) => new() { Cells = cells.Select(c => new TableCell { Items = [c] }).ToList() };
}
