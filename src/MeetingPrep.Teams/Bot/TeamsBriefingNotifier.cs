using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Users;
using MeetingPrep.Teams.Bot.Connector;
using MeetingPrep.Teams.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Teams.Bot;

/// <summary>
/// Proactive briefings in Teams: the user's stored personal conversation (from install) gets the briefing card, or, when
/// the delivery already has a card there, that card is updated in place (PUT activity). A 403 or 404 from Teams marks the
/// conversation unusable, so later ticks stop trying until the user installs again. A post that may have reached Teams
/// (timed out, 504, connection lost after the request went out) is reported as of unknown outcome, never as failed, so
/// nobody posts it a second time.
/// </summary>
public sealed class TeamsBriefingNotifier(
    IConversationReferenceStore references,
    ConnectorClient connector,
    ILogger<TeamsBriefingNotifier> logger) : IBriefingNotifier
{
    public async Task<DeliveryReceipt> DeliverAsync(
        UserRef user, Briefing briefing, string idempotencyKey, string? existingActivityId, IReadOnlyList<MaterialChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(briefing);
        using var activity = TeamsTelemetry.StartSend();
        var receipt = await SendAsync(user, briefing, idempotencyKey, existingActivityId, changes, cancellationToken);
        activity?.SetTag("meetingprep.delivery.outcome", receipt.Outcome.ToString());
        return receipt;
    }

    public async Task<DeliveryReceipt> DeliverDigestAsync(UserRef user, MeetingDigest digest, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(digest);
        using var activity = TeamsTelemetry.StartSend();
        var text = TeamsText.For(digest.Culture, user);
        var receipt = await SendCardAsync(user.TenantId, user.UserId, BotCards.Digest(digest, user), text["Notify.Digest"], BriefingKey(user, idempotencyKey), null, ProactiveCard.MorningDigest, cancellationToken);
        activity?.SetTag("meetingprep.delivery.outcome", receipt.Outcome.ToString());
        return receipt;
    }

    private Task<DeliveryReceipt> SendAsync(
        UserRef user, Briefing briefing, string idempotencyKey, string? existingActivityId, IReadOnlyList<MaterialChange> changes, CancellationToken cancellationToken)
    {
        // The notification and the "what changed" line in the card's language.
        var text = TeamsText.For(briefing.Recipe.Culture, user);
        var card = BotCards.Briefing(briefing, user);
        if (changes.Count > 0)
        {
            // An update in place says first what changed since the card was sent.
            card["body"]!.AsArray().Insert(0, new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "TextBlock",
                ["text"] = text.Format("Change.Updated", string.Join("; ", changes.Select(c => BotCards.Escape(text.Change(c))))),
                ["wrap"] = true,
                ["weight"] = "Bolder",
                ["color"] = "Attention",
            });
        }

        return SendCardAsync(
            user.TenantId, user.UserId, card, text.Format("Notify.Briefing", briefing.Meeting.Subject), BriefingKey(user, idempotencyKey), existingActivityId, ProactiveCard.Briefing, cancellationToken);
    }

    private static string BriefingKey(UserRef user, string idempotencyKey) => $"briefing|{user.TenantId}|{user.UserId}|{idempotencyKey}";

    /// <summary>
    /// Posts <paramref name="card"/> to the user's personal chat with the bot (or updates the card already there), with the
    /// outcomes of <see cref="DeliverAsync"/>: the one way into Teams for briefings, the digest and the leaders' weekly card.
    /// </summary>
    public async Task<DeliveryReceipt> SendCardAsync(
        string tenantId, string userId, System.Text.Json.Nodes.JsonObject card, string summary, string idempotencyKey, string? existingActivityId, ProactiveCard kind, CancellationToken cancellationToken)
    {
        var reference = await references.FindPersonalAsync(tenantId, userId, cancellationToken);
        if (reference is null)
        {
            return new DeliveryReceipt(DeliveryOutcome.NoConversation);
        }

        var activity = OutboundActivity.FromCard(card, summary) with
        {
            From = new ChannelAccount { Id = reference.BotId },
            Recipient = reference.TeamsUserId is { } teamsUser ? new ChannelAccount { Id = teamsUser } : null,
            Conversation = new ConversationAccount { Id = reference.ConversationId, TenantId = reference.TenantId },
        };
        var method = existingActivityId is null ? "POST" : "PUT";
        try
        {
            if (existingActivityId is not null)
            {
                await connector.UpdateAsync(reference.ServiceUrl, reference.ConversationId, existingActivityId, activity, cancellationToken);
                return new DeliveryReceipt(DeliveryOutcome.Sent, existingActivityId);
            }

            var posted = await connector.SendAsync(reference.ServiceUrl, reference.ConversationId, activity, idempotencyKey, cancellationToken);
            return new DeliveryReceipt(DeliveryOutcome.Sent, posted.ActivityId);
        }
        catch (ConnectorException ex) when (ex.ConversationIsGone)
        {
            await references.MarkUnusableAsync(reference.TenantId, reference.ConversationId, cancellationToken);
            Log.ReferenceUnusable(logger, ex.Status, ex.Code);
            return new DeliveryReceipt(DeliveryOutcome.ConversationGone);
        }
        catch (ConnectorException ex)
        {
            Log.ConnectorFailed(logger, method, kind.ToString(), ex.Status, ex.Code);

            // A gateway timeout means the request reached Teams' front door and nobody knows what happened behind it.
            return new DeliveryReceipt(ex.Status == 504 && existingActivityId is null ? DeliveryOutcome.Unknown : DeliveryOutcome.Failed);
        }
        catch (ServiceUrlNotAllowedException ex)
        {
            Log.ServiceUrlRefused(logger, null, ex.Host);
            return new DeliveryReceipt(DeliveryOutcome.Failed);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
        {
            // The connection never opened: nothing was sent.
            Log.ConnectorFailed(logger, method, kind.ToString(), 0, ex.HttpRequestError.ToString());
            return new DeliveryReceipt(DeliveryOutcome.Failed);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The request went out and its answer never came (the client's timeout, a connection dropped mid-response).
            Log.ConnectorFailed(logger, method, kind.ToString(), 0, ex.GetType().Name);
            return new DeliveryReceipt(existingActivityId is null ? DeliveryOutcome.Unknown : DeliveryOutcome.Failed);
        }
    }
}
