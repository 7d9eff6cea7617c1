using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Sources;

namespace MeetingPrep.Core.Briefings;

/// <summary>The sections a briefing can have, in their default order (stored by name, so the order can change).</summary>
public enum SectionKind
{
    Summary,
    Attendees,
    Agenda,
    Commitments,
    AccountSnapshot,
    OpenIssues,
    Opportunities,
    RecentConversations,
    SinceLastMeeting,
    TalkingPoints,
    Risks,
}

/// <summary>What kind of meeting a briefing is for (see the Core README, "Meeting kinds").</summary>
public enum MeetingKind
{
    Regular,
    Renewal,
    Qbr,
    Escalation,
    FirstMeeting,
    InternalPrep,
    Internal,
}

/// <summary>A fact was read from a source; an inference was derived by ranking or by the writer.</summary>
public enum ItemLabel
{
    Fact,
    Inference,
}

/// <summary>
/// One line of a briefing. <see cref="Key"/> is stable across regenerations (section and primary source), so feedback
/// on it ("this is wrong") can suppress it next time. <see cref="Citations"/> are ids of <see cref="Briefing.Sources"/>.
/// <see cref="Pinned"/> items are never trimmed for length (a deal closing within 14 days).
/// </summary>
public sealed record BriefingItem(string Key, string Text, ItemLabel Label, IReadOnlyList<string> Citations, double Score)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Pinned { get; init; }

    /// <summary>The line was written by the language model (and checked against its sources), not extracted from them.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool WrittenByModel { get; init; }

    /// <summary>
    /// The model's line names something (a person, amount, date, percentage or count) its cited sources do not hold;
    /// shown marked instead of dropped only when the recipe says so. <see cref="VerifierNote"/> says what was not found.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool Unverified { get; init; }

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? VerifierNote { get; init; }

    /// <summary>On a commitment line: what kind it is, where it stands and when it is due, as data (the text says it in words).</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public BriefingCommitment? Commitment { get; init; }
}

/// <summary>
/// A commitment's typed fields: a promise of ours, or an ask or condition of theirs; its state (delivered, answered,
/// overdue, open; always inferred from later mail and notes); who made it and when; its due date when stated or implied.
/// </summary>
public sealed record BriefingCommitment(
    Writing.CommitmentKind Kind,
    Writing.CommitmentState State,
    string Who,
    bool Ours,
    DateTimeOffset Made,
    DateOnly? Due);

public sealed record BriefingSection(SectionKind Kind, string Title, IReadOnlyList<BriefingItem> Items, int OmittedCount)
{
    /// <summary>A section's name as briefings, cards and settings show it.</summary>
    public static string DefaultTitle(SectionKind kind) => kind switch
    {
        SectionKind.Summary => "In short",
        SectionKind.Attendees => "Who is coming",
        SectionKind.Agenda => "On the agenda",
        SectionKind.Commitments => "Commitments",
        SectionKind.AccountSnapshot => "Account snapshot",
        SectionKind.OpenIssues => "Open issues",
        SectionKind.Opportunities => "Opportunities",
        SectionKind.RecentConversations => "Recent conversations",
        SectionKind.SinceLastMeeting => "Since your last meeting",
        SectionKind.TalkingPoints => "Suggested talking points",
        SectionKind.Risks => "Risks",
        _ => kind.ToString(),
    };
}

/// <summary>A source that could not be read for this briefing, and why, in words a user understands.</summary>
public sealed record UnavailableSource(string Source, string Reason);

/// <summary>
/// One person coming to the meeting, on our side (<see cref="Internal"/>) or theirs (<see cref="External"/>), decided by
/// e-mail domain against the tenant's domains for the organizer like for everyone else. People who declined are not coming.
/// </summary>
public sealed record BriefingAttendee(string Email, string Name, string Side, bool IsOrganizer)
{
    public const string External = "external";
    public const string Internal = "internal";

    public bool IsExternal => Side == External;
}

