using MeetingPrep.Core.Crm;
using MeetingPrep.Storage.Crm.Csv;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingPrep.Storage.Crm;

public static class BuiltInCrmServiceCollectionExtensions
{
    /// <summary>
    /// Registers the built-in CRM as the <see cref="ICrmSource"/>, its <see cref="IBuiltInCrmStore"/> and the CSV importer
    /// (all scoped, on <see cref="MeetingPrepDbContext"/>; call after <c>AddStorage</c>).
    /// </summary>
    public static IServiceCollection AddBuiltInCrm(this IServiceCollection services, Action<BuiltInCrmOptions>? configure = null)
    {
        var options = services.AddOptions<BuiltInCrmOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ICrmSource, BuiltInCrmSource>();
        services.AddScoped<IBuiltInCrmStore, EfBuiltInCrmStore>();
        services.AddScoped<CrmCsvImporter>();
        return services;
    }
}
