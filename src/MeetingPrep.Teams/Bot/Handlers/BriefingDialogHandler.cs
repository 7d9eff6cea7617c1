using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Teams.Bot.Routing;
using MeetingPrep.Teams.Bot.Schema;
using MeetingPrep.Teams.Cards;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Teams.Bot.Handlers;

/// <summary>
/// <c>task/fetch</c> invokes: "Open the full briefing" on a briefing card (an <c>Action.Submit</c> with
/// <c>msteams.type = task/fetch</c>) opens a Teams dialog holding the whole briefing card, never another trimmed copy.
/// The answer is a task module response: <c>continue</c> with the card, or <c>message</c> with why there is none.
/// </summary>
public sealed class BriefingDialogHandler(IBotUserResolver users, BriefingService briefings, ILogger<BriefingDialogHandler> logger)
{
    public const string TaskFetchInvoke = "task/fetch";

    public async Task<InvokeResponse?> OnTaskFetchAsync(TurnContext turn)
    {
        // The invoke's value is {"data": <the action's data>, "context": {...}}.
        var data = turn.Activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
            ? d
            : default;
        var verb = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("verb", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var meetingId = data.ValueKind == JsonValueKind.Object && data.TryGetProperty("meetingId", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        if (verb != CardVerbs.BriefingFull || !MeetingIds.IsWellFormed(meetingId))
        {
            return Message("This button does not open anything MeetingPrep knows.");
        }

        var user = await users.ResolveAsync(turn);
        if (user is null)
        {
            return Message(TeamsText.ForLocale(turn.Activity.Locale)["Chat.UnknownUser"]);
        }

        Log.CardAction(logger, verb, turn.Activity.Id);
        var result = await briefings.GetBriefingAsync(user, meetingId, turn.CancellationToken);
        if (result.Outcome != BriefingOutcome.Ready)
        {
            return Message(TeamsText.For((await briefings.GetRecipeAsync(user, turn.CancellationToken)).Culture, user).Why(result));
        }

        var briefing = result.Briefing!;
        var card = BotCards.ToJson(BriefingCardRenderer.RenderFull(briefing, user, CardHost.Teams));
        return Respond(new JsonObject
        {
            ["type"] = "continue",
            ["value"] = new JsonObject
            {
                ["title"] = CardText.Plain(string.IsNullOrWhiteSpace(briefing.Meeting.Subject) ? "Briefing" : briefing.Meeting.Subject, 80),
                ["height"] = "large",
                ["width"] = "large",
                ["card"] = new JsonObject { ["contentType"] = AdaptiveCardInvokeResponse.CardType, ["content"] = card },
            },
        });
    }

    private static InvokeResponse Message(string text) => Respond(new JsonObject { ["type"] = "message", ["value"] = text });

    private static InvokeResponse Respond(JsonObject task) => new(200, new JsonObject { ["task"] = task });
}
