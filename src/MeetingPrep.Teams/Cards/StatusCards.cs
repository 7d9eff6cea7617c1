namespace MeetingPrep.Teams.Cards;

/// <summary>Error and empty-state cards: short, plain, with one way forward.</summary>
public static class StatusCards
{
    /// <summary>Something failed; <paramref name="message"/> must be user-facing text, never an exception message.</summary>
    public static AdaptiveCard Error(string title, string message, string? meetingId, CardHost host, TeamsText? text = null)
    {
        text ??= TeamsText.English;
        var data = new CardActionData { MeetingId = meetingId };
        var card = new AdaptiveCard
        {
            FallbackText = CardText.Plain(title, 120),
            Body =
            [
                new Container
                {
                    Style = ContainerStyle.Attention,
                    Items =
                    [
                        new TextBlock { Text = CardText.Markdown(title, 120), Weight = FontWeight.Bolder, Wrap = true },
                        new TextBlock { Text = CardText.Markdown(message, 400), Wrap = true, Spacing = Spacing.Small },
                    ],
                },
            ],
            Actions = [CardParts.Execute(text["Action.TryAgain"], CardVerbs.Refresh, data)],
        };
        return CardHostAdapter.ForHost(card, host);
    }

    /// <summary>Nothing to show (no meetings, no briefing yet) and what the user can do about it.</summary>
    public static AdaptiveCard Empty(string title, string message, CardHost host, bool offerSettings = true, TeamsText? text = null)
    {
        text ??= TeamsText.English;
        var card = new AdaptiveCard
        {
            FallbackText = CardText.Plain(title, 120),
            Body =
            [
                new TextBlock { Text = CardText.Markdown(title, 120), Weight = FontWeight.Bolder, Wrap = true, Style = TextBlockStyle.Heading },
                new TextBlock { Text = CardText.Markdown(message, 400), Wrap = true, IsSubtle = true, Spacing = Spacing.Small },
            ],
            Actions = offerSettings ? [CardParts.Execute(text["Action.Settings"], CardVerbs.SettingsOpen, null)] : null,
        };
        return CardHostAdapter.ForHost(card, host);
    }
}
