using System.Globalization;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Delivery;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MeetingPrep.Teams;

/// <summary>
/// This assembly's interface text (card labels, section titles, buttons, chat replies, action messages) in the reader's
/// language and culture. Its one resource home is <c>Resources/TeamsText.resx</c> (English) with the de, fr and ja
/// translations beside it, read through <see cref="IStringLocalizer"/>. Cards are rendered by pure functions, so the
/// localizer is made here once instead of being injected into each of them.
/// </summary>
public sealed class TeamsText
{
    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(TeamsText));

    private TeamsText(CultureInfo culture) => Culture = culture;

    /// <summary>The culture of the text, and of the dates and numbers written into it.</summary>
    public CultureInfo Culture { get; }

    public bool IsEnglish => Culture.TwoLetterISOLanguageName == BriefingFormat.English;

    public static TeamsText English { get; } = new(CultureInfo.GetCultureInfo("en-US"));

    public static TeamsText For(CultureInfo culture) => new(culture);

    /// <summary>The reader's language setting (<paramref name="preferred"/>, the recipe's) else their Teams/Outlook locale.</summary>
    public static TeamsText For(string? preferred, UserRef user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(BriefingFormat.InterfaceCulture(preferred, user.Culture));
    }

    /// <summary>A client's locale alone (the Teams activity's), for a reader we could not resolve.</summary>
    public static TeamsText ForLocale(string? locale) => new(BriefingFormat.InterfaceCulture(locale));

    public string this[string key] => Lookup(key);

    /// <summary>The text of <paramref name="key"/> with its placeholders filled in this culture.</summary>
    public string Format(string key, params object?[] args) => string.Format(Culture, Lookup(key), args);

    /// <summary>"A, B and C" as this language joins a list.</summary>
    public string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => Format("List.And", string.Join(Lookup("List.Separator"), items.Take(items.Count - 1)), items[^1]),
    };

    /// <summary>
    /// Why a meeting has no briefing, in this language: the rule's sentence (<c>Reason.{code}</c>) with the value it names,
    /// else the English reason as Core wrote it, else <paramref name="fallbackKey"/>'s text.
    /// </summary>
    public string Why(MeetingEligibility? why, string? english, string fallbackKey = "Briefing.None")
    {
        if (why?.Code is { } code && Find($"Reason.{code}") is { ResourceNotFound: false } rule)
        {
            return string.Format(Culture, rule.Value, why.Detail);
        }

        return english ?? Lookup(fallbackKey);
    }

    /// <inheritdoc cref="Why(MeetingEligibility?, string?, string)"/>
    public string Why(BriefingResult result, string fallbackKey = "Briefing.None")
    {
        ArgumentNullException.ThrowIfNull(result);
        return Why(result.Why, result.Reason, fallbackKey);
    }

    /// <summary>A "what changed" line of a card updated in place (<c>Change.{code}</c>), its dates and priorities in this language.</summary>
    public string Change(MaterialChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return Format($"Change.{change.Code}", [.. change.Values.Select(Word)]);

        object? Word(object? value) => value switch
        {
            null => Lookup("Change.None"),
            IReadOnlyList<string> names => List(names),
            MeetingPrep.Core.Crm.CasePriority priority => Lookup($"Priority.{priority}"),
            _ => value,
        };
    }

    private string Lookup(string key) => Find(key).Value;

    private LocalizedString Find(string key)
    {
        // ResourceManagerStringLocalizer reads the current UI culture; the card's reader, not the thread, decides it.
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = Culture;
        try
        {
            return Localizer[key];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
