using System.Diagnostics.CodeAnalysis;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Security;
using MeetingPrep.Core.Users;
using MeetingPrep.Web.Auth;

namespace MeetingPrep.Web.Hosting;

/// <summary>A command-line verb run against the composed app instead of serving HTTP.</summary>
public interface ICommandLineVerb
{
    Task<int> RunAsync(WebApplication app, TextWriter output);
}

/// <summary>Recognises the verbs after <c>--</c> in <c>dotnet run --project src/MeetingPrep.Web -- VERB ...</c>.</summary>
public static class CommandLineVerbs
{
    public static bool TryGet(string[] args, [NotNullWhen(true)] out ICommandLineVerb? verb)
    {
        verb = args.FirstOrDefault() switch
        {
            "brief" => new BriefVerb(args[1..]),
            "crm" => new CrmVerb(args[1..]),
            "scenario" => new ScenarioVerb(args[1..]),
            _ => null,
        };
        return verb is not null;
    }

    /// <summary>The value after <paramref name="name"/>, e.g. <c>--user lena@contoso.com</c>.</summary>
    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}

/// <summary>
/// <c>brief --user UPN (--next | --meeting ID)</c>: prints a briefing as text, through the same engine and connectors
/// the API uses. In demo mode the user defaults to the first demo user.
/// </summary>
internal sealed class BriefVerb(string[] args) : ICommandLineVerb
{
    public async Task<int> RunAsync(WebApplication app, TextWriter output)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var user = ResolveUser(services, CommandLineVerbs.Option(args, "--user"));
        if (user is null)
        {
            await output.WriteLineAsync("Unknown user. Usage: brief --user <upn> (--next | --meeting <id>)");
            return 2;
        }

        services.GetRequiredService<TenantScope>().Enter(user.TenantId);
        var briefings = services.GetRequiredService<BriefingService>();
        var time = services.GetRequiredService<TimeProvider>();
        var cancellation = app.Lifetime.ApplicationStopping;
        var meetingId = CommandLineVerbs.Option(args, "--meeting");
        if (meetingId is null)
        {
            var next = await briefings.FindNextBriefedMeetingAsync(user, time.GetUtcNow(), cancellation);
            if (next is null)
            {
                await output.WriteLineAsync($"{user.DisplayName} has no briefed meeting in the next 7 days.");
                return 0;
            }

            meetingId = next.Id;
        }

        var result = await briefings.GetBriefingAsync(user, meetingId, cancellation);
        if (result.Outcome != BriefingOutcome.Ready)
        {
            await output.WriteLineAsync(result.Reason);
            return result.Outcome == BriefingOutcome.Forbidden ? 3 : 0;
        }

        await output.WriteAsync(BriefingText.Render(result.Briefing!, user));
        return 0;
    }

    /// <summary>Demo users by UPN; in production a user is named by UPN and object id (<c>--user upn --oid id --tenant tid</c>).</summary>
    private UserRef? ResolveUser(IServiceProvider services, string? upn)
    {
        if (services.GetService<DemoDirectory>() is { } demo)
        {
            return upn is null ? demo.Default : demo.Find(upn);
        }

        var oid = CommandLineVerbs.Option(args, "--oid");
        var tenant = CommandLineVerbs.Option(args, "--tenant");
        return upn is null || oid is null || tenant is null
            ? null
            : new UserRef(tenant, oid, upn, upn, CommandLineVerbs.Option(args, "--tz") ?? "UTC", "en-US");
    }
}

/// <summary><c>crm import FOLDER|ZIP [--replace]</c> and <c>crm export ZIP</c> for the built-in CRM.</summary>
internal sealed class CrmVerb(string[] args) : ICommandLineVerb
{
    public async Task<int> RunAsync(WebApplication app, TextWriter output)
    {
        var settings = app.Services.GetRequiredService<MeetingPrepSettings>();
        if (!settings.UsesBuiltInCrm)
        {
            await output.WriteLineAsync($"The built-in CRM is not in use (Crm:Provider is {settings.Crm.Provider}): import into and export from {settings.Crm.Provider} itself.");
            return 2;
        }

        await using var scope = app.Services.CreateAsyncScope();
        return await Crm.CrmImportVerb.RunAsync(scope.ServiceProvider, args, output);
    }
}

/// <summary>
/// <c>scenario export FOLDER [--now 2026-11-27T08:00:00Z] [--seed N]</c>: writes the generated demo tenant as a scenario
/// pack (scenario.json, each user's calendar and mailbox in Graph's wire format, the CRM as CSV), so the demo is one more
/// pack that the pack loader and <c>eval</c> read. Exit code 0 written, 2 wrong usage.
/// </summary>
internal sealed class ScenarioVerb(string[] args) : ICommandLineVerb
{
    public async Task<int> RunAsync(WebApplication app, TextWriter output)
    {
        if (args.Length < 2 || args[0] != "export" || args[1].StartsWith('-'))
        {
            await output.WriteLineAsync("Usage: scenario export <folder> [--now 2026-11-27T08:00:00Z] [--seed N]");
            return 2;
        }

        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (CommandLineVerbs.Option(args, "--now") is { } text
            && !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out now))
        {
            await output.WriteLineAsync($"--now takes an ISO 8601 date-time, not '{text}'.");
            return 2;
        }

        var seed = app.Services.GetRequiredService<MeetingPrepSettings>().Demo.Seed;
        if (CommandLineVerbs.Option(args, "--seed") is { } seedText && !int.TryParse(seedText, System.Globalization.CultureInfo.InvariantCulture, out seed))
        {
            await output.WriteLineAsync($"--seed takes a whole number, not '{seedText}'.");
            return 2;
        }

        var tenant = Demo.DemoTenant.Create(now, seed);
        var crm = Storage.Crm.Csv.CrmCsvWriter.Write(tenant.Crm.WithoutLinks());
        var folder = CommandLinePaths.Resolve(args[1]);
        Demo.Scenarios.ScenarioPackWriter.Write(tenant, folder, $"{tenant.DisplayName} demo tenant (seed {seed})", crm);
        await output.WriteLineAsync($"Wrote the demo tenant ({tenant.Users.Count} users, now {now:yyyy-MM-dd'T'HH:mm:ss'Z'}) as a scenario pack to {folder}.");
        return 0;
    }
}
