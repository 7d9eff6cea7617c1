using MeetingPrep.Core.Feedback;

namespace MeetingPrep.Core.Engagement;

/// <summary>What a user did with a briefing. Stored per briefing, without content.</summary>
public enum EngagementKind
{
    /// <summary>Posted proactively before the meeting (detail: the host, "teams").</summary>
    Delivered,

    /// <summary>Looked at: the card refreshed, the Outlook pane opened, "N more" opened (detail says which).</summary>
    Opened,

    Helpful,

    NotHelpful,

    /// <summary>A line flagged as wrong (detail: the kind of record it cited, "case", "opportunity", "email").</summary>
    FlaggedWrong,

    /// <summary>Settings saved or a series muted (detail: "settings" or "mute").</summary>
    SettingsChanged,

    /// <summary>A question asked in chat (detail: the intent, never the text).</summary>
    QuestionAsked,

    /// <summary>The bot added to the user's personal scope: the outcome report tells meetings before it ("before_install").</summary>
    Installed,
}

/// <summary>
/// One engagement signal. <see cref="Detail"/> is a fixed word (a host, a record kind, an intent), never user text; the
/// meeting's start is known when the briefing was at hand (delivery, card), so "opened before the meeting" can be told.
/// </summary>
public sealed record EngagementSignal(
    string TenantId,
    string UserId,
    string? MeetingId,
    DateTimeOffset? MeetingStart,
    EngagementKind Kind,
    string? Detail,
    DateTimeOffset At)
{
    /// <summary>The signal a piece of feedback gives: the vote, or the kind of record the flagged line cited (never the comment).</summary>
    public static EngagementSignal ForFeedback(FeedbackEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var kind = entry.Kind switch
        {
            FeedbackKind.Helpful => EngagementKind.Helpful,
            FeedbackKind.NotHelpful => EngagementKind.NotHelpful,
            _ => EngagementKind.FlaggedWrong,
        };
        var detail = kind == EngagementKind.FlaggedWrong && entry.ItemKey is { } key ? RecordKindOf(key) : null;
        return new EngagementSignal(entry.TenantId, entry.UserId, entry.MeetingId, null, kind, detail, entry.At);
    }

    /// <summary>The kind of record a briefing item cites, from its key: "case:4471" and "summary:case:4471" are "case".</summary>
    public static string RecordKindOf(string itemKey)
    {
        ArgumentNullException.ThrowIfNull(itemKey);
        var key = itemKey.StartsWith("summary:", StringComparison.Ordinal) ? itemKey["summary:".Length..] : itemKey;
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        var kind = colon > 0 ? key[..colon] : "other";
        return kind.Length <= 32 && kind.All(char.IsAsciiLetterOrDigit) ? kind.ToLowerInvariant() : "other";
    }
}

public interface IEngagementLog
{
    Task RecordAsync(EngagementSignal signal, CancellationToken cancellationToken);

    /// <summary>A tenant's signals recorded in [from, to), oldest first.</summary>
    Task<IReadOnlyList<EngagementSignal>> ListAsync(string tenantId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Replaces every signal of the tenant with <paramref name="signals"/> (the demo's seeded history at start-up).</summary>
    Task ReplaceTenantAsync(string tenantId, IReadOnlyCollection<EngagementSignal> signals, CancellationToken cancellationToken);
}
