using System.Globalization;
using System.Text.Json;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Teams.Cards;

/// <summary>
/// The settings card edits a user's effective recipe. "Preview" (<see cref="CardVerbs.SettingsPreview"/>) sends the
/// inputs to the bot, which answers with this card again, now with a preview of a briefing made with those settings;
/// "Save" (<see cref="CardVerbs.SettingsSave"/>) stores them. <see cref="SettingsForm"/> reads the inputs back.
/// </summary>
public static class SettingsCardBuilder
{
    internal static readonly int[] DayChoices = [7, 14, 30, 60, 90, 120, 180, 365];
    internal static readonly int[] LeadTimeChoices = [15, 30, 60, 120, 240, 1440];
    internal static readonly TimeOnly[] DigestTimeChoices = [.. Enumerable.Range(12, 11).Select(h => new TimeOnly(h / 2, h % 2 * 30))];
    private static readonly DayOfWeek[] WeekOrder =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    internal static readonly string[] CultureChoices = ["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "nl-NL", "it-IT", "pt-BR", "ja-JP"];

    /// <summary>Flags listed on the card, newest first; the rest are counted (all are in <c>GET /api/me/feedback</c>).</summary>
    internal const int FlagsShown = 10;

    public static AdaptiveCard Build(
        BriefingRecipe recipe, UserRef viewer, CardHost host, Briefing? preview = null, IReadOnlyList<string>? problems = null, IReadOnlyList<WrongFlag>? flags = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(viewer);
        // In the language the settings themselves choose (else the reader's client's): saving a language shows it at once.
        var text = TeamsText.For(recipe.Culture, viewer);
        var card = new AdaptiveCard
        {
            FallbackText = text["Settings.Fallback"],
            Body =
            [
                CardParts.Heading(text["Settings.Title"], spacing: null),
                CardParts.Subtle(text["Settings.Intro"]),
            ],
        };

        if (problems is { Count: > 0 })
        {
            card.Body.Add(new Container
            {
                Style = ContainerStyle.Attention,
                Items = problems.Take(5).Select(p => (CardElement)new TextBlock { Text = CardText.Markdown(p, 200), Wrap = true, Size = FontSize.Small }).ToList(),
            });
        }

        card.Body.Add(CardParts.Heading(text["Settings.WhichMeetings"]));
        card.Body.Add(Toggle(SettingsForm.External, text["Settings.External"], recipe.Meetings.External));
        card.Body.Add(Toggle(SettingsForm.Internal, text["Settings.Internal"], recipe.Meetings.Internal));
        card.Body.Add(Toggle(SettingsForm.Recurring, text["Settings.Recurring"], recipe.Meetings.Recurring));
        card.Body.Add(Toggle(SettingsForm.Personal, text["Settings.Personal"], recipe.Meetings.Personal));
        card.Body.Add(Choices(SettingsForm.MinAttendees, text["Settings.MinAttendees"], Enumerable.Range(1, 10), recipe.Meetings.MinAttendees, n => n.ToString(text.Culture)));
        card.Body.Add(new InputText
        {
            Id = SettingsForm.ExcludeKeywords,
            Label = text["Settings.ExcludeKeywords"],
            Value = CardText.Plain(string.Join(", ", recipe.Meetings.ExcludeKeywords), 500),
            MaxLength = 500,
        });
        if (recipe.Meetings.MutedSeries.Count > 0)
        {
            var count = recipe.Meetings.MutedSeries.Count;
            card.Body.Add(Toggle(SettingsForm.UnmuteAll, text.Format("Settings.UnmuteAll", count), false));
        }

        card.Body.Add(CardParts.Heading(text["Settings.Sections"]));
        foreach (var section in recipe.Sections)
        {
            card.Body.Add(Toggle(SettingsForm.SectionPrefix + section.Kind, text[$"Section.{section.Kind}"], section.Enabled));
        }

        card.Body.Add(Toggle(SettingsForm.AudienceFiltering, text["Settings.AudienceFiltering"], recipe.AudienceFiltering));

        card.Body.Add(CardParts.Heading(text["Settings.HowFarBack"]));
        card.Body.Add(Choices(SettingsForm.EmailDays, text["Settings.EmailDays"], DayChoices, recipe.LookBack.EmailDays, d => Days(d, text)));
        card.Body.Add(Choices(SettingsForm.MeetingDays, text["Settings.MeetingDays"], DayChoices, recipe.LookBack.MeetingDays, d => Days(d, text)));
        card.Body.Add(Choices(SettingsForm.NoteDays, text["Settings.NoteDays"], DayChoices, recipe.LookBack.NoteDays, d => Days(d, text)));
        card.Body.Add(Choices(SettingsForm.CaseDays, text["Settings.CaseDays"], DayChoices, recipe.LookBack.CaseDays, d => Days(d, text)));

        card.Body.Add(CardParts.Heading(text["Settings.SizeAndTiming"]));
        card.Body.Add(Choices(SettingsForm.ItemsPerSection, text["Settings.ItemsPerSection"], Enumerable.Range(1, 10), recipe.ItemsPerSection, n => n.ToString(text.Culture)));
        card.Body.Add(new InputChoiceSet
        {
            Id = SettingsForm.Length,
            Label = text["Settings.Length"],
            Style = ChoiceInputStyle.Compact,
            Value = recipe.Length.ToString(),
            Choices = Enum.GetValues<BriefingLength>().Select(l => new InputChoice(text[$"Settings.Length.{l}"], l.ToString())).ToList(),
        });
        card.Body.Add(Choices(SettingsForm.LeadTimeMinutes, text["Settings.LeadTime"], LeadTimeChoices, recipe.LeadTimeMinutes, m => LeadTime(m, text)));
        var cultures = CultureChoices.Select(c => new InputChoice(CultureInfo.GetCultureInfo(c).NativeName, c)).ToList();
        if (recipe.Culture is { Length: > 0 } current && !CultureChoices.Contains(current, StringComparer.OrdinalIgnoreCase))
        {
            cultures.Add(new InputChoice(CardText.Plain(current, 40), CardText.Plain(current, 40)));
        }

        cultures.Insert(0, new InputChoice(text.Format("Settings.OwnCulture", CardText.Plain(viewer.Culture, 40)), SettingsForm.OwnCulture));
        card.Body.Add(new InputChoiceSet
        {
            Id = SettingsForm.Culture,
            Label = text["Settings.Culture"],
            Style = ChoiceInputStyle.Compact,
            Value = string.IsNullOrEmpty(recipe.Culture) ? SettingsForm.OwnCulture : CardText.Plain(recipe.Culture, 40),
            Choices = cultures,
        });
        card.Body.Add(new InputChoiceSet
        {
            Id = SettingsForm.Unverified,
            Label = text["Settings.Unverified"],
            Style = ChoiceInputStyle.Compact,
            Value = recipe.Unverified.ToString(),
            Choices = [new InputChoice(text["Settings.Unverified.Drop"], nameof(UnverifiedClaims.Drop)), new InputChoice(text["Settings.Unverified.Mark"], nameof(UnverifiedClaims.Mark))],
        });
        card.Body.Add(new InputText
        {
            Id = SettingsForm.Instructions,
            Label = text["Settings.Instructions"],
            Placeholder = text["Settings.InstructionsPlaceholder"],
            Value = recipe.Instructions is null ? null : CardText.Plain(recipe.Instructions, SettingsForm.MaxInstructions),
            IsMultiline = true,
            MaxLength = SettingsForm.MaxInstructions,
        });

        AddDeliveryHours(card, recipe.Delivery, text);

        if (flags is { Count: > 0 })
        {
            card.Body.Add(FlagsOf(flags, viewer, text));
        }

        if (preview is not null)
        {
            card.Body.Add(PreviewOf(preview, text));
        }

        card.Actions =
        [
            CardParts.Execute(text["Action.Preview"], CardVerbs.SettingsPreview, null),
            new ExecuteAction { Id = CardVerbs.SettingsSave, Title = text["Action.Save"], Verb = CardVerbs.SettingsSave, Style = ActionStyle.Positive },
        ];
        return CardHostAdapter.ForHost(card, host);
    }

    /// <summary>The morning digest (opt-in), working days and quiet hours, in the user's own time.</summary>
    private static void AddDeliveryHours(AdaptiveCard card, DeliveryHours hours, TeamsText text)
    {
        card.Body.Add(CardParts.Heading(text["Settings.DeliveryHours"]));
        card.Body.Add(Toggle(SettingsForm.Digest, text["Settings.Digest"], hours.Digest));
        card.Body.Add(TimeInput(SettingsForm.DigestAt, text["Settings.DigestAt"], hours.DigestAt, optional: false, text, DigestTimeChoices[0], DigestTimeChoices[^1]));
        card.Body.Add(new InputChoiceSet
        {
            Id = SettingsForm.WorkingDays,
            Label = text["Settings.WorkingDays"],
            Style = ChoiceInputStyle.Compact,
            IsMultiSelect = true,
            Value = string.Join(",", hours.WorkingDays),
            Choices = [.. WeekOrder.Select(d => new InputChoice(text.Culture.DateTimeFormat.GetDayName(d), d.ToString()))],
        });
        card.Body.Add(TimeInput(SettingsForm.QuietFrom, text["Settings.QuietFrom"], hours.QuietFrom, optional: true, text));
        card.Body.Add(TimeInput(SettingsForm.QuietUntil, text["Settings.QuietUntil"], hours.QuietUntil, optional: true, text));
    }

    /// <summary>
    /// A time picker: one typed element where a choice per time made the card outgrow the typical size. Left empty, a
    /// quiet-hours time means none (<paramref name="optional"/>); the digest's time stays as it was.
    /// </summary>
    private static InputTime TimeInput(string id, string label, TimeOnly? current, bool optional, TeamsText text, TimeOnly? min = null, TimeOnly? max = null) => new()
    {
        Id = id,
        Label = label,
        Value = current is { } selected ? DeliveryHours.FormatTime(selected) : null,
        Min = min is { } from ? DeliveryHours.FormatTime(from) : null,
        Max = max is { } to ? DeliveryHours.FormatTime(to) : null,
        Placeholder = optional ? text["Settings.Off"] : null,
    };

    /// <summary>
    /// "Lines you flagged as wrong": each flag's record and when, with Undo (its lines come back). A flag covers every line
    /// citing that record until the record changes.
    /// </summary>
    private static Container FlagsOf(IReadOnlyList<WrongFlag> flags, UserRef viewer, TeamsText text)
    {
        var container = new Container { Id = "flags", Spacing = Spacing.Medium };
        container.Items.Add(CardParts.Heading(text["Settings.Flags.Title"], spacing: null));
        container.Items.Add(CardParts.Subtle(text["Settings.Flags.Explain"], FontSize.Small));
        foreach (var flag in flags.Take(FlagsShown))
        {
            var what = flag.Record?.Title ?? flag.ItemKey ?? text["Settings.Flags.ALine"];
            var when = CardFormat.Day(TimeZoneInfo.ConvertTime(flag.At, viewer.ResolveTimeZone()), text.Culture);
            var line = text.Format("Settings.Flags.Line", CardText.Cap(CardText.Sanitize(what), 120), when)
                + (string.IsNullOrWhiteSpace(flag.Comment) ? string.Empty : $": {CardText.Cap(CardText.Sanitize(flag.Comment), 120)}");
            container.Items.Add(new ColumnSet
            {
                Spacing = Spacing.Small,
                Columns =
                [
                    new Column { Width = "stretch", Items = [new TextBlock { Text = CardText.Markdown(line, 300), Wrap = true, Size = FontSize.Small }] },
                    new Column
                    {
                        Width = "auto",
                        Items =
                        [
                            new ActionSet
                            {
                                Actions =
                                [
                                    new ExecuteAction
                                    {
                                        Id = $"{CardVerbs.FeedbackUndo}-{flag.Id.ToString(CultureInfo.InvariantCulture)}",
                                        Title = text["Action.Undo"],
                                        Verb = CardVerbs.FeedbackUndo,
                                        Data = new CardActionData { FeedbackId = flag.Id.ToString(CultureInfo.InvariantCulture) },
                                        AssociatedInputs = AssociatedInputs.None,
                                    },
                                ],
                            },
                        ],
                    },
                ],
            });
        }

        if (flags.Count > FlagsShown)
        {
            container.Items.Add(CardParts.Subtle(text.Format("Settings.Flags.Older", flags.Count - FlagsShown), FontSize.Small));
        }

        return container;
    }

    /// <summary>What these settings would produce: the summary and each section's item count.</summary>
    private static Container PreviewOf(Briefing preview, TeamsText text)
    {
        var container = new Container { Style = ContainerStyle.Emphasis, Spacing = Spacing.Large, Separator = true };
        container.Items.Add(new RichTextBlock
        {
            Inlines =
            [
                new TextRun { Text = text["Settings.Preview"] + " ", Weight = FontWeight.Bolder },
                new TextRun { Text = CardText.Plain(preview.Meeting.Subject, 120) },
            ],
        });
        if (preview.Section(SectionKind.Summary) is { } summary)
        {
            foreach (var item in summary.Items.Take(3))
            {
                container.Items.Add(CardParts.ItemLine(item.Text, item.Label, item.Citations, preview.Sources, 200));
            }
        }

        var facts = preview.Sections
            .Where(s => s.Kind != SectionKind.Summary)
            .Select(s => new Fact(
                CardText.Markdown(BriefingCardRenderer.SectionTitle(s, text), 60),
                text.Format(s.Items.Count == 1 ? "Settings.Items.One" : "Settings.Items.Many", s.Items.Count) + (s.OmittedCount > 0 ? $" (+{s.OmittedCount})" : string.Empty)))
            .ToList();
        if (facts.Count > 0)
        {
            container.Items.Add(new FactSet { Facts = facts, Spacing = Spacing.Small });
        }
        else
        {
            container.Items.Add(CardParts.Subtle(text["Settings.NoSections"]));
        }

        return container;
    }

    private static InputToggle Toggle(string id, string title, bool value) => new()
    {
        Id = id,
        Title = title,
        Value = value ? "true" : "false",
        Wrap = true,
        Spacing = Spacing.Small,
    };

    private static InputChoiceSet Choices(string id, string label, IEnumerable<int> values, int current, Func<int, string> title)
    {
        var list = values.ToList();
        if (!list.Contains(current))
        {
            list.Add(current);
            list.Sort();
        }

        return new InputChoiceSet
        {
            Id = id,
            Label = label,
            Style = ChoiceInputStyle.Compact,
            Value = current.ToString(CultureInfo.InvariantCulture),
            Choices = list.Select(v => new InputChoice(title(v), v.ToString(CultureInfo.InvariantCulture))).ToList(),
        };
    }

    private static string Days(int days, TeamsText text) => days == 365 ? text["Settings.Year"] : text.Format("Settings.Days", days);

    private static string LeadTime(int minutes, TeamsText text) => minutes switch
    {
        < 60 => text.Format("Settings.Minutes", minutes),
        60 => text["Settings.Hour"],
        1440 => text["Settings.Day"],
        _ when minutes % 60 == 0 => text.Format("Settings.Hours", minutes / 60),
        _ => text.Format("Settings.Minutes", minutes),
    };

}

/// <summary>The settings card's inputs, read back from an <c>adaptiveCard/action</c> invoke's <c>data</c>.</summary>
public static class SettingsForm
{
    public const string External = "meetings.external";
    public const string Internal = "meetings.internal";
    public const string Recurring = "meetings.recurring";
    public const string Personal = "meetings.personal";
    public const string MinAttendees = "meetings.minAttendees";
    public const string ExcludeKeywords = "meetings.excludeKeywords";
    public const string UnmuteAll = "meetings.unmuteAll";
    public const string SectionPrefix = "section.";
    public const string EmailDays = "lookBack.emailDays";
    public const string MeetingDays = "lookBack.meetingDays";
    public const string NoteDays = "lookBack.noteDays";
    public const string CaseDays = "lookBack.caseDays";
    public const string ItemsPerSection = "itemsPerSection";
    public const string Length = "length";
    public const string LeadTimeMinutes = "leadTimeMinutes";
    public const string Culture = "culture";
    public const string Instructions = "instructions";
    public const string Unverified = "unverified";
    public const string AudienceFiltering = "audienceFiltering";
    public const int MaxInstructions = 2000;
    public const string Digest = "delivery.digest";
    public const string DigestAt = "delivery.digestAt";
    public const string WorkingDays = "delivery.workingDays";
    public const string QuietFrom = "delivery.quietFrom";
    public const string QuietUntil = "delivery.quietUntil";

