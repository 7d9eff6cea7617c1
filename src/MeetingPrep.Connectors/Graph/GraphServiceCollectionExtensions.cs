using System.Net;
using MeetingPrep.Connectors.Graph.Auth;
using MeetingPrep.Connectors.Http;
using MeetingPrep.Connectors.Graph.Notifications;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace MeetingPrep.Connectors.Graph;

public static class GraphServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Graph connector: <see cref="ICalendarSource"/>, <see cref="IMailSource"/>, <see cref="ICalendarChangeSource"/>
    /// (needs an <see cref="ICalendarSyncStateStore"/> and an <see cref="ICalendarMirror"/>, e.g. from AddStorage), the notification processor and channel, and the
    /// subscription manager and maintainer (the maintainer needs an <see cref="IChangeSubscriptionStore"/>, also from AddStorage).
    /// <paramref name="primaryHandler"/> replaces the network handler under the SDK middleware (the demo passes its in-process
    /// Graph sandbox); <paramref name="anonymous"/> sends no token (demo and tests only).
    /// </summary>
    public static IServiceCollection AddGraphConnector(
        this IServiceCollection services, GraphOptions options, Func<IServiceProvider, HttpMessageHandler>? primaryHandler = null, bool anonymous = false)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<MailboxGate>();
        services.AddSingleton<TenantDomainsCache>();
        services.AddSingleton<GraphCaller>();
        services.AddSingleton(sp =>
        {
            IAuthenticationProvider auth = anonymous ? new AnonymousAuthenticationProvider() : CreateAuthentication(sp, options);
            return CreateClient(options, primaryHandler?.Invoke(sp), auth);
        });
        services.AddSingleton<GraphBatchRunner>();
        services.AddSingleton<GraphCalendarSource>();
        // With storage (which keeps the calendar mirror) briefings read the mirror while it is fresh, Graph otherwise.
        services.AddSingleton<ICalendarSource>(sp => sp.GetService<ICalendarMirror>() is { } mirror
            ? new MirroredCalendarSource(sp.GetRequiredService<GraphCalendarSource>(), mirror, options, sp.GetRequiredService<TimeProvider>())
            : sp.GetRequiredService<GraphCalendarSource>());
        services.AddSingleton<IMailSource, GraphMailSource>();
        services.AddSingleton<IUserTimeZoneSource, GraphMailboxTimeZone>();
        services.AddScoped<ICalendarChangeSource, GraphCalendarSync>();
        services.AddSingleton<GraphNotificationChannel>();
        services.AddSingleton<IGraphNotificationInbox>(sp => sp.GetRequiredService<GraphNotificationChannel>());
        services.AddSingleton<GraphNotificationProcessor>();
        services.AddSingleton<GraphSubscriptionManager>();
        services.AddScoped<GraphSubscriptionMaintainer>();
        return services;
    }

    /// <summary>
    /// A <see cref="GraphServiceClient"/> over <see cref="GraphClientFactory"/>'s middleware (retry honouring Retry-After on
    /// 429/503/504, redirect, telemetry), with our retry bounds (<see cref="GraphOptions.MaxRetries"/>, and no Retry-After
    /// longer than <see cref="GraphOptions.MaxRetryAfterSeconds"/> is waited out), over <paramref name="primaryHandler"/> or the network.
    /// </summary>
    public static GraphServiceClient CreateClient(GraphOptions options, HttpMessageHandler? primaryHandler, IAuthenticationProvider authentication)
    {
        ArgumentNullException.ThrowIfNull(options);
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        var longestWait = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        for (var i = 0; i < handlers.Count; i++)
        {
            if (handlers[i] is RetryHandler)
            {
                handlers[i] = new RetryHandler(new RetryHandlerOption
                {
                    MaxRetry = options.MaxRetries,
                    Delay = options.RetryDelaySeconds,

                    // The SDK would wait out any Retry-After (up to 3 minutes), so one throttled mailbox would hold its caller
                    // for the whole call timeout; a longer wait than ours fails the call now and the source is unavailable.
                    ShouldRetry = (_, _, response) =>
                        response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
                        && !(RetryAfterHeader.Read(response, TimeProvider.System) > longestWait),
                });
            }
        }

        var http = GraphClientFactory.Create(handlers, version: "v1.0", finalHandler: primaryHandler);
        var baseUrl = options.BaseUrl.TrimEnd('/');
        http.BaseAddress = new Uri(baseUrl + "/");

        // Each call has its own timeout (GraphCaller); this only bounds a call whose caller forgot one, retries included.
        http.Timeout = TimeSpan.FromSeconds(Math.Max(100, options.TimeoutSeconds * (options.MaxRetries + 1)));
        return new GraphServiceClient(http, authentication, baseUrl);
    }

    private static BaseBearerTokenAuthenticationProvider CreateAuthentication(IServiceProvider services, GraphOptions options)
    {
        IAccessTokenProvider tokens = options.AuthMode == GraphAuthMode.Delegated
            ? new OnBehalfOfTokenProvider(services.GetRequiredService<IServiceScopeFactory>(), options)
            : new ClientCredentialsTokenProvider(options, services.GetRequiredService<TimeProvider>());
        return new BaseBearerTokenAuthenticationProvider(tokens);
    }
}
