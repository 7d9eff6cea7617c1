using System.Globalization;
using MeetingPrep.Core.Crm;

namespace MeetingPrep.Demo.Data;

/// <summary>
/// The demo CRM: seven customer accounts with contacts, opportunities, notes from prior conversations, cases and
/// 12-month metric series. All dates are relative to the anchor day; metric noise comes from the seeded random.
/// Synthetic data: names, companies and numbers are fictional.
/// </summary>
internal static class DemoCrmBuilder
{
    public const string CrmBase = "https://crm.demo.meetingprep.local/";

    private enum Shape
    {
        Flat,
        Up,
        Down,
    }

    private sealed record AccountDef(
        string Id, string Name, string Domain, string Tier, string Industry, string OwnerKey, string Currency,
        decimal Spend, decimal Users, decimal Health, Shape SpendShape, Shape UsageShape, Shape HealthShape);

    private static readonly AccountDef[] Accounts =
    [
        new("fabrikam", "Fabrikam, Inc.", "fabrikam.com", "A", "Manufacturing", "lena", "EUR", 41000m, 1250m, 78m, Shape.Down, Shape.Down, Shape.Down),
        new("northwind", "Northwind Traders", "northwindtraders.com", "B", "Wholesale distribution", "lena", "EUR", 18500m, 430m, 71m, Shape.Flat, Shape.Up, Shape.Flat),
        new("adventureworks", "Adventure Works Cycles", "adventure-works.com", "A", "Consumer goods", "marcus", "USD", 62000m, 2100m, 69m, Shape.Up, Shape.Up, Shape.Up),
        new("tailspin", "Tailspin Toys", "tailspintoys.com", "C", "Retail", "marcus", "USD", 7400m, 160m, 64m, Shape.Down, Shape.Flat, Shape.Down),
        new("woodgrove", "Woodgrove Bank", "woodgrovebank.com", "A", "Financial services", "marcus", "USD", 118000m, 5400m, 82m, Shape.Up, Shape.Up, Shape.Flat),
        new("litware", "Litware, Inc.", "litwareinc.com", "B", "Software", "weiling", "SGD", 26000m, 640m, 74m, Shape.Flat, Shape.Down, Shape.Down),
        new("wideworld", "Wide World Importers", "wideworldimporters.com", "B", "Logistics", "weiling", "SGD", 21000m, 380m, 77m, Shape.Up, Shape.Up, Shape.Up),
    ];