    /// <summary>The quiet-hours choice meaning none (a choice needs a non-empty value).</summary>
    public const string Off = "off";

    /// <summary>The culture choice meaning "the user's own" (a choice needs a non-empty value in the official renderer).</summary>
    public const string OwnCulture = "own";

    /// <summary>
    /// A patch with every field the card shows, or the problems found. Missing inputs stay null (inherit); a bad value
    /// is a problem, not a silent default. Section order is the card's order (the recipe's), as the toggles list it.
    /// </summary>
    public static (RecipePatch? Patch, IReadOnlyList<string> Problems) Read(JsonElement data)
    {
        var problems = new List<string>();
        if (data.ValueKind != JsonValueKind.Object)
        {
            return (null, ["The settings form was empty."]);
        }

        var sections = new List<SectionSetting>();
        foreach (var property in data.EnumerateObject())
        {
            if (property.Name.StartsWith(SectionPrefix, StringComparison.Ordinal))
            {
                if (Enum.TryParse<SectionKind>(property.Name[SectionPrefix.Length..], ignoreCase: false, out var kind) && Enum.IsDefined(kind))
                {
                    sections.Add(new SectionSetting(kind, ReadBool(property.Value, property.Name, problems) ?? true));
                }
                else
                {
                    problems.Add($"Unknown section '{CardText.Plain(property.Name, 60)}'.");
                }
            }
        }

        var culture = String(data, Culture);
        if (string.Equals(culture, OwnCulture, StringComparison.Ordinal))
        {
            culture = string.Empty;
        }
        else if (culture is { Length: > 0 })
        {
            try
            {
                culture = CultureInfo.GetCultureInfo(culture, predefinedOnly: true).Name;
            }
            catch (CultureNotFoundException)
            {
                problems.Add($"Unknown culture '{CardText.Plain(culture, 40)}'.");
            }
        }

        BriefingLength? length = null;
        if (String(data, Length) is { Length: > 0 } lengthText)
        {
            if (Enum.TryParse<BriefingLength>(lengthText, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                length = parsed;
            }
            else
            {
                problems.Add("Length must be Brief, Standard or Detailed.");
            }
        }

        UnverifiedClaims? unverified = null;
        if (String(data, Unverified) is { Length: > 0 } unverifiedText)
        {
            if (Enum.TryParse<UnverifiedClaims>(unverifiedText, ignoreCase: true, out var parsedUnverified) && Enum.IsDefined(parsedUnverified))
            {
                unverified = parsedUnverified;
            }
            else
            {
                problems.Add("Unverified lines are either dropped (Drop) or shown marked (Mark).");
            }
        }

        var instructions = String(data, Instructions);
        if (instructions is { Length: > MaxInstructions })
        {
            problems.Add($"Instructions are limited to {MaxInstructions} characters.");
        }

        var patch = new RecipePatch
        {
            Digest = Bool(data, Digest, problems),
            DigestAt = Time(data, DigestAt, problems),
            WorkingDays = WorkingDaysOf(data, problems),
            QuietFrom = Time(data, QuietFrom, problems),
            QuietUntil = Time(data, QuietUntil, problems),
            IncludeExternal = Bool(data, External, problems),
            IncludeInternal = Bool(data, Internal, problems),
            IncludeRecurring = Bool(data, Recurring, problems),
            IncludePersonal = Bool(data, Personal, problems),
            MinAttendees = Int(data, MinAttendees, 1, 500, problems),
            ExcludeKeywords = String(data, ExcludeKeywords) is { } keywords
                ? keywords.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(k => CardText.Sanitize(k)).Where(k => k.Length > 0).Take(50).ToArray()
                : null,
            Sections = sections.Count > 0 ? sections : null,
            EmailDays = Int(data, EmailDays, 1, 365, problems),
            MeetingDays = Int(data, MeetingDays, 1, 730, problems),
            NoteDays = Int(data, NoteDays, 1, 730, problems),
            CaseDays = Int(data, CaseDays, 1, 730, problems),
            ItemsPerSection = Int(data, ItemsPerSection, 1, 10, problems),
            Length = length,
            LeadTimeMinutes = Int(data, LeadTimeMinutes, 5, 1440, problems),
            // An empty choice means "my own culture": stored as empty so it overrides a team culture with the user's.
            Culture = culture,
            Instructions = instructions is null ? null : CardText.Sanitize(instructions),
            Unverified = unverified,
            AudienceFiltering = Bool(data, AudienceFiltering, problems),
        };
        return problems.Count > 0 ? (null, problems) : (patch, problems);
    }

    /// <summary>Whether the form asks to unmute every muted series (the card shows the toggle only when some are muted).</summary>
    public static bool UnmutesAll(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && String(data, UnmuteAll) is "true";

    private static string? String(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>
    /// A time of day as "HH:mm". For quiet hours, a time picker left empty (or "off", from cards sent before the picker)
    /// is returned empty, which stores "none"; absent means unchanged.
    /// </summary>
    private static string? Time(JsonElement data, string name, List<string> problems)
    {
        var text = String(data, name);
        if (text is null || (text.Length == 0 && name == DigestAt))
        {
            return null;
        }

        if ((text.Length == 0 || string.Equals(text, Off, StringComparison.Ordinal)) && name != DigestAt)
        {
            return string.Empty;
        }

        if (DeliveryHours.ParseTime(text) is { } time)
        {
            return DeliveryHours.FormatTime(time);
        }

        problems.Add($"'{name}' must be a time of day such as 08:00.");
        return null;
    }

    /// <summary>The working days, a comma-separated multi-select ("Monday,Tuesday").</summary>
    private static DayOfWeek[]? WorkingDaysOf(JsonElement data, List<string> problems)
    {
        if (String(data, WorkingDays) is not { } text)
        {
            return null;
        }

        var days = new List<DayOfWeek>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day) && Enum.IsDefined(day) && !int.TryParse(name, CultureInfo.InvariantCulture, out _))
            {
                days.Add(day);
            }
            else
            {
                problems.Add($"Unknown working day '{CardText.Plain(name, 20)}'.");
            }
        }

        return [.. days.Distinct().Order()];
    }

    private static bool? Bool(JsonElement data, string name, List<string> problems) =>
        data.TryGetProperty(name, out var value) ? ReadBool(value, name, problems) : null;

    private static bool? ReadBool(JsonElement value, string name, List<string> problems)
    {
        var text = value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetRawText() : value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        if (bool.TryParse(text, out var result))
        {
            return result;
        }

        problems.Add($"'{name}' must be on or off.");
        return null;
    }

    private static int? Int(JsonElement data, string name, int min, int max, List<string> problems)
    {
        var text = String(data, name);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add($"'{name}' must be a whole number from {min} to {max}.");
        return null;
    }
}
