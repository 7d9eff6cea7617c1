using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Sources;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Teams.Tests.Cards;

/// <summary>Briefings for card tests: the documented example, huge ones, hostile ones. Fixed clock for golden files.</summary>
internal static class TestBriefings
{
    public static readonly DateTimeOffset Now = new(2026, 11, 27, 13, 0, 0, TimeSpan.Zero);

    public static UserRef Viewer { get; } = new("tenant-1", "user-lena", "lena.vogt@contoso.com", "Lena Vogt", "Europe/Berlin", "en-GB");

    public static UserRef NewYorkViewer { get; } = new("tenant-1", "user-sam", "sam@contoso.com", "Sam Lee", "America/New_York", "en-US");

    public static BriefingMeeting FabrikamMeeting { get; } = new(
        "AAMkAGI2TG93AAA=",
        "Fabrikam quarterly business review",
        new DateTimeOffset(2026, 11, 27, 14, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 27, 14, 45, 0, TimeSpan.Zero),
        IsAllDay: false,
        TimeZone: "Europe/Berlin",
        Location: "Microsoft Teams Meeting",
        JoinUrl: new Uri("https://teams.microsoft.com/l/meetup-join/19%3ameeting_fabrikam%40thread.v2/0"),
        WebLink: new Uri("https://outlook.office365.com/owa/?itemid=AAMkAGI2TG93AAA%3D&exvsurl=1&path=/calendar/item"),
        SeriesId: "AAMkAGI2SERIES=",
        ExternalAttendeeCount: 2,
        InternalAttendeeCount: 1,
        Attendees:
        [
            new("lena.vogt@contoso.com", "Lena Vogt", BriefingAttendee.Internal, IsOrganizer: true),
            new("priya.raman@fabrikam.com", "Priya Raman", BriefingAttendee.External, IsOrganizer: false),
            new("dan.okafor@fabrikam.com", "Dan Okafor", BriefingAttendee.External, IsOrganizer: false),
        ]);