    /// <summary>Customer contacts: (key, account, name, email, title, role, zone).</summary>
    public static readonly (string Key, string Account, string Name, string Email, string Title, string Role, string Zone)[] Contacts =
    [
        ("priya", "fabrikam", "Priya Raman", "priya.raman@fabrikam.com", "VP Marketing", "Decision maker", "Europe/Berlin"),
        ("dan", "fabrikam", "Dan Okafor", "dan.okafor@fabrikam.com", "Analytics lead", "Technical buyer", "Europe/Berlin"),
        ("juergen", "fabrikam", "Jürgen Hoffmann", "juergen.hoffmann@fabrikam.com", "Leiter IT-Infrastruktur", "Influencer", "Europe/Berlin"),
        ("alexk", "fabrikam", "Alex Kim", "alex.kim@fabrikam.com", "Procurement manager", "Procurement", "Europe/Berlin"),
        ("camille", "northwind", "Camille Durand", "camille.durand@northwindtraders.com", "Directrice des opérations", "Decision maker", "Europe/Paris"),
        ("hugo", "northwind", "Hugo Lefèvre", "hugo.lefevre@northwindtraders.com", "Responsable infrastructure", "Technical buyer", "Europe/Paris"),
        ("nancy", "northwind", "Nancy Davolio", "nancy.davolio@northwindtraders.com", "Purchasing manager", "Procurement", "Europe/London"),
        ("maria", "adventureworks", "Maria Gonzalez", "maria.gonzalez@adventure-works.com", "Chief Information Officer", "Decision maker", "America/Los_Angeles"),
        ("kevin", "adventureworks", "Kevin Brown", "kevin.brown@adventure-works.com", "Director of E-commerce", "Champion", "America/Los_Angeles"),
        ("terri", "adventureworks", "Terri Duffy", "terri.duffy@adventure-works.com", "VP Engineering", "Influencer", "America/Chicago"),
        ("ben", "tailspin", "Ben Carter", "ben.carter@tailspintoys.com", "Chief Executive Officer", "Decision maker", "America/New_York"),
        ("olivia", "tailspin", "Olivia Chen", "olivia.chen@tailspintoys.com", "Head of Operations", "Champion", "America/New_York"),
        // A consultant who mails from a personal address: must never match an account by domain (gmail.com).
        ("sam", "tailspin", "Sam Rivera", "sam.rivera.consulting@gmail.com", "Independent e-commerce consultant", "Influencer", "America/New_York"),
        ("elena", "woodgrove", "Elena Petrova", "elena.petrova@woodgrovebank.com", "Chief Information Security Officer", "Decision maker", "America/New_York"),
        ("james", "woodgrove", "James Whitaker", "james.whitaker@woodgrovebank.com", "Head of Risk & Compliance", "Influencer", "America/New_York"),
        ("aisha", "woodgrove", "Aisha Bello", "aisha.bello@woodgrovebank.com", "IT Program Manager", "Champion", "America/New_York"),
        ("ken", "litware", "Ken Sato (佐藤 健)", "ken.sato@litwareinc.com", "Director, APAC Operations", "Decision maker", "Asia/Tokyo"),
        ("misaki", "litware", "Misaki Tanaka (田中 美咲)", "misaki.tanaka@litwareinc.com", "IT Manager", "Technical buyer", "Asia/Tokyo"),
        ("meilin", "litware", "Mei Lin Goh", "meilin.goh@litwareinc.com", "Procurement lead", "Procurement", "Asia/Singapore"),
        ("rahul", "wideworld", "Rahul Mehta", "rahul.mehta@wideworldimporters.com", "VP Supply Chain", "Decision maker", "Asia/Singapore"),
        ("siti", "wideworld", "Siti Rahman", "siti.rahman@wideworldimporters.com", "Operations analyst", "End user", "Asia/Singapore"),
    ];

    public static IEnumerable<(string Id, string Name, string Domain)> AccountDomains => Accounts.Select(a => (a.Id, a.Name, a.Domain));

    public static CrmContext Build(DateOnly anchor, Random random, DemoDirectory people)
    {
        var at = (int days, int hour) => new DateTimeOffset(anchor.AddDays(days).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);
        var url = (string kind, string id) => new Uri(CrmBase + kind + "/" + id);

        var accounts = Accounts.Select(a => new CrmAccount(
            a.Id, a.Name, a.Domain, a.Tier, a.Industry, people[a.OwnerKey].Name, people[a.OwnerKey].Email,
            url("accounts", a.Id), at(-9 - (a.Id.Length % 5), 10))).ToList();

        var contacts = Contacts.Select((c, i) => new CrmContact(
            "con-" + c.Key, c.Account, c.Name, c.Email, c.Title, c.Role, url("contacts", "con-" + c.Key), at(-20 - (i * 3), 9))).ToList();

        var opportunities = Opportunities(anchor, at, url);
        var notes = Notes(at, url);
        var cases = Cases(at, url);
        var metrics = Accounts.SelectMany(a => Metrics(a, anchor, random, url, at(-1, 6))).ToList();
        return new CrmContext(accounts, contacts, opportunities, notes, cases, metrics);
    }

