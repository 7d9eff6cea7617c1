using MeetingPrep.Demo;
using MeetingPrep.Web.Tests.Bot;
using Microsoft.AspNetCore.Http;

namespace MeetingPrep.Web.Tests.Graph;

/// <summary>
/// Microsoft Graph on 127.0.0.1 for a whole tenant: the demo's <see cref="GraphSandboxHandler"/> (calendarView, message
/// search, $batch, verified domains, in Graph's wire format) behind a real socket. Each host process gets its own base
/// URL, <c>/{instance}/v1.0</c>, so the test sees which process is reading; <see cref="BeforeAnswer"/> can hold a request.
/// </summary>
internal sealed class SandboxGraphServer : IAsyncDisposable
{
    private static readonly HashSet<string> Unforwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Connection", "Transfer-Encoding",
    };

    private readonly HttpMessageInvoker _graph;

    private SandboxGraphServer(DemoTenant tenant) => _graph = new HttpMessageInvoker(new GraphSandboxHandler(tenant));

    public LocalServer Server { get; private set; } = null!;

    /// <summary>Awaited before a request is answered, with the instance that sent it and its Graph path.</summary>
    public Func<string, string, Task>? BeforeAnswer { get; set; }

    public string BaseUrlFor(string instance) => $"{Server.BaseUri.AbsoluteUri}{instance}/v1.0";

    public static async Task<SandboxGraphServer> StartAsync(DemoTenant tenant)
    {
        var server = new SandboxGraphServer(tenant);
        server.Server = await LocalServer.StartAsync(server.RespondAsync);
        return server;
    }

    private async Task RespondAsync(RecordedRequest request, HttpContext context)
    {
        // "/a/v1.0/users/..." → instance "a", Graph path "/v1.0/users/...".
        var slash = request.Path.IndexOf('/', 1);
        var instance = request.Path[1..slash];
        var graphPath = request.Path[slash..];
        if (BeforeAnswer is { } before)
        {
            await before(instance, graphPath);
        }

        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), GraphSandboxHandler.BaseUrl[..GraphSandboxHandler.BaseUrl.IndexOf("/v1.0", StringComparison.Ordinal)] + graphPath);
        foreach (var header in context.Request.Headers.Where(h => !Unforwarded.Contains(h.Key)))
        {
            forward.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string?>)header.Value);
        }

        if (request.Body.Length > 0)
        {
            forward.Content = new StringContent(request.Body, System.Text.Encoding.UTF8, "application/json");
        }

        using var answer = await _graph.SendAsync(forward, context.RequestAborted);
        context.Response.StatusCode = (int)answer.StatusCode;
        foreach (var header in answer.Headers)
        {
            context.Response.Headers[header.Key] = header.Value.ToArray();
        }

        context.Response.ContentType = answer.Content.Headers.ContentType?.ToString();
        await answer.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _graph.Dispose();
    }
}
