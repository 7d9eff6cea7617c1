using MeetingPrep.Storage.Crm.Csv;
using MeetingPrep.Web.Hosting;

namespace MeetingPrep.Web.Crm;

/// <summary>
/// <c>crm import &lt;folder|zip&gt; [--replace]</c> and <c>crm export &lt;zip&gt;</c>: the built-in CRM's CSV files from the command line.
/// Exit codes: 0 done, 1 rejected (every problem printed), 2 wrong usage.
/// </summary>
public sealed class CrmImportVerb
{
    public const string Usage = """
        Usage:
          crm import <folder|file.zip> [--replace]   import accounts.csv, contacts.csv, … (merge by id; --replace deletes everything first)
          crm export <file.zip>                      write every record as CSV files into a zip
        """;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var rest = args.Length > 0 && args[0].Equals("crm", StringComparison.OrdinalIgnoreCase) ? args[1..] : args;
        var replace = rest.Contains("--replace", StringComparer.OrdinalIgnoreCase);
        var positional = rest.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var unknownFlags = rest.Where(a => a.StartsWith("--", StringComparison.Ordinal) && !a.Equals("--replace", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (positional.Length != 2 || unknownFlags.Length > 0)
        {
            await output.WriteLineAsync(Usage);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CrmCsvImporter>();
        var path = CommandLinePaths.Resolve(positional[1]);
        switch (positional[0].ToLowerInvariant())
        {
            case "import":
                var outcome = await importer.ImportPathAsync(path, replace ? CrmImportMode.Replace : CrmImportMode.Merge, CancellationToken.None);
                if (!outcome.Succeeded)
                {
                    await output.WriteLineAsync($"Rejected {path}: {outcome.Problems.Count} problem(s), nothing was written.");
                    foreach (var problem in outcome.Problems)
                    {
                        await output.WriteLineAsync("  " + problem);
                    }

                    return 1;
                }

                var c = outcome.Counts!;
                await output.WriteLineAsync(
                    $"Imported {c.Accounts} accounts, {c.Contacts} contacts, {c.Opportunities} opportunities, {c.Notes} notes, {c.Cases} cases, " +
                    $"{c.MetricSeries} metric series ({c.MetricPoints} points){(replace ? " (replaced everything)" : string.Empty)}.");
                return 0;
            case "export" when replace:
                await output.WriteLineAsync(Usage);
                return 2;
            case "export":
                var folder = Path.GetDirectoryName(Path.GetFullPath(path));
                if (folder is not null)
                {
                    Directory.CreateDirectory(folder);
                }

                await using (var file = File.Create(path))
                {
                    await importer.ExportZipAsync(file, CancellationToken.None);
                }

                await output.WriteLineAsync($"Exported the built-in CRM to {path}.");
                return 0;
            default:
                await output.WriteLineAsync(Usage);
                return 2;
        }
    }
}
