namespace MeetingPrep.Connectors.Graph.Notifications;

public enum GraphNotificationKind
{
    /// <summary>An event was created, updated or deleted: re-read the user's calendar (delta or calendarView).</summary>
    Changed,

    /// <summary>The subscription's access must be renewed (PATCH with a new expiry), or it stops.</summary>
    ReauthorizationRequired,

    /// <summary>Graph removed the subscription: create a new one, then resync.</summary>
    SubscriptionRemoved,

    /// <summary>Graph dropped notifications: resync.</summary>
    Missed,
}