    private static List<Opportunity> Opportunities(DateOnly anchor, Func<int, int, DateTimeOffset> at, Func<string, string, Uri> url)
    {
        Opportunity O(string id, string account, string name, string stage, decimal amount, string currency, int closeIn, int lastActivity, bool closed = false) =>
            new(id, account, name, stage, amount, currency, anchor.AddDays(closeIn), closed, at(lastActivity, 15), url("opportunities", id), at(lastActivity, 16));

        return
        [
            O("opp-fab-renewal", "fabrikam", "Fabrikam renewal FY27", "Propose", 240_000m, "EUR", 65, -26),
            O("opp-fab-emea", "fabrikam", "Fabrikam EMEA analytics add-on", "Qualify", 60_000m, "EUR", 120, -12),
            O("opp-fab-pilot", "fabrikam", "Fabrikam pilot expansion", "Closed Won", 45_000m, "EUR", -210, -210, closed: true),
            O("opp-nw-migration", "northwind", "Northwind cloud migration phase 2", "Develop", 180_000m, "EUR", 90, -5),
            O("opp-nw-bi", "northwind", "Northwind BI dashboards", "Closed Lost", 30_000m, "EUR", -75, -75, closed: true),
            O("opp-aw-rollout", "adventureworks", "Adventure Works global rollout", "Negotiate", 520_000m, "USD", 30, -2),
            O("opp-aw-forecast", "adventureworks", "Adventure Works AI demand-forecasting pilot", "Qualify", 75_000m, "USD", 100, -9),
            O("opp-ts-renewal", "tailspin", "Tailspin renewal 2027", "Propose", 48_000m, "USD", 40, -41),
            O("opp-wg-ea", "woodgrove", "Woodgrove Bank enterprise agreement", "Negotiate", 1_250_000m, "USD", 50, -3),
            O("opp-wg-compliance", "woodgrove", "Woodgrove compliance reporting module", "Develop", 210_000m, "USD", 110, -6),
            O("opp-lw-apac", "litware", "Litware APAC expansion", "Develop", 320_000m, "SGD", 75, -12),
            O("opp-lw-japan", "litware", "Litware Japan localisation", "Qualify", 18_000_000m, "JPY", 140, -19),
            O("opp-ww-warehouse", "wideworld", "Wide World Importers warehouse analytics", "Propose", 140_000m, "SGD", 35, -7),
            O("opp-ww-2025", "wideworld", "Wide World Importers starter licences", "Closed Won", 52_000m, "SGD", -160, -160, closed: true),
        ];
    }

