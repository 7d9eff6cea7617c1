using System.IO.Compression;
using System.Text;

namespace MeetingPrep.Storage.Crm.Csv;

/// <summary>Reads CRM CSV files from a folder or a zip, and packs them into a zip.</summary>
public static class CrmCsvPackage
{
    /// <summary>Upper bound on the unpacked size, so a hostile zip cannot exhaust memory.</summary>
    public const long MaxTotalBytes = 64L * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The *.csv files directly in <paramref name="folder"/>.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadFolderAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Folder '{folder}' does not exist.");
        }

        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        long total = 0;
        foreach (var path in Directory.EnumerateFiles(folder, "*.csv", SearchOption.TopDirectoryOnly))
        {
            total += new FileInfo(path).Length;
            ThrowIfTooLarge(total);
            files[Path.GetFileName(path)] = Decode(Path.GetFileName(path), await File.ReadAllBytesAsync(path, cancellationToken));
        }

        return files;
    }

    /// <summary>The *.csv entries of a zip, by file name (folders inside the zip are ignored).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReadZipAsync(Stream zip, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        long total = 0;
        try
        {
            await using var archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Read, leaveOpen: true, entryNameEncoding: null, cancellationToken);
            foreach (var entry in archive.Entries)
            {
                if (entry.FullName.EndsWith('/') || !entry.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) || entry.Name.StartsWith("._", StringComparison.Ordinal))
                {
                    continue;
                }

                total += entry.Length;
                ThrowIfTooLarge(total);
                await using var stream = await entry.OpenAsync(cancellationToken);
                using var buffer = new MemoryStream();
                await CopyBoundedAsync(stream, buffer, cancellationToken);
                if (!files.TryAdd(entry.Name, Decode(entry.Name, buffer.ToArray())))
                {
                    throw new InvalidDataException($"The zip holds '{entry.Name}' more than once.");
                }
            }
        }
        catch (InvalidDataException ex) when (ex.Message.StartsWith("The zip holds", StringComparison.Ordinal) || ex.Message.Contains(" is not UTF-8", StringComparison.Ordinal))
        {
            throw;
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException("The upload is not a readable zip file.", ex);
        }

        return files;
    }

    /// <summary>Files given one by one (e.g. a multipart upload), keyed by their file names.</summary>
    public static string DecodeFile(string name, byte[] bytes) => Decode(name, bytes);

    public static async Task WriteZipAsync(IReadOnlyDictionary<string, string> files, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        await using var archive = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
            await using var stream = await entry.OpenAsync(cancellationToken);
            var bytes = StrictUtf8.GetBytes(text);
            await stream.WriteAsync(bytes, cancellationToken);
        }
    }

    private static async Task CopyBoundedAsync(Stream from, Stream to, CancellationToken cancellationToken)
    {
        // Entry.Length comes from the zip's own header, which can lie; count what actually inflates.
        var buffer = new byte[81920];
        long copied = 0;
        int read;
        while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
        {
            copied += read;
            ThrowIfTooLarge(copied);
            await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    private static void ThrowIfTooLarge(long total)
    {
        if (total > MaxTotalBytes)
        {
            throw new InvalidDataException($"The CSV files are larger than {MaxTotalBytes / (1024 * 1024)} MB together; split the import.");
        }
    }

    private static string Decode(string name, byte[] bytes)
    {
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidDataException($"{name} is not UTF-8 text; save it as UTF-8 CSV.", ex);
        }
    }
}
