namespace MeetingPrep.Core.Crm;

/// <summary>
/// Which records a meeting needs from a CRM and how they match, written once for every CRM (built-in, Dataverse,
/// Salesforce, HubSpot). Contacts match by address, ignoring case; accounts by a contact's account, then, for addresses
/// without one, by the address's company domain (the account's site is that domain or a subdomain of it; never a personal
/// mail domain); then the matched accounts' open opportunities, recent notes, open and lately closed cases and metrics,
/// each capped at <see cref="CrmQuery.MaxRecordsPerKind"/>.
/// </summary>
public static class CrmQueryPlan
{
    public const int DefaultMaxRecords = 50;

    public static async Task<CrmContext> RunAsync(CrmQuery query, ICrmQueries crm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(crm);
        var max = query.MaxRecordsPerKind > 0 ? query.MaxRecordsPerKind : DefaultMaxRecords;
        if (query.AccountIds is { } accountIds)
        {
            List<string> wanted = [.. accountIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal)];
            List<CrmAccount> known = wanted.Count == 0
                ? []
                : [.. (await crm.AccountsByIdAsync(wanted, cancellationToken)).Where(a => wanted.Contains(a.Id, StringComparer.Ordinal)).DistinctBy(a => a.Id).OrderBy(a => a.Id, StringComparer.Ordinal).Take(max)];
            return known.Count == 0 ? CrmContext.Empty : await AccountRecordsAsync(query, crm, known, [], max, cancellationToken);
        }

        var emails = Emails(query.Emails);
        if (emails.Count == 0)
        {
            return CrmContext.Empty;
        }

        var asked = emails.ToHashSet(StringComparer.Ordinal);
        List<CrmContact> contacts = [.. (await crm.ContactsByEmailAsync(emails, cancellationToken))
            .Where(c => asked.Contains(NormalizeEmail(c.Email)))
            .DistinctBy(c => c.Id)
            .OrderBy(c => c.Id, StringComparer.Ordinal)
            .Take(max)];

        List<string> parentIds = [.. contacts.Select(c => c.AccountId).OfType<string>().Distinct(StringComparer.Ordinal)];
        List<CrmAccount> byContact = parentIds.Count == 0
            ? []
            : [.. (await crm.AccountsByIdAsync(parentIds, cancellationToken)).Where(a => parentIds.Contains(a.Id, StringComparer.Ordinal)).OrderBy(a => a.Id, StringComparer.Ordinal)];

        var found = byContact.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var withAccount = contacts.Where(c => c.AccountId is not null && found.Contains(c.AccountId)).Select(c => NormalizeEmail(c.Email)).ToHashSet(StringComparer.Ordinal);
        var domains = DomainsToMatch(emails, withAccount);
        List<CrmAccount> byDomain = domains.Count == 0
            ? []
            : [.. (await crm.AccountsByDomainAsync(domains, cancellationToken)).Where(a => domains.Any(d => SiteMatchesDomain(a.Domain, d))).OrderBy(a => a.Id, StringComparer.Ordinal)];

        List<CrmAccount> accounts = [.. byContact.Concat(byDomain).DistinctBy(a => a.Id).Take(max)];
        if (accounts.Count == 0)
        {
            return new CrmContext([], contacts, [], [], [], []);
        }

