using MeetingPrep.Core.Sources;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>A candidate line before ranking and trimming: its sources are the records themselves, numbered later.</summary>
internal sealed record DraftItem(SectionKind Section, string Key, string Text, ItemLabel Label, IReadOnlyList<SourceRef> Sources, double Score)
{
    /// <summary>The record the line is about (its first source): the summary takes one line per record.</summary>
    public string Record => Sources.Count > 0 ? Sources[0].Id : Key;

    /// <summary>Money at stake in euros (rough), the tie-breaker between equal scores; 0 when none.</summary>
    public decimal Stake { get; init; }

    /// <summary>Never trimmed by a section's or the briefing's length (a deal closing within 14 days).</summary>
    public bool Pinned { get; init; }

    /// <summary>The typed fields of a commitment line.</summary>
    public BriefingCommitment? Commitment { get; init; }

    /// <summary>A metric moving the right way: worth knowing, never one of the summary's urgent points.</summary>
    public bool GoodNews { get; init; }

    /// <summary>Must be in the summary (a deal closing within 14 days that is at risk).</summary>
    public bool Lead { get; init; }

    /// <summary>
    /// Records the line is about, for "one record does not fill a section": its sources other than the meeting, the
    /// account and the contacts, which many lines share by nature.
    /// </summary>
    public IEnumerable<string> SalientRecords =>
        Sources.Where(s => s.Kind is not (SourceKind.Meeting or SourceKind.CrmAccount or SourceKind.CrmContact)).Select(s => s.Id);

    /// <summary>Rank order: score, then money at stake, then text; never a record's id.</summary>
    public static IOrderedEnumerable<DraftItem> Rank(IEnumerable<DraftItem> items) =>
        items.OrderByDescending(i => i.Score).ThenByDescending(i => i.Stake).ThenBy(i => i.Text, StringComparer.Ordinal);
}
