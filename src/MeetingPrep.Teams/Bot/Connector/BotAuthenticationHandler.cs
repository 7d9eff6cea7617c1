using MeetingPrep.Teams.Bot.Auth;

namespace MeetingPrep.Teams.Bot.Connector;

/// <summary>
/// Attaches our token to connector calls, and only to hosts on the allow-list: this handler is the last line that keeps
/// the token from an attacker's serviceUrl, whatever the code above it does.
/// </summary>
public sealed class BotAuthenticationHandler(IBotTokenProvider tokens, ServiceUrlPolicy policy) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is null || !policy.IsAllowed(request.RequestUri))
        {
            throw new ServiceUrlNotAllowedException(request.RequestUri?.Host ?? "(none)");
        }

        if (await tokens.GetTokenAsync(cancellationToken) is { } token)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
