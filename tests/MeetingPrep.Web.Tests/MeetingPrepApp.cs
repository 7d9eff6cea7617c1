using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace MeetingPrep.Web.Tests;

/// <summary>
/// The real host on its embedded defaults (Development, demo tenant, SQLite), with its own database file in a temp
/// folder so every test starts clean. Extra settings override configuration the way environment variables would.
/// </summary>
public sealed class MeetingPrepApp(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development")
    : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("meetingprep-test-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Storage:ConnectionString", $"Data Source={Path.Combine(_folder, "meetingprep.db")}");
        builder.UseSetting("Scheduler:Enabled", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is left for the temp cleaner; the next test uses its own folder anyway.
        }
    }
}
