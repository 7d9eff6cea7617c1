using System.Globalization;
using System.Net;
using MeetingPrep.Core.Meetings;

namespace MeetingPrep.Demo.Data;

/// <summary>
/// Builds every demo user's calendar: upcoming meetings over the next 14 days, past meetings over the previous 90 days
/// with the same accounts, and recurring series (with a moved and a cancelled occurrence, and one that crosses a
/// daylight-saving change). Each meeting is materialised once per demo user who attends, with that user's own event id
/// and the shared iCalUId, the way Exchange stores an organizer's and attendees' copies. Synthetic test data.
/// </summary>
internal sealed class CalendarBuilder
{
    private readonly DemoIds _ids;
    private readonly DemoDirectory _people;
    private readonly IReadOnlyDictionary<string, string> _demoUserIdsByEmail;
    private readonly string _tenantId;
    private readonly DateOnly _anchor;
    private readonly Random _random;
    private readonly Dictionary<string, List<DemoEvent>> _events = new(StringComparer.Ordinal);
    private readonly List<DemoMeeting> _catalog = [];

    public CalendarBuilder(DemoIds ids, DemoDirectory people, IReadOnlyDictionary<string, string> demoUserIdsByEmail, string tenantId, DateOnly anchor, Random random)
    {
        _ids = ids;
        _people = people;
        _demoUserIdsByEmail = demoUserIdsByEmail;
        _tenantId = tenantId;
        _anchor = anchor;
        _random = random;
        foreach (var userId in demoUserIdsByEmail.Values)
        {
            _events[userId] = [];
        }
    }

    public DemoDstSeries? DstSeries { get; private set; }

    /// <summary>One meeting (or occurrence) before it is copied into calendars.</summary>
    private sealed record Spec
    {
        public required string Key { get; init; }

        public required string Subject { get; init; }

        public required string Body { get; init; }

        public required DemoPerson Organizer { get; init; }

        public required IReadOnlyList<(Person Person, string Type)> Attendees { get; init; }

        public required string Zone { get; init; }

        public required DateOnly Date { get; init; }

        public int Hour { get; init; } = 10;

        public int Minute { get; init; }

        public int Minutes { get; init; } = 60;

        public bool Online { get; init; } = true;

        public DemoPerson? Room { get; init; }

        public string? Location { get; init; }

        public IReadOnlyList<string> Categories { get; init; } = [];

        public string Sensitivity { get; init; } = "normal";

        public string ShowAs { get; init; } = "busy";

        public bool AllDay { get; init; }

        public bool Cancelled { get; init; }

        public string? AccountId { get; init; }

        public DemoMeetingKind Extra { get; init; }

        // Series fields: set for occurrences and exceptions.
        public string? SeriesKey { get; init; }

        public string Type { get; init; } = "singleInstance";

        public DateOnly? OccurrenceDate { get; init; }
    }

    private sealed record SeriesSpec(Spec Template, IReadOnlyList<DayOfWeek> Days, DateOnly First, DateOnly Last, Func<DateOnly, int, Spec, Spec?> Adjust);

    public IReadOnlyDictionary<string, List<DemoEvent>> Events => _events;

    public IReadOnlyList<DemoMeeting> Catalog => _catalog;

