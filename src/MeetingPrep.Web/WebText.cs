using System.Globalization;
using MeetingPrep.Core.Briefings.Writing;
using Microsoft.Extensions.Localization;

namespace MeetingPrep.Web;

/// <summary>
/// This assembly's interface text (the Outlook pane's own words: statuses, errors, the follow-up box) in English,
/// German, French and Japanese: its one resource home is <c>Resources/WebText.resx</c> with the translations beside
/// it, read through <see cref="IStringLocalizer{WebText}"/>. The pane fetches its language's table from
/// <c>GET /outlook/text?lang=</c> (Office's <c>displayLanguage</c>).
/// </summary>
public sealed class WebText
{
    public const string ResourcesPath = "Resources";
}

/// <summary><c>GET /outlook/text?lang=</c>: the pane's strings in one language, as a JSON object.</summary>
public static class WebTextEndpoints
{
    public static IEndpointRouteBuilder MapWebText(this IEndpointRouteBuilder app)
    {
        // Not user data: the same table for everyone, so no sign-in (the pane needs it to say that sign-in failed).
        app.MapGet("/outlook/text", (string? lang, IStringLocalizer<WebText> localizer) => TypedResults.Ok(Table(localizer, lang)))
            .AllowAnonymous();
        return app;
    }

    /// <summary>Every string in the interface language nearest to <paramref name="language"/> (English when none fits).</summary>
    public static Dictionary<string, string> Table(IStringLocalizer<WebText> localizer, string? language)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = BriefingFormat.InterfaceCulture(language);
        try
        {
            return localizer.GetAllStrings(includeParentCultures: true).ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
