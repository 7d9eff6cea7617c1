using System.Text.RegularExpressions;

namespace MeetingPrep.Core.Security;

/// <summary>
/// What a log entry may say: applied once, by the host's logging pipeline (<c>RedactingLogging</c> in the web host), to
/// every message, value, scope and exception of every category, so log sites pass exceptions as they are. Graph and CRM
/// errors name mailboxes ("The mailbox lena@… is not found"), HTTP and database errors can quote tokens, signed links or
/// connection strings. A log gets the exception's type, stack and messages (inner ones too) with every address, token,
/// signature and password replaced; its <see cref="Exception.Data"/> is left out.
/// </summary>
public static partial class LogRedaction
{
    public const string Address = "[address]";
    public const string Secret = "[secret]";

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

    /// <summary>The exception to hand a logger instead of <paramref name="exception"/>: same type name and stack, redacted messages.</summary>
    public static Exception Redacted(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception as RedactedException ?? new RedactedException(exception);
    }

    /// <summary>
    /// <paramref name="text"/> with addresses, tokens, signatures and secrets replaced. Linear-time patterns; should one time
    /// out all the same (a huge message on a starved machine), nothing of the text is kept rather than a log line lost.
    /// </summary>
    public static string Redact(string text)
    {
        try
        {
            var redacted = EmailAddress().Replace(text ?? string.Empty, Address);
            redacted = BearerToken().Replace(redacted, m => m.Groups["scheme"].Value + Secret);
            redacted = SecretSetting().Replace(redacted, m => m.Groups["key"].Value + "=" + Secret);
            return LinkSignature().Replace(redacted, m => m.Groups["key"].Value + "=" + Secret);
        }
        catch (RegexMatchTimeoutException)
        {
            return "[message withheld]";
        }
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+\-']+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 2000)]
    private static partial Regex EmailAddress();

    /// <summary>JWTs (bot, Graph and CRM access tokens) and what follows "Bearer ".</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+(\.[A-Za-z0-9_\-]*)?|(?<scheme>Bearer\s+)[A-Za-z0-9._~+/\-]+=*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 2000)]
    private static partial Regex BearerToken();

    /// <summary>The secret parts of a connection string or client credential ("Password=…;", "client_secret=…").</summary>
    [GeneratedRegex(@"(?<key>password|pwd|accountkey|sharedaccesskey|client_secret|clientsecret|apikey|api_key)\s*=\s*[^;&\s]+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 2000)]
    private static partial Regex SecretSetting();

    /// <summary>A signed record link's signature (<c>sig=</c>) or a SAS token's.</summary>
    [GeneratedRegex(@"(?<key>[?&]sig)=[A-Za-z0-9_\-%]+", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, matchTimeoutMilliseconds: 2000)]
    private static partial Regex LinkSignature();

    /// <summary>An exception as a log may show it: the original's type name and stack trace, its messages redacted.</summary>
    private sealed class RedactedException(Exception original)
        : Exception(Redact(original.Message), original.InnerException is { } inner ? new RedactedException(inner) : null)
    {
        private readonly string _type = original.GetType().FullName ?? original.GetType().Name;
        private readonly string? _stack = original.StackTrace;

        public override string? StackTrace => _stack;

        public override string ToString() =>
            $"{_type}: {Message}"
            + (InnerException is { } inner ? $" ---> {inner}{Environment.NewLine}   --- End of inner exception stack trace ---" : string.Empty)
            + (_stack is null ? string.Empty : Environment.NewLine + _stack);
    }
}
