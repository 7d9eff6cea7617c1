using MeetingPrep.Core.Configuration;

namespace MeetingPrep.Connectors.Llm;

public enum LlmProvider
{
    AzureOpenAI,
    OpenAICompatible,
}

/// <summary>The <c>Llm</c> section. Off by default: briefings are extractive and deterministic until an endpoint is set.</summary>
public sealed class LlmOptions
{
    public const string SectionName = "Llm";

    public bool Enabled { get; set; }

    public LlmProvider Provider { get; set; } = LlmProvider.AzureOpenAI;

    public string? Endpoint { get; set; }

    /// <summary>The Azure OpenAI deployment name, or the model name of an OpenAI-compatible endpoint.</summary>
    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    public IEnumerable<SettingProblem> Validate()
    {
        var problems = new List<SettingProblem>();
        if (!Enabled)
        {
            return problems;
        }

        SettingProblem.RequireUrl(problems, $"{SectionName}:Endpoint", Endpoint, required: true, "the Azure OpenAI or OpenAI-compatible endpoint");
        SettingProblem.Require(problems, $"{SectionName}:Model", Model, "the deployment or model name");
        SettingProblem.Require(problems, $"{SectionName}:ApiKey", ApiKey, "the endpoint's API key (or a Key Vault reference)");
        return problems;
    }
}
