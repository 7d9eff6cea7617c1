namespace MeetingPrep.Connectors.Graph.Notifications;

/// <summary>
/// Where the webhook hands accepted notifications to be processed. False when it cannot take one now (full, or its
/// storage unavailable): the webhook answers 503 so Graph retries later (it keeps retrying for hours) rather than the
/// notification being lost silently. The host keeps them in the job engine, so they survive a restart.
/// </summary>
public interface IGraphNotificationInbox
{
    bool TryEnqueue(GraphNotificationWork work);
}
