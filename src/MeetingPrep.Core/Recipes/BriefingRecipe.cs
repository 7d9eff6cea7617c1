using MeetingPrep.Core.Briefings;

namespace MeetingPrep.Core.Recipes;

public enum BriefingLength
{
    Brief,
    Standard,
    Detailed,
}

/// <summary>Which meetings get a briefing. Default: meetings with at least one external attendee.</summary>
public sealed record MeetingSelection
{
    public bool External { get; init; } = true;

    public bool Internal { get; init; }

    public bool Recurring { get; init; } = true;

    /// <summary>Meetings with fewer people than this (rooms excluded, organizer included) are skipped.</summary>
    public int MinAttendees { get; init; } = 2;

    /// <summary>Outlook categories that opt a meeting out, compared case-insensitively.</summary>
    public IReadOnlyList<string> ExcludeCategories { get; init; } = ["No briefing"];

    /// <summary>Words in the subject that opt a meeting out (e.g. "lunch", "1:1").</summary>
    public IReadOnlyList<string> ExcludeKeywords { get; init; } = [];

    /// <summary>Personal (not private) meetings are skipped unless this is on.</summary>
    public bool Personal { get; init; }

    /// <summary>Recurring series (by series id) the user muted from a briefing card; only that series is skipped.</summary>
    public IReadOnlyList<string> MutedSeries { get; init; } = [];
}

/// <summary>How far back each source is read.</summary>
public sealed record LookBack
{
    public int EmailDays { get; init; } = 30;

    public int MeetingDays { get; init; } = 90;

    public int NoteDays { get; init; } = 120;

    public int CaseDays { get; init; } = 90;

    /// <summary>Periods (months) a trend is measured over.</summary>
    public int TrendPeriods { get; init; } = 3;
}

/// <summary>A section on or off, and whether it stays out of a briefing shown to others (<see cref="IsInternalOnly"/>).</summary>
/// <param name="InternalOnly">Null follows <see cref="DefaultInternalOnly"/>.</param>
public sealed record SectionSetting(SectionKind Kind, bool Enabled, bool? InternalOnly = null)
{
    /// <summary>
    /// Sections left out, by default, of a briefing shown outside the user's 1:1 chat with the bot (a group chat, a
    /// channel or meeting chat): what we promised and what they asked (commitments), deal amounts (opportunities), our own
    /// notes and mail (recent conversations) and our view of what could go wrong (risks).
    /// </summary>
    public static bool DefaultInternalOnly(SectionKind kind) =>
        kind is SectionKind.Commitments or SectionKind.Opportunities or SectionKind.RecentConversations or SectionKind.Risks;

    public bool IsInternalOnly() => InternalOnly ?? DefaultInternalOnly(Kind);
}

/// <summary>What happens to a line the LLM wrote whose names or figures are not in the sources it cites.</summary>
public enum UnverifiedClaims
{
    /// <summary>Left out of the briefing (the default).</summary>
    Drop,

    /// <summary>Shown, marked "unverified".</summary>
    Mark,
}

/// <summary>
/// How a user's briefings are made: which meetings, which sections in which order, look-backs, size, lead time,
/// language, and free-text instructions for an LLM writer. The effective recipe is the built-in default,
/// overlaid with the team's patch, overlaid with the user's patch (<see cref="RecipePatch"/>).
/// </summary>
public sealed record BriefingRecipe
{
    public static readonly IReadOnlyList<SectionKind> DefaultOrder = Enum.GetValues<SectionKind>();

    public static BriefingRecipe Default { get; } = new();

    public MeetingSelection Meetings { get; init; } = new();

    public IReadOnlyList<SectionSetting> Sections { get; init; } = DefaultOrder.Select(k => new SectionSetting(k, true)).ToArray();

    public LookBack LookBack { get; init; } = new();

    public int ItemsPerSection { get; init; } = 4;

    public BriefingLength Length { get; init; } = BriefingLength.Standard;

    public int LeadTimeMinutes { get; init; } = 60;

    /// <summary>Culture for dates and numbers (IETF tag); null means the user's own.</summary>
    public string? Culture { get; init; }

    /// <summary>Free-text guidance for the LLM writer; the extractive writer ignores it.</summary>
    public string? Instructions { get; init; }

    /// <summary>Lines the LLM wrote that the verifier could not check against their sources: dropped, or shown marked.</summary>
    public UnverifiedClaims Unverified { get; init; } = UnverifiedClaims.Drop;

    /// <summary>The user's time zone, working days, morning digest and quiet hours for proactive messages.</summary>
    public DeliveryHours Delivery { get; init; } = new();

    public IEnumerable<SectionKind> EnabledSections => Sections.Where(s => s.Enabled).Select(s => s.Kind);

    /// <summary>Whether <paramref name="kind"/> stays out of a briefing shown to others (a section the recipe does not list: its default).</summary>
    public bool IsInternalOnly(SectionKind kind) =>
        Sections.FirstOrDefault(s => s.Kind == kind)?.IsInternalOnly() ?? SectionSetting.DefaultInternalOnly(kind);

    /// <summary>Upper bound on the items of a whole briefing (summary excluded), by length.</summary>
    public int MaxTotalItems => Length switch
    {
        BriefingLength.Brief => 10,
        BriefingLength.Detailed => 40,
        _ => 22,
    };

    /// <summary>Upper bound on one item's text, by length.</summary>
    public int MaxItemChars => Length switch
    {
        BriefingLength.Brief => 160,
        BriefingLength.Detailed => 400,
        _ => 240,
    };

    /// <summary>Items per section after the length cap.</summary>
    public int EffectiveItemsPerSection => Length == BriefingLength.Brief ? Math.Min(ItemsPerSection, 3) : ItemsPerSection;
}
