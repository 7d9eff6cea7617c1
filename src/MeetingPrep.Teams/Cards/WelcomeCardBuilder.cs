namespace MeetingPrep.Teams.Cards;

/// <summary>The card the bot sends once on install: what MeetingPrep does, what to ask, and how to tune it.</summary>
public static class WelcomeCardBuilder
{
    /// <summary>What to ask, as typed: chat commands are understood in English only, so they stay English in every language.</summary>
    private const string Examples = "- brief me on my next meeting\n- prep for Contoso at 3\n- who is Priya from Fabrikam\n- what is open with Fabrikam\n- last emails with Dan";

    public static AdaptiveCard Build(string? userName, CardHost host, TeamsText? text = null)
    {
        text ??= TeamsText.English;
        // The name comes from Teams but is still the user's own text: escaped like any other untrusted text.
        var greeting = string.IsNullOrWhiteSpace(userName) ? text["Welcome.Hello"] : text.Format("Welcome.HelloName", CardText.Markdown(userName, 80));
        var card = new AdaptiveCard
        {
            FallbackText = text["Welcome.Fallback"],
            Body =
            [
                new TextBlock { Text = greeting, Size = FontSize.Large, Weight = FontWeight.Bolder, Wrap = true },
                new TextBlock { Text = text["Welcome.What"], Wrap = true },
                new TextBlock { Text = text["Welcome.AskMe"], Weight = FontWeight.Bolder, Wrap = true },
                new TextBlock { Text = Examples, Wrap = true },
                new TextBlock { Text = text["Welcome.Tune"], Wrap = true, IsSubtle = true },
            ],
            Actions = [CardParts.Execute(text["Action.Settings"], CardVerbs.SettingsOpen, null)],
        };
        return CardHostAdapter.ForHost(card, host);
    }
}
