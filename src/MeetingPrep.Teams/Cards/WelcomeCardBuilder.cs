namespace MeetingPrep.Teams.Cards;

/// <summary>The card the bot sends once on install: what MeetingPrep does, what to ask, and how to tune it.</summary>
public static class WelcomeCardBuilder
{
    public static AdaptiveCard Build(string? userName, CardHost host)
    {
        // The name comes from Teams but is still the user's own text: escaped like any other untrusted text.
        var greeting = string.IsNullOrWhiteSpace(userName) ? "Hi, I'm MeetingPrep." : $"Hi {CardText.Markdown(userName, 80)}, I'm MeetingPrep.";
        var card = new AdaptiveCard
        {
            FallbackText = "Welcome to MeetingPrep",
            Body =
            [
                new TextBlock { Text = greeting, Size = FontSize.Large, Weight = FontWeight.Bolder, Wrap = true },
                new TextBlock
                {
                    Text = "Before each client meeting I send you a short briefing: who is coming, the account, open issues, recent e-mails and talking points, each fact with its source.",
                    Wrap = true,
                },
                new TextBlock { Text = "Ask me in plain words:", Weight = FontWeight.Bolder, Wrap = true },
                new TextBlock
                {
                    Text = "- brief me on my next meeting\n- prep for Contoso at 3\n- who is Priya from Fabrikam\n- what is open with Fabrikam\n- last emails with Dan",
                    Wrap = true,
                },
                new TextBlock
                {
                    Text = "Tune what you get with **settings** (length, lead time, which meetings), flag anything wrong on a briefing, or mute a recurring series.",
                    Wrap = true,
                    IsSubtle = true,
                },
            ],
            Actions = [CardParts.Execute("Settings", CardVerbs.SettingsOpen, null)],
        };
        return CardHostAdapter.ForHost(card, host);
    }
}
