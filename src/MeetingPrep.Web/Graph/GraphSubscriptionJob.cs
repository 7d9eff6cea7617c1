using Hangfire;
using MeetingPrep.Connectors.Graph.Notifications;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Web.Security;

namespace MeetingPrep.Web.Graph;

/// <summary>
/// The recurring <c>graph-subscriptions</c> job: every user who installed the bot gets a live calendar subscription
/// (created when missing or expired, renewed at half-life); a stored subscription of a user who uninstalled the bot is deleted.
/// Each user runs in its own DI scope with its own timeout, so one failing mailbox never stops the others.
/// </summary>
public sealed class GraphSubscriptionJob(IServiceScopeFactory scopes, ILogger<GraphSubscriptionJob> logger)
{
    public const string RecurringJobId = "graph-subscriptions";

    /// <summary>Create or renew is one or two Graph calls; this bounds a hung one.</summary>
    internal static readonly TimeSpan PerUserTimeout = TimeSpan.FromMinutes(1);

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [DisableConcurrentExecution(timeoutInSeconds: 10 * 60)]
    public async Task<SubscriptionRunSummary> RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<Core.Users.UserRef> users;
        await using (var scope = scopes.CreateAllTenantsScope())
        {
            users = await scope.ServiceProvider.GetRequiredService<IProactiveRecipients>().ListAsync(cancellationToken);
        }

        int ensured = 0, failed = 0;
        foreach (var user in users.DistinctBy(u => (u.TenantId, u.UserId)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PerUserTimeout);
            try
            {
                // A fresh scope (and DbContext) per user: a failed save must not poison the next user's.
                await using var scope = scopes.CreateTenantScope(user.TenantId);
                await scope.ServiceProvider.GetRequiredService<GraphSubscriptionMaintainer>().EnsureAsync(user.TenantId, user.UserId, timeout.Token);
                ensured++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failed++;
                Log.SubscriptionUserFailed(logger, ex, user.TenantId, user.UserId, ex.GetType().Name);
            }
        }

        var renewal = new RenewalSummary(0, 0, 0);
        var renewalFailed = false;
        try
        {
            // Subscriptions of users who uninstalled the bot are deleted, not renewed: nobody wants that mailbox watched.
            var wanted = users.Select(u => (u.TenantId, u.UserId)).ToHashSet();
            await using var scope = scopes.CreateAllTenantsScope();
            renewal = await scope.ServiceProvider.GetRequiredService<GraphSubscriptionMaintainer>()
                .RenewExpiringAsync(s => wanted.Contains((s.TenantId, s.UserId)), cancellationToken);
            renewalFailed = renewal.Failed > 0;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            renewalFailed = true;
            Log.SubscriptionRenewalFailed(logger, ex, ex.GetType().Name);
        }

        var summary = new SubscriptionRunSummary(users.Count, ensured, failed, renewal.Renewed, renewal.Retired, renewalFailed);
        Log.SubscriptionsRun(logger, summary.Users, summary.Ensured, summary.Failed, summary.Renewed, summary.Retired);
        return summary;
    }
}
