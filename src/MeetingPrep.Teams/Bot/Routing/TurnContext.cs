using MeetingPrep.Core.Delivery;
using MeetingPrep.Teams.Bot.Connector;
using MeetingPrep.Teams.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Teams.Bot.Routing;

/// <summary>
/// One inbound activity being handled: the activity, the request's services, and replies into its conversation.
/// Replies carry an idempotency key made of the activity id and the reply's position in the turn, so a redelivered
/// activity (Teams can send one twice) or a retried send never posts a second copy.
/// </summary>
public sealed class TurnContext(Activity activity, bool isAnonymous, IServiceProvider services, CancellationToken cancellationToken)
{
    private int _replies;

    public Activity Activity { get; } = activity;

    public bool IsAnonymous { get; } = isAnonymous;

    public IServiceProvider Services { get; } = services;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public string ConversationId => Activity.Conversation?.Id ?? throw new InvalidOperationException("The activity has no conversation id.");

    public Task<ResourceResponseResult> ReplyAsync(OutboundActivity reply) =>
        SendCoreAsync(reply, $"{ConversationId}|{Activity.Id}|{Interlocked.Increment(ref _replies)}");

    /// <summary>A reply sent at most once per <paramref name="idempotencyKey"/> (e.g. one welcome per conversation).</summary>
    public Task<ResourceResponseResult> ReplyOnceAsync(OutboundActivity reply, string idempotencyKey) =>
        SendCoreAsync(reply, idempotencyKey);

    /// <summary>A typing indicator: no idempotency key, no retry; losing one is harmless.</summary>
    public async Task SendTypingAsync()
    {
        try
        {
            await SendCoreAsync(OutboundActivity.TypingIndicator(), null);
        }
        catch (ConnectorException)
        {
            // Typing is a courtesy; the reply that follows reports real failures.
        }
    }

    private async Task<ResourceResponseResult> SendCoreAsync(OutboundActivity reply, string? idempotencyKey)
    {
        var connector = Services.GetRequiredService<ConnectorClient>();
        var addressed = reply with
        {
            From = Activity.Recipient is { } bot ? new ChannelAccount { Id = bot.Id, Name = bot.Name } : null,
            Recipient = Activity.From is { } user ? new ChannelAccount { Id = user.Id, Name = user.Name } : null,
            Conversation = new ConversationAccount { Id = ConversationId, TenantId = Activity.TenantId },
        };
        try
        {
            return Activity.Id is { Length: > 0 } replyTo
                ? await connector.ReplyAsync(Activity.ServiceUrl!, ConversationId, replyTo, addressed, idempotencyKey, CancellationToken)
                : await connector.SendAsync(Activity.ServiceUrl!, ConversationId, addressed, idempotencyKey, CancellationToken);
        }
        catch (ConnectorException ex) when (ex.ConversationIsGone && Activity.TenantId is { } tenant)
        {
            // Teams will not take messages here any more: stop using this conversation for proactive sends.
            await Services.GetRequiredService<IConversationReferenceStore>().MarkUnusableAsync(tenant, ConversationId, CancellationToken);
            Log.ReferenceUnusable(Services.GetRequiredService<ILogger<TurnContext>>(), ex.Status, ex.Code);
            throw;
        }
    }
}
