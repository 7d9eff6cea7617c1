using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Security;
using MeetingPrep.Core.Users;
using MeetingPrep.Teams.Bot;
using MeetingPrep.Teams.Bot.Connector;
using MeetingPrep.Teams.Bot.Routing;
using MeetingPrep.Web.Auth;

namespace MeetingPrep.Web.Bot;

/// <summary>
/// Maps the Teams user of a turn to a MeetingPrep user. Production: tenant and Entra object id from the (token-checked)
/// activity, the UPN from the stored conversation reference or else Teams' member API (then remembered), the time zone
/// from the activity. Demo mode: the demo user with that object id, or the default demo user (the Agents Playground's
/// user has no object id we know).
/// </summary>
internal sealed class BotUserResolver(
    IServiceProvider services,
    IConversationReferenceStore references,
    ConnectorClient connector,
    TimeProvider time,
    ILogger<BotUserResolver> logger) : IBotUserResolver
{
    public async Task<UserRef?> ResolveAsync(TurnContext turn)
    {
        var activity = turn.Activity;
        var culture = string.IsNullOrWhiteSpace(activity.Locale) ? "en-US" : activity.Locale;
        if (services.GetService<DemoDirectory>() is { } demo)
        {
            var oidMatch = activity.From?.AadObjectId is { } demoOid ? demo.Users.FirstOrDefault(u => u.UserId == demoOid) : null;
            var demoUser = oidMatch ?? demo.Default;

            // The Playground makes up its tenant: its turns act in it (the demo user stands for its user there), or in the
            // demo tenant when it names none.
            var scope = services.GetRequiredService<TenantScope>();
            if (scope.TenantId is null)
            {
                scope.Enter(demoUser.TenantId);
            }

            // The client's locale is the language the user reads Teams in (the Playground sends one too).
            return demoUser with { TenantId = scope.TenantId!, Culture = string.IsNullOrWhiteSpace(activity.Locale) ? demoUser.Culture : activity.Locale };
        }

        var tenant = activity.TenantId;
        var oid = activity.From?.AadObjectId;
        var conversationId = activity.Conversation?.Id;
        if (tenant is null || oid is null || conversationId is null || activity.From?.Id is null || activity.ServiceUrl is null)
        {
            return null;
        }

        var stored = await references.GetAsync(tenant, conversationId, turn.CancellationToken);
        var upn = stored?.UserObjectId == oid ? stored.UserPrincipalName : null;
        if (upn is null)
        {
            try
            {
                var member = await connector.GetMemberAsync(activity.ServiceUrl, conversationId, activity.From.Id, turn.CancellationToken);
                upn = member?.UserPrincipalName ?? member?.Email;
            }
            catch (ConnectorException ex)
            {
                Log.MemberLookupFailed(logger, ex.Status);
                return null;
            }

            if (upn is not null && stored is not null && stored.UserObjectId == oid)
            {
                await references.SaveAsync(stored with { UserPrincipalName = upn, UpdatedAt = time.GetUtcNow() }, turn.CancellationToken);
            }
        }

        if (upn is null)
        {
            return null;
        }

        var zone = activity.UserTimeZone ?? stored?.TimeZone ?? "UTC";
        return new UserRef(tenant, oid, upn, activity.From.Name ?? upn, zone, culture);
    }
}
