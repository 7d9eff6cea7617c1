using Xunit;

namespace MeetingPrep.Testing;

/// <summary>
/// Gates for tests that need something outside the test process (Chromium, PostgreSQL, Node tools).
/// On a developer machine a missing dependency skips the test with the reason; with CI=true it fails,
/// so CI can never go green by skipping.
/// </summary>
public static class Requires
{
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (locally) or fails (in CI) when <paramref name="available"/> is false.</summary>
    public static void That(bool available, string what, string howToGetIt)
    {
        if (available)
        {
            return;
        }

        var reason = $"{what} is not available here. {howToGetIt}";
        if (IsCi)
        {
            Assert.Fail($"CI=true and {reason}");
        }

        Assert.Skip(reason);
    }

    /// <summary>Path of Chromium, or a skip/fail when it is absent.</summary>
    public static string Chromium()
    {
        var path = Environment.GetEnvironmentVariable("MEETINGPREP_CHROMIUM") ?? "/usr/bin/chromium";
        That(File.Exists(path), $"Chromium ({path})", "Install it with 'apt-get install chromium' or run .ci/run.");
        return path;
    }

    /// <summary>The PostgreSQL connection string for tests, or a skip/fail when none answers.</summary>
    public static string PostgreSql()
    {
        var connectionString = Environment.GetEnvironmentVariable("MEETINGPREP_TEST_POSTGRES")
            ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=postgres;Timeout=3";
        That(CanConnect(connectionString), "PostgreSQL", "Start it with .ci/run, or set MEETINGPREP_TEST_POSTGRES.");
        return connectionString;
    }

    private static bool CanConnect(string connectionString)
    {
        var host = "127.0.0.1";
        var port = 5432;
        foreach (var part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = part.Split('=', 2);
            if (kv.Length != 2)
            {
                continue;
            }

            if (kv[0].Trim().Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                host = kv[1].Trim();
            }
            else if (kv[0].Trim().Equals("Port", StringComparison.OrdinalIgnoreCase))
            {
                port = int.Parse(kv[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            return client.ConnectAsync(host, port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (AggregateException)
        {
            return false;
        }
    }
}
