using System.Reflection;
using System.Text.RegularExpressions;
using MeetingPrep.Connectors.Crm;
using MeetingPrep.Teams.Bot;
using MeetingPrep.Testing;
using MeetingPrep.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Xunit;

namespace MeetingPrep.Web.Tests;

/// <summary>Every options class is bound, validated on start, and documented in the README's settings tables.</summary>
public sealed class SettingsTests
{
    /// <summary>One wrong value per section, and the setting its one-line problem must name (a list entry names its list).</summary>
    private static readonly Dictionary<string, (string Key, string Value)> WrongValue = new()
    {
        ["Security"] = ("Security:AllowedTenants:0", "not-a-tenant-id"),
        ["Retention"] = ("Retention:Days", "0"),
        ["Report"] = ("Report:OutcomeDays", "0"),
        ["Demo"] = ("Demo:Enabled", "true"),
        ["Storage"] = ("Storage:CommandTimeoutSeconds", "0"),
        ["Scheduler"] = ("Scheduler:IntervalMinutes", "0"),
        ["Llm"] = ("Llm:Enabled", "true"),
        ["RateLimit"] = ("RateLimit:WindowSeconds", "0"),
        ["Bot"] = ("Bot:AppId", string.Empty),
        ["Graph"] = ("Graph:TenantId", string.Empty),
        ["Crm"] = ("Crm:PublicBaseUrl", "not a url"),
    };

    [Fact]
    public void Every_options_class_is_bound_and_validated_on_start()
    {
        var sections = Registered();
        var optionsClasses = OptionsClasses().ToList();

        Assert.Equal(optionsClasses.Select(t => t.Name).Order(), sections.Select(s => s.OptionsType.Name).Order());
        Assert.Equal(sections.Select(s => s.Name).Order(), WrongValue.Keys.Order());
        foreach (var section in sections)
        {
            var (key, value) = WrongValue[section.Name];
            var settings = SettingsRegistration.Check(Configuration((key, value)), Environment(Environments.Production), out var problems);

            Assert.Null(settings);
            var named = section.Name == "Llm" ? "Llm:" : Regex.Replace(key, ":[0-9]+$", string.Empty) + ":";
            Assert.Contains(problems, p => p.StartsWith($"Setting {named}", StringComparison.Ordinal));
            Assert.All(problems, p => Assert.Matches("^Setting [A-Za-z:]+: [^\n]+ Set it in appsettings.json or as the environment variable [A-Za-z_]+\\.$", p));
        }
    }

    [Fact]
    public void The_demo_needs_no_settings_and_production_names_each_missing_one()
    {
        Assert.NotNull(SettingsRegistration.Check(Configuration(), Environment(Environments.Development), out var none));
        Assert.Empty(none);

        Assert.Null(SettingsRegistration.Check(Configuration(), Environment(Environments.Production), out var problems));
        Assert.Contains(problems, p => p.StartsWith("Setting Bot:AppId: missing", StringComparison.Ordinal) && p.Contains("Bot__AppId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Setting Graph:TenantId: missing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_configured_allow_list_replaces_the_defaults()
    {
        var services = new ServiceCollection().AddSingleton<IHostEnvironment>(Environment(Environments.Development));
        services.AddMeetingPrepSettings(Configuration(("Bot:AllowedServiceUrlHosts:0", "smba.infra.gov.teams.microsoft.us"), ("Crm:LinkHosts:0", "contoso.crm.dynamics.com")));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(["smba.infra.gov.teams.microsoft.us"], provider.GetRequiredService<IOptions<BotOptions>>().Value.AllowedServiceUrlHosts);
        Assert.Equal(["contoso.crm.dynamics.com"], provider.GetRequiredService<IOptions<CrmOptions>>().Value.LinkHosts);
        Assert.Contains("*.botframework.com", new BotOptions().AllowedServiceUrlHosts);
    }

    [Fact]
    public void Every_setting_is_in_the_readme()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var missing = Registered()
            .SelectMany(s => Settings(s.OptionsType, s.Name))
            .Where(key => !IsDocumented(readme, key))
            .ToList();

        Assert.True(missing.Count == 0, "Not in the README's settings tables: " + string.Join(", ", missing));
    }

    private static List<SettingsSection> Registered()
    {
        var services = new ServiceCollection().AddSingleton<IHostEnvironment>(Environment(Environments.Development));
        services.AddMeetingPrepSettings(Configuration());
        using var provider = services.BuildServiceProvider();
        return [.. provider.GetServices<SettingsSection>()];
    }

    /// <summary>Public classes of MeetingPrep's assemblies that name their configuration section.</summary>
    private static IEnumerable<Type> OptionsClasses() =>
        new[] { typeof(SettingsRegistration), typeof(CrmOptions), typeof(BotOptions), typeof(Storage.StorageOptions) }
            .Select(t => t.Assembly)
            .Distinct()
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsClass && t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true });

    /// <summary>The keys a section binds: its settable properties, and those of nested settings objects.</summary>
    private static IEnumerable<string> Settings(Type type, string prefix)
    {
        foreach (var property in type.GetProperties().Where(p => p.CanWrite && p.GetSetMethod() is not null))
        {
            var key = $"{prefix}:{property.Name}";
            var kind = property.PropertyType;
            if (kind.IsClass && kind != typeof(string) && kind != typeof(Uri) && !kind.IsGenericType)
            {
                foreach (var nested in Settings(kind, key))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    /// <summary>
    /// Named in full (<c>`Crm:TimeoutSeconds`</c>), for every remote CRM at once (<c>`Crm:{Provider}:BaseUrl`</c>), or by its
    /// last part (<c>`TimeoutSeconds`</c>) in the first column of a table under a heading that names the section.
    /// </summary>
    private static bool IsDocumented(string readme, string key)
    {
        if (readme.Contains($"`{key}`", StringComparison.Ordinal))
        {
            return true;
        }

        var parts = key.Split(':');
        var name = parts[^1];
        if (parts.Length == 3 && readme.Contains($"`{parts[0]}:{{Provider}}:{name}`", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var part in Regex.Split(readme, "^#{2,4} ", RegexOptions.Multiline))
        {
            var heading = part.Split('\n', 2)[0];
            var table = part.Split('\n').Where(l => l.StartsWith('|')).Select(l => l.Split('|')[1]);
            if (heading.Contains($"`{parts[0]}` section", StringComparison.Ordinal) && table.Any(cell => cell.Contains($"`{name}`", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    private static HostingEnvironment Environment(string name) => new HostingEnvironment { EnvironmentName = name, ApplicationName = "MeetingPrep.Web", ContentRootPath = AppContext.BaseDirectory };
}
