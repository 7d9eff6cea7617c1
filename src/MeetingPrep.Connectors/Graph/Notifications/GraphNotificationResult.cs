namespace MeetingPrep.Connectors.Graph.Notifications;

/// <summary>How one POST was handled; the endpoint maps it to a status code.</summary>
public sealed record GraphNotificationResult(int Accepted, int Duplicates, int Rejected, bool QueueFull);
