using MeetingPrep.Teams.Bot.Schema;

namespace MeetingPrep.Teams.Bot.Routing;

/// <summary>Handles one turn; invokes return the HTTP response the channel waits for, other activities return null.</summary>
public delegate Task<InvokeResponse?> TurnHandler(TurnContext turn);

/// <summary>
/// Routes by activity type and, for invokes, by invoke name: one handler per key, compared case-insensitively.
/// Registering a key twice is a start-up error, so routes never shadow each other by registration order.
/// </summary>
public sealed class ActivityRouter
{
    private readonly Dictionary<string, TurnHandler> _byType = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TurnHandler> _byInvokeName = new(StringComparer.OrdinalIgnoreCase);

    public ActivityRouter On(string activityType, TurnHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityType);
        if (string.Equals(activityType, ActivityTypes.Invoke, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("Invokes are routed by name: use OnInvoke.", nameof(activityType));
        }

        if (!_byType.TryAdd(activityType, handler))
        {
            throw new InvalidOperationException($"A handler for activity type '{activityType}' is already registered.");
        }

        return this;
    }

    public ActivityRouter OnInvoke(string invokeName, TurnHandler handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(invokeName);
        if (!_byInvokeName.TryAdd(invokeName, handler))
        {
            throw new InvalidOperationException($"A handler for invoke '{invokeName}' is already registered.");
        }

        return this;
    }

    /// <summary>The handler for this activity, or null when nothing is registered for it (the turn is ignored).</summary>
    public TurnHandler? Find(Activity activity)
    {
        if (activity.IsType(ActivityTypes.Invoke))
        {
            return activity.Name is { } name && _byInvokeName.TryGetValue(name, out var invoke) ? invoke : null;
        }

        return activity.Type is { } type && _byType.TryGetValue(type, out var handler) ? handler : null;
    }
}
