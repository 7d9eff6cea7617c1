using MeetingPrep.Connectors.Crm;
using MeetingPrep.Core.Crm;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingPrep.Connectors.Tests.Crm;

/// <summary>
/// The CRM connector exactly as the app registers it (<c>AddCrmConnector</c>: the typed client with its standard
/// resilience handler), on the test's clock, reaching the fakes through <see cref="FakeCrmServer.Handler"/>.
/// </summary>
internal static class CrmConnector
{
    public static ICrmSource Create(CrmOptions options, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(time ?? TimeProvider.System);
        collection.AddLogging();
        collection.AddCrmConnector(options);
        collection.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(FakeCrmServer.Handler));
        services?.Invoke(collection);
        return collection.BuildServiceProvider().GetRequiredService<ICrmSource>();
    }
}