    private static List<CrmNote> Notes(Func<int, int, DateTimeOffset> at, Func<string, string, Uri> url)
    {
        CrmNote N(string id, string account, int daysAgo, string title, string text, string author) =>
            new(id, account, title, text, author, at(-daysAgo, 17), url("notes", id), at(-daysAgo, 17));

        return
        [
            N("note-fab-1", "fabrikam", 55, "QBR notes: reporting and renewal",
                "Priya wants a custom attribution report by end of next month; Lena promised a first draft. Dan asked whether the EMEA brand dashboards can refresh hourly. Open: who owns the data-export fix on their side.", "Lena Vogt"),
            N("note-fab-2", "fabrikam", 20, "Call with Dan: refresh failures",
                "Dan reports the EMEA dashboard refresh failing most mornings since the schema change. We promised a root-cause write-up within a week. Asked: can the currency column come back in exports?", "Lena Vogt"),
            N("note-fab-3", "fabrikam", 6, "Procurement (Alex Kim)",
                "Alex says procurement needs the security questionnaire closed before they sign the renewal. Open question: is a 3-year term with 12% discount still on the table?", "Marcus Reed"),
            N("note-nw-1", "northwind", 48, "Migration workshop phase 1 wrap-up",
                "Camille happy with phase 1 cut-over. Hugo asked for the network diagram of the target landing zone; we promised it for the phase 2 workshop. Open: licence true-up for the Lyon warehouse.", "Lena Vogt"),
            N("note-nw-2", "northwind", 11, "Pricing follow-up",
                "Nancy asked for a revised quote with EUR pricing held for 12 months. Pricing workshop to be rescheduled after their budget freeze lifts.", "Lena Vogt"),
            N("note-aw-1", "adventureworks", 40, "Exec alignment with Maria",
                "Maria confirmed the global rollout is her top priority for H1. She asked for three reference customers in retail. Promised: reference list and a rollout plan by region.", "Marcus Reed"),
            N("note-aw-2", "adventureworks", 9, "MSA redlines",
                "Legal redlines on section 7 (liability cap) outstanding. Kevin pushing to sign before their fiscal year end. Open: data-residency addendum for the EU stores.", "Marcus Reed"),
            N("note-ts-1", "tailspin", 62, "Renewal kick-off",
                "Ben is price-sensitive after a weak holiday season. Olivia relies on the inventory sync daily. Sam Rivera (consultant) advises them on the platform choice. Promised: usage review and a right-sizing proposal.", "Marcus Reed"),
            N("note-ts-2", "tailspin", 30, "Support escalation call",
                "Olivia escalated the inventory sync delays (case 5120). We committed to a fix ETA; none given yet. Question asked: credit for the outage days?", "Marcus Reed"),
            N("note-wg-1", "woodgrove", 35, "Security review",
                "Elena requires SSO with conditional access and quarterly access reviews before go-live. James asked for the SOC 2 Type II bridge letter. Promised: bridge letter by month end.", "Marcus Reed"),
            N("note-wg-2", "woodgrove", 4, "SSO cutover planning",
                "Aisha runs the cutover. Open items: break-glass accounts, the legacy LDAP sync, and the rollback window. Elena asked for a sign-off checklist.", "Wei Ling Tan"),
            N("note-lw-1", "litware", 44, "APAC expansion workshop",
                "Ken wants Japanese-language onboarding material before rollout to the Osaka office. Misaki asked about SAML metadata refresh. Promised: localisation plan and a JP-speaking trainer.", "Wei Ling Tan"),
            N("note-lw-2", "litware", 15, "Invoice dispute",
                "Mei Lin flagged a double-billed invoice (INV-20931). Finance to issue a credit note. Still open.", "Wei Ling Tan"),
            N("note-ww-1", "wideworld", 25, "Warehouse analytics discovery",
                "Rahul wants dwell-time analytics across 12 warehouses. Siti shared sample scanner data. Promised: proposal with a 6-week pilot plan. Asked: can it run on their existing Azure subscription?", "Wei Ling Tan"),
        ];
    }

