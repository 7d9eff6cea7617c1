using MeetingPrep.Teams.Bot;
using MeetingPrep.Testing;
using Xunit;

namespace MeetingPrep.Teams.Tests.Bot;

/// <summary>The bot's own welcome card against the 1.5 schema and Microsoft's renderer; untrusted names stay literal.</summary>
public sealed class WelcomeCardTests
{
    [Fact]
    public void The_welcome_card_is_valid_against_the_schema_and_escapes_the_users_name()
    {
        var card = BotCards.Welcome("**Eve** [x](https://evil.example)").ToJsonString();

        Assert.Empty(AdaptiveCardSchema.Validate(card));
        Assert.DoesNotContain("[x](https://evil.example)", card, StringComparison.Ordinal);
        Assert.Contains("settings.open", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_welcome_card_parses_with_zero_events_in_the_official_renderer()
    {
        var tools = NodeTools.Require(OfficialCardValidator.Packages);

        using var report = await OfficialCardValidator.RunAsync(
            tools, [("welcome", BotCards.Welcome("Lena Vogt").ToJsonString())], render: false, chromium: null, screenshots: null, TestContext.Current.CancellationToken);

        var result = Assert.Single(report.RootElement.GetProperty("cards").EnumerateArray());
        Assert.True(result.GetProperty("parseEvents").GetArrayLength() == 0, result.GetProperty("parseEvents").ToString());
        Assert.True(result.GetProperty("checks").GetArrayLength() == 0, result.GetProperty("checks").ToString());
    }
}
