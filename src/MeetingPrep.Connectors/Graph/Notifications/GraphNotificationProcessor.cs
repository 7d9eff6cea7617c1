using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Connectors.Graph.Notifications;

/// <summary>
/// The webhook's logic, free of ASP.NET: the validation handshake, the <c>clientState</c> check (constant time),
/// lifecycle events, and de-duplication of the identical notifications Graph is known to deliver more than once.
/// It only parses and enqueues (<see cref="IGraphNotificationInbox"/>); the work happens in a job.
/// </summary>
public sealed class GraphNotificationProcessor(
    GraphOptions options, IGraphNotificationInbox queue, TimeProvider time, ILogger<GraphNotificationProcessor> logger)
{
    /// <summary>Graph retries for up to 4 h; a repeat inside this window is treated as the same notification.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromMinutes(30);

    private const int MaxTrackedKeys = 100_000;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private long _lastPrune;

    /// <summary>
    /// Graph validates a new notification URL by POSTing <c>?validationToken=…</c>; the answer is the decoded token as
    /// <c>text/plain</c>. Returns null when the request is not a validation.
    /// </summary>
    public static string? ValidationResponse(string? validationToken) =>
        string.IsNullOrEmpty(validationToken) ? null : validationToken;

    /// <exception cref="FormatException">The body is not a Graph notification collection.</exception>
    public GraphNotificationResult Handle(string body)
    {
        ChangeNotificationCollection? payload;
        try
        {
            payload = JsonSerializer.Deserialize(body, ChangeNotificationJsonContext.Default.ChangeNotificationCollection);
        }
        catch (JsonException ex)
        {
            throw new FormatException("The notification body is not valid JSON.", ex);
        }

        if (payload?.Value is null)
        {
            throw new FormatException("The notification body has no 'value' array.");
        }

        Prune();
        int accepted = 0, duplicates = 0, rejected = 0;
        var now = time.GetUtcNow();
        foreach (var item in payload.Value)
        {
            if (item is null || string.IsNullOrEmpty(item.SubscriptionId) || !ClientStateMatches(item.ClientState))
            {
                rejected++;
                continue;
            }

            var work = ToWork(item, now);
            if (work is null)
            {
                rejected++;
                continue;
            }

            var key = DedupKey(item);
            if (!_seen.TryAdd(key, now))
            {
                duplicates++;
                continue;
            }

            if (!queue.TryEnqueue(work))
            {
                // Forget it so Graph's retry is not mistaken for a duplicate.
                _seen.TryRemove(key, out _);
                Log.GraphNotificationQueueFull(logger);
                return new GraphNotificationResult(accepted, duplicates, rejected, QueueFull: true);
            }

            accepted++;
        }

        if (rejected > 0)
        {
            Log.GraphNotificationsRejected(logger, rejected);
        }

        return new GraphNotificationResult(accepted, duplicates, rejected, QueueFull: false);
    }

    private bool ClientStateMatches(string? clientState)
    {
        var expected = options.NotificationClientState;
        if (string.IsNullOrEmpty(expected) || clientState is null)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(clientState), Encoding.UTF8.GetBytes(expected));
    }

    private static GraphNotificationWork? ToWork(ChangeNotificationItem item, DateTimeOffset now)
    {
        var (userId, eventId) = ParseResource(item.Resource);
        var kind = item.LifecycleEvent switch
        {
            null or "" => GraphNotificationKind.Changed,
            "reauthorizationRequired" => GraphNotificationKind.ReauthorizationRequired,
            "subscriptionRemoved" => GraphNotificationKind.SubscriptionRemoved,
            "missed" => GraphNotificationKind.Missed,
            _ => (GraphNotificationKind?)null,
        };
        if (kind is null || (kind == GraphNotificationKind.Changed && string.IsNullOrEmpty(item.ChangeType)))
        {
            return null;
        }

        return new GraphNotificationWork(
            kind.Value, item.SubscriptionId!, item.TenantId, userId, item.ResourceData?.Id ?? eventId, item.ChangeType,
            item.SubscriptionExpirationDateTime, now);
    }

    /// <summary>"Users/{userId}@{tenantId}/Events/{id}" or "Users/{userId}/Events/{id}" (Graph varies the casing).</summary>
    internal static (string? UserId, string? EventId) ParseResource(string? resource)
    {
        if (string.IsNullOrEmpty(resource))
        {
            return (null, null);
        }

        var parts = resource.Trim('/').Split('/');
        string? user = null, ev = null;
        for (var i = 0; i + 1 < parts.Length; i++)
        {
            if (parts[i].Equals("users", StringComparison.OrdinalIgnoreCase))
            {
                user = parts[i + 1].Split('@')[0];
            }
            else if (parts[i].Equals("events", StringComparison.OrdinalIgnoreCase))
            {
                ev = parts[i + 1];
            }
        }

        return (user, ev);
    }

    private static string DedupKey(ChangeNotificationItem item) =>
        string.Join(
            '\u001F',
            item.SubscriptionId,
            item.LifecycleEvent ?? item.ChangeType,
            item.ResourceData?.Id ?? item.Resource,
            item.ResourceData?.ETag,
            item.LifecycleEvent is null ? null : item.SubscriptionExpirationDateTime?.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));

    private void Prune()
    {
        var now = time.GetUtcNow();
        var last = Interlocked.Read(ref _lastPrune);
        if (_seen.Count < MaxTrackedKeys && now.UtcTicks - last < TimeSpan.FromMinutes(1).Ticks)
        {
            return;
        }

        Interlocked.Exchange(ref _lastPrune, now.UtcTicks);
        foreach (var (key, at) in _seen)
        {
            if (now - at > DuplicateWindow || _seen.Count > MaxTrackedKeys)
            {
                _seen.TryRemove(key, out _);
            }
        }
    }
}
