using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Security;
using MeetingPrep.Core.Users;
using MeetingPrep.Web.Auth;
using MeetingPrep.Web.Crm;
using MeetingPrep.Web.Scenarios;

namespace MeetingPrep.Web.Hosting;

/// <summary>
/// The verbs after <c>--</c> in <c>dotnet run --project src/MeetingPrep.Web -- VERB ...</c>, parsed by System.CommandLine:
/// <c>--help</c> on every verb; an unknown verb or option, a missing or malformed value is an error on stderr with exit
/// code 2. Without a verb (nothing, or host settings such as <c>--urls</c> and <c>--scenario</c>) the web service starts.
/// </summary>
public static class CommandLineVerbs
{
    /// <summary>Wrong usage: an unknown verb or option, a missing or malformed value.</summary>
    public const int UsageError = 2;

    /// <summary>The verb's exit code, or null when <paramref name="args"/> start the web service.</summary>
    public static async Task<int?> TryRunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("--help" or "-h" or "-?")))
        {
            return null;
        }

        var parse = Root(output, errors).Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await errors.WriteLineAsync(error.Message);
            }

            await errors.WriteLineAsync($"See '{string.Join(' ', [.. CommandPath(parse.CommandResult), "--help"])}'.");
            return UsageError;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors });
    }

    private static RootCommand Root(TextWriter output, TextWriter errors) => new("MeetingPrep: without a verb, the web service; with one, that verb against the same composition.")
    {
        Brief(output, errors),
        Eval(output, errors),
        Scenario(output, errors),
        Crm(output, errors),
    };

    private static Command Brief(TextWriter output, TextWriter errors)
    {
        var user = new Option<string>("--user") { Description = "The user's UPN (demo: defaults to the first demo user)" };
        var next = new Option<bool>("--next") { Description = "The user's next briefed meeting (the default)" };
        var meeting = new Option<string>("--meeting") { Description = "The meeting's event id" };
        var oid = new Option<string>("--oid") { Description = "Production: the user's object id" };
        var tenant = new Option<string>("--tenant") { Description = "Production: the user's tenant id" };
        var zone = new Option<string>("--tz") { Description = "Production: the user's time zone", DefaultValueFactory = _ => "UTC" };
        var scenario = ScenarioOption();
        var command = new Command("brief", "Print a briefing as text, through the same engine and connectors the API uses") { user, next, meeting, oid, tenant, zone, scenario };
        command.Validators.Add(result =>
        {
            if (result.GetResult(next) is not null && result.GetResult(meeting) is not null)
            {
                result.AddError("--next and --meeting cannot be used together.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await ComposeAsync(parse.GetValue(scenario), errors);
            if (app is null)
            {
                return UsageError;
            }

            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var who = services.GetService<DemoDirectory>() is { } demo
                ? (parse.GetValue(user) is { } upn ? demo.Find(upn) : demo.Default)
                : parse.GetValue(user) is { } name && parse.GetValue(oid) is { } id && parse.GetValue(tenant) is { } tid
                    ? new UserRef(tid, id, name, name, parse.GetValue(zone)!, "en-US")
                    : null;
            if (who is null)
            {
                await errors.WriteLineAsync("Unknown user: give --user (and outside the demo --oid and --tenant). See 'brief --help'.");
                return UsageError;
            }

            return await BriefAsync(services, who, parse.GetValue(meeting), output, cancellationToken);
        });
        return command;
    }

    private static async Task<int> BriefAsync(IServiceProvider services, UserRef user, string? meetingId, TextWriter output, CancellationToken cancellationToken)
    {
        services.GetRequiredService<TenantScope>().Enter(user.TenantId);
        var briefings = services.GetRequiredService<BriefingService>();
        if (meetingId is null)
        {
            var next = await briefings.FindNextBriefedMeetingAsync(user, services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
            if (next is null)
            {
                await output.WriteLineAsync($"{user.DisplayName} has no briefed meeting in the next 7 days.");
                return 0;
            }

            meetingId = next.Id;
        }

        var result = await briefings.GetBriefingAsync(user, meetingId, cancellationToken);
        if (result.Outcome != BriefingOutcome.Ready)
        {
            await output.WriteLineAsync(result.Reason);
            return result.Outcome == BriefingOutcome.Forbidden ? 3 : 0;
        }

        await output.WriteAsync(BriefingText.Render(result.Briefing!, user));
        return 0;
    }

    private static Command Eval(TextWriter output, TextWriter errors)
    {
        var packs = new Argument<string>("pack") { Description = "A scenario pack, or a folder of packs" };
        var json = new Option<string>("--json") { Description = "Also write the scores as JSON to this file" };
        var minRecall = Ratio("--min-recall", "Lowest key-point recall that passes");
        var minLead = Ratio("--min-lead", "Lowest lead recall that passes");
        var maxWrong = Count("--max-wrong", "Most wrong lines that pass");
        var minCited = Ratio("--min-cited", "Lowest share of items citing a record of the pack");
        var maxRepeated = Count("--max-repeated", "Most repeated card lines that pass");
        var command = new Command(EvalCommand.Name, "Score briefings against scenario packs' expectations (exit 0 floors hold, 1 one is missed, 2 usage or pack problems)")
        {
            packs, json, minRecall, minLead, maxWrong, minCited, maxRepeated,
        };
        command.SetAction((parse, cancellationToken) => EvalCommand.RunAsync(
            parse.GetValue(packs)!,
            parse.GetValue(json),
            new EvalFloors(parse.GetValue(minRecall), parse.GetValue(minLead), parse.GetValue(maxWrong), parse.GetValue(minCited), parse.GetValue(maxRepeated)),
            output,
            errors,
            cancellationToken));
        return command;
    }

    private static Command Scenario(TextWriter output, TextWriter errors)
    {
        var folder = new Argument<string>("folder") { Description = "Where to write the pack" };
        var now = new Option<DateTimeOffset?>("--now")
        {
            Description = "The pack's clock (ISO 8601; default: now)",
            CustomParser = result => DateTimeOffset.TryParse(result.Tokens[0].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
                ? value
                : Fail<DateTimeOffset?>(result, $"--now takes an ISO 8601 date-time, not '{result.Tokens[0].Value}'."),
        };
        var seed = new Option<int?>("--seed") { Description = "Seed of the synthetic tenant (default Demo:Seed)" };
        var export = new Command("export", "Write the generated demo tenant as a scenario pack") { folder, now, seed };
        export.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = await ComposeAsync(null, errors);
            if (app is null)
            {
                return UsageError;
            }

            var at = parse.GetValue(now) ?? app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
            var tenantSeed = parse.GetValue(seed) ?? app.Services.GetRequiredService<MeetingPrepSettings>().Demo.Seed;
            var tenant = Demo.DemoTenant.Create(at, tenantSeed);
            var crm = Storage.Crm.Csv.CrmCsvWriter.Write(tenant.Crm.WithoutLinks());
            var path = CommandLinePaths.Resolve(parse.GetValue(folder)!);
            Demo.Scenarios.ScenarioPackWriter.Write(tenant, path, $"{tenant.DisplayName} demo tenant (seed {tenantSeed})", crm);
            await output.WriteLineAsync($"Wrote the demo tenant ({tenant.Users.Count} users, now {at:yyyy-MM-dd'T'HH:mm:ss'Z'}) as a scenario pack to {path}.");
            return 0;
        });
        return new Command("scenario", "Scenario packs") { export };
    }

    private static Command Crm(TextWriter output, TextWriter errors)
    {
        var source = new Argument<string>("source") { Description = "A folder or .zip of the built-in CRM's CSV files" };
        var replace = new Option<bool>("--replace") { Description = "Delete everything first (default: merge by id)" };
        var import = new Command("import", "Import accounts.csv, contacts.csv, … into the built-in CRM (exit 0 done, 1 rejected)") { source, replace };
        import.SetAction((parse, _) => WithBuiltInCrmAsync(errors, services => CrmImportVerb.ImportAsync(services, CrmTenant(services), CommandLinePaths.Resolve(parse.GetValue(source)!), parse.GetValue(replace), output)));

        var target = new Argument<string>("zip") { Description = "The .zip file to write" };
        var export = new Command("export", "Write every record of the built-in CRM as CSV files into a zip") { target };
        export.SetAction((parse, _) => WithBuiltInCrmAsync(errors, services => CrmImportVerb.ExportAsync(services, CrmTenant(services), CommandLinePaths.Resolve(parse.GetValue(target)!), output)));
        return new Command("crm", "The built-in CRM's CSV files") { import, export };
    }

    /// <summary>The command line reads and writes the home tenant's built-in CRM.</summary>
    private static string CrmTenant(IServiceProvider services) =>
        MeetingPrepHostingExtensions.HomeTenantId(services) ?? throw new InvalidOperationException("Set Graph:TenantId: the built-in CRM's rows belong to a tenant.");

    private static async Task<int> WithBuiltInCrmAsync(TextWriter errors, Func<IServiceProvider, Task<int>> run)
    {
        await using var app = await ComposeAsync(null, errors);
        if (app is null)
        {
            return UsageError;
        }

        var settings = app.Services.GetRequiredService<MeetingPrepSettings>();
        if (!settings.UsesBuiltInCrm)
        {
            await errors.WriteLineAsync($"The built-in CRM is not in use (Crm:Provider is {settings.Crm.Provider}): import into and export from {settings.Crm.Provider} itself.");
            return UsageError;
        }

        return await run(app.Services);
    }

    /// <summary>The app as the service composes it (settings checked, storage migrated), without serving HTTP.</summary>
    private static async Task<WebApplication?> ComposeAsync(string? scenario, TextWriter errors)
    {
        var app = AppComposition.Build(new WebApplicationOptions { Args = scenario is null ? [] : ["--scenario", scenario] }, overrides: null, errors);
        if (app is not null)
        {
            await app.PrepareStorageAsync();
        }

        return app;
    }

    private static Option<string> ScenarioOption() => new("--scenario") { Description = "Serve this scenario pack instead of the generated demo tenant" };

    private static Option<double?> Ratio(string name, string description) => new(name)
    {
        Description = description + " (0 to 1)",
        CustomParser = result => double.TryParse(result.Tokens[0].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : Fail<double?>(result, $"{name} takes a ratio between 0 and 1, not '{result.Tokens[0].Value}'."),
    };

    private static Option<int?> Count(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : Fail<int?>(result, $"{name} takes a whole number, not '{result.Tokens[0].Value}'."),
    };

    private static T? Fail<T>(ArgumentResult result, string error)
    {
        result.AddError(error);
        return default;
    }

    private static IEnumerable<string> CommandPath(CommandResult? command) =>
        command?.Parent is CommandResult parent && parent.Parent is not null ? [.. CommandPath(parent), command.Command.Name] : command is null || command.Parent is null ? [] : [command.Command.Name];
}
