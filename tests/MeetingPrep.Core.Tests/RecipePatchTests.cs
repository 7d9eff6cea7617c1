using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Recipes;
using Xunit;

namespace MeetingPrep.Core.Tests;

public sealed class RecipePatchTests
{
    [Fact]
    public void User_patch_overrides_team_patch_which_overrides_defaults()
    {
        var team = new RecipePatch { ItemsPerSection = 6, EmailDays = 14, LeadTimeMinutes = 30 };
        var user = new RecipePatch { ItemsPerSection = 2 };

        var recipe = user.ApplyTo(team.ApplyTo(BriefingRecipe.Default));

        Assert.Equal(2, recipe.ItemsPerSection);
        Assert.Equal(14, recipe.LookBack.EmailDays);
        Assert.Equal(30, recipe.LeadTimeMinutes);
        Assert.Equal(BriefingRecipe.Default.LookBack.NoteDays, recipe.LookBack.NoteDays);
    }

    [Fact]
    public void Values_are_clamped_to_sane_ranges()
    {
        var recipe = new RecipePatch { ItemsPerSection = 500, EmailDays = -3, LeadTimeMinutes = 0, Instructions = new string('x', 5000) }.ApplyTo(BriefingRecipe.Default);

        Assert.Equal(10, recipe.ItemsPerSection);
        Assert.Equal(1, recipe.LookBack.EmailDays);
        Assert.Equal(5, recipe.LeadTimeMinutes);
        Assert.Equal(2000, recipe.Instructions!.Length);
    }

    [Fact]
    public void A_partial_section_list_keeps_every_kind_with_the_forgotten_ones_disabled()
    {
        var recipe = new RecipePatch { Sections = [new(SectionKind.Risks, true), new(SectionKind.Risks, false)] }.ApplyTo(BriefingRecipe.Default);

        Assert.Equal(Enum.GetValues<SectionKind>().Length, recipe.Sections.Count);
        Assert.Equal([SectionKind.Risks], recipe.EnabledSections);
    }

    [Fact]
    public void A_users_section_list_without_internal_only_marks_inherits_the_teams_and_the_audience_switch_is_the_users()
    {
        var team = new RecipePatch { Sections = [new(SectionKind.Opportunities, true, InternalOnly: false), new(SectionKind.Agenda, true, InternalOnly: true)] }
            .ApplyTo(BriefingRecipe.Default);

        // What the settings card saves: every section on or off, no marks.
        var user = new RecipePatch { Sections = [.. BriefingRecipe.DefaultOrder.Select(k => new SectionSetting(k, true))], AudienceFiltering = false }.ApplyTo(team);

        Assert.True(BriefingRecipe.Default.AudienceFiltering);
        Assert.True(team.AudienceFiltering);
        Assert.False(user.AudienceFiltering);
        Assert.False(user.IsInternalOnly(SectionKind.Opportunities));
        Assert.True(user.IsInternalOnly(SectionKind.Agenda));
        Assert.True(user.IsInternalOnly(SectionKind.Risks));
        Assert.False(new RecipePatch { Sections = [new(SectionKind.Risks, true, InternalOnly: false)] }.ApplyTo(team).IsInternalOnly(SectionKind.Risks));
    }
}
