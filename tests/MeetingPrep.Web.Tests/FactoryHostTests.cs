using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;

namespace MeetingPrep.Web.Tests;

/// <summary>
/// Hosts made by WebApplicationFactory run in memory on TestServer: they never open the configured port (3978, the
/// <c>Urls</c> in appsettings.json), so several run at once beside a developer's own host, and a factory asked for
/// Kestrel listens only where the test says.
/// </summary>
public sealed class FactoryHostTests
{
    private const int ConfiguredPort = 3978;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_factory_hosts_run_at_once_on_TestServer_and_open_no_listener_on_the_configured_port()
    {
        SkipUnlessSocketsAreListed();
        await using var first = new MeetingPrepApp();
        await using var second = new MeetingPrepApp();
        using var one = first.CreateClient();
        using var two = second.CreateClient();

        var answers = await Task.WhenAll(one.GetAsync(new Uri("/alive", UriKind.Relative), Ct), two.GetAsync(new Uri("/alive", UriKind.Relative), Ct));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.IsType<TestServer>(first.Services.GetRequiredService<IServer>());
        Assert.IsType<TestServer>(second.Services.GetRequiredService<IServer>());
        Assert.DoesNotContain(ConfiguredPort, OwnListeningPorts());
    }

    [Fact]
    public async Task A_factory_host_on_Kestrel_listens_only_on_the_port_the_test_gives_it()
    {
        SkipUnlessSocketsAreListed();
        await using var app = new MeetingPrepApp();
        app.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app.StartServer();

        var address = new Uri(Assert.Single(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses));

        Assert.NotEqual(ConfiguredPort, address.Port);
        var ports = OwnListeningPorts();
        Assert.Contains(address.Port, ports);
        Assert.DoesNotContain(ConfiguredPort, ports);
    }

    private static void SkipUnlessSocketsAreListed()
    {
        if (!File.Exists("/proc/net/tcp"))
        {
            Assert.Skip("Reads this process's listening sockets from /proc (Linux only).");
        }
    }

    /// <summary>The TCP ports this process listens on: LISTEN rows of /proc/net/tcp{,6} whose socket is one of our descriptors.</summary>
    private static HashSet<int> OwnListeningPorts()
    {
        var own = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos())
        {
            if (fd.LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                own.Add(target["socket:[".Length..^1]);
            }
        }

        var ports = new HashSet<int>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists))
        {
            foreach (var row in File.ReadLines(table).Skip(1))
            {
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...; st 0A is LISTEN.
                var cells = row.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (cells.Length > 9 && cells[3] == "0A" && own.Contains(cells[9]))
                {
                    ports.Add(int.Parse(cells[1][(cells[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return ports;
    }
}
