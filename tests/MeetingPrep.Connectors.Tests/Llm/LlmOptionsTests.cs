using MeetingPrep.Connectors.Llm;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Llm;

public sealed class LlmOptionsTests
{
    [Fact]
    public void Off_needs_nothing()
    {
        Assert.Empty(new LlmOptions().Validate());
    }

    [Theory]
    [InlineData(LlmProvider.AzureOpenAI, "https://contoso-ai.openai.azure.com/", null)] // managed identity, no key
    [InlineData(LlmProvider.OpenAICompatible, "http://localhost:11434/v1", null)] // a local Ollama needs no key
    [InlineData(LlmProvider.OpenAICompatible, "https://api.openai.com/v1", "sk-test")]
    public void An_endpoint_and_a_model_are_enough(LlmProvider provider, string endpoint, string? key)
    {
        var options = new LlmOptions { Enabled = true, Provider = provider, Endpoint = endpoint, Model = "gpt-4o", ApiKey = key };

        Assert.Empty(options.Validate());
        Assert.Equal(provider == LlmProvider.AzureOpenAI ? "azure-openai:gpt-4o" : "openai-compatible:gpt-4o", options.WriterName);
    }

    [Fact]
    public void Each_problem_is_named_by_its_setting()
    {
        var options = new LlmOptions { Enabled = true, Endpoint = "not a url", TimeoutSeconds = 0, ChatTimeoutSeconds = 30, MaxRejectedShare = 2 };

        var keys = options.Validate().Select(p => p.Key).ToList();

        Assert.Equal(["Llm:Endpoint", "Llm:Model", "Llm:TimeoutSeconds", "Llm:ChatTimeoutSeconds", "Llm:MaxRejectedShare"], keys);
    }
}
