using MeetingPrep.Core.Sources;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>
/// A candidate line as the extractive writer drafted and ranked it, with the records it is read from: the input of an
/// LLM writer, which may rephrase and combine candidates but may cite only their sources.
/// </summary>
/// <param name="Pinned">Never trimmed for length (a deal closing within 14 days).</param>
/// <param name="Lead">Belongs in the summary (a deal closing within 14 days that is at risk).</param>
public sealed record BriefingCandidate(
    SectionKind Section,
    string Key,
    string Text,
    ItemLabel Label,
    IReadOnlyList<SourceRef> Sources,
    double Score,
    bool Pinned,
    bool Lead)
{
    /// <summary>On a commitment line: its typed fields, which a line rewritten from this one keeps.</summary>
    public BriefingCommitment? Commitment { get; init; }
}
