using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeetingPrep.Testing;
using MeetingPrep.Web.Hosting;
using MeetingPrep.Web.Tests.Addin;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Xunit;

namespace MeetingPrep.Web.Tests.Infra;

/// <summary>
/// infra/main.bicep compiled and linted by the Bicep CLI (NuGet Azure.Bicep.CommandLine.linux-x64) with no diagnostic
/// at all, and the compiled template checked for what production needs: every setting the host requires, secrets only
/// as Key Vault references, a single-tenant bot on Teams pointing at /api/messages.
/// </summary>
public sealed partial class BicepTests
{
    private static string Infra => Path.Combine(RepoPaths.Root, "infra");

    private static readonly Dictionary<string, string?> SecretsFromEnvironment = new()
    {
        ["GRAPH_CLIENT_SECRET"] = "graph-secret-from-env",
        ["BOT_APP_PASSWORD"] = "bot-secret-from-env",
        ["POSTGRES_ADMIN_PASSWORD"] = "pg-secret-from-env",
    };

    private static string Bicep()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("MEETINGPREP_BICEP");
        var package = typeof(BicepTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BicepPackagePath")?.Value;
        var path = !string.IsNullOrEmpty(fromEnvironment) ? fromEnvironment : Path.Combine(package ?? string.Empty, "tools", "bicep");
        Requires.That(OperatingSystem.IsLinux() && File.Exists(path), $"The Bicep CLI ({path})", "Restore tests/MeetingPrep.Web.Tests (NuGet Azure.Bicep.CommandLine.linux-x64) or set MEETINGPREP_BICEP.");
        return path;
    }

    private static async Task<ProcessRun.Result> RunBicepAsync(string[] arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var run = await ProcessRun.RunAsync(Bicep(), arguments, TestContext.Current.CancellationToken, environment, Infra);
        return run;
    }