    public void Build()
    {
        BuildSeries();
        BuildUpcoming();
        BuildPast();
        BuildRoutine();
        foreach (var list in _events.Values)
        {
            list.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.Id, b.Id));
        }

        _catalog.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : string.CompareOrdinal(a.ICalUId, b.ICalUId));
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /// <summary>The k-th weekday after the anchor day (k ≥ 1); 10 of them always fit in the next 14 days.</summary>
    private DateOnly Bd(int k)
    {
        var d = _anchor;
        while (k > 0)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                k--;
            }
        }

        return d;
    }

    /// <summary>The k-th weekday before the anchor day.</summary>
    private DateOnly PastBd(int k)
    {
        var d = _anchor;
        while (k > 0)
        {
            d = d.AddDays(-1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                k--;
            }
        }

        return d;
    }

    private List<(Person, string)> Req(params string[] keys) => keys.Select(k => (_people[k].Person, "required")).ToList();

    private List<(Person, string)> With(List<(Person, string)> list, string type, params string[] keys)
    {
        list.AddRange(keys.Select(k => (_people[k].Person, type)));
        return list;
    }

    private DemoPerson P(string key) => _people[key];

    private static string Agenda(params string[] lines) => string.Join("\n", lines);

    // ---- recurring series ---------------------------------------------------------------------------------------

    private void BuildSeries()
    {
        // Fabrikam's standing sync, organised by the customer (so demo users hold attendee copies, which keep
        // cancelled occurrences). The first occurrence in the next days is moved (exception), the second cancelled.
        var fabFirst = _anchor.AddDays(-70);
        var upcomingTueThu = Enumerable.Range(1, 14).Select(i => _anchor.AddDays(i))
            .Where(d => d.DayOfWeek is DayOfWeek.Tuesday or DayOfWeek.Thursday).ToList();
        var moved = upcomingTueThu[0];
        var cancelled = upcomingTueThu[1];
        var pastMoved = Enumerable.Range(15, 7).Select(i => _anchor.AddDays(-i)).First(d => d.DayOfWeek == DayOfWeek.Thursday);
        AddSeries(new SeriesSpec(
            new Spec
            {
                Key = "fab-jourfixe",
                Subject = "Fabrikam Rollout – Jour fixe",
                Body = Agenda(
                    "Wöchentlicher Abgleich zum Fabrikam-Rollout / weekly rollout sync.",
                    "1) Offene Risiken (tracker) 2) SSO-Umstellung 3) Datenmigration Probelauf 4) Termine & Verantwortliche"),
                Organizer = P("juergen"),
                Attendees = With(Req("lena", "dan", "juergen"), "optional", "weiling"),
                Zone = "Europe/Berlin",
                Date = fabFirst,
                Hour = 10,
                Minutes = 30,
                Categories = ["Customer"],
                AccountId = "fabrikam",
            },
            [DayOfWeek.Tuesday, DayOfWeek.Thursday],
            fabFirst,
            _anchor.AddDays(56),
            (date, _, spec) =>
            {
                if (date == moved || date == pastMoved)
                {
                    // Moved to the next day in the afternoon: an exception with its own start.
                    return spec with
                    {
                        Type = "exception",
                        Date = date.AddDays(1),
                        Hour = 14,
                        Body = "Verschoben auf Mittwoch/Freitag 14:00 wegen des SSO-Cutovers. Moved because of the SSO cutover.\n" + spec.Body,
                    };
                }

                return date == cancelled
                    ? spec with { Type = "exception", Cancelled = true, Subject = "Canceled: " + spec.Subject, Body = "Entfällt diese Woche – Jürgen ist im Urlaub. Cancelled this week." }
                    : spec;
            }));

        // Internal daily stand-up (internal-only recurring).
        AddSeries(new SeriesSpec(
            new Spec
            {
                Key = "csm-standup",
                Subject = "CSM EMEA stand-up",
                Body = "15 minutes: escalations, renewals this month, blockers. Please update the tracker before the call.",
                Organizer = P("jonas"),
                Attendees = Req("lena", "jonas", "sofia"),
                Zone = "Europe/Berlin",
                Date = _anchor.AddDays(-30),
                Hour = 9,
                Minute = 15,
                Minutes = 15,
                Categories = ["Internal"],
            },
            [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
            _anchor.AddDays(-30),
            _anchor.AddDays(30),
            (_, _, spec) => spec));

        AddSeries(new SeriesSpec(
            new Spec
            {
                Key = "amer-forecast",
                Subject = "Americas forecast call",
                Body = "Commit / best case / pipeline by account. Bring changes since last week.",
                Organizer = P("sofia"),
                Attendees = With(Req("marcus", "sofia"), "optional", "lena"),
                Zone = "America/New_York",
                Date = _anchor.AddDays(-60),
                Hour = 8,
                Minute = 30,
                Minutes = 45,
                Room = P("room-hudson"),
                Categories = ["Internal"],
            },
            [DayOfWeek.Monday],
            _anchor.AddDays(-60),
            _anchor.AddDays(60),
            (_, _, spec) => spec));

        AddSeries(new SeriesSpec(
            new Spec
            {
                Key = "apac-sync",
                Subject = "APAC account team sync",
                Body = "Litware and Wide World Importers: pipeline, open cases, travel plans.",
                Organizer = P("weiling"),
                Attendees = Req("weiling", "arjun", "marcus"),
                Zone = "Asia/Singapore",
                Date = _anchor.AddDays(-60),
                Hour = 17,
                Minutes = 30,
                Room = P("room-merlion"),
                Categories = ["Internal"],
            },
            [DayOfWeek.Thursday],
            _anchor.AddDays(-60),
            _anchor.AddDays(60),
            (_, _, spec) => spec));

        BuildDstSeries();
    }

    /// <summary>
    /// A weekly 09:00 America/New_York meeting that crosses a daylight-saving change. The series runs from two weeks
    /// before the zone's previous offset change (or the demo day, whichever is earlier) to two weeks after the next one
    /// (or after the 14-day window, whichever is later), so it always crosses both changes. When the next change falls
    /// inside the coming 14 days, the series' weekday is chosen so that one occurrence in the window lies before the
    /// change and one after it (e.g. Monday for a Sunday change); otherwise it meets on Wednesdays. Lena (Europe/Berlin)
    /// attends, so her local time for it also shifts whenever the US and EU changes are not on the same day.
    /// </summary>
    private void BuildDstSeries()
    {
        const string zoneId = "America/New_York";
        var zone = Zones.Find(zoneId);
        var noon = new DateTimeOffset(_anchor.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var previous = Zones.Transitions(zone, noon.AddDays(-400), noon).LastOrDefault(noon);
        var next = Zones.Transitions(zone, noon, noon.AddDays(400)).FirstOrDefault(noon.AddDays(14));

        // The window every "now" on the anchor day sees in full: [next midnight, anchor + 14 days).
        var windowStart = new DateTimeOffset(_anchor.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var windowEnd = new DateTimeOffset(_anchor.AddDays(14).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var day = DayOfWeek.Wednesday;
        if (next > windowStart && next < windowEnd)
        {
            var transitionDate = DateOnly.FromDateTime(next.UtcDateTime);
            for (var d = transitionDate; d < DateOnly.FromDateTime(windowEnd.UtcDateTime); d = d.AddDays(1))
            {
                var after = Zones.At(zone, d, 9, 0);
                var before = Zones.At(zone, d.AddDays(-7), 9, 0);
                if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && after > next && after < windowEnd && before >= windowStart)
                {
                    day = d.DayOfWeek;
                    break;
                }
            }
        }

        var first = DateOnly.FromDateTime(Min(previous, noon).UtcDateTime).AddDays(-14);
        var last = DateOnly.FromDateTime(Max(next, noon.AddDays(14)).UtcDateTime).AddDays(14);
        while (first.DayOfWeek != day)
        {
            first = first.AddDays(1);
        }

        var spec = new Spec
        {
            Key = "wg-risk-weekly",
            Subject = "Woodgrove Bank – weekly risk & compliance check-in",
            Body = Agenda(
                "Standing check-in with Woodgrove's risk and security team.",
                "1) Open findings and remediation owners 2) Access reviews status 3) SSO cutover readiness 4) Regulator requests"),
            Organizer = P("marcus"),
            Attendees = With(Req("marcus", "lena", "elena", "james"), "optional", "aisha"),
            Zone = zoneId,
            Date = first,
            Hour = 9,
            Minutes = 45,
            Categories = ["Customer", "Compliance"],
            AccountId = "woodgrove",
            Extra = DemoMeetingKind.DaylightSavingSeries,
        };
        AddSeries(new SeriesSpec(spec, [day], first, last, (_, _, s) => s));
        var crossed = Zones.Transitions(zone, Zones.At(zone, first, 0, 0), Zones.At(zone, last, 23, 0));
        var offsetsInWindow = Enumerable.Range(0, 15).Select(i => _anchor.AddDays(i)).Where(d => d.DayOfWeek == day)
            .Select(d => Zones.At(zone, d, 9, 0)).Where(t => t >= windowStart && t < windowEnd).Select(zone.GetUtcOffset).Distinct().Count();
        DstSeries = new DemoDstSeries(spec.Key, zoneId, day, first, last, crossed, offsetsInWindow > 1);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private void AddSeries(SeriesSpec series)
    {
        var template = series.Template;
        var masterKey = template.Key + "#master";
        var index = 0;
        for (var date = series.First; date <= series.Last; date = date.AddDays(1))
        {
            if (!series.Days.Contains(date.DayOfWeek))
            {
                continue;
            }

            var occurrence = template with
            {
                Key = template.Key + "#" + date.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                Date = date,
                SeriesKey = template.Key,
                Type = "occurrence",
                OccurrenceDate = date,
            };
            var adjusted = series.Adjust(date, index++, occurrence);
            if (adjusted is not null)
            {
                Add(adjusted, masterKey);
            }
        }

        // The series master: returned by GET /events/{id}, never by calendarView.
        var recurrence = new DemoRecurrence(series.Days.Count == 1 ? "weekly" : "weekly", series.Days, series.First, series.Last, template.Zone);
        var masterSpec = template with { Key = masterKey, Date = series.First, Type = "seriesMaster", SeriesKey = template.Key };
        foreach (var (userId, evt) in Materialize(masterSpec, null))
        {
            _events[userId].Add(evt with { Recurrence = recurrence });
        }
    }

    // ---- single meetings ----------------------------------------------------------------------------------------

    private void BuildUpcoming()
    {
        Add(new Spec
        {
            Key = "fab-qbr",
            Subject = "Fabrikam quarterly business review",
            Body = Agenda(
                "Agenda: 1) Reporting delays and the EMEA dashboard refresh (case 4471) 2) Spend and usage trend",
                "3) Renewal FY27 – scope and timeline 4) Attribution report: status of the draft"),
            Organizer = P("lena"),
            Attendees = With(Req("lena", "priya", "dan"), "optional", "marcus"),
            Zone = "Europe/Berlin",
            Date = Bd(2),
            Hour = 15,
            Minutes = 45,
            Categories = ["Customer", "QBR"],
            AccountId = "fabrikam",
        });
        Add(new Spec
        {
            Key = "fab-lunch",
            Subject = "Lunch with Priya (Fabrikam)",
            Body = "Informal lunch near their Munich office. No agenda.",
            Organizer = P("lena"),
            Attendees = Req("lena", "priya"),
            Zone = "Europe/Berlin",
            Date = Bd(4),
            Hour = 12,
            Minute = 30,
            Online = false,
            Location = "Brasserie Colette, Klenzestraße 72, München",
            Categories = ["No briefing", "Customer"],
            AccountId = "fabrikam",
            Extra = DemoMeetingKind.NoBriefing,
        });
        Add(new Spec
        {
            Key = "nw-atelier",
            Subject = "Northwind – atelier migration phase 2",
            Body = Agenda(
                "Ordre du jour : 1) Bilan de la phase 1 2) Schéma réseau de la zone cible (promis par Contoso)",
                "3) Entrepôt de Lyon : licences 4) Planning phase 2"),
            Organizer = P("camille"),
            Attendees = Req("camille", "hugo", "lena"),
            Zone = "Europe/Paris",
            Date = Bd(3),
            Hour = 11,
            Minutes = 90,
            Online = false,
            Location = "Northwind Paris – Salle Seine",
            Categories = ["Customer"],
            AccountId = "northwind",
        });
        Add(new Spec
        {
            Key = "nw-pricing",
            Subject = "Canceled: Northwind pricing workshop",
            Body = "Nous devons reporter cet atelier après la levée du gel budgétaire. We will reschedule after the budget freeze.",
            Organizer = P("nancy"),
            Attendees = Req("nancy", "lena", "camille"),
            Zone = "Europe/London",
            Date = Bd(4),
            Hour = 14,
            Cancelled = true,
            Categories = ["Customer"],
            AccountId = "northwind",
        });
        Add(new Spec
        {
            // Test data: a private appointment with realistic personal text. The connector must redact it.
            Key = "lena-private",
            Subject = "Arzttermin – Kardiologie Kontrolle",
            Body = "Dr. med. Sabine Krüger, Praxis am Hackeschen Markt, 2. OG. Belastungs-EKG; Befunde vom Oktober und Medikamentenliste mitbringen. Nüchtern erscheinen.",
            Organizer = P("lena"),
            Attendees = [],
            Zone = "Europe/Berlin",
            Date = Bd(2),
            Hour = 8,
            Online = false,
            Location = "Praxis Dr. Krüger, Rosenthaler Str. 40, Berlin",
            Categories = ["Personal"],
            Sensitivity = "private",
            ShowAs = "oof",
        });
        Add(new Spec
        {
            // Test data: confidential M&A discussion with external attendees. The connector must redact it.
            Key = "wg-confidential",
            Subject = "Project BLUEBIRD – due diligence (confidential)",
            Body = "Woodgrove is evaluating the acquisition of Tailspin Toys' payments unit. Do not forward. Agenda: data-room access, valuation model assumptions, integration of Tailspin's card processing, customer notification plan.",
            Organizer = P("marcus"),
            Attendees = Req("marcus", "lena", "elena", "james"),
            Zone = "America/New_York",
            Date = Bd(5),
            Hour = 10,
            Categories = ["Customer"],
            Sensitivity = "confidential",
            AccountId = "woodgrove",
        });
        Add(new Spec
        {
            Key = "emea-pipeline",
            Subject = "EMEA pipeline review",
            Body = "Deal-by-deal review of EMEA opportunities closing this quarter. Fabrikam renewal and Northwind phase 2 first.",
            Organizer = P("sofia"),
            Attendees = Req("sofia", "lena", "marcus", "jonas"),
            Zone = "Europe/Berlin",
            Date = Bd(1),
            Hour = 16,
            Room = P("room-spree"),
            Categories = ["Internal"],
        });
        Add(new Spec
        {
            Key = "lena-sofia-1on1",
            Subject = "Lena / Sofia 1:1",
            Body = "Career conversation, account coverage for Q1.",
            Organizer = P("sofia"),
            Attendees = Req("sofia", "lena"),
            Zone = "Europe/Berlin",
            Date = Bd(5),
            Hour = 17,
            Minutes = 30,
            Categories = ["Internal"],
        });
        Add(new Spec
        {
            Key = "sko-emea",
            Subject = "Contoso EMEA Sales Kickoff",
            Body = "All-day kickoff at the Berlin office: strategy, product roadmap, customer panels. Dinner at 19:00.",
            Organizer = P("sofia"),
            Attendees = Req("sofia", "lena", "marcus", "weiling", "jonas", "arjun"),
            Zone = "Europe/Berlin",
            Date = Bd(6),
            AllDay = true,
            Online = false,
            Location = "Contoso Berlin, Friedrichstraße 68",
            ShowAs = "workingElsewhere",
            Categories = ["Internal"],
        });
        Add(new Spec
        {
            Key = "aw-negotiation",
            Subject = "Adventure Works global rollout – commercial terms",
            Body = Agenda(
                "1) MSA section 7 (liability cap) – redlines 2) Data-residency addendum for EU stores",
                "3) Regional rollout plan 4) Reference customers (promised list)"),
            Organizer = P("marcus"),
            Attendees = With(Req("marcus", "maria", "kevin"), "optional", "sofia"),
            Zone = "America/New_York",
            Date = Bd(1),
            Hour = 11,
            Room = P("room-hudson"),
            Categories = ["Customer", "Negotiation"],
            AccountId = "adventureworks",
        });
        Add(new Spec
        {
            Key = "aw-tech",
            Subject = "Adventure Works: catalogue import and API limits",
            Body = "Review case 4620 (rate limits during catalogue import) and the batch import design.",
            Organizer = P("terri"),
            Attendees = Req("terri", "marcus", "weiling", "jonas"),
            Zone = "America/Chicago",
            Date = Bd(6),
            Hour = 10,
            Categories = ["Customer"],
            AccountId = "adventureworks",
        });
        Add(new Spec
        {
            Key = "ts-renewal",
            Subject = "Tailspin renewal check-in",
            Body = "Ben and Olivia want to go over the renewal quote and the outage credit request. Sam Rivera (our adviser) joins.",
            Organizer = P("ben"),
            Attendees = Req("ben", "olivia", "sam", "marcus"),
            Zone = "America/New_York",
            Date = Bd(3),
            Hour = 13,
            Categories = ["Customer", "Renewal"],
            AccountId = "tailspin",
        });
        Add(new Spec
        {
            Key = "ts-case-review",
            Subject = "Tailspin – inventory sync escalation review",
            Body = "Root cause and fix ETA for case 5120; monitoring plan; credit request (case 5133).",
            Organizer = P("marcus"),
            Attendees = Req("marcus", "olivia", "jonas"),
            Zone = "America/New_York",
            Date = Bd(7),
            Hour = 10,
            Categories = ["Customer", "Escalation"],
            AccountId = "tailspin",
        });
        Add(new Spec
        {
            Key = "wg-golive",
            Subject = "Woodgrove SSO cutover – go/no-go",
            Body = "Go/no-go for the SSO cutover weekend. Checklist: break-glass accounts, LDAP sync retirement, rollback window, comms.",
            Organizer = P("aisha"),
            Attendees = Req("aisha", "elena", "marcus", "weiling", "jonas"),
            Zone = "America/New_York",
            Date = Bd(4),
            Hour = 15,
            Categories = ["Customer"],
            AccountId = "woodgrove",
        });
        Add(new Spec
        {
            Key = "lw-workshop",
            Subject = "Litware APAC expansion workshop",
            Body = Agenda(
                "1) Osaka office rollout timeline 2) Japanese onboarding material (promised localisation plan)",
                "3) SAML metadata refresh issue (case 4701) 4) Commercials for APAC expansion"),
            Organizer = P("weiling"),
            Attendees = Req("weiling", "ken", "misaki", "meilin"),
            Zone = "Asia/Singapore",
            Date = Bd(2),
            Hour = 10,
            Minutes = 90,
            Room = P("room-merlion"),
            Categories = ["Customer"],
            AccountId = "litware",
        });
        Add(new Spec
        {
            Key = "lw-teireikai",
            Subject = "Litware 定例会議 / monthly review",
            Body = "議題: 1) 請求書 INV-20931 の件 2) 大阪オフィス展開スケジュール 3) 日本語トレーニング資料",
            Organizer = P("misaki"),
            Attendees = Req("misaki", "ken", "weiling"),
            Zone = "Asia/Tokyo",
            Date = Bd(5),
            Hour = 15,
            Categories = ["Customer"],
            AccountId = "litware",
        });
        Add(new Spec
        {
            Key = "ww-proposal",
            Subject = "Wide World Importers – warehouse analytics proposal review",
            Body = "Walk through the proposal and the 6-week pilot plan; confirm data access to scanner feeds.",
            Organizer = P("weiling"),
            Attendees = With(Req("weiling", "rahul", "siti"), "optional", "marcus"),
            Zone = "Asia/Singapore",
            Date = Bd(3),
            Hour = 15,
            Categories = ["Customer", "Proposal"],
            AccountId = "wideworld",
        });
        Add(new Spec
        {
            Key = "apac-dealdesk",
            Subject = "Deal desk: Litware JPY pricing",
            Body = "Approve JPY price list for the Japan localisation deal.",
            Organizer = P("weiling"),
            Attendees = Req("weiling", "sofia", "arjun"),
            Zone = "Asia/Singapore",
            Date = Bd(8),
            Hour = 16,
            Categories = ["Internal"],
        });
        Add(new Spec
        {
            Key = "weiling-focus",
            Subject = "Focus time: proposals",
            Body = "Blocked for writing the Wide World Importers proposal.",
            Organizer = P("weiling"),
            Attendees = [],
            Zone = "Asia/Singapore",
            Date = Bd(1),
            Hour = 13,
            Minutes = 120,
            Online = false,
            ShowAs = "busy",
        });
        AddLargeWebinar();
    }

    /// <summary>A customer advisory webinar with exactly 150 attendees (customers, prospects and colleagues).</summary>
    private void AddLargeWebinar()
    {
        string[] first = ["Anna", "Ravi", "Chloé", "Tomás", "Yuki", "Grace", "Lukas", "Fatima", "Noah", "Ingrid", "Mateo", "Hana", "Oliver", "Amara", "Kenji", "Sara", "Pieter", "Leila", "Jonah", "Mina"];
        string[] last = ["Schmidt", "Patel", "Martin", "García", "Suzuki", "Okoro", "Novak", "Haddad", "Jensen", "Larsen", "Rossi", "Kowalski", "Nguyen", "Mensah", "Ito", "Fischer", "de Vries", "Kaya", "Lindqvist", "Moreau"];
        string[] domains = ["proseware.com", "alpineskihouse.com", "coho-winery.com", "margiestravel.com", "fourthcoffee.com", "lucernepublishing.com", "treyresearch.net", "cpandl.com", "humongousinsurance.com", "fabrikam.com", "adventure-works.com", "woodgrovebank.com", "northwindtraders.com", "wideworldimporters.com"];
        var attendees = new List<(Person, string)>();
        foreach (var person in _people.All.Where(p => p.Key != "marcus" && !p.Key.StartsWith("room-", StringComparison.Ordinal)))
        {
            attendees.Add((person.Person, person.AccountId is null ? "required" : "optional"));
        }

        var used = new HashSet<string>(attendees.Select(a => a.Item1.Email), StringComparer.OrdinalIgnoreCase);
        var i = 0;
        while (attendees.Count < 150)
        {
            var f = first[i % first.Length];
            var l = last[(i * 7 / first.Length + i) % last.Length];
            var domain = domains[(i * 3) % domains.Length];
            var email = (RemoveDiacritics(f) + "." + RemoveDiacritics(l).Replace(" ", string.Empty, StringComparison.Ordinal) + "@" + domain).ToLowerInvariant();
            if (used.Add(email))
            {
                attendees.Add((new Person(f + " " + l, email), "optional"));
            }

            i++;
        }

        Add(new Spec
        {
            Key = "cab-webinar",
            Subject = "Contoso Customer Advisory Board – winter session",
            Body = "Roadmap preview for 2027, customer panel (Woodgrove, Adventure Works), open Q&A. Recording will be shared.",
            Organizer = P("marcus"),
            Attendees = attendees,
            Zone = "America/New_York",
            Date = Bd(6),
            Hour = 11,
            Minutes = 90,
            Categories = ["Customer", "Event"],
            Extra = DemoMeetingKind.Large,
        });
    }

    private static string RemoveDiacritics(string s) =>
        new(s.Normalize(System.Text.NormalizationForm.FormD).Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());

    /// <summary>Past meetings over the previous 90 days, so "since the last meeting" has something to compare.</summary>
    private void BuildPast()
    {
        (string Key, string Subject, string Body, string Organizer, string[] Attendees, string Zone, int DaysAgo, int Hour, string Account)[] past =
        [
            ("fab-qbr-prev", "Fabrikam quarterly business review", "Q3 review: reporting, attribution report request, renewal timeline.", "lena", ["lena", "priya", "dan"], "Europe/Berlin", 40, 15, "fabrikam"),
            ("fab-refresh-call", "Fabrikam: dashboard refresh failures", "Call with Dan about the failing EMEA refresh.", "lena", ["lena", "dan"], "Europe/Berlin", 14, 11, "fabrikam"),
            ("nw-phase1", "Northwind – clôture phase 1", "Bilan de la migration phase 1.", "camille", ["camille", "hugo", "lena"], "Europe/Paris", 34, 10, "northwind"),
            ("aw-exec", "Adventure Works exec alignment", "Maria: global rollout priorities for H1.", "marcus", ["marcus", "maria", "kevin"], "America/New_York", 28, 14, "adventureworks"),
            ("aw-redlines", "Adventure Works MSA redlines", "Legal review of section 7.", "kevin", ["kevin", "marcus"], "America/Los_Angeles", 7, 9, "adventureworks"),
            ("ts-kickoff", "Tailspin renewal kick-off", "Renewal scope and usage review.", "marcus", ["marcus", "ben", "olivia", "sam"], "America/New_York", 44, 11, "tailspin"),
            ("ts-escalation", "Tailspin – inventory sync escalation", "Olivia escalates case 5120.", "olivia", ["olivia", "marcus", "jonas"], "America/New_York", 22, 16, "tailspin"),
            ("wg-security", "Woodgrove security review", "SSO requirements, SOC 2 bridge letter.", "elena", ["elena", "james", "marcus", "weiling"], "America/New_York", 25, 13, "woodgrove"),
            ("lw-workshop-prev", "Litware APAC discovery", "Osaka office plans; onboarding in Japanese.", "weiling", ["weiling", "ken", "misaki"], "Asia/Singapore", 31, 10, "litware"),
            ("lw-invoice", "Litware invoice question", "INV-20931 double billing.", "meilin", ["meilin", "weiling"], "Asia/Singapore", 11, 14, "litware"),
            ("ww-discovery", "Wide World Importers discovery", "Dwell-time analytics across 12 warehouses.", "rahul", ["rahul", "siti", "weiling"], "Asia/Singapore", 18, 11, "wideworld"),
            ("nw-q3", "Northwind Q3 account review", "Usage growth, Lyon warehouse licences.", "lena", ["lena", "camille", "nancy"], "Europe/Berlin", 80, 14, "northwind"),
        ];
        foreach (var p in past)
        {
            var date = PastBd(Math.Max(1, p.DaysAgo * 5 / 7));
            Add(new Spec
            {
                Key = p.Key,
                Subject = p.Subject,
                Body = p.Body,
                Organizer = P(p.Organizer),
                Attendees = Req(p.Attendees),
                Zone = p.Zone,
                Date = date,
                Hour = p.Hour,
                Categories = ["Customer"],
                AccountId = p.Account,
            });
        }
    }

    /// <summary>Routine customer meetings spread over the next nine business days by the seeded random.</summary>
    private void BuildRoutine()
    {
        (string Subject, string Body)[] templates =
        [
            ("{0}: weekly status", "Status of open actions, cases and next milestones."),
            ("{0} – support case review", "Walk through open cases, owners and ETAs."),
            ("{0}: security questionnaire walkthrough", "Go through the remaining questions section by section."),
            ("{0} admin onboarding training", "Hands-on session for new administrators. Recording will be shared."),
            ("{0} – executive sponsor check-in", "Quarterly check-in between executive sponsors."),
            ("{0}: usage review", "Adoption by team, licence utilisation, right-sizing options."),
            ("{0}: data migration dry run debrief", "Results of the dry run, issues found, go-live readiness."),
        ];
        (string Account, string Name, string Owner, string Zone, string[] Contacts)[] accounts =
        [
            ("fabrikam", "Fabrikam", "lena", "Europe/Berlin", ["priya", "dan", "juergen", "alexk"]),
            ("northwind", "Northwind", "lena", "Europe/Berlin", ["camille", "hugo", "nancy"]),
            ("adventureworks", "Adventure Works", "marcus", "America/New_York", ["maria", "kevin", "terri"]),
            ("tailspin", "Tailspin", "marcus", "America/New_York", ["ben", "olivia"]),
            ("woodgrove", "Woodgrove Bank", "marcus", "America/New_York", ["elena", "james", "aisha"]),
            ("litware", "Litware", "weiling", "Asia/Singapore", ["ken", "misaki", "meilin"]),
            ("wideworld", "Wide World Importers", "weiling", "Asia/Singapore", ["rahul", "siti"]),
        ];
        foreach (var a in accounts)
        {
            var picks = templates.Select((t, i) => (t, i)).OrderBy(_ => _random.Next()).Take(3).ToList();
            foreach (var (template, index) in picks)
            {
                var contacts = a.Contacts.OrderBy(_ => _random.Next()).Take(1 + _random.Next(a.Contacts.Length)).ToArray();
                Add(new Spec
                {
                    Key = string.Create(CultureInfo.InvariantCulture, $"routine-{a.Account}-{index}"),
                    Subject = string.Format(CultureInfo.InvariantCulture, template.Subject, a.Name),
                    Body = template.Body,
                    Organizer = P(a.Owner),
                    Attendees = Req([a.Owner, .. contacts]),
                    Zone = a.Zone,
                    Date = Bd(1 + _random.Next(9)),
                    Hour = 9 + _random.Next(8),
                    Minute = _random.Next(2) * 30,
                    Minutes = 30 + (_random.Next(3) * 15),
                    Categories = ["Customer"],
                    AccountId = a.Account,
                });
            }
        }
    }

    // ---- materialisation --------------------------------------------------------------------------------------

    private void Add(Spec spec, string? masterKey = null)
    {
        var copies = Materialize(spec, masterKey).ToList();
        foreach (var (userId, evt) in copies)
        {
            _events[userId].Add(evt);
        }

        var first = copies.Count > 0 ? copies[0].Event : null;
        if (first is null)
        {
            return;
        }

        var kind = spec.Extra;
        var domains = new TenantDomains(["contoso.com", "contoso.onmicrosoft.com"]);
        var people = spec.Attendees.Where(a => a.Type != "resource").Select(a => a.Person).Append(spec.Organizer.Person).ToList();
        kind |= people.Any(p => domains.Classify(p.Email) == Affiliation.External) ? DemoMeetingKind.External : DemoMeetingKind.Internal;
        kind |= spec.SeriesKey is not null ? DemoMeetingKind.Recurring : DemoMeetingKind.None;
        kind |= spec.Type == "exception" ? DemoMeetingKind.Exception : DemoMeetingKind.None;
        kind |= spec.Cancelled ? DemoMeetingKind.Cancelled : DemoMeetingKind.None;
        kind |= spec.Sensitivity == "private" ? DemoMeetingKind.Private : DemoMeetingKind.None;
        kind |= spec.Sensitivity == "confidential" ? DemoMeetingKind.Confidential : DemoMeetingKind.None;
        kind |= spec.AllDay ? DemoMeetingKind.AllDay : DemoMeetingKind.None;
        kind |= spec.Categories.Contains("No briefing") ? DemoMeetingKind.NoBriefing : DemoMeetingKind.None;
        kind |= first.IsOnlineMeeting ? DemoMeetingKind.Online : DemoMeetingKind.None;
        kind |= spec.Room is not null ? DemoMeetingKind.Room : DemoMeetingKind.None;
        _catalog.Add(new DemoMeeting(first.ICalUId, spec.SeriesKey, spec.Subject, first.Start, first.End, kind, spec.AccountId, copies.Select(c => c.UserId).ToList()));
    }

    private IEnumerable<(string UserId, DemoEvent Event)> Materialize(Spec spec, string? masterKey)
    {
        var zone = Zones.Find(spec.Zone);
        DateTimeOffset start;
        DateTimeOffset end;
        if (spec.AllDay)
        {
            start = Zones.At(zone, spec.Date, 0, 0);
            end = Zones.At(zone, spec.Date.AddDays(1), 0, 0);
        }
        else
        {
            start = Zones.At(zone, spec.Date, spec.Hour, spec.Minute);
            end = start.AddMinutes(spec.Minutes);
        }

        // As in Outlook, the organizer is not listed among the attendees.
        var attendees = spec.Attendees.Where(a => !a.Person.Is(spec.Organizer.Email))
            .Select(a => (a.Person, a.Type, Response: Respond())).ToList();
        if (spec.Room is not null)
        {
            attendees.Add((spec.Room.Person, "resource", "accepted"));
        }

        var iCalUId = _ids.ICalUId(spec.SeriesKey ?? spec.Key, spec.OccurrenceDate);
        if (spec.Type == "seriesMaster")
        {
            iCalUId = _ids.ICalUId(spec.Key);
        }

        var created = Min(start.AddDays(-12), new DateTimeOffset(_anchor.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero).AddDays(-1));
        var lastModified = spec.Type == "exception" || spec.Cancelled ? created.AddDays(5) : created.AddHours(1);
        lastModified = Min(lastModified, new DateTimeOffset(_anchor.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
        var organizerUserId = _demoUserIdsByEmail.GetValueOrDefault(spec.Organizer.Email);
        var joinUrl = spec.Online ? _ids.TeamsJoinUrl(spec.SeriesKey ?? spec.Key, _tenantId, organizerUserId ?? _ids.Guid(spec.Organizer.Email)) : null;
        var location = spec.Online ? "Microsoft Teams Meeting" : spec.Location;
        if (spec.Room is not null)
        {
            location = spec.Online ? spec.Room.Name + "; Microsoft Teams Meeting" : spec.Room.Name;
        }

        var body = BodyHtml(spec.Body, joinUrl);
        var owners = attendees.Where(a => a.Type != "resource").Select(a => a.Person.Email).Append(spec.Organizer.Email)
            .Where(_demoUserIdsByEmail.ContainsKey).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var email in owners)
        {
            var userId = _demoUserIdsByEmail[email];
            var isOrganizer = string.Equals(email, spec.Organizer.Email, StringComparison.OrdinalIgnoreCase);
            var own = attendees.FirstOrDefault(a => string.Equals(a.Person.Email, email, StringComparison.OrdinalIgnoreCase));
            var seen = attendees.Select(a => new DemoAttendee(
                a.Person,
                a.Type,
                // An attendee's copy does not know the others' responses; the organizer's copy does.
                isOrganizer || a.Person.Is(email) ? a.Response : "none",
                isOrganizer || a.Person.Is(email) ? (a.Response == "none" ? null : created.AddHours(3)) : null)).ToList();
            var response = isOrganizer ? "organizer" : own.Response ?? "none";
            var id = _ids.ItemId(userId + "|" + spec.Key);
            yield return (userId, new DemoEvent
            {
                Id = id,
                ICalUId = iCalUId,
                OwnerUserId = userId,
                Subject = spec.Subject,
                BodyHtml = body,
                Start = start,
                End = end,
                OriginalZone = spec.Zone,
                IsAllDay = spec.AllDay,
                IsCancelled = spec.Cancelled,
                Sensitivity = spec.Sensitivity,
                ShowAs = spec.Cancelled ? "free" : spec.ShowAs,
                Type = spec.Type,
                SeriesMasterId = masterKey is null || spec.Type == "seriesMaster" ? null : _ids.ItemId(userId + "|" + masterKey),
                Organizer = spec.Organizer.Person,
                Attendees = seen,
                Categories = spec.Categories,
                Location = location,
                LocationType = spec.Room is not null ? "conferenceRoom" : "default",
                LocationUri = spec.Room?.Email,
                JoinUrl = joinUrl,
                IsOrganizer = isOrganizer,
                Response = response,
                ResponseTime = response is "none" or "organizer" ? null : created.AddHours(3),
                Created = created,
                LastModified = lastModified,
                Etag = _ids.Etag(id, 0),
            });
        }
    }

    private string Respond()
    {
        var roll = _random.Next(100);
        return roll switch
        {
            < 62 => "accepted",
            < 77 => "tentativelyAccepted",
            < 95 => "none",
            _ => "declined",
        };
    }

    private static string BodyHtml(string text, string? joinUrl)
    {
        var paragraphs = string.Concat(text.Split('\n').Select(line => "<div>" + WebUtility.HtmlEncode(line) + "</div>\r\n"));
        var teams = joinUrl is null
            ? string.Empty
            : "<div style=\"width:100%\"><span style=\"white-space:nowrap;color:#5F5F5F;opacity:.36\">________________________________________________________________________________</span></div>\r\n"
              + "<div class=\"me-email-text\" lang=\"en-US\" style=\"color:#242424;font-family:'Segoe UI','Helvetica Neue',Helvetica,Arial,sans-serif\">"
              + "<div style=\"margin-top:24px;margin-bottom:20px\"><span style=\"font-size:24px;color:#252424\">Microsoft Teams meeting</span></div>"
              + "<div style=\"margin-bottom:20px\"><div style=\"margin-top:0px;margin-bottom:0px;font-weight:bold\"><span style=\"font-size:14px;color:#252424\">Join on your computer, mobile app or room device</span></div>"
              + "<a class=\"me-email-headline\" href=\"" + WebUtility.HtmlEncode(joinUrl) + "\" target=\"_blank\" rel=\"noreferrer noopener\" style=\"font-size:14px;font-family:'Segoe UI Semibold','Segoe UI',sans-serif;text-decoration:underline;color:#5B5FC7\">Click here to join the meeting</a></div>"
              + "<div style=\"margin-bottom:4px;margin-top:4px\"><span style=\"font-size:14px;color:#252424\">Meeting ID: <span style=\"font-size:16px;color:#252424\">284 615 903 277</span></span></div>"
              + "</div>\r\n";
        return "<html>\r\n<head>\r\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\r\n</head>\r\n<body>\r\n"
            + paragraphs + "<br>\r\n" + teams + "</body>\r\n</html>\r\n";
    }
}
