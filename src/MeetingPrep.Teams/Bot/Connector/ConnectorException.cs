namespace MeetingPrep.Teams.Bot.Connector;

/// <summary>A connector call failed; <see cref="Code"/> is the connector's error code (e.g. <c>ConversationBlockedByUser</c>).</summary>
public sealed class ConnectorException(int status, string? code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string? Code { get; } = code;

    /// <summary>Teams will not accept messages in this conversation again (bot removed, blocked, conversation gone).</summary>
    public bool ConversationIsGone => Status is 403 or 404 && Code != "InvalidBotApiHost" && Code != "TokenRequestFailed";
}
