using MeetingPrep.Connectors.Crm.Dataverse;
using MeetingPrep.Connectors.Crm.HubSpot;
using MeetingPrep.Connectors.Crm.Remote;
using MeetingPrep.Connectors.Crm.Salesforce;
using MeetingPrep.Core.Crm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingPrep.Connectors.Crm;

public static class CrmConnectorServiceCollectionExtensions
{
    /// <summary>
    /// Registers the remote CRM chosen by <see cref="CrmOptions.Provider"/> (Dataverse, Salesforce or HubSpot) as the
    /// <see cref="ICrmSource"/>, on a typed HttpClient. For <see cref="CrmProvider.BuiltIn"/> it registers nothing:
    /// call <c>AddBuiltInCrm()</c> from MeetingPrep.Storage instead.
    /// </summary>
    public static IServiceCollection AddCrmConnector(this IServiceCollection services, CrmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.TryAddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CrmTokenCache>();

        // The connector enforces TimeoutSeconds per call; the client's own timeout is only a backstop above it.
        void Configure(HttpClient client) => client.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds + 5);
        switch (options.Provider)
        {
            case CrmProvider.Dataverse:
                services.AddHttpClient<ICrmSource, DataverseCrmSource>(Configure);
                break;
            case CrmProvider.Salesforce:
                services.AddHttpClient<ICrmSource, SalesforceCrmSource>(Configure);
                break;
            case CrmProvider.HubSpot:
                services.AddHttpClient<ICrmSource, HubSpotCrmSource>(Configure);
                break;
            case CrmProvider.BuiltIn:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown CRM provider.");
        }

        return services;
    }
}
