using System.Text.Json.Nodes;
using MeetingPrep.Core.Configuration;
using MeetingPrep.Core.Engagement;
using MeetingPrep.Core.Outcomes;
using MeetingPrep.Core.Users;
using MeetingPrep.Teams;
using MeetingPrep.Teams.Bot;
using MeetingPrep.Teams.Cards;

namespace MeetingPrep.Web.Api;

/// <summary>
/// One tenant's leaders' report, computed once for every place that shows it: the API and page (<see cref="ReportApi"/>),
/// the weekly card (<see cref="Scheduling.TeamReportJob"/>) and "team report" in chat, which answers with the card only for a
/// leader who opted in through the API (the bot does not know a chat user's app roles; the opt-in, guarded by them, does).
/// </summary>
public sealed class TeamReports(
    IEngagementLog engagement,
    IMeetingOutcomeStore outcomes,
    ITeamReportSubscriptions subscriptions,
    EngagementReportOptions options,
    OutcomeTrackingOptions tracking,
    DealStageOrder stages,
    IPublicBaseAddress publicBase,
    TimeProvider time) : ITeamReportChat
{
    /// <summary>How many weeks the card's trend lines cover (the report page's default window).</summary>
    public const int CardWeeks = 8;

    public async Task<ReportResponse> ComputeAsync(string tenantId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        // Nothing older than the retention period is reported, even if it has not been purged yet.
        var retained = time.GetUtcNow().AddDays(-options.RetentionDays);
        if (start < retained)
        {
            start = retained;
        }

        var signals = end > start ? await engagement.ListAsync(tenantId, start, end, cancellationToken) : [];

        // Meetings that started in the window and whose follow-up is taken.
        var followed = end > start ? await outcomes.ListCompletedAsync(tenantId, start, end, cancellationToken) : [];
        return new ReportResponse(
            tenantId,
            start,
            end,
            options.MinGroupSize,
            options.MinutesSavedPerBriefingOpened,
            EngagementReport.Compute(signals, options),
            OutcomeReport.Compute(followed, stages, tracking.Days, options.MinGroupSize));
    }

    /// <summary>The leaders' card over the last <see cref="CardWeeks"/> weeks.</summary>
    public async Task<AdaptiveCard> CardAsync(string tenantId, CardHost host, TeamsText text, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var report = await ComputeAsync(tenantId, now.AddDays(-7 * CardWeeks), now, cancellationToken);
        return TeamReportCardBuilder.Build(report.Weeks, report.Outcomes, report.MinGroupSize, report.MinutesSavedPerBriefingOpened, new Uri(publicBase.Current, "report"), host, text);
    }

    public async Task<JsonObject?> CardForAsync(UserRef user, TeamsText text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await subscriptions.FindAsync(user.TenantId, user.UserId, cancellationToken) is null
            ? null
            : BotCards.ToJson(await CardAsync(user.TenantId, CardHost.Teams, text, cancellationToken));
    }
}
