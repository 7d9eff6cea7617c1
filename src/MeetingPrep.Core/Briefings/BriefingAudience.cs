using MeetingPrep.Core.Crm;

namespace MeetingPrep.Core.Briefings;

/// <summary>
/// Who else sees what one unit of work renders. A briefing read by its user alone (the 1:1 chat with the bot, the Outlook
/// pane, the API) is whole; once the unit is <see cref="IsShared"/> (a bot turn in a group chat, channel or meeting
/// chat, where every card and reply is seen by others, whoever asked or refreshed it), <see cref="BriefingService"/>
/// leaves out the sections the recipe marks internal-only (<see cref="Recipes.SectionSetting.IsInternalOnly"/>), and
/// what chat answers from holds none of their sources. Mail among colleagues is always left out of a shared unit.
/// One way: a shared unit never becomes private again.
/// </summary>
public sealed class BriefingAudience
{
    public bool IsShared { get; private set; }

    public void Share() => IsShared = true;

    /// <summary>Whether this unit leaves internal-only content out for a user with <paramref name="recipe"/>: shared, and the user did not switch filtering off.</summary>
    public bool Filters(Recipes.BriefingRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return IsShared && recipe.AudienceFiltering;
    }

    /// <summary>
    /// The briefing without its internal-only sections, the lines elsewhere (the summary, talking points) that came from
    /// them or cite the kinds of record they are made of (<see cref="InternalSourceKinds"/>: a deal's amount stays out of
    /// the talking points too), and the sources no line left cites, so a note's or a deal's title is not listed either.
    /// A note says what was left out. Lines citing mail among colleagues (<see cref="Mail.EmailMessage.AmongColleagues"/>,
    /// from <paramref name="context"/>) are left out whatever the recipe says of their section.
    /// </summary>
    public static Briefing ForShared(Briefing briefing, MeetingContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(briefing);
        var recipe = briefing.Recipe;
        var left = briefing.Sections.Where(s => s.Kind != SectionKind.Summary && recipe.IsInternalOnly(s.Kind)).ToList();
        var internalKinds = InternalSourceKinds(recipe);
        var internalSources = briefing.Sources.Where(s => internalKinds.Contains(s.Kind)).Select(s => s.Id)
            .Concat(ColleagueMailSources(context))
            .ToHashSet(StringComparer.Ordinal);
        bool Keeps(BriefingItem item) =>
            !item.Citations.Any(internalSources.Contains) && (Briefing.OriginOf(item.Key) is not { } origin || !recipe.IsInternalOnly(origin));

        var sections = briefing.Sections
            .Where(s => !left.Contains(s))
            .Select(s => s with { Items = [.. s.Items.Where(Keeps)] })
            .ToList();
        var cited = sections.SelectMany(s => s.Items).SelectMany(i => i.Citations).ToHashSet(StringComparer.Ordinal);
        var note = left.Count == 0
            ? "Shared view: lines from internal-only records left out."
            : $"Shared view: {string.Join(", ", left.Select(s => s.Title))} left out (internal only).";
        return briefing with
        {
            Sections = sections,
            Sources = [.. briefing.Sources.Where(s => cited.Contains(s.Id))],
            Notes = [.. briefing.Notes, note],
        };
    }

    /// <summary>
    /// The kinds of record an internal-only section is made of: deals for opportunities, mail and notes for recent
    /// conversations and commitments (what was said and promised).
    /// </summary>
    public static IReadOnlySet<Sources.SourceKind> InternalSourceKinds(Recipes.BriefingRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var kinds = new HashSet<Sources.SourceKind>();
        if (recipe.IsInternalOnly(SectionKind.Opportunities))
        {
            kinds.Add(Sources.SourceKind.Opportunity);
        }

        if (recipe.IsInternalOnly(SectionKind.RecentConversations) || recipe.IsInternalOnly(SectionKind.Commitments))
        {
            kinds.Add(Sources.SourceKind.Email);
            kinds.Add(Sources.SourceKind.Note);
        }

        return kinds;
    }

    /// <summary>What chat may answer from in a shared conversation: none of the records of <see cref="InternalSourceKinds"/>.</summary>
    public static MeetingContext ForShared(MeetingContext context, Recipes.BriefingRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(context);
        var kinds = InternalSourceKinds(recipe);
        var crm = context.Crm with
        {
            Opportunities = kinds.Contains(Sources.SourceKind.Opportunity) ? [] : context.Crm.Opportunities,
            Notes = kinds.Contains(Sources.SourceKind.Note) ? [] : context.Crm.Notes,
        };
        return context with { Crm = crm, Emails = kinds.Contains(Sources.SourceKind.Email) ? [] : [.. context.Emails.Where(e => !e.AmongColleagues)] };
    }

    private static IEnumerable<string> ColleagueMailSources(MeetingContext? context) =>
        context?.Emails.Where(e => e.AmongColleagues).Select(e => Writing.SourceRefs.For(e).Id) ?? [];
}
