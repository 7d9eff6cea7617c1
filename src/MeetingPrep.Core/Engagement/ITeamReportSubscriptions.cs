namespace MeetingPrep.Core.Engagement;

/// <summary>Who gets the weekly team report, and the claim that sends it once per week per leader across instances.</summary>
public interface ITeamReportSubscriptions
{
    Task<TeamReportSubscription?> FindAsync(string tenantId, string userId, CancellationToken cancellationToken);

    /// <summary>Opts the leader in (storing their time zone) or out (the row goes).</summary>
    Task SetAsync(string tenantId, string userId, bool weekly, string timeZone, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every subscription of the unit of work's tenants (all of them for the weekly job).</summary>
    Task<IReadOnlyList<TeamReportSubscription>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Claims <paramref name="week"/>'s card for the leader: true for exactly one caller, whatever the number of instances
    /// asking (a conditional update of the stored week is the idempotency key); false once the week is taken.
    /// </summary>
    Task<bool> TryClaimWeekAsync(string tenantId, string userId, DateOnly week, CancellationToken cancellationToken);

    /// <summary>Gives a claimed week back when its card could not be posted, so the next run tries again.</summary>
    Task ReleaseWeekAsync(string tenantId, string userId, DateOnly week, DateOnly? previous, CancellationToken cancellationToken);
}
