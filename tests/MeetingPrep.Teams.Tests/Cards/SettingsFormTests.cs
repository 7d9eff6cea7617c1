using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Teams.Cards;
using Xunit;

namespace MeetingPrep.Teams.Tests.Cards;

public class SettingsFormTests
{
    /// <summary>What a client sends on "Save": every input's id and current value, as strings, merged into data.</summary>
    private static JsonElement Submit(AdaptiveCard card, Action<JsonObject>? edit = null)
    {
        var data = new JsonObject();
        foreach (var element in CardWalker.Elements(card))
        {
            switch (element)
            {
                case InputText t:
                    data[t.Id!] = t.Value ?? string.Empty;
                    break;
                case InputChoiceSet c:
                    data[c.Id!] = c.Value ?? string.Empty;
                    break;
                case InputToggle g:
                    data[g.Id!] = g.Value ?? "false";
                    break;
                case InputTime time:
                    data[time.Id!] = time.Value ?? string.Empty;
                    break;
            }
        }

        edit?.Invoke(data);
        return JsonSerializer.SerializeToElement(data);
    }

    [Fact]
    public void UnchangedCard_ReadsBackAsTheSameRecipe()
    {
        var recipe = BriefingRecipe.Default with
        {
            ItemsPerSection = 6,
            Length = BriefingLength.Detailed,
            LeadTimeMinutes = 120,
            Culture = "de-DE",
            Instructions = "Lead with open cases",
            Unverified = UnverifiedClaims.Mark,
            Sections = [.. BriefingRecipe.Default.Sections.Select(s => s.Kind == SectionKind.Risks ? s with { Enabled = false } : s)],
            Meetings = BriefingRecipe.Default.Meetings with { Internal = true, ExcludeKeywords = ["lunch", "1:1"] },
        };

        var (patch, problems) = SettingsForm.Read(Submit(SettingsCardBuilder.Build(recipe, TestBriefings.Viewer, CardHost.Teams)));

        Assert.Empty(problems);
        var back = patch!.ApplyTo(BriefingRecipe.Default);
        Assert.Equal(recipe.Meetings.External, back.Meetings.External);
        Assert.Equal(recipe.Meetings.Internal, back.Meetings.Internal);
        Assert.Equal(recipe.Meetings.ExcludeKeywords, back.Meetings.ExcludeKeywords);
        Assert.Equal(recipe.Sections, back.Sections);
        Assert.Equal(recipe.LookBack, back.LookBack with { TrendPeriods = recipe.LookBack.TrendPeriods });
        Assert.Equal(6, back.ItemsPerSection);
        Assert.Equal(BriefingLength.Detailed, back.Length);
        Assert.Equal(120, back.LeadTimeMinutes);
        Assert.Equal("de-DE", back.Culture);
        Assert.Equal("Lead with open cases", back.Instructions);
        Assert.Equal(UnverifiedClaims.Mark, back.Unverified);
    }

    [Fact]
    public void ChangedInputs_BecomeThePatch()
    {
        var card = SettingsCardBuilder.Build(BriefingRecipe.Default, TestBriefings.Viewer, CardHost.Teams);
        var (patch, problems) = SettingsForm.Read(Submit(card, d =>
        {
            d[SettingsForm.EmailDays] = "14";
            d[SettingsForm.Length] = "Brief";
            d[SettingsForm.SectionPrefix + nameof(SectionKind.Attendees)] = "false";
            d[SettingsForm.Culture] = SettingsForm.OwnCulture;
        }));

        Assert.Empty(problems);
        var recipe = patch!.ApplyTo(BriefingRecipe.Default with { Culture = "fr-FR" });
        Assert.Equal(14, recipe.LookBack.EmailDays);
        Assert.Equal(BriefingLength.Brief, recipe.Length);
        Assert.DoesNotContain(SectionKind.Attendees, recipe.EnabledSections);
        Assert.Equal(string.Empty, recipe.Culture); // "my own": overrides a team culture with the user's
    }

