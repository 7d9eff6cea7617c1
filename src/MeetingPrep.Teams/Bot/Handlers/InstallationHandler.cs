using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Users;
using MeetingPrep.Teams.Bot.Routing;
using MeetingPrep.Teams.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Teams.Bot.Handlers;

/// <summary>
/// Install and uninstall: <c>installationUpdate</c> (add / remove, and their -upgrade forms) and <c>conversationUpdate</c>
/// with the bot among the members added or removed. On install the user is resolved (their UPN, through the
/// <see cref="IBotUserResolver"/>), the conversation reference is stored with it for proactive briefings, and a welcome
/// card is sent once per conversation; on uninstall the reference is deleted. An install (not an upgrade) by a resolved
/// user is an engagement signal: the outcome report tells meetings from before it.
/// </summary>
public sealed class InstallationHandler(
    IConversationReferenceStore references,
    IBotUserResolver users,
    IEngagementLog engagement,
    TimeProvider time,
    ILogger<InstallationHandler> logger)
{
    public async Task<InvokeResponse?> OnInstallationUpdateAsync(TurnContext turn)
    {
        var action = turn.Activity.Action ?? string.Empty;
        if (action.StartsWith("remove", StringComparison.OrdinalIgnoreCase))
        {
            await RemoveAsync(turn);
        }
        else if (action.StartsWith("add", StringComparison.OrdinalIgnoreCase))
        {
            await InstallAsync(turn, welcome: !action.EndsWith("upgrade", StringComparison.OrdinalIgnoreCase));
        }

        return null;
    }

    public async Task<InvokeResponse?> OnConversationUpdateAsync(TurnContext turn)
    {
        var botId = turn.Activity.Recipient?.Id;
        if (botId is null)
        {
            return null;
        }

        if (turn.Activity.MembersRemoved?.Any(m => m.Id == botId) == true)
        {
            await RemoveAsync(turn);
        }
        else if (turn.Activity.MembersAdded?.Any(m => m.Id == botId) == true)
        {
            await InstallAsync(turn, welcome: true);
        }

        return null;
    }

    /// <summary>
    /// Stores (or refreshes) the reference for this conversation; any activity may call it to keep serviceUrl current.
    /// With the turn's <paramref name="user"/> resolved, the reference names that user (object id and UPN), which is what
    /// makes them a recipient of proactive briefings.
    /// </summary>
    public async Task RememberAsync(TurnContext turn, UserRef? user = null)
    {
        var activity = turn.Activity;
        var tenant = activity.TenantId;
        if (tenant is null || activity.Conversation?.Id is null || activity.ServiceUrl is null)
        {
            return;
        }

        var isUser = activity.From?.Id is { } fromId && !fromId.StartsWith("28:", StringComparison.Ordinal);
        var known = isUser ? user : null;
        await references.SaveAsync(
            new ConversationReference(
                tenant,
                activity.Conversation.Id,
                activity.ServiceUrl,
                activity.ChannelId ?? "msteams",
                activity.Conversation.ConversationType ?? "personal",
                activity.Recipient?.Id ?? string.Empty,
                isUser ? activity.From!.Id : null,
                known?.UserId ?? (isUser ? activity.From!.AadObjectId : null),
                known?.Upn,
                isUser ? activity.From!.Name ?? known?.DisplayName : null,
                activity.Locale ?? known?.Culture,
                activity.UserTimeZone ?? known?.TimeZone,
                IsUsable: true,
                time.GetUtcNow()),
            turn.CancellationToken);
        Log.ReferenceStored(logger, activity.Conversation.ConversationType, tenant);
    }

    private async Task InstallAsync(TurnContext turn, bool welcome)
    {
        // Proactive briefings read the calendar by UPN, and a user who installs and never writes must get them too.
        var user = await TryResolveUserAsync(turn);
        await RememberAsync(turn, user);
        if (welcome)
        {
            if (user is not null)
            {
                await engagement.RecordAsync(new EngagementSignal(user.TenantId, user.UserId, null, null, EngagementKind.Installed, null, time.GetUtcNow()), turn.CancellationToken);
            }

            // Teams (and the Agents Playground) send both installationUpdate and conversationUpdate: welcome once.
            // In the client's language: a new user has no language setting yet.
            var text = TeamsText.ForLocale(turn.Activity.Locale);
            await turn.ReplyOnceAsync(OutboundActivity.FromCard(BotCards.Welcome(turn.Activity.From?.Name, text), text["Welcome.Fallback"]), $"welcome|{turn.ConversationId}");
        }
    }

    /// <summary>The installing user of a personal chat, or null; a failed look-up never fails the install (a later message retries it).</summary>
    private async Task<UserRef?> TryResolveUserAsync(TurnContext turn)
    {
        if (!string.Equals(turn.Activity.Conversation?.ConversationType ?? "personal", "personal", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var user = await users.ResolveAsync(turn);
            if (user is null)
            {
                Log.InstallUserUnresolved(logger, null, turn.Activity.TenantId, "unknown user");
            }

            return user;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !turn.CancellationToken.IsCancellationRequested)
        {
            Log.InstallUserUnresolved(logger, ex, turn.Activity.TenantId, ex.GetType().Name);
            return null;
        }
    }

    private async Task RemoveAsync(TurnContext turn)
    {
        if (turn.Activity.TenantId is { } tenant && turn.Activity.Conversation?.Id is { } conversation)
        {
            await references.RemoveAsync(tenant, conversation, turn.CancellationToken);
            Log.ReferenceRemoved(logger, tenant);
        }
    }
}
