namespace MeetingPrep.Core.Delivery;

public enum DeliveryOutcome
{
    /// <summary>The briefing was posted (or had already been posted under the same key), or its card updated.</summary>
    Sent,

    /// <summary>The user has no usable conversation with the bot (app not installed, or uninstalled).</summary>
    NoConversation,

    /// <summary>Teams refused (blocked, removed, not found): the conversation is marked unusable.</summary>
    ConversationGone,

    /// <summary>A temporary failure that proves nothing was posted (throttled beyond our patience, service unavailable); try again.</summary>
    Failed,

    /// <summary>The post may have reached Teams (timed out, gateway timeout, connection lost mid-request): never posted again blindly.</summary>
    Unknown,
}
