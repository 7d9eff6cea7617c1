using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Sources;

namespace MeetingPrep.Core.Feedback;

/// <summary>
/// "Wrong" applies to the record a line came from, not to the line: the flag names the line's primary source (its
/// first citation) in its current version, every line citing that record in that version is left out, and once the
/// record changes (a newer version) its lines come back.
/// </summary>
public static class WrongFlags
{
    /// <summary>
    /// A record's version: its last-modified (or sent, created) time when the source has one, else a hash of what we
    /// know of it (kind, title, link), so a renamed record counts as changed.
    /// </summary>
    public static string VersionOf(SourceRef source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Timestamp is { } at)
        {
            return at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        }

        var content = $"{source.Kind}\n{source.Title}\n{source.Url}";
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];
    }

    /// <summary>The record the line with <paramref name="itemKey"/> came from, or null when the briefing has no such line.</summary>
    public static FlaggedRecord? RecordOf(Briefing briefing, string itemKey)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var item = briefing.Sections.SelectMany(s => s.Items).FirstOrDefault(i => i.Key == itemKey);
        var source = item?.Citations.Select(c => briefing.Sources.FirstOrDefault(s => s.Id == c)).FirstOrDefault(s => s is not null);
        return source is null ? null : new FlaggedRecord(source.Kind.ToString(), source.Id, VersionOf(source), source.Title);
    }

    /// <summary>
    /// Whether a line with these sources stays: false when one of them is a record flagged wrong in its current version,
    /// the rule <see cref="Suppress"/> applies to a briefing, for lines not yet in one (chat's candidates).
    /// </summary>
    public static bool Keep(IEnumerable<SourceRef> sources, IReadOnlyList<WrongFlag> flags)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(flags);
        return flags.Count == 0 || !sources.Any(s => flags.Any(f => f.Record is { } r && r.Id == s.Id && r.Version == VersionOf(s)));
    }

    /// <summary>
    /// The briefing without the lines the flags cover: lines citing a flagged record in the flagged version, and lines
    /// whose key a flag bound to no record names. Sections left empty are dropped.
    /// </summary>
    public static Briefing Suppress(Briefing briefing, IReadOnlyList<WrongFlag> flags)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        ArgumentNullException.ThrowIfNull(flags);
        if (flags.Count == 0)
        {
            return briefing;
        }

        var records = flags.Where(f => f.Record is not null).Select(f => (f.Record!.Id, f.Record.Version)).ToHashSet();
        var keys = flags.Where(f => f.Record is null && f.ItemKey is not null).Select(f => f.ItemKey!).ToHashSet(StringComparer.Ordinal);
        var flaggedSources = briefing.Sources.Where(s => records.Contains((s.Id, VersionOf(s)))).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        if (flaggedSources.Count == 0 && keys.Count == 0)
        {
            return briefing;
        }

        bool Keep(BriefingItem item) => !keys.Contains(item.Key) && !item.Citations.Any(flaggedSources.Contains);
        var sections = briefing.Sections
            .Select(s => s.Items.All(Keep) ? s : s with { Items = s.Items.Where(Keep).ToList() })
            .Where(s => s.Items.Count > 0 || s.OmittedCount > 0)
            .ToList();
        return briefing with { Sections = sections };
    }
}
