using MeetingPrep.Connectors.Crm;
using MeetingPrep.Web.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Xunit;

namespace MeetingPrep.Web.Tests;

/// <summary><c>Crm:PublicBaseUrl</c> when set, else the request's own address, else the address the server is bound to.</summary>
public sealed class PublicBaseAddressTests
{
    [Fact]
    public void The_configured_address_wins()
    {
        var address = Address("https://meetingprep.contoso.com/", Request("http", "10.0.0.4:8080"), "http://[::]:5000");

        Assert.Equal(new Uri("https://meetingprep.contoso.com/"), address.Current);
    }

    [Fact]
    public void Unset_it_is_the_address_the_request_came_to()
    {
        var address = Address(null, Request("https", "prep.example.com:8443", "/prep"), "http://[::]:5000");

        Assert.Equal(new Uri("https://prep.example.com:8443/prep"), address.Current);
    }

    [Theory]
    [InlineData("http://[::]:5000", "http://localhost:5000/")]
    [InlineData("http://0.0.0.0:3979", "http://localhost:3979/")]
    [InlineData("http://+:8080", "http://localhost:8080/")]
    [InlineData("https://prep.internal:7443", "https://prep.internal:7443/")]
    public void Outside_a_request_it_is_the_bound_address(string bound, string expected)
    {
        Assert.Equal(new Uri(expected), Address(null, null, bound).Current);
    }

    private static PublicBaseAddress Address(string? configured, HttpContext? request, string bound)
    {
        var server = new BoundServer();
        server.Features.Get<IServerAddressesFeature>()!.Addresses.Add(bound);
        return new PublicBaseAddress(Options.Create(new CrmOptions { PublicBaseUrl = configured }), new HttpContextAccessor { HttpContext = request }, server);
    }

    private static DefaultHttpContext Request(string scheme, string host, string pathBase = "")
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Host = new HostString(host);
        context.Request.PathBase = pathBase;
        return context;
    }

    /// <summary>A server that is bound and serves nothing: only its addresses are read.</summary>
    private sealed class BoundServer : IServer
    {
        public BoundServer() => Features.Set<IServerAddressesFeature>(new ServerAddressesFeature());

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
