namespace MeetingPrep.Web.Graph;

/// <summary>What one run of <see cref="GraphSubscriptionJob"/> did, for logs and tests.</summary>
public sealed record SubscriptionRunSummary(int Users, int Ensured, int Failed, int Renewed, int Retired, bool RenewalFailed);
