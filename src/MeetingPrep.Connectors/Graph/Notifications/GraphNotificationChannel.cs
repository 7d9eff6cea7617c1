using System.Threading.Channels;

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

/// <summary>Bounded in-process queue: lost with the process, so only for hosts without a job engine (and tests).</summary>
public sealed class GraphNotificationChannel : IGraphNotificationInbox
{
    private readonly Channel<GraphNotificationWork> _channel = Channel.CreateBounded<GraphNotificationWork>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.Wait, SingleReader = false, SingleWriter = false });

    public ChannelReader<GraphNotificationWork> Reader => _channel.Reader;

    public bool TryEnqueue(GraphNotificationWork work) => _channel.Writer.TryWrite(work);
}
