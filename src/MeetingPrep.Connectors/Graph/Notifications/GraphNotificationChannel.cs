using System.Threading.Channels;

namespace MeetingPrep.Connectors.Graph.Notifications;

/// <summary>
/// Bounded in-process hand-off from the webhook to a background worker. When full, the webhook answers 503 so Graph
/// retries later (it keeps retrying for hours) rather than the notification being lost silently.
/// </summary>
public sealed class GraphNotificationChannel
{
    private readonly Channel<GraphNotificationWork> _channel = Channel.CreateBounded<GraphNotificationWork>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = false, SingleWriter = false });

    public ChannelReader<GraphNotificationWork> Reader => _channel.Reader;

    public bool TryEnqueue(GraphNotificationWork work) => _channel.Writer.TryWrite(work);
}
