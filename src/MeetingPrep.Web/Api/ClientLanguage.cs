using System.Globalization;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Users;
using Microsoft.Net.Http.Headers;

namespace MeetingPrep.Web.Api;

/// <summary>
/// The language the user reads their client in: the Outlook pane sends Office's <c>displayLanguage</c> as
/// <c>Accept-Language</c>, a browser sends its own. It stands in for the user's stored locale on this request; their
/// language setting (the recipe's) still comes first when the text is chosen.
/// </summary>
public static class ClientLanguage
{
    public static UserRef WithClientLanguage(this UserRef user, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(request);
        var accepted = request.GetTypedHeaders().AcceptLanguage
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value)
            .FirstOrDefault(tag => tag is not null && tag != "*" && Interface(tag));
        return accepted is null ? user : user with { Culture = accepted };
    }

    private static bool Interface(string tag)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(tag, predefinedOnly: true);
            return BriefingFormat.InterfaceLanguages.Contains(culture.TwoLetterISOLanguageName, StringComparer.OrdinalIgnoreCase);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
