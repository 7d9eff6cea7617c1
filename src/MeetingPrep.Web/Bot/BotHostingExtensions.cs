using MeetingPrep.Core.Delivery;
using MeetingPrep.Storage;
using MeetingPrep.Teams.Bot;
using MeetingPrep.Teams.Bot.Auth;
using MeetingPrep.Teams.Bot.Chat;
using MeetingPrep.Teams.Bot.Connector;
using MeetingPrep.Teams.Bot.Handlers;
using MeetingPrep.Teams.Bot.Routing;
using MeetingPrep.Teams.Bot.Schema;

namespace MeetingPrep.Web.Bot;

/// <summary>The Teams bot: its services (<see cref="AddTeamsBot"/>) and its endpoint (<see cref="MapBotEndpoints"/>).</summary>
public static class BotHostingExtensions
{
    public const string MessagesPath = "/api/messages";
    public const string AdaptiveCardActionInvoke = "adaptiveCard/action";
    private const string MetadataClient = "bot-openid-metadata";
    /// <summary>The named HTTP client MSAL sends the bot's token requests with.</summary>
    public const string TokenClient = "bot-token";

    /// <summary>
    /// Registers the bot protocol, its handlers and the conversation reference store (call after <c>AddStorage</c>).
    /// Anonymous requests (the Agents Playground) are accepted only when <paramref name="environment"/> is Development
    /// and no part of a bot identity (app id or password) is configured; then loopback service URLs are allowed too, and no
    /// token is sent.
    /// </summary>
    public static IServiceCollection AddTeamsBot(this IServiceCollection services, BotOptions options, IHostEnvironment environment)
    {
        var allowAnonymous = environment.IsDevelopment() && !options.HasAnyCredential;
        var hosts = options.AllowedServiceUrlHosts.ToList();
        if (allowAnonymous)
        {
            // The Agents Playground listens on a port of its choosing; no token is sent in this mode.
            hosts.AddRange(["localhost:*", "127.0.0.1:*"]);
        }

        services.AddSingleton(options);
        services.AddSingleton(new ServiceUrlPolicy(hosts));
        services.AddSingleton<ConnectorPacer>();
        services.AddSingleton<SendLedger>();

        services.AddHttpClient(MetadataClient);
        services.AddSingleton(sp =>
        {
            var http = sp.GetRequiredService<IHttpClientFactory>();
            return new BotTokenValidator(
                options,
                allowAnonymous,
                new OpenIdMetadata(options.OpenIdMetadataUrl, options.RequireHttpsMetadata, http.CreateClient(MetadataClient)),
                new OpenIdMetadata(options.EffectiveEntraOpenIdMetadataUrl, options.RequireHttpsMetadata, http.CreateClient(MetadataClient)),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<BotTokenValidator>>());
        });

        // One MSAL client (and token cache) for the app; the typed connector client gets it through its handler.
        services.AddHttpClient(TokenClient);
        services.AddSingleton<IBotTokenProvider>(sp => new ClientCredentialsTokenProvider(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(TokenClient),
            options,
            sp.GetRequiredService<ILogger<ClientCredentialsTokenProvider>>()));
        services.AddTransient<BotAuthenticationHandler>();
        services.AddHttpClient<ConnectorClient>(http => http.Timeout = TimeSpan.FromSeconds(30))
            .AddHttpMessageHandler<BotAuthenticationHandler>();

        services.AddSingleton(_ => new ActivityRouter()
            .On(ActivityTypes.Message, turn => turn.Services.GetRequiredService<MessageHandler>().OnMessageAsync(turn))
            .On(ActivityTypes.InstallationUpdate, turn => turn.Services.GetRequiredService<InstallationHandler>().OnInstallationUpdateAsync(turn))
            .On(ActivityTypes.ConversationUpdate, turn => turn.Services.GetRequiredService<InstallationHandler>().OnConversationUpdateAsync(turn))
            .OnInvoke(AdaptiveCardActionInvoke, turn => turn.Services.GetRequiredService<CardActionHandler>().OnAdaptiveCardActionAsync(turn))
            .OnInvoke(BriefingDialogHandler.TaskFetchInvoke, turn => turn.Services.GetRequiredService<BriefingDialogHandler>().OnTaskFetchAsync(turn)));
        services.AddSingleton<BotTurnProcessor>();
        services.AddScoped<InstallationHandler>();
        services.AddScoped<MessageHandler>();
        services.AddScoped<CardActionHandler>();
        services.AddScoped<BriefingDialogHandler>();
        services.AddScoped<CardActionService>();
        services.AddScoped<IChatAnswerer, ExtractiveChatAnswerer>();
        services.AddScoped<IBotUserResolver, BotUserResolver>();
        services.AddScoped<IBriefingNotifier, TeamsBriefingNotifier>();
        services.AddConversationReferenceStore();
        return services;
    }

    /// <summary>Maps <c>POST /api/messages</c> (the channel's activities) and <c>HEAD /api/messages</c> (the playground's probe).</summary>
    public static IEndpointRouteBuilder MapBotEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods(MessagesPath, [HttpMethods.Head], () => Results.Ok()).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(MessagesPath, BotEndpoint.HandleAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
