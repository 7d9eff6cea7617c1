using MeetingPrep.Core.Users;

namespace MeetingPrep.Teams.Cards;

/// <summary>One meeting of the day as the digest lists it.</summary>
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
        var cultureInfo = CardFormat.ResolveCulture(culture, viewer.Culture);
        var dayText = CardFormat.Day(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), cultureInfo);
        var card = new AdaptiveCard
        {
            FallbackText = $"Your meetings for {dayText}",
            Body = [CardParts.Heading(CardText.Markdown($"Your meetings, {dayText}"), spacing: null)],
        };

        if (meetings.Count == 0)
        {
            card.Body.Add(CardParts.Subtle("No meetings today."));
            return CardHostAdapter.ForHost(card, host);
        }

        var briefed = meetings.Count(m => m.Briefed);
        card.Body.Add(CardParts.Subtle(CardText.Markdown($"{meetings.Count} {(meetings.Count == 1 ? "meeting" : "meetings")}, {briefed} with a briefing ({CardFormat.ZoneLabel(viewer)})")));

        var table = new Table
        {
            FirstRowAsHeader = true,
            ShowGridLines = false,
            Spacing = Spacing.Medium,
            Columns = [new TableColumnDefinition { Width = 2 }, new TableColumnDefinition { Width = 5 }, new TableColumnDefinition { Width = 3 }],
            Rows = [Row(Header("Time"), Header("Meeting"), Header("Briefing"))],
        };
        foreach (var meeting in meetings.OrderBy(m => m.Start).Take(MaxRows))
        {
            var time = meeting.IsAllDay ? "All day" : CardFormat.Time(meeting.Start, viewer, cultureInfo);
            // A briefed meeting's title opens its briefing card in place (Universal Action).
            var subject = new RichTextBlock
            {
                Inlines =
                [
                    new TextRun
                    {
                        Text = CardText.Plain(string.IsNullOrWhiteSpace(meeting.Subject) ? "(no subject)" : meeting.Subject, 80),
                        Color = meeting.Briefed ? TextColor.Accent : null,
                        SelectAction = meeting.Briefed ? new ExecuteAction { Verb = CardVerbs.BriefingOpen, Data = new CardActionData { MeetingId = meeting.MeetingId } } : null,
                    },
                ],
            };
            var status = meeting.Briefed
                ? new TextBlock { Text = "Ready", Color = TextColor.Good, Wrap = true, Size = FontSize.Small }
                : new TextBlock { Text = CardText.Markdown(meeting.Reason ?? "Not briefed", 80), IsSubtle = true, Wrap = true, Size = FontSize.Small };
            table.Rows.Add(Row(new TextBlock { Text = CardText.Markdown(time), Wrap = true, Size = FontSize.Small }, subject, status));
        }

        card.Body.Add(table);
        if (meetings.Count > MaxRows)
        {
            card.Body.Add(CardParts.Subtle($"{meetings.Count - MaxRows} more in your calendar.", FontSize.Small));
        }

        card.Actions =
        [
            CardParts.Execute("Refresh", CardVerbs.Refresh, new CardActionData { Day = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }),
            CardParts.Execute("Settings", CardVerbs.SettingsOpen, null, ActionMode.Secondary),
        ];
        return CardHostAdapter.ForHost(card, host);
    }

    private static TextBlock Header(string text) => new() { Text = text, Weight = FontWeight.Bolder, Size = FontSize.Small };

    private static TableRow Row(params CardElement[] cells) => new() { Cells = cells.Select(c => new TableCell { Items = [c] }).ToList() };
}
