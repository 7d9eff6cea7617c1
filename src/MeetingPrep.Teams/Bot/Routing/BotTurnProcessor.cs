using System.Text.Json.Nodes;
using MeetingPrep.Core.Security;
using MeetingPrep.Teams.Bot.Auth;
using MeetingPrep.Teams.Bot.Connector;
using MeetingPrep.Teams.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Teams.Bot.Routing;

/// <summary>What the messaging endpoint answers: an HTTP status and, for invokes, a JSON body.</summary>
public sealed record TurnOutcome(int Status, JsonNode? Body)
{
    public static TurnOutcome Ok { get; } = new(200, null);
}

/// <summary>
/// Runs one authenticated activity through the router: refuses service URLs off the allow-list before anything can be
/// sent there, gives the turn its own time budget (invokes must answer within Teams' limit), and turns failures into a
/// status without detail.
/// </summary>
public sealed class BotTurnProcessor(ActivityRouter router, ServiceUrlPolicy serviceUrls, TimeProvider time, ILogger<BotTurnProcessor> logger)
{
    /// <summary>Teams gives an invoke about 15 s; we answer well inside it.</summary>
    public static readonly TimeSpan InvokeBudget = TimeSpan.FromSeconds(10);

    /// <summary>Teams waits about 15 s for any activity; slower work would be answered twice by the channel's retry.</summary>
    public static readonly TimeSpan TurnBudget = TimeSpan.FromSeconds(14);

    public async Task<TurnOutcome> ProcessAsync(Activity activity, bool isAnonymous, IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = Log.BeginActivityScope(logger, activity.Id, activity.Type);
        if (!serviceUrls.IsAllowed(activity.ServiceUrl))
        {
            var host = Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var uri) ? uri.Host : "(invalid)";
            Log.ServiceUrlRefused(logger, activity.Id, host);
            return new TurnOutcome(403, null);
        }

        // The turn acts in the activity's tenant (the token was checked for it) and only in one we serve; only the local
        // Playground's anonymous turns may lack a tenant.
        var tenantId = activity.TenantId;
        if (tenantId is null ? !isAnonymous : !services.GetRequiredService<TenantAllowList>().IsAllowed(tenantId))
        {
            Log.TenantRefused(logger, activity.Id, tenantId ?? "(none)");
            return new TurnOutcome(403, null);
        }

        if (tenantId is not null)
        {
            services.GetRequiredService<TenantScope>().Enter(tenantId);
        }

        // Outside the user's 1:1 chat with the bot, whatever this turn renders is seen by others: internal-only sections stay out.
        if (!string.Equals(activity.Conversation?.ConversationType, "personal", StringComparison.Ordinal))
        {
            services.GetService<Core.Briefings.BriefingAudience>()?.Share();
        }

        var handler = router.Find(activity);
        var isInvoke = activity.IsType(ActivityTypes.Invoke);
        if (handler is null)
        {
            Log.NoRoute(logger, activity.Id, activity.Type);
            return isInvoke ? new TurnOutcome(501, null) : TurnOutcome.Ok;
        }

        using var budget = new CancellationTokenSource(isInvoke ? InvokeBudget : TurnBudget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            var response = await handler(new TurnContext(activity, isAnonymous, services, linked.Token));
            if (isInvoke)
            {
                return response is null ? new TurnOutcome(200, null) : new TurnOutcome(response.Status, response.Body);
            }

            return TurnOutcome.Ok;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.TurnTimedOut(logger, activity.Id, activity.Type);
            return isInvoke
                ? new TurnOutcome(200, ToJson(AdaptiveCardInvokeResponse.Message("That took too long. Please try again in a moment.")))
                : TurnOutcome.Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.TurnFailed(logger, ex, activity.Id, activity.Type);
            return new TurnOutcome(500, null);
        }
    }

    public static JsonNode? ToJson(AdaptiveCardInvokeResponse response) =>
        System.Text.Json.JsonSerializer.SerializeToNode(response, BotJsonContext.Default.AdaptiveCardInvokeResponse);
}
