namespace MeetingPrep.Teams.Bot.Connector;

/// <summary>Our token for the Bot Connector; null means "send no token" (the Agents Playground in Development).</summary>
public interface IBotTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}
