using MeetingPrep.Connectors.Crm;
using MeetingPrep.Core.Crm;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace MeetingPrep.Connectors.Tests.Crm;

/// <summary>
/// The CRM connector exactly as the app registers it (<c>AddCrmConnector</c>: the typed client with its standard
/// resilience handler), on the test's clock, reaching the fakes through <see cref="FakeCrmServer.Handler"/>. Without one,
/// the clock stands still: no timeout fires and no Retry-After ends, whatever the machine's load.
/// </summary>
internal static class CrmConnector
{
    public static readonly DateTimeOffset StandingStill = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    public static ICrmSource Create(CrmOptions options, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(time ?? new FakeTimeProvider(StandingStill));
        collection.AddLogging();
        collection.AddCrmConnector(options);
        collection.ConfigureHttpClientDefaults(http => http.ConfigurePrimaryHttpMessageHandler(FakeCrmServer.Handler));
        services?.Invoke(collection);
        return collection.BuildServiceProvider().GetRequiredService<ICrmSource>();
    }
}
