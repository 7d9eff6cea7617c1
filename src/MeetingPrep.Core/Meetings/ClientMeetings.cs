using System.Globalization;
using System.Text;
using MeetingPrep.Core.Crm;

namespace MeetingPrep.Core.Meetings;

/// <summary>
/// Finds the client meeting an internal meeting is about: "Prep: Margie's Travel executive briefing" (only colleagues
/// invited) prepares the meeting with margiestravel.com two days later, so it is briefed with that client's context.
/// A client is named when a word (or run of words) of the internal meeting's subject or agenda spells most of the
/// client's e-mail domain name ("Woodgrove" for woodgrovebank.com, "Margie's Travel" for margiestravel.com): a domain is
/// what every CRM and mailbox can be searched by, whatever the account is called.
/// </summary>
public static class ClientMeetings
{
    /// <summary>Meetings this far before or after the internal one are considered.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(14);

    /// <summary>A word must spell at least this share of the domain name, so "travel" alone never names margiestravel.com.</summary>
    private const double MinCoverage = 0.6;

    private const int MinKeyLength = 4;

    // Generic parts of e-mail domains that say nothing about which company it is.
    private static readonly HashSet<string> DomainSuffixLabels = new(StringComparer.Ordinal)
    {
        "com", "net", "org", "co", "io", "biz", "info", "gov", "edu", "ac", "uk", "de", "fr", "jp", "ch", "at", "nl", "be", "it",
        "es", "se", "no", "dk", "fi", "pl", "cz", "us", "ca", "au", "nz", "sg", "in", "cn", "kr", "br", "mx", "ie", "lu", "eu",
        "mail", "email", "corp", "global", "intl", "group",
    };

    /// <summary>
    /// The client meeting <paramref name="meeting"/> (which has no external people) is about, or null: the best-matching
    /// external meeting within <see cref="Window"/>, the nearest one on a tie.
    /// </summary>
    public static Meeting? FindFor(Meeting meeting, IEnumerable<Meeting> calendar)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(calendar);
        if (meeting.IsPrivate || meeting.HasExternalPeople)
        {
            return null;
        }

        var keys = Keys(meeting.Subject + " " + (meeting.BodyPreview ?? string.Empty));
        if (keys.Count == 0)
        {
            return null;
        }

        return calendar
            .Where(m => m.Id != meeting.Id && m.HasExternalPeople && !m.IsPrivate && !m.IsCancelled
                && m.Start >= meeting.Start - Window && m.Start <= meeting.Start + Window)
            .Select(m => (Meeting: m, Coverage: Coverage(keys, ExternalDomainNames(m))))
            .Where(x => x.Coverage >= MinCoverage)
            .OrderByDescending(x => x.Coverage)
            .ThenBy(x => x.Meeting.Start >= meeting.Start ? 0 : 1)
            .ThenBy(x => (x.Meeting.Start - meeting.Start).Duration())
            .Select(x => x.Meeting)
            .FirstOrDefault();
    }

    /// <summary>The external people of a client meeting (organizer included), whose mail and CRM records the briefing reads.</summary>
    public static IReadOnlyList<string> ExternalEmails(Meeting meeting)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        return [.. meeting.ExternalAttendees.Select(p => p.Person.Email)];
    }

    private static IReadOnlyList<string> ExternalDomainNames(Meeting meeting) =>
        [.. ExternalEmails(meeting)
            .Select(e => new Person(e, e).Domain)
            .Where(d => d.Length > 0 && !PersonalMailDomains.Contains(d))
            .Select(DomainName)
            .Where(n => n.Length >= MinKeyLength)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>"mail.woodgrove-bank.co.uk" → "woodgrovebank": the longest label that is not a suffix, hyphens dropped.</summary>
    public static string OrganisationName(string domain) => DomainName(domain ?? string.Empty);

    private static string DomainName(string domain) =>
        domain.Split('.')
            .Where(l => !DomainSuffixLabels.Contains(l))
            .Select(l => l.Replace("-", string.Empty, StringComparison.Ordinal))
            .OrderByDescending(l => l.Length)
            .FirstOrDefault() ?? string.Empty;

    private static double Coverage(IReadOnlyCollection<string> keys, IReadOnlyList<string> names)
    {
        var best = 0.0;
        foreach (var name in names)
        {
            foreach (var key in keys)
            {
                if (name.Contains(key, StringComparison.Ordinal))
                {
                    best = Math.Max(best, (double)key.Length / name.Length);
                }
            }
        }

        return best;
    }

    /// <summary>Words of the text and runs of two or three adjacent words, letters and digits only, lower case.</summary>
    private static HashSet<string> Keys(string text)
    {
        var words = Words(text);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < words.Count; i++)
        {
            var run = new StringBuilder();
            for (var j = i; j < Math.Min(words.Count, i + 3); j++)
            {
                run.Append(words[j]);
                if (run.Length >= MinKeyLength)
                {
                    keys.Add(run.ToString());
                }
            }
        }

        return keys;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '’' || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                // "Margie's" is one word; "Krüger" keeps its letters without the umlaut mark.
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }
}