    [Theory]
    [InlineData(SettingsForm.EmailDays, "9999", "'lookBack.emailDays' must be a whole number from 1 to 365.")]
    [InlineData(SettingsForm.ItemsPerSection, "many", "'itemsPerSection' must be a whole number from 1 to 10.")]
    [InlineData(SettingsForm.External, "maybe", "'meetings.external' must be on or off.")]
    [InlineData(SettingsForm.Length, "Epic", "Length must be Brief, Standard or Detailed.")]
    [InlineData(SettingsForm.Culture, "xx-NOPE", "Unknown culture 'xx-NOPE'.")]
    [InlineData("section.Gossip", "true", "Unknown section 'section.Gossip'.")]
    public void BadValues_AreProblems_NotSilentDefaults(string id, string value, string problem)
    {
        var card = SettingsCardBuilder.Build(BriefingRecipe.Default, TestBriefings.Viewer, CardHost.Teams);
        var (patch, problems) = SettingsForm.Read(Submit(card, d => d[id] = value));
        Assert.Null(patch);
        Assert.Contains(problem, problems);
    }

    [Fact]
    public void DigestAndQuietHours_RoundTripThroughTheCard_AndOptingInIsOneToggle()
    {
        var recipe = BriefingRecipe.Default with
        {
            Delivery = new DeliveryHours { Digest = true, DigestAt = new TimeOnly(7, 15), WorkingDays = [DayOfWeek.Sunday, DayOfWeek.Monday], QuietFrom = new TimeOnly(22, 0), QuietUntil = new TimeOnly(7, 0) },
        };

        var (patch, problems) = SettingsForm.Read(Submit(SettingsCardBuilder.Build(recipe, TestBriefings.Viewer, CardHost.Teams)));

        Assert.Empty(problems);
        var back = patch!.ApplyTo(BriefingRecipe.Default).Delivery;
        Assert.Equal((true, new TimeOnly(7, 15), new TimeOnly(22, 0), new TimeOnly(7, 0)), (back.Digest, back.DigestAt, back.QuietFrom, back.QuietUntil));
        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Monday], back.WorkingDays);

        // Off by default; one toggle opts in, and a quiet-hours time picker emptied clears the quiet hours a team set.
        var team = BriefingRecipe.Default with { Delivery = new DeliveryHours { QuietFrom = new TimeOnly(20, 0), QuietUntil = new TimeOnly(8, 0) } };
        var card = SettingsCardBuilder.Build(team, TestBriefings.Viewer, CardHost.Teams);
        Assert.False(SettingsForm.Read(Submit(card)).Patch!.ApplyTo(team).Delivery.Digest);
        var (optIn, _) = SettingsForm.Read(Submit(card, d =>
        {
            d[SettingsForm.Digest] = "true";
            d[SettingsForm.QuietFrom] = string.Empty;
        }));
        var mine = optIn!.ApplyTo(team).Delivery;
        Assert.Equal((true, null, new TimeOnly(8, 0)), (mine.Digest, mine.QuietFrom, mine.QuietUntil));
        Assert.Null(mine.QuietEnd(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData(SettingsForm.DigestAt, "25:00", "'delivery.digestAt' must be a time of day such as 08:00.")]
    [InlineData(SettingsForm.DigestAt, SettingsForm.Off, "'delivery.digestAt' must be a time of day such as 08:00.")]
    [InlineData(SettingsForm.QuietUntil, "soon", "'delivery.quietUntil' must be a time of day such as 08:00.")]
    [InlineData(SettingsForm.WorkingDays, "Monday,Funday", "Unknown working day 'Funday'.")]
    [InlineData(SettingsForm.WorkingDays, "1", "Unknown working day '1'.")]
    public void BadDeliveryHours_AreProblems(string id, string value, string problem)
    {
        var card = SettingsCardBuilder.Build(BriefingRecipe.Default, TestBriefings.Viewer, CardHost.Teams);
        var (patch, problems) = SettingsForm.Read(Submit(card, d => d[id] = value));
        Assert.Null(patch);
        Assert.Contains(problem, problems);
    }

    [Fact]
    public void PreviewAndSave_AreExecuteActions_AndThePreviewShowsTheEffect()
    {
        var card = SettingsCardBuilder.Build(BriefingRecipe.Default, TestBriefings.Viewer, CardHost.Teams, TestBriefings.Fabrikam());
        Assert.Equal([CardVerbs.SettingsPreview, CardVerbs.SettingsSave], card.Actions!.OfType<ExecuteAction>().Select(a => a.Verb));
        var facts = CardWalker.Elements(card).OfType<FactSet>().Single().Facts;
        Assert.Contains(new Fact("Who is coming", "2 items"), facts);
    }
}
