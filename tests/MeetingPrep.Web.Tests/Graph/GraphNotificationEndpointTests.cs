using System.Net;
using System.Text;
using MeetingPrep.Connectors.Graph;
using MeetingPrep.Connectors.Graph.Notifications;
using MeetingPrep.Testing;
using MeetingPrep.Web.Graph;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MeetingPrep.Web.Tests.Graph;

/// <summary>The webhook on a real Kestrel on 127.0.0.1, called the way Graph calls it.</summary>
public sealed class GraphNotificationEndpointTests : IAsyncLifetime
{
    private const string ClientState = "mp-7Qx2vN9rL4sT8wZ1-synthetic";
    private WebApplication? _app;
    private HttpClient? _http;

    private GraphNotificationChannel Channel => _app!.Services.GetRequiredService<GraphNotificationChannel>();

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(new GraphOptions { NotificationClientState = ClientState });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<GraphNotificationChannel>();
        builder.Services.AddSingleton<IGraphNotificationInbox>(sp => sp.GetRequiredService<GraphNotificationChannel>());
        builder.Services.AddSingleton<GraphNotificationProcessor>();
        _app = builder.Build();
        _app.MapGraphNotifications();
        await _app.StartAsync(TestContext.Current.CancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_validation_handshake_echoes_the_decoded_token_as_plain_text()
    {
        const string Token = "Validation: Testing client application reachability for subscription Request-Id: 2bd1c4c0-1e7a";

        using var response = await _http!.PostAsync(
            GraphNotificationEndpoints.Path + "?validationToken=" + Uri.EscapeDataString(Token),
            new StringContent(string.Empty, Encoding.UTF8, "text/plain"),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Token, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Notifications_are_accepted_with_202_and_queued_once()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Shared, "fixtures", "graph", "change-notifications-event.json"), TestContext.Current.CancellationToken);

        using var first = await _http!.PostAsync(GraphNotificationEndpoints.Path, Body(json), TestContext.Current.CancellationToken);
        using var repeat = await _http!.PostAsync(GraphNotificationEndpoints.Path, Body(json), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, repeat.StatusCode);
        var queued = 0;
        while (Channel.Reader.TryRead(out _))
        {
            queued++;
        }

        Assert.Equal(2, queued);
    }

    [Fact]
    public async Task A_wrong_client_state_is_acknowledged_but_not_queued()
    {
        var json = $$"""{"value":[{"subscriptionId":"s","changeType":"updated","resource":"Users/u/Events/e","clientState":"forged"}]}""";

        using var response = await _http!.PostAsync(GraphNotificationEndpoints.Path, Body(json), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(Channel.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_body_that_is_not_a_notification_is_a_bad_request()
    {
        using var response = await _http!.PostAsync(GraphNotificationEndpoints.Path, Body("{ nope"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
