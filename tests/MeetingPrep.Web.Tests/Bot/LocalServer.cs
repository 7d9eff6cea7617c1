using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Web.Tests.Bot;

/// <summary>A request a local fake server received, as it arrived on the wire.</summary>
public sealed record RecordedRequest(string Method, string Path, string? Authorization, string Body);

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a dynamic port, answering with <paramref name="respond"/> and recording every
/// request. Fakes of the Bot Framework's services live at this network boundary only.
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<LocalServer> StartAsync(Func<RecordedRequest, HttpContext, Task> respond, string host = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{host}:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        LocalServer? server = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var recorded = new RecordedRequest(
                context.Request.Method,
                context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value + context.Request.QueryString.Value,
                context.Request.Headers.Authorization.FirstOrDefault(),
                body);
            server!.Requests.Enqueue(recorded);
            server.Received.Raise();
            await respond(recorded, context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new LocalServer(app, new Uri(address.Replace("[::]", host, StringComparison.Ordinal) + "/"));
        return server;
    }

    /// <summary>Raised after each request is recorded (before it is answered).</summary>
    public Pulse Received { get; } = new();

    /// <summary>
    /// Waits until a request matching <paramref name="predicate"/> has arrived: re-checked on each request, with only
    /// <see cref="Wait.HangGuard"/> against a request that never comes.
    /// </summary>
    public async Task<RecordedRequest> WaitForAsync(Func<RecordedRequest, bool> predicate)
    {
        RecordedRequest? match = null;
        try
        {
            await Wait.UntilAsync(() => (match = Requests.FirstOrDefault(predicate)) is not null, Received);
        }
        catch (Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException("The expected request never arrived. Received: " + string.Join(", ", Requests.Select(r => r.Method + " " + r.Path)));
        }

        return match!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
