using System.Net;
using System.Net.Sockets;
using MeetingPrep.Testing;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;

namespace MeetingPrep.Connectors.Tests.Crm;

/// <summary>A WireMock server on 127.0.0.1 and a free port, with helpers for JSON routes and for reading what was asked.</summary>
internal sealed class FakeCrmServer : IDisposable
{
    private FakeCrmServer(WireMockServer server, string url)
    {
        Server = server;
        Url = url;
    }

    public WireMockServer Server { get; }

    public string Url { get; }

    /// <param name="https">Serve TLS with <see cref="TestCertificate"/> (MSAL accepts only an https authority); talk to it
    /// through <see cref="Client"/>.</param>
    public static FakeCrmServer Start(bool https = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            try
            {
                var url = $"{(https ? "https" : "http")}://127.0.0.1:{port}";
                var settings = new WireMockServerSettings { Urls = [url] };
                if (https)
                {
                    settings.CertificateSettings = new WireMockCertificateSettings { X509Certificate = TestCertificate.Server };
                }

                return new FakeCrmServer(WireMockServer.Start(settings), url);
            }
            catch (IOException) when (attempt < 3)
            {
                // Another process took the port between probing and binding; try another.
            }
        }
    }

    /// <summary>A client over <see cref="Handler"/>.</summary>
    public static HttpClient Client() => new(Handler());

    /// <summary>
    /// The network handler for these fakes: it connects to 127.0.0.1 only, where nothing but the test's own servers
    /// listen, and trusts <see cref="TestCertificate"/> there besides what the system trusts.
    /// </summary>
    public static SocketsHttpHandler Handler() => new()
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || certificate?.GetCertHashString() == TestCertificate.Server.GetCertHashString(),
        },
        ConnectCallback = async (context, cancellationToken) =>
        {
            if (!IPAddress.TryParse(context.DnsEndPoint.Host, out var address) || !IPAddress.IsLoopback(address))
            {
                throw new HttpRequestException($"The fake CRM's client only talks to 127.0.0.1, not {context.DnsEndPoint.Host}.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with a JSON body; optional matchers narrow the route.</summary>
    public void Json(
        string method,
        string path,
        string body,
        int status = 200,
        Func<string, bool>? url = null,
        Func<string, bool>? requestBody = null,
        int priority = 10,
        IDictionary<string, string>? headers = null,
        TimeSpan? delay = null,
        string? scenario = null,
        string? whenState = null,
        string? setState = null)
    {
        var request = Request.Create().WithPath(path).UsingMethod(method);
        if (url is not null)
        {
            request = request.WithUrl(u => url(Uri.UnescapeDataString(u)));
        }

        if (requestBody is not null)
        {
            request = request.WithBody((string? b) => b is not null && requestBody(b));
        }

        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response = response.WithHeader(name, value);
        }

        if (delay is { } d)
        {
            response = response.WithDelay(d);
        }

        var given = Server.Given(request).AtPriority(priority);
        if (scenario is not null)
        {
            given = given.InScenario(scenario);
            if (whenState is not null)
            {
                given = given.WhenStateIs(whenState);
            }

            if (setState is not null)
            {
                given = given.WillSetStateTo(setState);
            }
        }

        given.RespondWith(response);
    }

    /// <summary>Requests received on <paramref name="path"/>, oldest first.</summary>
    public List<IRequestMessage> Requests(string path) =>
        [.. Server.LogEntries.Select(e => e.RequestMessage).Where(r => r.Path == path).OrderBy(r => r.DateTime)];

    /// <summary>A request's URL with the query decoded, for asserting on filters.</summary>
    public static string DecodedUrl(IRequestMessage request) => Uri.UnescapeDataString(request.Url);

    public static string? Header(IRequestMessage request, string name) =>
        request.Headers is not null && request.Headers.TryGetValue(name, out WireMockList<string>? values) ? string.Join(",", values) : null;

    public void Dispose() => Server.Stop();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
