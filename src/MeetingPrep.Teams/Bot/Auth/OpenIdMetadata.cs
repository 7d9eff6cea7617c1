using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MeetingPrep.Teams.Bot.Auth;

/// <summary>
/// One source of bot-token signing keys: the library's metadata manager (cached, refreshed in the background) and word of
/// each document it reads, so a forced refresh after a key rotation is awaited as it completes instead of polled.
/// </summary>
public sealed class OpenIdMetadata
{
    private TaskCompletionSource<OpenIdConnectConfiguration?> _nextRead = NewRead();

    /// <param name="requireHttps">False only for tests on 127.0.0.1.</param>
    public OpenIdMetadata(string url, bool requireHttps, HttpClient? httpClient = null)
    {
        var documents = httpClient is null ? new HttpDocumentRetriever { RequireHttps = requireHttps } : new HttpDocumentRetriever(httpClient) { RequireHttps = requireHttps };
        Manager = new ConfigurationManager<OpenIdConnectConfiguration>(url, new ReportingRetriever(this), documents)
        {
            AutomaticRefreshInterval = TimeSpan.FromHours(12),
            RefreshInterval = TimeSpan.FromMinutes(1),
        };
    }

    public IConfigurationManager<OpenIdConnectConfiguration> Manager { get; }

    /// <summary>Completes with the next document the manager reads (null when that read fails).</summary>
    public Task<OpenIdConnectConfiguration?> NextRead => Volatile.Read(ref _nextRead).Task;

    private void Report(OpenIdConnectConfiguration? configuration) =>
        Interlocked.Exchange(ref _nextRead, NewRead()).TrySetResult(configuration);

    private static TaskCompletionSource<OpenIdConnectConfiguration?> NewRead() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class ReportingRetriever(OpenIdMetadata owner) : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            try
            {
                var configuration = await OpenIdConnectConfigurationRetriever.GetAsync(address, retriever, cancel).ConfigureAwait(false);
                owner.Report(configuration);
                return configuration;
            }
            catch
            {
                owner.Report(null);
                throw;
            }
        }
    }
}
