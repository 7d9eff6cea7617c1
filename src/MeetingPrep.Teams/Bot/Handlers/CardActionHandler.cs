using System.Text.Json;
using MeetingPrep.Teams.Bot.Routing;
using MeetingPrep.Teams.Bot.Schema;
using MeetingPrep.Teams.Cards;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Teams.Bot.Handlers;

/// <summary>
/// <c>adaptiveCard/action</c> invokes (Universal Actions from our cards), answered in the HTTP response: an updated card
/// for the invoking user, a short message, or an error body. Verbs are exact names (<see cref="CardVerbs"/>); an unknown
/// verb is answered as not supported. What each verb does lives in <see cref="CardActionService"/>.
/// </summary>
public sealed class CardActionHandler(IBotUserResolver users, CardActionService actions, ILogger<CardActionHandler> logger)
{
    public async Task<InvokeResponse?> OnAdaptiveCardActionAsync(TurnContext turn)
    {
        var response = await HandleAsync(turn);
        return new InvokeResponse(200, BotTurnProcessor.ToJson(response));
    }

    private async Task<AdaptiveCardInvokeResponse> HandleAsync(TurnContext turn)
    {
        AdaptiveCardInvokeValue? value = null;
        if (turn.Activity.Value is { ValueKind: JsonValueKind.Object } raw)
        {
            try
            {
                value = raw.Deserialize(BotJsonContext.Default.AdaptiveCardInvokeValue);
            }
            catch (JsonException)
            {
                value = null;
            }
        }

        var verb = value?.Action?.Verb;
        if (string.IsNullOrWhiteSpace(verb))
        {
            return AdaptiveCardInvokeResponse.Error(400, "BadRequest", "The action has no verb.");
        }

        var user = await users.ResolveAsync(turn);
        if (user is null)
        {
            return AdaptiveCardInvokeResponse.Message(TeamsText.ForLocale(turn.Activity.Locale)["Chat.UnknownUser"]);
        }

        Log.CardAction(logger, verb, turn.Activity.Id);
        var data = value!.Action!.Data is { ValueKind: JsonValueKind.Object } d ? d : default;
        return await actions.HandleAsync(user, verb, data, CardHost.Teams, turn.CancellationToken);
    }
}
