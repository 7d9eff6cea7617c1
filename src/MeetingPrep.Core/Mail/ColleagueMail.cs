using System.Globalization;
using System.Text;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Meetings;

namespace MeetingPrep.Core.Mail;

/// <summary>
/// Mail among colleagues about a client: what the account team, the deal desk or product say to each other ("the report
/// will not be ready before 10 December", "finance allows down to +5 %") is often the most useful context and never
/// reaches the customer's threads. It is the user's own mail (they are on it by address, so a list's broadcast is not)
/// where nobody is outside our domains, at most <see cref="MaxPeople"/> people take part (a conversation, not an
/// announcement), and the client is named: a word of the account's name, its initials, or the client's mail domain.
/// </summary>
public static class ColleagueMail
{
    /// <summary>More people than this on a message make it an announcement, not a conversation about the account.</summary>
    public const int MaxPeople = 8;

    private const int MaxNameWords = 3;
    private const int MinWordLength = 4;

    // Legal forms say nothing about which company it is; a search for "GmbH" would find every supplier.
    private static readonly HashSet<string> LegalForms = new(StringComparer.OrdinalIgnoreCase)
    {
        "inc", "corp", "corporation", "company", "limited", "ltd", "llc", "plc", "gmbh", "ag", "kg", "se", "sa", "sas", "sarl",
        "spa", "srl", "sl", "bv", "nv", "ab", "as", "oy", "kk", "pte", "pty", "holding", "holdings", "group", "gruppe", "groupe",
    };

    /// <summary>The query for a client meeting, or null when there is no name or domain to look for.</summary>
    /// <param name="externalEmails">The client's people, whose domains name the client (<see cref="ClientMeetings.ExternalEmails"/>).</param>
    /// <param name="accounts">The CRM accounts read for them; their names are what colleagues call the client.</param>
    public static ColleagueMailQuery? QueryFor(
        Meeting meeting, string userUpn, IReadOnlyCollection<string> externalEmails, IReadOnlyList<CrmAccount> accounts, DateTimeOffset since, int max)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(externalEmails);
        ArgumentNullException.ThrowIfNull(accounts);
        var internalDomains = meeting.Attendees.Where(a => !a.IsRoom && a.Affiliation == Affiliation.Internal).Select(a => a.Person.Domain)
            .Append(meeting.OrganizerAffiliation == Affiliation.Internal ? meeting.Organizer.Domain : string.Empty)
            .Append(new Person(userUpn, userUpn).Domain)
            .Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        var clientDomains = externalEmails.Select(e => new Person(e, e).Domain)
            .Where(d => d.Length > 0 && !PersonalMailDomains.Contains(d) && !internalDomains.Contains(d))
            .Distinct(StringComparer.Ordinal).ToList();
        var mentions = NameWords(accounts, clientDomains).Concat(clientDomains).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return mentions.Count == 0 ? null : new ColleagueMailQuery(userUpn, internalDomains, mentions, since, max);
    }

    /// <summary>
    /// Whether a message read for <paramref name="query"/> really belongs: the user is on it, everyone on it is one of us
    /// (our domains, or the same organisation name under another ending: contoso.fr beside contoso.com), it is a
    /// conversation, and it names the client as a whole word.
    /// </summary>
    public static bool Belongs(ColleagueMailQuery query, EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(message);
        var people = message.Recipients.Prepend(message.From).Where(p => p.Email.Length > 0).DistinctBy(p => p.Email.ToUpperInvariant()).ToList();
        var ours = query.InternalDomains.Select(ClientMeetings.OrganisationName).ToHashSet(StringComparer.Ordinal);
        return message.Sent >= query.Since
            && people.Count <= MaxPeople
            && people.Any(p => p.Is(query.User))
            && people.All(p => query.InternalDomains.Contains(p.Domain, StringComparer.OrdinalIgnoreCase) || ours.Contains(ClientMeetings.OrganisationName(p.Domain)))
            && query.Mentions.Any(m => Mentions(message.Subject, m) || Mentions(message.Text, m));
    }

    /// <summary>Whether <paramref name="word"/> occurs in <paramref name="text"/> as a whole word, ignoring case and accents.</summary>
    internal static bool Mentions(string text, string word)
    {
        var compare = CultureInfo.InvariantCulture.CompareInfo;
        const CompareOptions options = CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace;
        for (var at = compare.IndexOf(text, word, options, out var length); at >= 0; at = NextIndex(text, word, at + 1, out length))
        {
            var before = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            var after = at + length >= text.Length || !char.IsLetterOrDigit(text[at + length]);
            if (before && after)
            {
                return true;
            }
        }

        return false;

        static int NextIndex(string text, string word, int from, out int length)
        {
            length = 0;
            if (from >= text.Length)
            {
                return -1;
            }

            var at = CultureInfo.InvariantCulture.CompareInfo.IndexOf(text.AsSpan(from), word, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace, out length);
            return at < 0 ? -1 : at + from;
        }
    }

    /// <summary>
    /// The words of the accounts' names that name the client: those the client's domain spells ("Aurelia" and
    /// "Torrefazione" for torrefazioneaurelia.it), else every word, never a legal form or a word under four letters; and
    /// the initials of a name of three words or more ("WWI" for Wide World Importers), which is what colleagues write.
    /// </summary>
    private static IEnumerable<string> NameWords(IReadOnlyList<CrmAccount> accounts, List<string> clientDomains)
    {
        var domainText = string.Concat(clientDomains.Select(Fold));
        foreach (var account in accounts.Where(a => a.Domain is null || clientDomains.Count == 0
                     || clientDomains.Contains(a.Domain.Trim().ToLowerInvariant(), StringComparer.Ordinal)))
        {
            var words = account.Name.Split([' ', ',', '–', '-', '(', ')', '/', '&', '\'', '’'], StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.Trim('.'))
                .Where(w => w.Length > 0 && !LegalForms.Contains(w.Replace(".", string.Empty, StringComparison.Ordinal)))
                .ToList();
            var named = words.Where(w => w.Length >= MinWordLength).ToList();
            var spelled = named.Where(w => domainText.Contains(Fold(w), StringComparison.Ordinal)).ToList();
            foreach (var word in (spelled.Count > 0 ? spelled : named).Take(MaxNameWords))
            {
                yield return word;
            }

            if (words.Count >= 3 && words.All(w => char.IsUpper(w[0])))
            {
                yield return string.Concat(words.Select(w => w[0]));
            }
        }
    }

    /// <summary>Lower case, letters and digits only, accents dropped: "Ferreterías" → "ferreterias".</summary>
    private static string Fold(string text)
    {
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsLetterOrDigit(c))
            {
                folded.Append(char.ToLowerInvariant(c));
            }
        }

        return folded.ToString();
    }
}
