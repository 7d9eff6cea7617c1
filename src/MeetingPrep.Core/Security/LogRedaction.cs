using System.Text.RegularExpressions;

namespace MeetingPrep.Core.Security;

/// <summary>
/// What a failing source's exception may say in a log. Graph and CRM errors name mailboxes ("The mailbox lena@… is
/// not found"), so a log gets the exception's type and its messages (inner ones too) with every address replaced.
/// </summary>
public static partial class LogRedaction
{
    public const string Address = "[address]";

    /// <summary>"SourceUnavailableException: mail could not be read ← ODataError: The mailbox [address] is not found".</summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var parts = new List<string>();
        for (var e = exception; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {Redact(e.Message)}");
        }

        return string.Join(" <- ", parts);
    }

    public static string Redact(string text) => EmailAddress().Replace(text ?? string.Empty, Address);

    [GeneratedRegex(@"[A-Za-z0-9._%+\-']+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex EmailAddress();
}
