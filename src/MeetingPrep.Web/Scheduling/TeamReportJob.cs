using Hangfire;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Security;
using MeetingPrep.Core.Users;
using MeetingPrep.Teams;
using MeetingPrep.Teams.Bot;
using MeetingPrep.Teams.Cards;
using MeetingPrep.Web.Api;
using MeetingPrep.Web.Security;

namespace MeetingPrep.Web.Scheduling;

/// <summary>
/// The hourly <c>team-report</c> job: each leader who opted in (<see cref="TeamReportApi"/>) gets the leaders' card in
/// their chat with the bot once a week, on the first run after Monday <see cref="SendHour"/>:00 in their own time zone.
/// The week is claimed in the database before the card is posted (<see cref="ITeamReportSubscriptions.TryClaimWeekAsync"/>),
/// so however many instances run the job, a leader gets each week's card once; a post that failed for sure gives the week back.
/// </summary>
public sealed partial class TeamReportJob(
    ITeamReportSubscriptions subscriptions,
    IServiceScopeFactory scopes,
    TeamsBriefingNotifier notifier,
    TenantScope tenant,
    TimeProvider time,
    ILogger<TeamReportJob> logger)
{
    public const string RecurringJobId = "team-report";

    /// <summary>The local hour on Monday from which a week's card is due.</summary>
    public const int SendHour = 8;

    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // The list spans the (allow-listed) tenants; each leader's report is computed in their own tenant.
        tenant.EnterAllTenants();
        var sent = 0;
        var now = time.GetUtcNow();
        foreach (var leader in await subscriptions.ListAsync(cancellationToken))
        {
            var week = DueWeek(leader.TimeZone, now);
            if (leader.LastSentWeek >= week || !await subscriptions.TryClaimWeekAsync(leader.TenantId, leader.UserId, week, cancellationToken))
            {
                continue;
            }

            var outcome = DeliveryOutcome.Failed;
            try
            {
                await using var scope = scopes.CreateTenantScope(leader.TenantId);
                var text = await LeaderTextAsync(scope.ServiceProvider, leader, cancellationToken);
                var card = await scope.ServiceProvider.GetRequiredService<TeamReports>().CardAsync(leader.TenantId, CardHost.Teams, text, cancellationToken);
                outcome = (await notifier.SendCardAsync(
                    leader.TenantId, leader.UserId, BotCards.ToJson(card), card.FallbackText ?? text["TeamReport.Title"], $"team-report|{leader.TenantId}|{leader.UserId}|{week:yyyy-MM-dd}", null, ProactiveCard.TeamReport, cancellationToken)).Outcome;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, ex, leader.TenantId, leader.UserId, ex.GetType().Name);
            }

            if (outcome == DeliveryOutcome.Sent)
            {
                sent++;
            }
            else if (outcome is DeliveryOutcome.Failed or DeliveryOutcome.NoConversation or DeliveryOutcome.ConversationGone)
            {
                // Nothing reached the leader: the next run tries this week again. (An unknown outcome keeps the claim.)
                await subscriptions.ReleaseWeekAsync(leader.TenantId, leader.UserId, week, leader.LastSentWeek, CancellationToken.None);
            }
        }

        LogRun(logger, sent);
        return sent;
    }

    /// <summary>
    /// The leader's language: their language setting, else the locale of their chat with the bot (a leader is a chat user
    /// like any other; the subscription itself keeps no language).
    /// </summary>
    private static async Task<TeamsText> LeaderTextAsync(IServiceProvider services, TeamReportSubscription leader, CancellationToken cancellationToken)
    {
        var chat = await services.GetRequiredService<IConversationReferenceStore>().FindPersonalAsync(leader.TenantId, leader.UserId, cancellationToken);
        var user = new UserRef(
            leader.TenantId, leader.UserId, chat?.UserPrincipalName ?? string.Empty, chat?.UserName ?? string.Empty, leader.TimeZone, chat?.Locale ?? "en-US");
        var recipe = await services.GetRequiredService<BriefingService>().GetRecipeAsync(user, cancellationToken);
        return TeamsText.For(recipe.Culture, user);
    }

    /// <summary>The Monday of the week whose card is due at <paramref name="now"/> in <paramref name="timeZone"/> (last week's until Monday <see cref="SendHour"/>:00).</summary>
    public static DateOnly DueWeek(string timeZone, DateTimeOffset now)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var found) ? found : TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(now, zone).AddHours(-SendHour);
        var day = DateOnly.FromDateTime(local.DateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    [LoggerMessage(5700, LogLevel.Warning, "Team report for {TenantId}/{UserId} failed ({ErrorType}); the next run tries again.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string tenantId, string userId, string errorType);

    [LoggerMessage(5701, LogLevel.Information, "Team report: {Sent} weekly cards sent.")]
    private static partial void LogRun(ILogger logger, int sent);
}
