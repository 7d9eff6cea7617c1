using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MeetingPrep.Web.Tests;

/// <summary>
/// The real host on its embedded defaults (Development, demo tenant, SQLite), with its own database file in a temp
/// folder so every test starts clean. Extra settings override configuration the way environment variables would.
/// </summary>
public sealed class MeetingPrepApp(IReadOnlyDictionary<string, string?>? settings = null, string environment = "Development", TimeProvider? clock = null)
    : WebApplicationFactory<Program>
{
    /// <summary>A fixed "now" for tests whose expectations depend on the demo tenant's dates (golden briefings).</summary>
    public static readonly DateTimeOffset FixedNow = new(2026, 11, 26, 7, 0, 0, TimeSpan.Zero);

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

        if (clock is not null)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            });
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
