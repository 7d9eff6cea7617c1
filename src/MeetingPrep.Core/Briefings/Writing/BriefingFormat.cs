using System.Globalization;
using MeetingPrep.Core.Crm;

namespace MeetingPrep.Core.Briefings.Writing;

/// <summary>Dates, money, numbers and percentages in the reader's culture and time zone.</summary>
public sealed class BriefingFormat(CultureInfo culture, TimeZoneInfo zone)
{
    public CultureInfo Culture { get; } = culture;

    public TimeZoneInfo Zone { get; } = zone;

    public static BriefingFormat For(string? cultureName, TimeZoneInfo zone)
    {
        CultureInfo culture;
        try
        {
            culture = string.IsNullOrWhiteSpace(cultureName) ? CultureInfo.GetCultureInfo("en-US") : CultureInfo.GetCultureInfo(cultureName);
        }
        catch (CultureNotFoundException)
        {
            culture = CultureInfo.GetCultureInfo("en-US");
        }

        return new BriefingFormat(culture, zone);
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
