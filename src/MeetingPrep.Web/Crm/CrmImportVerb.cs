using MeetingPrep.Storage.Crm.Csv;
using MeetingPrep.Web.Hosting;
using MeetingPrep.Web.Security;

namespace MeetingPrep.Web.Crm;

/// <summary>
/// <c>crm import &lt;folder|zip&gt; [--replace]</c> and <c>crm export &lt;zip&gt;</c>: the built-in CRM's CSV files from the command line
/// (parsed by <see cref="CommandLineVerbs"/>). Exit codes: 0 done, 1 rejected (every problem printed). Both act in one tenant's
/// built-in CRM (the command line's is the home tenant, <see cref="MeetingPrepHostingExtensions.HomeTenantId"/>); rows of
/// other tenants are never read or touched.
/// </summary>
public static class CrmImportVerb
{
    public static async Task<int> ImportAsync(IServiceProvider services, string tenantId, string path, bool replace, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateTenantScope(tenantId);
        var importer = scope.ServiceProvider.GetRequiredService<CrmCsvImporter>();
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
    }

    public static async Task<int> ExportAsync(IServiceProvider services, string tenantId, string path, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateTenantScope(tenantId);
        await using (var file = File.Create(path))
        {
            await scope.ServiceProvider.GetRequiredService<CrmCsvImporter>().ExportZipAsync(file, CancellationToken.None);
        }

        await output.WriteLineAsync($"Exported the built-in CRM to {path}.");
        return 0;
    }
}
