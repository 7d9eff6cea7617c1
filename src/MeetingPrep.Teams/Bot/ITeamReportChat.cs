using System.Text.Json.Nodes;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Teams.Bot;

/// <summary>"team report" in chat: the leaders' card, in <c>text</c>'s language, for a user who opted in to it, null for anyone else.</summary>
public interface ITeamReportChat
{
    Task<JsonObject?> CardForAsync(UserRef user, TeamsText text, CancellationToken cancellationToken);
}
