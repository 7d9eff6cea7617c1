using System.Globalization;
using MeetingPrep.Core.Crm;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>
/// Dates, money, numbers and percentages in the reader's time zone and in the language of the text around them: the one
/// home for that choice (<see cref="CultureFor"/>), so an English card never shows "Mi 2. Dezember" or "$1,3M".
/// </summary>
public sealed class BriefingFormat(CultureInfo culture, TimeZoneInfo zone)
{
    /// <summary>The language extractive briefings, cards and chat replies are written in.</summary>
    public const string English = "en";

    /// <summary>The languages MeetingPrep's own interface text (cards, chat replies, the pane) is written in.</summary>
    public static readonly IReadOnlyList<string> InterfaceLanguages = [English, "de", "fr", "ja"];

    public CultureInfo Culture { get; } = culture;

    public TimeZoneInfo Zone { get; } = zone;

    /// <param name="cultureName">The reader's preference (recipe, else user); unknown tags fall back.</param>
    /// <param name="textLanguage">
    /// The language of the text the values sit in (ISO 639-1); null when the text is written in the reader's own culture
    /// (the model writes in it).
    /// </param>
    public static BriefingFormat For(string? cultureName, TimeZoneInfo zone, string? textLanguage = English) =>
        new(CultureFor(textLanguage, cultureName), zone);

    /// <summary>
    /// The first known culture of <paramref name="preferred"/> that speaks <paramref name="textLanguage"/> (en-GB stays
    /// en-GB in English text), else that language's own default (a de-DE reader of English text gets en-US), so values
    /// read like the words around them. Null <paramref name="textLanguage"/> takes the first known preference as it is.
    /// </summary>
    public static CultureInfo CultureFor(string? textLanguage, params string?[] preferred)
    {
        var known = preferred.Select(Known).OfType<CultureInfo>().ToList();
        if (textLanguage is null)
        {
            return known.FirstOrDefault() ?? CultureInfo.GetCultureInfo("en-US");
        }

        return known.FirstOrDefault(c => string.Equals(c.TwoLetterISOLanguageName, textLanguage, StringComparison.OrdinalIgnoreCase))
            ?? Known(CultureInfo.CreateSpecificCulture(textLanguage).Name)
            ?? CultureInfo.GetCultureInfo("en-US");
    }

    /// <summary>
    /// The culture of the interface text a reader gets: the first known preference (their language setting, then their
    /// Teams/Outlook locale) in one of <see cref="InterfaceLanguages"/>, kept as it is (de-CH stays de-CH), else en-US.
    /// Dates and numbers around that text use the same culture.
    /// </summary>
    public static CultureInfo InterfaceCulture(params string?[] preferred) =>
        preferred.Select(Known).OfType<CultureInfo>()
            .Where(c => InterfaceLanguages.Contains(c.TwoLetterISOLanguageName, StringComparer.OrdinalIgnoreCase))
            .Select(c => c.IsNeutralCulture ? CultureInfo.CreateSpecificCulture(c.Name) : c) // "de" reads dates as de-DE
            .FirstOrDefault()
        ?? CultureInfo.GetCultureInfo("en-US");

    private static CultureInfo? Known(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            var culture = CultureInfo.GetCultureInfo(name.Trim(), predefinedOnly: true);
            return string.IsNullOrEmpty(culture.Name) ? null : culture;
        }
        catch (CultureNotFoundException)
        {
            // An unknown tag from a recipe must not break a briefing; try the next one.
            return null;
        }
    }

    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>"21 Nov" style: day and abbreviated month in the reader's culture.</summary>
    public string Day(DateTimeOffset instant) => Local(instant).ToString("d MMM", Culture);

    public string Day(DateOnly date) => date.ToString("d MMM yyyy", Culture);

    public string Time(DateTimeOffset instant) => Local(instant).ToString("t", Culture);

    public string Number(decimal value, int decimals = 0) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Culture);

    /// <summary>Money in short form: "€240k", "$1.2M", "CHF 900".</summary>
    public string Money(decimal amount, string? currency)
    {
        var symbol = currency?.ToUpperInvariant() switch
        {
            "EUR" => "€",
            "USD" => "$",
            "GBP" => "£",
            "JPY" => "¥",
            null or "" => string.Empty,
            var other => other + " ",
        };
        return symbol + Compact(amount);
    }

    /// <summary>A metric value with its unit: currency units as money, percentages with %, others as numbers.</summary>
    public string Metric(decimal value, string unit) => unit.ToUpperInvariant() switch
    {
        "EUR" or "USD" or "GBP" or "JPY" => Money(value, unit),
        "%" or "PERCENT" => Number(value, value % 1 == 0 ? 0 : 1) + "%",
        "" => Number(value, value % 1 == 0 ? 0 : 1),
        _ => Number(value, value % 1 == 0 ? 0 : 1) + " " + unit,
    };

    public string Compact(decimal amount)
    {
        var abs = Math.Abs(amount);
        return abs switch
        {
            >= 1_000_000_000m => Number(amount / 1_000_000_000m, 1) + "B",
            >= 1_000_000m => Number(amount / 1_000_000m, 1) + "M",
            >= 10_000m => Number(Math.Round(amount / 1_000m), 0) + "k",
            >= 1_000m => Number(amount / 1_000m, 1) + "k",
            _ => Number(amount, amount % 1 == 0 ? 0 : 2),
        };
    }

    /// <summary>A signed percentage: "+12%", "−18%" (a real minus sign, as people read it).</summary>
    public string SignedPercent(decimal ratio)
    {
        var percent = Math.Round(ratio * 100m, Math.Abs(ratio) < 0.1m ? 1 : 0);
        var text = Math.Abs(percent).ToString(Culture);
        return (percent > 0 ? "+" : percent < 0 ? "\u2212" : string.Empty) + text + "%";
    }

    public static string Direction(TrendDirection direction) => direction switch
    {
        TrendDirection.Up => "up",
        TrendDirection.Down => "down",
        _ => "flat",
    };
}
