using MeetingPrep.Connectors.Graph;
using MeetingPrep.Connectors.Graph.Auth;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Graph;

/// <summary>Tokens must only ever be sent to Graph over HTTPS: a nextLink or base URL elsewhere gets none.</summary>
public sealed class GraphAuthTests
{
    private static GraphOptions Options(string baseUrl = "https://graph.microsoft.com/v1.0") => new()
    {
        TenantId = "2b1f6c3a-8e4d-4f71-9a62-c3d5e7f90a14",
        ClientId = "00000000-0000-0000-0000-000000000001",
        ClientSecret = "not-a-real-secret",
        BaseUrl = baseUrl,
    };

    [Theory]
    [InlineData("https://evil.example/v1.0/users/x/messages")]
    [InlineData("http://graph.microsoft.com/v1.0/me")]
    [InlineData("http://127.0.0.1:5555/v1.0/me")]
    public async Task Client_credentials_send_no_token_outside_graph_over_https(string url)
    {
        using var provider = new ClientCredentialsTokenProvider(Options(), TimeProvider.System);

        // No token endpoint is contacted: the host check comes first, so this cannot hang on the network.
        Assert.Equal(string.Empty, await provider.GetAuthorizationTokenAsync(new Uri(url), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_scope_follows_the_cloud_of_the_base_url()
    {
        using var provider = new ClientCredentialsTokenProvider(Options("https://graph.microsoft.us/v1.0"), TimeProvider.System);

        Assert.Contains("graph.microsoft.us", provider.AllowedHostsValidator.AllowedHosts);
        Assert.Contains("graph.microsoft.com", provider.AllowedHostsValidator.AllowedHosts);
        Assert.DoesNotContain("evil.example", provider.AllowedHostsValidator.AllowedHosts);
    }

    [Fact]
    public async Task On_behalf_of_sends_no_token_outside_graph()
    {
        using var services = new ServiceCollection().BuildServiceProvider();
        var provider = new OnBehalfOfTokenProvider(services.GetRequiredService<IServiceScopeFactory>(), Options());

        Assert.Equal(string.Empty, await provider.GetAuthorizationTokenAsync(new Uri("https://evil.example/v1.0/me"), cancellationToken: TestContext.Current.CancellationToken));
    }
}
