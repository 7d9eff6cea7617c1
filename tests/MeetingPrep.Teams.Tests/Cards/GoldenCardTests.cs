using MeetingPrep.Teams.Cards;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>Key cards pinned as golden JSON: a change to what we send is a reviewed diff, not an accident.</summary>
public class GoldenCardTests
{
    public static TheoryData<string> Names() =>
    [
        "briefing-fabrikam.teams",
        "briefing-fabrikam.outlook",
        "briefing-degraded.teams",
        "settings-preview.teams",
        "answer.teams",
        "digest.teams",
        "digest.outlook",
        "error.teams",
        "empty.teams",
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void Card_MatchesItsGoldenFile(string name)
    {
        var card = CardCorpus.All().Single(c => c.Name == name).Card;
        GoldenJson.AssertMatches(name, AdaptiveCardSerializer.Serialize(card));
    }

    [Fact]
    public void GoldenCompare_FailsWithAReadableDiff()
    {
        if (Environment.GetEnvironmentVariable("MEETINGPREP_UPDATE_GOLDEN") == "1")
        {
            return;
        }

        var card = CardCorpus.All().Single(c => c.Name == "error.teams").Card;
        card.FallbackText = "changed";
        var error = Assert.ThrowsAny<Exception>(() => GoldenJson.AssertMatches("error.teams", AdaptiveCardSerializer.Serialize(card)));
        Assert.Contains("expected: \"fallbackText\": \"We could not prepare this briefing\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("actual:   \"fallbackText\": \"changed\"", error.Message, StringComparison.Ordinal);
    }
}
