using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetingPrep.Connectors.Llm;

/// <summary>The model's answer, as the JSON schema in <see cref="LlmBriefingPrompt.Schema"/> asks for it; every field may be missing.</summary>
internal sealed record LlmBriefingAnswer(List<LlmClaim>? Summary, List<LlmSection>? Sections);

internal sealed record LlmSection(string? Kind, List<LlmClaim>? Claims);

internal sealed record LlmClaim(string? Text, List<string>? Sources, string? Label);

/// <summary>The data block of the request: everything in it is quoted material, never instructions.</summary>
internal sealed record LlmData(LlmMeetingData Meeting, List<LlmSourceData> Sources, List<LlmCandidateData> Candidates, int LeftOut);

internal sealed record LlmMeetingData(string Subject, string When, string Source, string? Invitation);

internal sealed record LlmSourceData(string Id, string Kind, string Title);

/// <param name="Chosen">"summary" or "section" when the rule-based writer put this line in its briefing; null otherwise.</param>
internal sealed record LlmCandidateData(string Section, string Text, string Label, List<string> Sources, bool MustKeep, string? Chosen);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(LlmBriefingAnswer))]
[JsonSerializable(typeof(LlmData))]
internal sealed partial class LlmJsonContext : JsonSerializerContext;
