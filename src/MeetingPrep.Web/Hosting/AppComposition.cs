using MeetingPrep.Demo.Scenarios;

namespace MeetingPrep.Web.Hosting;

/// <summary>
/// Composes the app the same way for the service, the command-line verbs and <c>eval</c>'s per-pack hosts: configuration
/// (with <c>--scenario FOLDER</c> as <c>Demo:ScenarioPath</c>), settings checked before anything starts, then the services.
/// </summary>
public static class AppComposition
{
    /// <summary>The composed app, or null after writing every settings or pack problem to <paramref name="errors"/>.</summary>
    public static WebApplication? Build(WebApplicationOptions options, IReadOnlyDictionary<string, string?>? overrides, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var builder = WebApplication.CreateBuilder(options);
        if (builder.Configuration["scenario"] is { Length: > 0 } scenario)
        {
            builder.Configuration[$"{DemoOptions.SectionName}:{nameof(DemoOptions.ScenarioPath)}"] = CommandLinePaths.Resolve(scenario);
        }

        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        var settings = SettingsRegistration.Check(builder.Configuration, builder.Environment, out var problems);
        if (settings is null)
        {
            foreach (var problem in problems)
            {
                errors.WriteLine(problem);
            }

            return null;
        }

        try
        {
            builder.AddServiceDefaults();
            builder.AddMeetingPrep(settings);
        }
        catch (ScenarioPackException ex)
        {
            errors.WriteLine(ex.Message);
            return null;
        }

        return builder.Build();
    }
}
