using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MeetingPrep.Connectors.Graph;
using MeetingPrep.Core.Users;
using MeetingPrep.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using WireMock.Server;
using WireMock.Settings;

namespace MeetingPrep.Connectors.Tests.Graph;

/// <summary>
/// A fake Microsoft Graph on 127.0.0.1 (WireMock.Net) plus the real connector wired to it exactly as production wires it
/// (GraphClientFactory middleware over a socket handler). <see cref="Wire"/> records what went over the wire, in order,
/// so tests can count HTTP requests and sequential round trips. The connector's own call timeouts and batch retry waits
/// run on <see cref="Clock"/>, which moves only when a test moves it (the SDK's retry handler keeps the real clock).
/// </summary>
internal sealed class GraphFake : IDisposable
{
    public const string TenantId = "2b1f6c3a-8e4d-4f71-9a62-c3d5e7f90a14";
    public const string UserId = "5f1c2a6e-8d3b-4c7a-9e21-0a4b6c8d2e10";

    public static readonly UserRef User = new(TenantId, UserId, "adelev@contoso.com", "Adele Vance", "Pacific Standard Time", "en-US");

    public GraphFake(Action<GraphOptions>? configure = null)
    {
        Server = StartServer();
        Options = new GraphOptions
        {
            TenantId = TenantId,
            ClientId = "00000000-0000-0000-0000-000000000001",
            // Server.Url says "localhost"; address the loopback IP the server is bound to.
            BaseUrl = $"http://127.0.0.1:{Server.Ports[0]}/v1.0",
            MaxRetries = 2,
            RetryDelaySeconds = 1,
            TimeoutSeconds = 10,
        };
        configure?.Invoke(Options);
        Wire = new RecordingHandler(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) });
        Client = GraphServiceCollectionExtensions.CreateClient(Options, Wire, new AnonymousAuthenticationProvider());
        Gate = new MailboxGate(Options);
        Caller = new GraphCaller(Options, Gate, Clock, NullLogger<GraphCaller>.Instance);
        DomainsCache = new TenantDomainsCache(Options, TimeProvider.System);
        Calendar = new GraphCalendarSource(Client, Caller, DomainsCache, TimeProvider.System);
        Batches = new GraphBatchRunner(Client, Caller, Clock, NullLogger<GraphBatchRunner>.Instance);
        Mail = new GraphMailSource(Client, Batches, Options, NullLogger<GraphMailSource>.Instance);
    }

    public WireMockServer Server { get; }

    public WatchedClock Clock { get; } = new(new DateTimeOffset(2025, 3, 10, 8, 0, 0, TimeSpan.Zero));

    public GraphOptions Options { get; }

    public RecordingHandler Wire { get; }

    public GraphServiceClient Client { get; }

    public MailboxGate Gate { get; }

    public GraphCaller Caller { get; }

    public TenantDomainsCache DomainsCache { get; }

    public GraphCalendarSource Calendar { get; }

    public GraphBatchRunner Batches { get; }

    public GraphMailSource Mail { get; }

    /// <summary>The base URL with version, as Graph's links carry it ("https://graph.microsoft.com/v1.0").</summary>
    public string BaseUrl => Options.BaseUrl;

    public string UserPath => $"{new Uri(BaseUrl).AbsolutePath}/users/{UserId}";

    /// <summary>A fixture from shared/fixtures/graph with its Graph links pointed at this fake.</summary>
    public string Fixture(string name) =>
        File.ReadAllText(Path.Combine(RepoPaths.Shared, "fixtures", "graph", name))
            .Replace("https://graph.microsoft.com/v1.0", BaseUrl, StringComparison.Ordinal);

    public void Dispose()
    {
        Client.Dispose();
        Server.Stop();
        Server.Dispose();
    }

    private static WireMockServer StartServer()
    {
        // WireMock needs a concrete port; take a free one from the OS and retry if another test grabbed it meanwhile.
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            try
            {
                return WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{port}"], StartAdminInterface = false });
            }
            catch (Exception) when (attempt < 5)
            {
            }
        }
    }
}