    private static List<CrmCase> Cases(Func<int, int, DateTimeOffset> at, Func<string, string, Uri> url)
    {
        CrmCase C(string number, string account, string title, string status, CasePriority priority, bool open, int openedDaysAgo, int? escalatedDaysAgo, string? openedBy, int modifiedDaysAgo) =>
            new("case-" + number, account, number, title, status, priority, open, escalatedDaysAgo is not null, at(-openedDaysAgo, 8),
                escalatedDaysAgo is { } e ? at(-e, 11) : null, openedBy, url("cases", "case-" + number), at(-modifiedDaysAgo, 12));

        return
        [
            C("4471", "fabrikam", "Dashboard refresh failing (EMEA brand)", "Waiting on engineering", CasePriority.High, true, 12, 5, "dan.okafor@fabrikam.com", 1),
            C("4490", "fabrikam", "Data export missing currency column", "In progress", CasePriority.Normal, true, 2, null, "dan.okafor@fabrikam.com", 2),
            C("4302", "fabrikam", "SSO login loop for new users", "Resolved", CasePriority.Normal, false, 70, null, "juergen.hoffmann@fabrikam.com", 61),
            C("4510", "northwind", "Latence du VPN vers la zone de migration", "In progress", CasePriority.Normal, true, 9, null, "hugo.lefevre@northwindtraders.com", 3),
            C("4399", "northwind", "Invoice shows wrong VAT rate", "Resolved", CasePriority.Low, false, 50, null, "nancy.davolio@northwindtraders.com", 44),
            C("4620", "adventureworks", "API rate limits hit during catalogue import", "Investigating", CasePriority.High, true, 4, null, "terri.duffy@adventure-works.com", 1),
            C("4587", "adventureworks", "Storefront search latency in EU region", "Resolved", CasePriority.Normal, false, 33, null, "kevin.brown@adventure-works.com", 20),
            C("5120", "tailspin", "Inventory sync delayed by up to 6 hours", "Escalated", CasePriority.Critical, true, 31, 29, "olivia.chen@tailspintoys.com", 2),
            C("5133", "tailspin", "Request for outage credit", "Open", CasePriority.Normal, true, 14, null, "ben.carter@tailspintoys.com", 14),
            C("4655", "woodgrove", "Conditional access policy blocks service accounts", "In progress", CasePriority.High, true, 6, 2, "aisha.bello@woodgrovebank.com", 1),
            C("4480", "woodgrove", "Audit log export format (CSV)", "Resolved", CasePriority.Low, false, 58, null, "james.whitaker@woodgrovebank.com", 41),
            C("4701", "litware", "SAML metadata refresh fails for Tokyo tenant", "Open", CasePriority.Normal, true, 8, null, "misaki.tanaka@litwareinc.com", 8),
            C("4702", "litware", "Double-billed invoice INV-20931", "Waiting on finance", CasePriority.Normal, true, 15, 3, "meilin.goh@litwareinc.com", 3),
            C("4590", "wideworld", "Scanner data import rejects UTF-8 BOM", "Resolved", CasePriority.Low, false, 27, null, "siti.rahman@wideworldimporters.com", 19),
            C("4712", "wideworld", "Pilot workspace provisioning", "Open", CasePriority.Low, true, 3, null, "rahul.mehta@wideworldimporters.com", 3),
        ];
    }

    private static IEnumerable<MetricSeries> Metrics(AccountDef a, DateOnly anchor, Random random, Func<string, string, Uri> url, DateTimeOffset modified)
    {
        var lastMonth = new DateOnly(anchor.Year, anchor.Month, 1).AddMonths(-1);
        yield return Series(a.Id, "spend", "Monthly spend", a.Currency, a.Spend, a.SpendShape, 100m);
        yield return Series(a.Id, "users", "Active users", "users", a.Users, a.UsageShape, 1m);
        yield return Series(a.Id, "health", "Health score", "points", a.Health, a.HealthShape, 1m);

        MetricSeries Series(string account, string kind, string name, string unit, decimal start, Shape shape, decimal roundTo)
        {
            var points = new List<MetricPoint>(12);
            var value = start;
            for (var i = 0; i < 12; i++)
            {
                // Down: steady for nine months, then about -6% a month; Up: about +3% a month; Flat: noise only.
                var step = shape switch
                {
                    Shape.Up => 0.03m,
                    Shape.Down when i >= 9 => -0.065m,
                    _ => 0m,
                };
                // ±0.6% a month: three months of noise stay inside MetricTrend's 3% "flat" band, so shapes read as intended.
                var noise = (decimal)((random.NextDouble() - 0.5) * 0.012);
                value = i == 0 ? start : value * (1 + step + noise);
                var rounded = Math.Round(value / roundTo, MidpointRounding.AwayFromZero) * roundTo;
                if (unit == "points")
                {
                    rounded = Math.Clamp(rounded, 0m, 100m);
                }

                points.Add(new MetricPoint(lastMonth.AddMonths(i - 11), rounded));
            }

            var id = string.Create(CultureInfo.InvariantCulture, $"met-{account}-{kind}");
            return new MetricSeries(id, account, name, unit, HigherIsBetter: true, points, url("metrics", id), modified);
        }
    }
}