/// <summary>The meeting as a briefing header shows it: title, time, join link, and who comes.</summary>
public sealed record BriefingMeeting(
    string Id,
    string Subject,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool IsAllDay,
    string TimeZone,
    string? Location,
    Uri? JoinUrl,
    Uri? WebLink,
    string? SeriesId,
    int ExternalAttendeeCount,
    int InternalAttendeeCount,
    IReadOnlyList<BriefingAttendee> Attendees)
{
    /// <summary>What kind of meeting this is (renewal, QBR, escalation, first meeting, internal prep, internal); it decides which sections lead.</summary>
    public MeetingKind Kind { get; init; } = MeetingKind.Regular;
}

/// <summary>
/// A ranked, cited briefing. Every item cites at least one entry of <see cref="Sources"/> (numbered in order of first
/// citation), <see cref="Unavailable"/> names sources that failed, and <see cref="Notes"/> states what is missing.
/// </summary>
public sealed record Briefing(
    BriefingMeeting Meeting,
    string UserId,
    IReadOnlyList<BriefingSection> Sections,
    IReadOnlyList<SourceRef> Sources,
    IReadOnlyList<UnavailableSource> Unavailable,
    IReadOnlyList<string> Notes,
    BriefingRecipe Recipe,
    string Writer,
    DateTimeOffset GeneratedAt)
{
    public bool IsDegraded => Unavailable.Count > 0;

    /// <summary>What the briefing was written from that would make a sent card out of date (set by the briefing service).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Delivery.MaterialFacts? Facts { get; init; }

    /// <summary>When the calendar was read from the local mirror: when that mirror was last synced with Microsoft Graph.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? CalendarSyncedAt { get; init; }

    /// <summary>The line a briefing read from the calendar mirror carries, naming the mirror's sync time.</summary>
    public static string CalendarSyncedNote(DateTimeOffset syncedAt) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Calendar as synced at {syncedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");

    /// <summary>Where the reader finds how this briefing was made (its audit records); set by the API that serves it.</summary>
    public string? AuditUrl { get; init; }

    public BriefingSection? Section(SectionKind kind) => Sections.FirstOrDefault(s => s.Kind == kind);

    /// <summary>
    /// The lines of these sections, including those the summary took from them (a summary line is not repeated in the
    /// section it came from), in briefing order.
    /// </summary>
    public IEnumerable<BriefingItem> ItemsOf(params SectionKind[] kinds) =>
        Sections.SelectMany(s => s.Kind == SectionKind.Summary
            ? s.Items.Where(i => OriginOf(i.Key) is { } origin && kinds.Contains(origin))
            : kinds.Contains(s.Kind) ? s.Items : []);

    /// <summary>The section a summary line came from, read from its key ("summary:case:…" came from open issues).</summary>
    public static SectionKind? OriginOf(string key)
    {
        const string prefix = "summary:";
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = key[prefix.Length..];
        var kind = rest[..Math.Max(0, rest.IndexOf(':', StringComparison.Ordinal))];
        return kind switch
        {
            "case" => SectionKind.OpenIssues,
            "opportunity" => SectionKind.Opportunities,
            "risk" => SectionKind.Risks,
            "metric" or "account" => SectionKind.AccountSnapshot,
            "thread" or "note" => SectionKind.RecentConversations,
            "since" => SectionKind.SinceLastMeeting,
            "commitment" => SectionKind.Commitments,
            "agenda" => SectionKind.Agenda,
            "talk" => SectionKind.TalkingPoints,
            "attendee" => SectionKind.Attendees,
            _ => null,
        };
    }

    /// <summary>The 1-based citation number of a source, as cards and text show it ([1], [2], ...).</summary>
    public int CitationNumber(string sourceId)
    {
        for (var i = 0; i < Sources.Count; i++)
        {
            if (Sources[i].Id == sourceId)
            {
                return i + 1;
            }
        }

        return 0;
    }
}
