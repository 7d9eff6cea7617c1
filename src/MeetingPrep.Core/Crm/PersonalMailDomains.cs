namespace MeetingPrep.Core.Crm;

/// <summary>Consumer mail domains: an address there says nothing about a company, so it never matches an account by domain.</summary>
public static class PersonalMailDomains
{
    private static readonly HashSet<string> Domains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com",
        "yahoo.com", "yahoo.co.uk", "yahoo.fr", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com",
        "proton.me", "protonmail.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de", "mail.com",
        "zoho.com", "yandex.ru", "yandex.com", "qq.com", "163.com", "126.com", "naver.com", "orange.fr", "free.fr",
        "laposte.net", "libero.it", "seznam.cz", "wp.pl", "o2.pl", "rediffmail.com", "fastmail.com", "hey.com",
    };

    public static bool Contains(string domain) => Domains.Contains(domain.Trim());
}
