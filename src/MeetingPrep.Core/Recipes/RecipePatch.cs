using MeetingPrep.Core.Briefings;

namespace MeetingPrep.Core.Recipes;

/// <summary>
/// A partial recipe: only what a team or a user changed. Null means "inherit". Stored as JSON per team and per user,
/// so a team default changed later still reaches users who never touched that setting.
/// </summary>
public sealed record RecipePatch
{
    public bool? IncludeExternal { get; init; }

    public bool? IncludeInternal { get; init; }

    public bool? IncludeRecurring { get; init; }

    public bool? IncludePersonal { get; init; }

    public int? MinAttendees { get; init; }

    public IReadOnlyList<string>? ExcludeCategories { get; init; }

    public IReadOnlyList<string>? ExcludeKeywords { get; init; }

    public IReadOnlyList<string>? MutedSeries { get; init; }

    public IReadOnlyList<SectionSetting>? Sections { get; init; }

    public int? EmailDays { get; init; }

    public int? MeetingDays { get; init; }

    public int? NoteDays { get; init; }

    public int? CaseDays { get; init; }

    public int? TrendPeriods { get; init; }

    public int? ItemsPerSection { get; init; }

    public BriefingLength? Length { get; init; }

    public int? LeadTimeMinutes { get; init; }

    public string? Culture { get; init; }

    public string? Instructions { get; init; }

    public UnverifiedClaims? Unverified { get; init; }

    /// <summary>Time zone id of the delivery hours; empty means the user's own (overriding a team zone).</summary>
    public string? TimeZone { get; init; }

    public IReadOnlyList<DayOfWeek>? WorkingDays { get; init; }

    /// <summary>The morning digest on or off.</summary>
    public bool? Digest { get; init; }

    /// <summary>Local time of the digest, "HH:mm".</summary>
    public string? DigestAt { get; init; }

    /// <summary>Quiet hours, local "HH:mm" each; empty means none (overriding a team's).</summary>
    public string? QuietFrom { get; init; }

    public string? QuietUntil { get; init; }

    /// <summary>This patch laid over <paramref name="recipe"/>, with values clamped to sane ranges.</summary>
    public BriefingRecipe ApplyTo(BriefingRecipe recipe) => recipe with
    {
        Meetings = recipe.Meetings with
        {
            External = IncludeExternal ?? recipe.Meetings.External,
            Internal = IncludeInternal ?? recipe.Meetings.Internal,
            Recurring = IncludeRecurring ?? recipe.Meetings.Recurring,
            Personal = IncludePersonal ?? recipe.Meetings.Personal,
            MinAttendees = Math.Clamp(MinAttendees ?? recipe.Meetings.MinAttendees, 1, 500),
            ExcludeCategories = ExcludeCategories ?? recipe.Meetings.ExcludeCategories,
            ExcludeKeywords = ExcludeKeywords ?? recipe.Meetings.ExcludeKeywords,
            MutedSeries = MutedSeries ?? recipe.Meetings.MutedSeries,
        },
        Sections = Sections is null ? recipe.Sections : CompleteSections(Sections),
        LookBack = recipe.LookBack with
        {
            EmailDays = Math.Clamp(EmailDays ?? recipe.LookBack.EmailDays, 1, 365),
            MeetingDays = Math.Clamp(MeetingDays ?? recipe.LookBack.MeetingDays, 1, 730),
            NoteDays = Math.Clamp(NoteDays ?? recipe.LookBack.NoteDays, 1, 730),
            CaseDays = Math.Clamp(CaseDays ?? recipe.LookBack.CaseDays, 1, 730),
            TrendPeriods = Math.Clamp(TrendPeriods ?? recipe.LookBack.TrendPeriods, 1, 12),
        },
        ItemsPerSection = Math.Clamp(ItemsPerSection ?? recipe.ItemsPerSection, 1, 10),
        Length = Length ?? recipe.Length,
        LeadTimeMinutes = Math.Clamp(LeadTimeMinutes ?? recipe.LeadTimeMinutes, 5, 24 * 60),
        Culture = Culture ?? recipe.Culture,
        Instructions = Instructions is { Length: > 0 } i ? Truncate(i, 2000) : recipe.Instructions,
        Unverified = Unverified ?? recipe.Unverified,
        Delivery = recipe.Delivery with
        {
            TimeZone = TimeZone is null ? recipe.Delivery.TimeZone : TimeZone.Length == 0 ? null : TimeZone,
            WorkingDays = WorkingDays is null ? recipe.Delivery.WorkingDays : [.. WorkingDays.Where(Enum.IsDefined).Distinct().Order()],
            Digest = Digest ?? recipe.Delivery.Digest,
            DigestAt = DeliveryHours.ParseTime(DigestAt) ?? recipe.Delivery.DigestAt,
            QuietFrom = QuietFrom is null ? recipe.Delivery.QuietFrom : DeliveryHours.ParseTime(QuietFrom),
            QuietUntil = QuietUntil is null ? recipe.Delivery.QuietUntil : DeliveryHours.ParseTime(QuietUntil),
        },
    };

    /// <summary>Why the delivery hours of this patch are not usable (an unknown zone, a malformed time), or null.</summary>
    public string? CheckDeliveryHours()
    {
        if (TimeZone is { Length: > 0 } zone && (zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)))
        {
            return "'timeZone' must be a time zone id such as Europe/Berlin, or empty for your own.";
        }

        if (WorkingDays is { } days && (days.Count > 7 || days.Any(d => !Enum.IsDefined(d))))
        {
            return "'workingDays' lists days of the week (Monday to Sunday).";
        }

        foreach (var (name, value) in new[] { ("digestAt", DigestAt), ("quietFrom", QuietFrom), ("quietUntil", QuietUntil) })
        {
            if (value is { Length: > 0 } && DeliveryHours.ParseTime(value) is null)
            {
                return $"'{name}' must be a time of day such as 08:00.";
            }
        }

        return null;
    }

    /// <summary>A section list as given, with any section it forgot appended (disabled), so ordering never loses a kind.</summary>
    private static SectionSetting[] CompleteSections(IReadOnlyList<SectionSetting> given)
    {
        var seen = new HashSet<SectionKind>();
        var list = given.Where(s => seen.Add(s.Kind)).ToList();
        list.AddRange(BriefingRecipe.DefaultOrder.Where(k => !seen.Contains(k)).Select(k => new SectionSetting(k, false)));
        return [.. list];
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>Where team and user recipe patches live.</summary>
public interface IRecipeStore
{
    Task<RecipePatch?> GetTeamPatchAsync(string tenantId, CancellationToken cancellationToken);

    Task<RecipePatch?> GetUserPatchAsync(string tenantId, string userId, CancellationToken cancellationToken);

    Task SaveTeamPatchAsync(string tenantId, RecipePatch patch, CancellationToken cancellationToken);

    Task SaveUserPatchAsync(string tenantId, string userId, RecipePatch patch, CancellationToken cancellationToken);
}
