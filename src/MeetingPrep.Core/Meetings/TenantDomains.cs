namespace MeetingPrep.Core.Meetings;

/// <summary>
/// The tenant's verified domains, and the rule that makes an address internal: its domain equals a verified domain
/// or is a subdomain of one. Sister tenants can be added as "also internal".
/// </summary>
public sealed class TenantDomains
{
    private readonly HashSet<string> _domains;

    public TenantDomains(IEnumerable<string> domains)
    {
        _domains = new HashSet<string>(domains.Select(d => d.Trim().TrimStart('@').ToLowerInvariant()).Where(d => d.Length > 0), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<string> Domains => _domains;

    public Affiliation Classify(string email)
    {
        var at = email.LastIndexOf('@');
        if (at < 0)
        {
            return Affiliation.External;
        }

        var domain = email[(at + 1)..].Trim().ToLowerInvariant();
        while (domain.Length > 0)
        {
            if (_domains.Contains(domain))
            {
                return Affiliation.Internal;
            }

            var dot = domain.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                break;
            }

            domain = domain[(dot + 1)..];
        }

        return Affiliation.External;
    }
}
