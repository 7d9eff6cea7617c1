using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Connectors.Llm;

public static class LlmServiceCollectionExtensions
{
    /// <summary>The HTTP client the model is called through (no client timeout: the writer's own deadline decides).</summary>
    public const string HttpClientName = "llm";

    /// <summary>
    /// The briefing writer chosen by <c>Llm:Enabled</c>: the extractive writer alone, or the LLM writer (with the
    /// extractive writer as its fallback) over an <see cref="IChatClient"/> built from the section. Both are singletons.
    /// </summary>
    public static IServiceCollection AddBriefingWriter(this IServiceCollection services, LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton<ExtractiveBriefingWriter>();
        if (!options.Enabled)
        {
            services.AddSingleton<IBriefingWriter>(sp => sp.GetRequiredService<ExtractiveBriefingWriter>());
            return services;
        }

        services.AddSingleton(options);
        services.AddHttpClient(HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => LlmChatClientFactory.Create(options, sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)));
        services.AddSingleton(sp => new LlmBriefingWriter(
            sp.GetRequiredService<IChatClient>(),
            options,
            sp.GetRequiredService<ExtractiveBriefingWriter>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LlmBriefingWriter>>()));
        services.AddSingleton<IBriefingWriter>(sp => sp.GetRequiredService<LlmBriefingWriter>());
        return services;
    }

    /// <summary>What <c>/health</c> reports for the writer actually in use.</summary>
    public static string DescribeWriter(IBriefingWriter writer) => writer switch
    {
        LlmBriefingWriter llm => llm.Describe(),
        _ => $"off: {writer.Name} writer",
    };
}