    private static async Task<JsonObject> CompileAsync()
    {
        var run = await RunBicepAsync(["build", "main.bicep", "--stdout"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(run.Stderr.Trim().Length == 0, $"bicep build reported diagnostics:\n{run.Stderr}");
        return JsonNode.Parse(run.Stdout)!.AsObject();
    }

    private static IEnumerable<JsonObject> Resources(JsonObject template) =>
        template["resources"] switch
        {
            JsonArray array => array.Select(r => r!.AsObject()),
            JsonObject map => map.Select(kv => kv.Value!.AsObject()),
            _ => [],
        };

    private static JsonObject Resource(JsonObject template, string type) =>
        Assert.Single(Resources(template), r => r["type"]!.GetValue<string>() == type);

    [Fact]
    public async Task Template_builds_and_lints_without_a_single_diagnostic()
    {
        await CompileAsync();
        var lint = await RunBicepAsync(["lint", "main.bicep"]);
        Assert.True(lint.ExitCode == 0 && (lint.Stdout + lint.Stderr).Trim().Length == 0, lint.ToString());
    }

    [Fact]
    public async Task Example_parameters_lint_clean_and_read_secrets_only_from_the_environment()
    {
        var lint = await RunBicepAsync(["lint", "main.bicepparam"], SecretsFromEnvironment);
        Assert.True(lint.ExitCode == 0 && (lint.Stdout + lint.Stderr).Trim().Length == 0, lint.ToString());

        var built = await RunBicepAsync(["build-params", "main.bicepparam", "--stdout"], SecretsFromEnvironment);
        Assert.True(built.ExitCode == 0, built.ToString());
        var parameters = JsonNode.Parse(JsonNode.Parse(built.Stdout)!["parametersJson"]!.GetValue<string>())!["parameters"]!;
        Assert.Equal("bot-secret-from-env", parameters["botAppPassword"]!["value"]!.GetValue<string>());

        var text = await File.ReadAllTextAsync(Path.Combine(Infra, "main.bicepparam"), TestContext.Current.CancellationToken);
        Assert.DoesNotContain("secret-from-env", text, StringComparison.Ordinal);
        var missing = await RunBicepAsync(["build-params", "main.bicepparam", "--stdout"], SecretsFromEnvironment.ToDictionary(kv => kv.Key, _ => (string?)null));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("POSTGRES_ADMIN_PASSWORD", missing.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task App_settings_satisfy_the_hosts_production_validation_with_secrets_as_key_vault_references()
    {
        var template = await CompileAsync();
        var site = Resource(template, "Microsoft.Web/sites");
        var properties = site["properties"]!;
        Assert.Equal("DOTNETCORE|10.0", properties["siteConfig"]!["linuxFxVersion"]!.GetValue<string>());
        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("UserAssigned", site["identity"]!["type"]!.GetValue<string>());
        Assert.NotNull(properties["keyVaultReferenceIdentity"]);

        var settings = properties["siteConfig"]!["appSettings"]!.AsArray()
            .ToDictionary(s => s!["name"]!.GetValue<string>(), s => s!["value"]!.GetValue<string>());
        foreach (var secret in new[] { "Storage__ConnectionString", "Graph__ClientSecret", "Bot__AppPassword" })
        {
            Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri={0})'", settings[secret], StringComparison.Ordinal);
        }

        Assert.Equal("Production", settings["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("Postgres", settings["Storage__Provider"]);
        Assert.Contains("APPLICATIONINSIGHTS_CONNECTION_STRING", settings.Keys);
        Assert.DoesNotContain(settings.Values, v => v.Contains("parameters('graphClientSecret')", StringComparison.Ordinal) || v.Contains("parameters('botAppPassword')", StringComparison.Ordinal));

        // The same check the host runs at start-up: nothing it requires in production is left unset.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(kv => KeyValuePair.Create(kv.Key.Replace("__", ":", StringComparison.Ordinal), (string?)AsDeployed(kv.Value))))
            .Build();
        var checkedSettings = SettingsRegistration.Check(configuration, new ProductionEnvironment(), out var problems);
        Assert.True(checkedSettings is not null, string.Join('\n', problems));
    }

    [Fact]
    public async Task Bot_is_single_tenant_on_teams_and_calls_the_hosts_messages_endpoint()
    {
        var template = await CompileAsync();
        var bot = Resource(template, "Microsoft.BotService/botServices");
        Assert.Equal("azurebot", bot["kind"]!.GetValue<string>());
        Assert.Equal("SingleTenant", bot["properties"]!["msaAppType"]!.GetValue<string>());
        Assert.Equal("[format('https://{0}/api/messages', reference(resourceId('Microsoft.Web/sites', variables('webAppName')), '2024-04-01').defaultHostName)]", bot["properties"]!["endpoint"]!.GetValue<string>());
        var channel = Resource(template, "Microsoft.BotService/botServices/channels");
        Assert.Equal("MsTeamsChannel", channel["properties"]!["channelName"]!.GetValue<string>());

        var vault = Resource(template, "Microsoft.KeyVault/vaults");
        Assert.True(vault["properties"]!["enableRbacAuthorization"]!.GetValue<bool>());
        Assert.Equal(3, Resources(template).Count(r => r["type"]!.GetValue<string>() == "Microsoft.KeyVault/vaults/secrets"));
        Assert.Contains(Resources(template), r => r["type"]!.GetValue<string>() == "Microsoft.Authorization/roleAssignments"
            && r["properties"]!["principalType"]?.GetValue<string>() == "ServicePrincipal");
        Assert.Equal("16", Resource(template, "Microsoft.DBforPostgreSQL/flexibleServers")["properties"]!["version"]!.GetValue<string>());
        Assert.NotNull(Resource(template, "Microsoft.Insights/components"));
        Assert.NotNull(Resource(template, "Microsoft.OperationalInsights/workspaces"));

        var outputs = template["outputs"]!.AsObject();
        Assert.DoesNotContain(outputs, o => o.Key.Contains("secret", StringComparison.OrdinalIgnoreCase) || o.Key.Contains("password", StringComparison.OrdinalIgnoreCase) || o.Key.Contains("connection", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Readme_names_every_resource_and_the_deploy_command()
    {
        var readme = File.ReadAllText(Path.Combine(Infra, "README.md"));
        Assert.Contains("az deployment group create", readme, StringComparison.Ordinal);
        foreach (var type in new[] { "Microsoft.Web/sites", "Microsoft.DBforPostgreSQL/flexibleServers", "Microsoft.KeyVault/vaults", "Microsoft.BotService/botServices", "Microsoft.Insights/components", "Microsoft.OperationalInsights/workspaces", "Microsoft.ManagedIdentity/userAssignedIdentities" })
        {
            Assert.Contains(type, readme, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// A value as Azure would set it: an ARM format() expression keeps its literal text with each hole filled
    /// ("https://x.azurewebsites.net"); any other expression becomes a non-empty value.
    /// </summary>
    private static string AsDeployed(string value)
    {
        if (!value.StartsWith('['))
        {
            return value;
        }

        var format = ArmFormat().Match(value);
        return format.Success ? ArmHole().Replace(format.Groups[1].Value, "x") : "resolved-at-deployment";
    }

    [GeneratedRegex(@"^\[format\('([^']*)'")]
    private static partial Regex ArmFormat();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex ArmHole();

    private sealed class ProductionEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;

        public string ApplicationName { get; set; } = "MeetingPrep.Web";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
