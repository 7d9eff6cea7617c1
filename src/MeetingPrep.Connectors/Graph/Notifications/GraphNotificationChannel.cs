using System.Threading.Channels;

namespace MeetingPrep.Connectors.Graph.Notifications;

/// <summary>Bounded in-process queue: lost with the process, so only for hosts without a job engine (and tests).</summary>
public sealed class GraphNotificationChannel : IGraphNotificationInbox
{
    private readonly Channel<GraphNotificationWork> _channel = Channel.CreateBounded<GraphNotificationWork>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = false, SingleWriter = false });

    public ChannelReader<GraphNotificationWork> Reader => _channel.Reader;

    public bool TryEnqueue(GraphNotificationWork work) => _channel.Writer.TryWrite(work);
}
