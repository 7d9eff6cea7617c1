using MeetingPrep.Connectors.Crm;
using MeetingPrep.Connectors.Graph;
using MeetingPrep.Connectors.Llm;
using MeetingPrep.Core.Configuration;
using MeetingPrep.Storage;
using MeetingPrep.Teams.Bot;
using MeetingPrep.Web.Security;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MeetingPrep.Web.Hosting;

/// <summary>
/// Every settings section, bound once through the options pattern (<c>AddOptions&lt;T&gt;().Bind</c>) with an
/// <see cref="IValidateOptions{TOptions}"/> and <c>ValidateOnStart</c>. The demo needs nothing; production needs the Bot,
/// Graph and CRM sections. Each failure is one line naming the setting.
/// </summary>
public static class SettingsRegistration
{
    public static IServiceCollection AddMeetingPrepSettings(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSection<DemoOptions>(configuration, DemoOptions.SectionName, (demo, sp) => DemoProblems(demo, sp.GetRequiredService<IHostEnvironment>()))
            .PostConfigure<IHostEnvironment>((demo, environment) => demo.Enabled ??= environment.IsDevelopment());
        services.AddSection<StorageOptions>(configuration, StorageOptions.SectionName, (storage, _) => storage.Validate());
        services.AddSection<SchedulerOptions>(configuration, SchedulerOptions.SectionName, (scheduler, _) => scheduler.Validate());
        services.AddSection<LlmOptions>(configuration, LlmOptions.SectionName, (llm, _) => llm.Validate());
        services.AddSection<SecurityOptions>(configuration, SecurityOptions.SectionName, (security, _) => security.Validate());
        services.AddSection<RetentionOptions>(configuration, RetentionOptions.SectionName, (retention, _) => retention.Validate());
        services.AddSection<Api.ReportOptions>(configuration, Api.ReportOptions.SectionName, (report, _) => report.Validate());
        services.AddSection<RateLimitOptions>(configuration, RateLimitOptions.SectionName, (_, _) => []);
        services.AddSection<BotOptions>(configuration, BotOptions.SectionName, (bot, sp) => IsDemo(sp) ? [] : bot.Validate());
        services.AddSection<GraphOptions>(configuration, GraphOptions.SectionName, (graph, sp) => IsDemo(sp) ? [] : graph.Validate());
        services.AddSection<CrmOptions>(configuration, CrmOptions.SectionName, (crm, sp) => IsDemo(sp) ? [] : crm.Validate());
        services.TryAddSingleton(MeetingPrepSettings.From);
        return services;
    }

    /// <summary>
    /// The settings for composing the app, or every problem with them (one line each), checked by the same validators the
    /// host runs on start, before anything is registered, migrated or sent.
    /// </summary>
    public static MeetingPrepSettings? Check(IConfiguration configuration, IHostEnvironment environment, out IReadOnlyList<string> problems)
    {
        var services = new ServiceCollection();
        services.AddSingleton(environment);
        services.AddMeetingPrepSettings(configuration);
        using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException ex)
        {
            problems = ex.Failures.ToList();
            return null;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            problems = [.. ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)];
            return null;
        }

        problems = [];
        return provider.GetRequiredService<MeetingPrepSettings>();
    }

    private static OptionsBuilder<TOptions> AddSection<TOptions>(
        this IServiceCollection services,
        IConfiguration configuration,
        string section,
        Func<TOptions, IServiceProvider, IEnumerable<SettingProblem>> rules)
        where TOptions : class
    {
        services.AddSingleton(new SettingsSection(typeof(TOptions), section));
        services.AddSingleton<IValidateOptions<TOptions>>(sp => new SettingsValidator<TOptions>(section, options => rules(options, sp)));
        return services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(section))
            .Configure(options => ReplaceLists(options, configuration.GetSection(section)))
            .ValidateOnStart();
    }

    /// <summary>
    /// Binding adds configured list entries to a list's defaults; a configured list replaces them instead, so an
    /// allow-list (<c>Bot:AllowedServiceUrlHosts</c>) can drop a default host.
    /// </summary>
    private static void ReplaceLists<TOptions>(TOptions options, IConfigurationSection section)
    {
        foreach (var property in typeof(TOptions).GetProperties().Where(p => p.PropertyType == typeof(List<string>) && p.CanWrite))
        {
            if (section.GetSection(property.Name).Get<List<string>>() is { Count: > 0 } configured)
            {
                property.SetValue(options, configured);
            }
        }
    }

    private static bool IsDemo(IServiceProvider services) => services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled == true;

    private static IEnumerable<SettingProblem> DemoProblems(DemoOptions demo, IHostEnvironment environment)
    {
        if (demo.Enabled == true && !environment.IsDevelopment())
        {
            yield return new SettingProblem(
                $"{DemoOptions.SectionName}:Enabled",
                $"the demo tenant cannot run in the {environment.EnvironmentName} environment; set it to false (or run with ASPNETCORE_ENVIRONMENT=Development)");
        }
    }
}
