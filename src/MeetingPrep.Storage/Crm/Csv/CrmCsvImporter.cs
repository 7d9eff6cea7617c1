using MeetingPrep.Core.Crm;
using Microsoft.EntityFrameworkCore;

namespace MeetingPrep.Storage.Crm.Csv;

/// <summary>How an import treats what is already stored.</summary>
public enum CrmImportMode
{
    /// <summary>Insert new records and overwrite those with the same id; keep the rest.</summary>
    Merge,

    /// <summary>Delete everything first; the files become the whole CRM.</summary>
    Replace,
}

/// <summary>Either the counts written, or (nothing written) every problem found.</summary>
public sealed record CrmImportOutcome(CrmImportCounts? Counts, IReadOnlyList<CsvProblem> Problems)
{
    public bool Succeeded => Counts is not null;
}

/// <summary>CSV import and export of the built-in CRM: read and judge every file, then write all in one transaction or nothing.</summary>
public sealed class CrmCsvImporter(MeetingPrepDbContext db, IBuiltInCrmStore store, TimeProvider time)
{
    /// <summary>Imports from a folder of CSV files or a .zip of them.</summary>
    public async Task<CrmImportOutcome> ImportPathAsync(string path, CrmImportMode mode, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            return await ImportAsync(() => CrmCsvPackage.ReadFolderAsync(path, cancellationToken), mode, cancellationToken);
        }

        if (!File.Exists(path))
        {
            return Failed(path, $"'{path}' is neither a folder nor a file");
        }

        await using var zip = File.OpenRead(path);
        return await ImportZipAsync(zip, mode, cancellationToken);
    }

    public Task<CrmImportOutcome> ImportZipAsync(Stream zip, CrmImportMode mode, CancellationToken cancellationToken) =>
        ImportAsync(() => CrmCsvPackage.ReadZipAsync(zip, cancellationToken), mode, cancellationToken);

    /// <summary>Imports CSV texts keyed by file name (accounts.csv, contacts.csv, …).</summary>
    public async Task<CrmImportOutcome> ImportAsync(IReadOnlyDictionary<string, string> files, CrmImportMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        IReadOnlySet<string> known = mode == CrmImportMode.Merge
            ? (await db.Set<CrmAccountEntity>().AsNoTracking().Select(a => a.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
        var read = CrmCsvReader.Read(files, time.GetUtcNow(), known);
        if (!read.Succeeded)
        {
            return new CrmImportOutcome(null, read.Problems);
        }

        try
        {
            var counts = mode == CrmImportMode.Replace
                ? await store.ReplaceAllAsync(read.Data!, cancellationToken)
                : await store.UpsertAsync(read.Data!, cancellationToken);
            return new CrmImportOutcome(counts, []);
        }
        catch (CrmDataException ex)
        {
            // Only reachable when the store changed between reading and writing (e.g. an account deleted meanwhile).
            return new CrmImportOutcome(null, [.. ex.Problems.Select(p => new CsvProblem("(all)", 0, null, null, p))]);
        }
    }

    public async Task<IReadOnlyDictionary<string, string>> ExportAsync(CancellationToken cancellationToken) =>
        CrmCsvWriter.Write(await store.ExportAsync(cancellationToken));

    public async Task ExportZipAsync(Stream output, CancellationToken cancellationToken) =>
        await CrmCsvPackage.WriteZipAsync(await ExportAsync(cancellationToken), output, cancellationToken);

    private async Task<CrmImportOutcome> ImportAsync(Func<Task<IReadOnlyDictionary<string, string>>> load, CrmImportMode mode, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> files;
        try
        {
            files = await load();
        }
        catch (InvalidDataException ex)
        {
            return Failed("(upload)", ex.Message);
        }
        catch (IOException ex)
        {
            return Failed("(upload)", ex.Message);
        }

        return await ImportAsync(files, mode, cancellationToken);
    }

    private static CrmImportOutcome Failed(string file, string reason) => new(null, [new CsvProblem(file, 0, null, null, reason)]);
}
