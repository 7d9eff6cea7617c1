using MeetingPrep.Core.Users;
using MeetingPrep.Teams.Bot.Routing;

namespace MeetingPrep.Teams.Bot;

/// <summary>
/// Maps the Teams user of a turn (Entra object id and tenant) to the MeetingPrep user the engine works for.
/// Null when the user cannot be identified; the bot then answers that it cannot help, and reads nothing.
/// </summary>
public interface IBotUserResolver
{
    Task<UserRef?> ResolveAsync(TurnContext turn);
}
