namespace MeetingPrep.Connectors.Graph.Notifications;

/// <summary>What one renewal pass did: subscriptions renewed or recreated, deleted for users who left, and failures.</summary>
public sealed record RenewalSummary(int Renewed, int Retired, int Failed);
