using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Users;
using MeetingPrep.Teams.Bot.Connector;
using MeetingPrep.Teams.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Teams.Bot;

/// <summary>
/// Proactive briefings in Teams: the user's stored personal conversation (from install) gets the briefing card. A 403 or
/// 404 from Teams marks the conversation unusable, so later ticks stop trying until the user installs again.
/// </summary>
public sealed class TeamsBriefingNotifier(
    IConversationReferenceStore references,
    ConnectorClient connector,
    ILogger<TeamsBriefingNotifier> logger) : IBriefingNotifier
{
    public async Task<DeliveryOutcome> DeliverAsync(UserRef user, Briefing briefing, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var activity = TeamsTelemetry.StartSend();
        var outcome = await SendAsync(user, briefing, idempotencyKey, cancellationToken);
        activity?.SetTag("meetingprep.delivery.outcome", outcome.ToString());
        return outcome;
    }

    private async Task<DeliveryOutcome> SendAsync(UserRef user, Briefing briefing, string idempotencyKey, CancellationToken cancellationToken)
    {
        var reference = await references.FindPersonalAsync(user.TenantId, user.UserId, cancellationToken);
        if (reference is null)
        {
            return DeliveryOutcome.NoConversation;
        }

        var activity = OutboundActivity.FromCard(BotCards.Briefing(briefing, user), $"Your briefing for {briefing.Meeting.Subject}") with
        {
            From = new ChannelAccount { Id = reference.BotId },
            Recipient = reference.TeamsUserId is { } teamsUser ? new ChannelAccount { Id = teamsUser } : null,
            Conversation = new ConversationAccount { Id = reference.ConversationId, TenantId = reference.TenantId },
        };
        try
        {
            await connector.SendAsync(reference.ServiceUrl, reference.ConversationId, activity, $"briefing|{user.TenantId}|{user.UserId}|{idempotencyKey}", cancellationToken);
            return DeliveryOutcome.Sent;
        }
        catch (ConnectorException ex) when (ex.ConversationIsGone)
        {
            await references.MarkUnusableAsync(reference.TenantId, reference.ConversationId, cancellationToken);
            Log.ReferenceUnusable(logger, ex.Status, ex.Code);
            return DeliveryOutcome.ConversationGone;
        }
        catch (ConnectorException ex)
        {
            Log.ConnectorFailed(logger, "POST", "proactive briefing", ex.Status, ex.Code);
            return DeliveryOutcome.Failed;
        }
        catch (ServiceUrlNotAllowedException ex)
        {
            Log.ServiceUrlRefused(logger, null, ex.Host);
            return DeliveryOutcome.Failed;
        }
    }
}
