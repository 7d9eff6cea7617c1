using MeetingPrep.Connectors.Crm.Dataverse;
using MeetingPrep.Connectors.Crm.HubSpot;
using MeetingPrep.Connectors.Crm.Remote;
using MeetingPrep.Connectors.Crm.Salesforce;
using MeetingPrep.Core.Crm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Connectors.Crm;

public static class CrmConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the remote CRM chosen by <see cref="CrmOptions.Provider"/> (Dataverse, Salesforce or HubSpot) as the
    /// <see cref="ICrmSource"/>, on a typed HttpClient with the standard resilience handler (<see cref="CrmResilience"/>). For <see cref="CrmProvider.BuiltIn"/> it registers nothing:
    /// call <c>AddBuiltInCrm()</c> from MeetingPrep.Storage instead.
    /// </summary>
    public static IServiceCollection AddCrmConnector(this IServiceCollection services, CrmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CrmTokenCache>();

        // Each attempt's timeout and the Retry-After waits are the resilience handler's; the client's own timeout is only
        // a backstop above its total.
        void Configure(HttpClient client) => client.Timeout = CrmResilience.TotalTimeout(options) + TimeSpan.FromSeconds(5);
        var client = options.Provider switch
        {
            CrmProvider.Dataverse => services.AddHttpClient<ICrmSource, DataverseCrmSource>(Configure),
            CrmProvider.Salesforce => services.AddHttpClient<ICrmSource, SalesforceCrmSource>(Configure),
            CrmProvider.HubSpot => services.AddHttpClient<ICrmSource, HubSpotCrmSource>(Configure),
            CrmProvider.BuiltIn => null,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown CRM provider."),
        };
        if (client is not null)
        {
            var resilience = client.AddStandardResilienceHandler();
            services.AddOptions<HttpStandardResilienceOptions>(resilience.PipelineName).Configure<TimeProvider, ILoggerFactory>(
                (standard, time, logs) => CrmResilience.Configure(standard, options, time, logs.CreateLogger(typeof(CrmResilience).FullName!)));
        }

        return services;
    }
}
