using MeetingPrep.Core.Sources;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>A candidate line before ranking and trimming: its sources are the records themselves, numbered later.</summary>
internal sealed record DraftItem(SectionKind Section, string Key, string Text, ItemLabel Label, IReadOnlyList<SourceRef> Sources, double Score);
