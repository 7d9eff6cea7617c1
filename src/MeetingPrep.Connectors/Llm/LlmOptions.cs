using System.Globalization;
using MeetingPrep.Core.Configuration;

namespace MeetingPrep.Connectors.Llm;

public enum LlmProvider
{
    /// <summary>Azure OpenAI: <c>Endpoint</c> is the resource (https://NAME.openai.azure.com/), <c>Model</c> the deployment.</summary>
    AzureOpenAI,

    /// <summary>Any OpenAI-compatible API: <c>Endpoint</c> is its base URL ending in /v1 (OpenAI, Ollama, vLLM, LM Studio).</summary>
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

    /// <summary>
    /// The endpoint's key. For Azure OpenAI, leave it empty to sign in with Entra ID (managed identity, or whatever
    /// <c>DefaultAzureCredential</c> finds); a local OpenAI-compatible server (Ollama) needs none.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>The client id of a user-assigned managed identity (Azure OpenAI without a key); empty for the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>How long one briefing waits for the model before it is written without it.</summary>
    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// How long a chat question waits for the model before the extractive answer is sent instead: Teams waits about 15 s
    /// for a reply and the bot gives a turn 14 s, so the fallback needs the rest.
    /// </summary>
    public int ChatTimeoutSeconds { get; set; } = 8;

    /// <summary>Budget of the request (estimated tokens): candidate lines are included by rank until it is spent.</summary>
    public int MaxInputTokens { get; set; } = 6000;

    public int MaxOutputTokens { get; set; } = 2000;

    /// <summary>When more than this share of the model's lines fail the verifier, the extractive briefing is used instead.</summary>
    public double MaxRejectedShare { get; set; } = 0.34;

    /// <summary>How long an answer is reused for the same context and recipe (one call per briefing, not per view).</summary>
    public int CacheMinutes { get; set; } = 60;

    /// <summary>The longest <c>Retry-After</c> honoured: until then briefings are written without the model, not delayed.</summary>
    public int MaxPauseSeconds { get; set; } = 300;

    /// <summary>The writer's name as briefings, cards and <c>/health</c> show it ("azure-openai:gpt-4o").</summary>
    public string WriterName => (Provider == LlmProvider.AzureOpenAI ? "azure-openai:" : "openai-compatible:") + Model;

    public IEnumerable<SettingProblem> Validate()
    {
        var problems = new List<SettingProblem>();
        if (!Enabled)
        {
            return problems;
        }

        SettingProblem.RequireUrl(problems, $"{SectionName}:Endpoint", Endpoint, required: true, "the Azure OpenAI resource or the OpenAI-compatible base URL (…/v1)");
        SettingProblem.Require(problems, $"{SectionName}:Model", Model, "the deployment or model name");
        Range(problems, nameof(TimeoutSeconds), TimeoutSeconds, 1, 600);
        Range(problems, nameof(ChatTimeoutSeconds), ChatTimeoutSeconds, 1, 11);
        Range(problems, nameof(MaxInputTokens), MaxInputTokens, 500, 1_000_000);
        Range(problems, nameof(MaxOutputTokens), MaxOutputTokens, 100, 100_000);
        Range(problems, nameof(CacheMinutes), CacheMinutes, 0, 7 * 24 * 60);
        Range(problems, nameof(MaxPauseSeconds), MaxPauseSeconds, 0, 3600);
        if (MaxRejectedShare is < 0 or > 1)
        {
            problems.Add(new SettingProblem($"{SectionName}:{nameof(MaxRejectedShare)}", "must be between 0 and 1"));
        }

        return problems;
    }

    private static void Range(List<SettingProblem> problems, string name, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            problems.Add(new SettingProblem($"{SectionName}:{name}", string.Create(CultureInfo.InvariantCulture, $"{value} is out of range; it must be {min}–{max}")));
        }
    }
}
