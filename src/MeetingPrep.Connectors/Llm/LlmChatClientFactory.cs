using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.AI;
using OpenAI;

namespace MeetingPrep.Connectors.Llm;

/// <summary>
/// The <see cref="IChatClient"/> seam, built from the <c>Llm</c> section: Azure OpenAI through Azure.AI.OpenAI (API key,
/// or Entra ID through <see cref="DefaultAzureCredential"/> when no key is set), or any OpenAI-compatible base URL through
/// the OpenAI client. The SDK's own retries are off: a briefing never waits out a throttle, it is written without the
/// model instead (the writer honours <c>Retry-After</c> by not calling until then).
/// </summary>
public static class LlmChatClientFactory
{
    /// <summary>A key for servers that need none (Ollama): the OpenAI client insists on one.</summary>
    private const string NoKey = "no-key";

    /// <param name="http">The HTTP client requests go through (from IHttpClientFactory); null uses the SDK's own.</param>
    /// <param name="credential">Entra credential for Azure OpenAI without a key; null builds a DefaultAzureCredential.</param>
    public static IChatClient Create(LlmOptions options, HttpClient? http = null, TokenCredential? credential = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = new Uri(options.Endpoint ?? throw new InvalidOperationException("Llm:Endpoint is not set."));
        var model = options.Model ?? throw new InvalidOperationException("Llm:Model is not set.");
        switch (options.Provider)
        {
            case LlmProvider.AzureOpenAI:
            {
                var clientOptions = Configure(new AzureOpenAIClientOptions(), options, http);
                var client = string.IsNullOrWhiteSpace(options.ApiKey)
                    ? new AzureOpenAIClient(endpoint, credential ?? DefaultCredential(options), clientOptions)
                    : new AzureOpenAIClient(endpoint, new ApiKeyCredential(options.ApiKey), clientOptions);
                return client.GetChatClient(model).AsIChatClient();
            }

            default:
            {
                var clientOptions = Configure(new OpenAIClientOptions { Endpoint = endpoint }, options, http);
                var key = string.IsNullOrWhiteSpace(options.ApiKey) ? NoKey : options.ApiKey;
                return new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(model).AsIChatClient();
            }
        }
    }

    private static T Configure<T>(T clientOptions, LlmOptions options, HttpClient? http)
        where T : ClientPipelineOptions
    {
        clientOptions.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);

        // The writer's own deadline (on its TimeProvider) decides; this only stops a connection that hangs far longer.
        clientOptions.NetworkTimeout = TimeSpan.FromSeconds(Math.Max(options.TimeoutSeconds * 2, 60));
        if (http is not null)
        {
            clientOptions.Transport = new HttpClientPipelineTransport(http);
        }

        return clientOptions;
    }

    private static DefaultAzureCredential DefaultCredential(LlmOptions options) =>
        new(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? null : options.ManagedIdentityClientId,
        });
}
