using MeetingPrep.Core.Briefings.Writing;
using Xunit;

namespace MeetingPrep.Core.Tests;

public class BriefingFormatTests
{
    [Theory]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("ja-JP")]
    [InlineData("not-a-culture")]
    [InlineData(null)]
    public void English_text_never_carries_another_languages_dates_or_numbers(string? culture)
    {
        var format = BriefingFormat.For(culture, TimeZoneInfo.Utc);

        Assert.Equal("2 Mar 2027", format.Day(new DateOnly(2027, 3, 2)));
        Assert.Equal("$1.3M", format.Money(1_300_000m, "USD"));
        Assert.Equal("6,833", format.Number(6833m));
        Assert.Equal("3:00\u202FPM", format.Time(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void An_english_culture_keeps_its_own_conventions()
    {
        Assert.Equal("en-GB", BriefingFormat.CultureFor(BriefingFormat.English, "de-DE", "en-GB").Name);
        Assert.Equal("15:00", BriefingFormat.For("en-GB", TimeZoneInfo.Utc).Time(new DateTimeOffset(2026, 12, 2, 15, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Text_written_in_the_readers_culture_keeps_it()
    {
        // The model writes in the reader's culture, so its values do too.
        var german = BriefingFormat.For("de-DE", TimeZoneInfo.Utc, textLanguage: null);

        Assert.Equal("$1,3M", german.Money(1_300_000m, "USD"));
        Assert.Equal("de-DE", BriefingFormat.CultureFor("de", "de-DE").Name);
        Assert.Equal("de-DE", BriefingFormat.CultureFor("de", "en-US").Name);
    }
}