    private static readonly SourceRef[] FabrikamSources =
    [
        new(SourceKind.Metric, "metric:fabrikam-spend", "Spend metric, Fabrikam, monthly", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new Uri("https://crm.example.com/accounts/fabrikam/metrics/spend")),
        new(SourceKind.Email, "email:AAMkLate", "Late reports again", new DateTimeOffset(2026, 11, 19, 9, 12, 0, TimeSpan.Zero), new Uri("https://outlook.office365.com/owa/?ItemID=AAMkLate")),
        new(SourceKind.Case, "case:4471", "Case 4471: dashboard refresh failing (EMEA)", new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero), new Uri("https://crm.example.com/cases/4471")),
        new(SourceKind.Opportunity, "opp:fy27", "Opportunity \"Fabrikam renewal FY27\"", null, new Uri("https://crm.example.com/opportunities/fy27")),
        new(SourceKind.Case, "case:4490", "Case 4490: export missing currency column", new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), new Uri("https://crm.example.com/cases/4490")),
        new(SourceKind.CrmAccount, "account:fabrikam", "Account Fabrikam", null, new Uri("https://crm.example.com/accounts/fabrikam")),
        new(SourceKind.Metric, "metric:fabrikam-delivery", "Delivery metric", null, null),
        new(SourceKind.Meeting, "meeting:AAMkOct", "Meeting notes, 2 Oct", new DateTimeOffset(2026, 10, 2, 14, 0, 0, TimeSpan.Zero), new Uri("https://outlook.office365.com/owa/?itemid=AAMkOct")),
    ];

    public static Briefing Fabrikam() => new(
        FabrikamMeeting,
        Viewer.UserId,
        [
            Section(SectionKind.Summary, "In short",
                Item("summary:spend", "Spend is down 18% over the last 3 months after two flat quarters; Priya's last email asks why reporting is late.", ItemLabel.Fact, 0.95, "metric:fabrikam-spend", "email:AAMkLate"),
                Item("summary:case4471", "Two cases are open, one escalated on 21 Nov: dashboard refresh failing for the EMEA brand.", ItemLabel.Fact, 0.9, "case:4471"),
                Item("summary:renewal", "Renewal (€240k ARR) closes 31 Jan; the opportunity sits at \"Proposal\" with no activity for 26 days. Likely topic: risk to renewal.", ItemLabel.Inference, 0.85, "opp:fy27")),
            Section(SectionKind.Attendees, "Who is coming",
                Item("attendee:priya@fabrikam.com", "Priya Raman, VP Marketing: decision maker on the renewal; last contact 19 Nov, email about late reports.", ItemLabel.Fact, 0.8, "opp:fy27", "email:AAMkLate"),
                Item("attendee:dan@fabrikam.com", "Dan Okafor, Analytics lead: opened both open cases; first meeting with him.", ItemLabel.Fact, 0.7, "case:4471", "case:4490")),
            Section(SectionKind.AccountSnapshot, "Account snapshot",
                Item("account:spend", "Monthly spend €41k → €34k over 3 months (−18%)", ItemLabel.Fact, 0.75, "metric:fabrikam-spend"),
                Item("account:delivery", "Report delivery on time: 92% → 71% over 2 months", ItemLabel.Fact, 0.6, "metric:fabrikam-delivery")),
            Section(SectionKind.OpenIssues, "Open issues",
                Item("case:4471", "Case 4471, dashboard refresh failing (EMEA), escalated 21 Nov, waiting on our engineering", ItemLabel.Fact, 0.82, "case:4471"),
                Item("case:4490", "Case 4490, data export missing currency column, opened 24 Nov", ItemLabel.Fact, 0.55, "case:4490")),
            Section(SectionKind.TalkingPoints, "Suggested questions",
                Item("talk:emea", "What would a fixed EMEA refresh be worth to the team this quarter?", ItemLabel.Inference, 0.5, "case:4471"),
                Item("talk:attribution", "Is the attribution report still the priority Priya named in October?", ItemLabel.Fact, 0.45, "meeting:AAMkOct")),
            Section(SectionKind.Risks, "Risks",
                Item("risk:renewal", "Renewal at risk if 4471 is still open in January", ItemLabel.Inference, 0.65, "case:4471", "opp:fy27")),
        ],
        FabrikamSources,
        [],
        ["Written without an LLM."],
        BriefingRecipe.Default,
        "extractive",
        Now.AddMinutes(-5));

    public static Briefing Degraded() => Fabrikam() with
    {
        Unavailable = [new UnavailableSource("CRM", "did not answer within 10 seconds"), new UnavailableSource("Mail", "permission to read mail was withdrawn")],
    };

    public static Briefing Empty() => Fabrikam() with { Sections = [], Sources = [], Notes = [] };

    /// <summary>300 attendees and a 500-message thread, each with its own source: far over any card budget.</summary>
    public static Briefing Huge(int attendees = 300, int messages = 500)
    {
        var sources = new List<SourceRef>();
        var people = new List<BriefingItem>();
        for (var i = 0; i < attendees; i++)
        {
            var id = $"contact:{i}";
            sources.Add(new SourceRef(SourceKind.CrmContact, id, $"Contact record of Attendee Number {i}", null, new Uri($"https://crm.example.com/contacts/{i}")));
            people.Add(Item($"attendee:{i}@fabrikam.com", $"Attendee Number {i}, Senior Programme Manager at Fabrikam Europe: joined the account team in spring; last contact {i % 28 + 1} Nov about the regional rollout plan.", ItemLabel.Fact, 0.3 + (i % 50 / 100.0), id));
        }

        var mails = new List<BriefingItem>();
        for (var i = 0; i < messages; i++)
        {
            var id = $"email:AAMkThread{i:D4}";
            sources.Add(new SourceRef(SourceKind.Email, id, $"RE: RE: FW: Rollout plan and open questions, part {i}", Now.AddHours(-i), new Uri($"https://outlook.office365.com/owa/?ItemID=AAMkThread{i:D4}")));
            mails.Add(Item($"mail:{i}", $"Message {i} in the rollout thread: the customer asks again about timelines for the EMEA migration and wants a named contact for escalations before the quarter closes.", ItemLabel.Fact, 0.2 + (i % 70 / 100.0), id));
        }

        return Fabrikam() with
        {
            Sections =
            [
                Section(SectionKind.Summary, "In short",
                    Item("summary:big", "A very large meeting: 300 people invited and a 500-message thread in the last 30 days.", ItemLabel.Fact, 0.99, "email:AAMkThread0000")),
                new BriefingSection(SectionKind.Attendees, "Who is coming", people, 0),
                new BriefingSection(SectionKind.RecentConversations, "Recent conversations", mails, 12),
            ],
            Sources = sources,
            Meeting = FabrikamMeeting with { ExternalAttendeeCount = 280, InternalAttendeeCount = 20 },
            Recipe = BriefingRecipe.Default with { Length = BriefingLength.Detailed },
        };
    }

    /// <summary>Injection attempts in every untrusted field.</summary>
    public static Briefing Hostile()
    {
        const string Injection = "**Urgent** [click here](https://evil.example/phish) <at>Everyone</at> # Heading\n- list item\n1. first <b>bold</b> ![img](https://evil.example/x.png) `code` ~~strike~~ | pipe |";
        const string Bidi = "invoice\u202Efdp.exe\u202C and \u2066isolated\u2069 with \u200Fmark\u200E";
        var longText = string.Concat(Enumerable.Repeat("overlong text 🙂 ", 5000));
        var sources = new[]
        {
            new SourceRef(SourceKind.Email, "email:evil", Injection, Now, new Uri("javascript:alert(1)")),
            new SourceRef(SourceKind.Note, "note:long", longText, null, new Uri("https://user:pass@crm.example.com/notes/1")),
            new SourceRef(SourceKind.Case, "case:http", "Case on plain http", null, new Uri("http://crm.example.com/cases/1")),
        };
        return Fabrikam() with
        {
            Meeting = FabrikamMeeting with
            {
                Subject = Injection + Bidi + "\u0000\u0007\u001b[31m" + longText,
                Location = "<at>Room</at> [x](https://evil.example)",
                JoinUrl = new Uri("http://evil.example/join"),
            },
            Sections =
            [
                Section(SectionKind.Summary, Injection,
                    Item("evil:1", Injection, ItemLabel.Fact, 0.9, "email:evil"),
                    Item("evil:2", Bidi, ItemLabel.Inference, 0.8, "case:http"),
                    Item("evil:3", longText, ItemLabel.Fact, 0.7, "note:long")),
            ],
            Sources = sources,
            Unavailable = [new UnavailableSource(Injection, Bidi + longText)],
            Notes = [Injection, longText],
            Writer = Injection,
        };
    }

    public static BriefingSection Section(SectionKind kind, string title, params BriefingItem[] items) => new(kind, title, items, 0);

    public static BriefingItem Item(string key, string text, ItemLabel label, double score, params string[] citations) => new(key, text, label, citations, score);
}