/// <summary>
/// The primary handler under the SDK middleware: every HTTP exchange that reached the network, with the order in which
/// each started and finished (a sequence, not a time).
/// </summary>
internal sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private readonly ConcurrentQueue<Exchange> _exchanges = new();
    private readonly ConcurrentQueue<(string Path, bool Finished)> _events = new();
    private readonly ConcurrentQueue<(string Path, bool Finished, TaskCompletionSource Seen)> _waiters = new();
    private long _sequence;
    private int _inFlight;
    private int _maxInFlight;

    public IReadOnlyList<Exchange> Exchanges => [.. _exchanges.OrderBy(e => e.Started)];

    public int MaxInFlight => _maxInFlight;

    /// <summary>
    /// Sequential round trips: the longest chain of exchanges where each started after the previous one finished.
    /// Parallel requests count once; a retry or a next page adds one.
    /// </summary>
    public int RoundTrips
    {
        get
        {
            var list = Exchanges;
            var depth = new int[list.Count];
            for (var i = 0; i < list.Count; i++)
            {
                depth[i] = 1;
                for (var j = 0; j < i; j++)
                {
                    if (list[j].Finished <= list[i].Started)
                    {
                        depth[i] = Math.Max(depth[i], depth[j] + 1);
                    }
                }
            }

            return depth.Length == 0 ? 0 : depth.Max();
        }
    }

    /// <summary>Completes once a request whose path ends with <paramref name="pathSuffix"/> is on its way to the server.</summary>
    public Task SentAsync(string pathSuffix) => SeenAsync(pathSuffix, finished: false);

    /// <summary>Completes once a request whose path ends with <paramref name="pathSuffix"/> has its answer.</summary>
    public Task FinishedAsync(string pathSuffix) => SeenAsync(pathSuffix, finished: true);

    private Task SeenAsync(string pathSuffix, bool finished)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Enqueue((pathSuffix, finished, seen));
        if (_events.Any(e => e.Finished == finished && e.Path.EndsWith(pathSuffix, StringComparison.Ordinal)))
        {
            seen.TrySetResult();
        }

        return seen.Task;
    }

    private void Report(string path, bool finished)
    {
        _events.Enqueue((path, finished));
        foreach (var waiter in _waiters)
        {
            if (waiter.Finished == finished && path.EndsWith(waiter.Path, StringComparison.Ordinal))
            {
                waiter.Seen.TrySetResult();
            }
        }
    }

    public IReadOnlyList<Exchange> To(string pathSuffix) =>
        [.. Exchanges.Where(e => e.Uri.AbsolutePath.EndsWith(pathSuffix, StringComparison.Ordinal))];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var prefer = request.Headers.TryGetValues("Prefer", out var values) ? string.Join(", ", values) : null;
        var started = Interlocked.Increment(ref _sequence);
        var path = request.RequestUri!.AbsolutePath;
        Report(path, finished: false);

        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while ((seen = _maxInFlight) < now && Interlocked.CompareExchange(ref _maxInFlight, now, seen) != seen)
        {
        }

        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            _exchanges.Enqueue(new Exchange(request.Method.Method, request.RequestUri!, prefer, body, (int)response.StatusCode, started, Interlocked.Increment(ref _sequence)));
            Report(path, finished: true);
            return response;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    internal sealed record Exchange(string Method, Uri Uri, string? Prefer, string? Body, int Status, long Started, long Finished)
    {
        public string Query(string name) =>
            System.Web.HttpUtility.ParseQueryString(Uri.Query)[name] ?? throw new KeyNotFoundException($"No {name} in {Uri}");

        public bool HasQuery(string name) => System.Web.HttpUtility.ParseQueryString(Uri.Query)[name] is not null;
    }
}