        return await AccountRecordsAsync(query, crm, accounts, contacts, max, cancellationToken);
    }

    /// <summary>The matched accounts' deals, notes, cases and metrics, each kind capped at <paramref name="max"/>.</summary>
    private static async Task<CrmContext> AccountRecordsAsync(
        CrmQuery query, ICrmQueries crm, List<CrmAccount> accounts, List<CrmContact> contacts, int max, CancellationToken cancellationToken)
    {
        List<string> ids = [.. accounts.Select(a => a.Id)];
        var matched = ids.ToHashSet(StringComparer.Ordinal);

        // Closed deals only when asked for, and then those last changed since (their closing at the latest).
        var opportunities = (await crm.OpportunitiesAsync(ids, query.DealsClosedSince, max, cancellationToken))
            .Where(o => matched.Contains(o.AccountId) && (!o.IsClosed || (query.DealsClosedSince is { } since && o.LastModified >= since)))
            .DistinctBy(o => o.Id)
            .OrderBy(o => o.CloseDate ?? DateOnly.MaxValue)
            .ThenBy(o => o.Id, StringComparer.Ordinal)
            .Take(max);

        var notes = (await crm.NotesAsync(ids, query.NotesSince, max, cancellationToken))
            .Where(n => matched.Contains(n.AccountId) && n.Created >= query.NotesSince)
            .DistinctBy(n => n.Id)
            .OrderByDescending(n => n.Created)
            .ThenBy(n => n.Id, StringComparer.Ordinal)
            .Take(max);

        // A closed case's last change is its closing at the latest, so "closed since" can be checked on any CRM's record.
        var cases = (await crm.CasesAsync(ids, query.CasesSince, max, cancellationToken))
            .Where(c => matched.Contains(c.AccountId) && (c.IsOpen || c.LastModified >= query.CasesSince))
            .DistinctBy(c => c.Id)
            .OrderByDescending(c => c.IsOpen)
            .ThenByDescending(c => c.Opened)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .Take(max);

        var metrics = (await crm.MetricsAsync(ids, max, cancellationToken))
            .Where(m => matched.Contains(m.AccountId))
            .DistinctBy(m => m.Id)
            .OrderBy(m => m.Id, StringComparer.Ordinal)
            .Take(max);

        return new CrmContext(accounts, contacts, [.. opportunities], [.. notes], [.. cases], [.. metrics]);
    }

    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    /// <summary>Distinct, lower-cased, plausible addresses; anything else never reaches a query.</summary>
    public static IReadOnlyList<string> Emails(IEnumerable<string?> emails) =>
        [.. emails
            .Select(e => e is null ? string.Empty : NormalizeEmail(e))
            .Where(IsPlausibleEmail)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The company domains of addresses without a matched account; never a personal mail domain.</summary>
    public static IReadOnlyList<string> DomainsToMatch(IEnumerable<string> emails, IReadOnlySet<string> emailsWithAccount) =>
        [.. emails
            .Where(e => !emailsWithAccount.Contains(e))
            .Select(e => e[(e.LastIndexOf('@') + 1)..])
            .Where(d => IsPlainDomain(d) && !PersonalMailDomains.Contains(d))
            .Distinct(StringComparer.Ordinal)];

    /// <summary>True when a web site or domain value is <paramref name="domain"/> or a subdomain of it (www.fabrikam.com, https://eu.fabrikam.com/…).</summary>
    public static bool SiteMatchesDomain(string? site, string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var host = HostOf(site);
        return host is not null && (host == domain || host.EndsWith("." + domain, StringComparison.Ordinal));
    }

    /// <summary>The lower-cased host of a web site or domain value, without "www."; null when there is none.</summary>
    public static string? DomainOf(string? site)
    {
        var host = HostOf(site);
        return host is not null && host.StartsWith("www.", StringComparison.Ordinal) ? host[4..] : host;
    }

    private static string? HostOf(string? site)
    {
        if (string.IsNullOrWhiteSpace(site))
        {
            return null;
        }

        var value = site.Trim();
        var host = Uri.TryCreate(value.Contains("://", StringComparison.Ordinal) ? value : "https://" + value, UriKind.Absolute, out var uri)
            ? uri.Host
            : value;
        host = host.TrimEnd('.').ToLowerInvariant();
        return host.Length == 0 ? null : host;
    }

    private static bool IsPlausibleEmail(string e)
    {
        var at = e.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == e.LastIndexOf('@') && e.Length <= 320 && IsPlainDomain(e[(at + 1)..])
            && e[..at].All(c => c > ' ' && c < 127 && c is not ('"' or '(' or ')' or ',' or ':' or ';' or '<' or '>' or '[' or ']' or '\\'));
    }

    /// <summary>Letters, digits, '-' and '.', with a dot: safe in any query language without further escaping.</summary>
    private static bool IsPlainDomain(string d) =>
        d.Length is > 2 and <= 253 && d.Contains('.', StringComparison.Ordinal) && !d.StartsWith('.') && !d.EndsWith('.')
        && d.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.');
}
