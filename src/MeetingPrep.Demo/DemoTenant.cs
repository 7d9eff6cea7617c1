using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Users;
using MeetingPrep.Demo.Data;
using MeetingPrep.Demo.Scenarios;

namespace MeetingPrep.Demo;

/// <summary>
/// The synthetic "Contoso" tenant the demo runs on: three internal users in three time zones, seven customer accounts
/// in a CRM, their calendars (next 14 days and the previous 90) and mailboxes. Everything is relative to the day of
/// <see cref="Now"/> and derived from a seed, so the same seed on the same day gives identical data whatever the time.
/// Calendars and mail are served in Graph's wire format by <see cref="GraphSandboxHandler"/>; the CRM records are
/// meant to seed the built-in CRM store. All names, companies, addresses and numbers are fictional.
/// </summary>
public sealed class DemoTenant
{
    public const int DefaultSeed = 20261127;

    /// <summary>The demo tenant's (fixed) Entra tenant id.</summary>
    public const string FixedTenantId = "6f0c7a52-3e1d-4b8a-9c27-d41e5b8f9a03";

    public const string OrganizationName = "Contoso";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<DemoEvent>> _events;
    private readonly Dictionary<string, List<DemoMessage>> _messages;
    private readonly DemoIds _ids;
    private readonly DemoDstSeries? _dstSeries;
    private long _version;

    private DemoTenant(
        DateTimeOffset now,
        int seed,
        string tenantId,
        string displayName,
        IReadOnlyList<string> domains,
        IReadOnlyList<UserRef> users,
        CrmContext crm,
        IReadOnlyDictionary<string, List<DemoEvent>> events,
        IReadOnlyDictionary<string, List<DemoMessage>> messages,
        IReadOnlyList<DemoMeeting> meetings,
        IReadOnlyList<DemoThread> threads,
        DemoDstSeries? dstSeries)
    {
        Now = now;
        Seed = seed;
        Day = DateOnly.FromDateTime(now.UtcDateTime);
        _ids = new DemoIds(seed, Day);
        TenantId = tenantId;
        DisplayName = displayName;
        Domains = domains;
        Users = users;
        Crm = crm;
        _events = events.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);
        _messages = messages.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal);
        Meetings = meetings;
        Threads = threads;
        _dstSeries = dstSeries;
    }

    /// <summary>Generates the Contoso tenant for the day of <paramref name="now"/>.</summary>
    private static DemoTenant Generate(DateTimeOffset now, int seed)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var ids = new DemoIds(seed, day);
        var random = new Random(seed);

        UserRef U(string id, string upn, string name, string zone, string culture) => new(FixedTenantId, id, upn, name, zone, culture);
        IReadOnlyList<UserRef> users =
        [
            U("3f9b2c1e-7a4d-4e8b-9c61-2d5a8f0e4b17", "lena.vogt@contoso.com", "Lena Vogt", "Europe/Berlin", "de-DE"),
            U("8c4e1a7d-2b9f-4d3c-a5e8-6f1b0c9d7a24", "marcus.reed@contoso.com", "Marcus Reed", "America/New_York", "en-US"),
            U("b7d3f0a9-5c2e-4a1b-8e6d-9f4c2a1b3e58", "weiling.tan@contoso.com", "Wei Ling Tan", "Asia/Singapore", "en-SG"),
        ];

        var people = new DemoDirectory();
        people.Add(new DemoPerson("lena", "Lena Vogt", "lena.vogt@contoso.com", null, "Customer Success Manager", null, "Europe/Berlin"));
        people.Add(new DemoPerson("marcus", "Marcus Reed", "marcus.reed@contoso.com", null, "Senior Account Executive", null, "America/New_York"));
        people.Add(new DemoPerson("weiling", "Wei Ling Tan", "weiling.tan@contoso.com", null, "Solutions Engineer, APAC", null, "Asia/Singapore"));
        people.Add(new DemoPerson("jonas", "Jonas Becker", "jonas.becker@contoso.com", null, "Support Engineering Lead", null, "Europe/Berlin"));
        people.Add(new DemoPerson("sofia", "Sofia Alvarez", "sofia.alvarez@contoso.com", null, "VP Sales", null, "America/New_York"));
        people.Add(new DemoPerson("arjun", "Arjun Nair", "arjun.nair@contoso.onmicrosoft.com", null, "Solutions Architect", null, "Asia/Singapore"));
        people.Add(new DemoPerson("room-spree", "Conf Room Spree (Berlin)", "spree@contoso.com", null, null, null, "Europe/Berlin"));
        people.Add(new DemoPerson("room-hudson", "Conf Room Hudson (New York)", "hudson@contoso.com", null, null, null, "America/New_York"));
        people.Add(new DemoPerson("room-merlion", "Conf Room Merlion (Singapore)", "merlion@contoso.com", null, null, null, "Asia/Singapore"));
        foreach (var c in DemoCrmBuilder.Contacts)
        {
            people.Add(new DemoPerson(c.Key, c.Name, c.Email, c.Account, c.Title, c.Role, c.Zone));
        }

        var userIdsByEmail = users.ToDictionary(u => u.Upn, u => u.UserId, StringComparer.OrdinalIgnoreCase);
        var crm = DemoCrmBuilder.Build(day, random, people);

        var calendar = new CalendarBuilder(ids, people, userIdsByEmail, FixedTenantId, day, random);
        calendar.Build();
        var dst = calendar.DstSeries ?? throw new InvalidOperationException("The daylight-saving series was not built.");

        var mail = new MailBuilder(ids, people, userIdsByEmail, day);
        mail.Build();
        return new DemoTenant(
            now, seed, FixedTenantId, OrganizationName, ["contoso.com", "contoso.onmicrosoft.com"], users, crm,
            calendar.Events, mail.Messages, calendar.Catalog, mail.Threads, dst);
    }

    /// <summary>
    /// A tenant served from a scenario pack: its users, calendars and mailboxes as the pack's files give them, its clock
    /// the pack's <c>now</c>. <paramref name="crm"/> is the pack's CRM as the built-in CRM's CSV reader read it.
    /// </summary>
    public static DemoTenant FromPack(ScenarioPack pack, CrmContext crm)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(crm);
        return new DemoTenant(
            pack.Now, seed: 0, pack.TenantId, pack.OrganizationName, pack.Domains, pack.Users, crm,
            pack.Events, pack.Messages, meetings: [], threads: [], dstSeries: null);
    }

    /// <summary>The instant the tenant was generated for (a pack's <c>now</c>); meetings are relative to its (UTC) day.</summary>
    public DateTimeOffset Now { get; }

    public DateOnly Day { get; }

    public int Seed { get; }

    public string TenantId { get; }

    public string DisplayName { get; }

    /// <summary>Verified domains; the first is the default (for the generated tenant the second is the onmicrosoft.com one).</summary>
    public IReadOnlyList<string> Domains { get; }

    public TenantDomains TenantDomains => new(Domains);

    /// <summary>The demo users (each with a calendar and a mailbox); the first is the default demo user.</summary>
    public IReadOnlyList<UserRef> Users { get; }

    public UserRef DefaultUser => Users[0];

    /// <summary>Accounts, contacts, opportunities, notes, cases and metric series, each with a deep link.</summary>
    public CrmContext Crm { get; }

    /// <summary>Every generated meeting and occurrence (as generated; simulated changes are not reflected here). Empty for a pack.</summary>
    public IReadOnlyList<DemoMeeting> Meetings { get; }

    public IReadOnlyList<DemoThread> Threads { get; }

    /// <summary>The generated series that crosses daylight-saving changes (the generated tenant only).</summary>
    public DemoDstSeries DstSeries => _dstSeries ?? throw new InvalidOperationException("A tenant from a scenario pack has no generated daylight-saving series.");

    public static DemoTenant Create(DateTimeOffset now) => Generate(now, DefaultSeed);

    public static DemoTenant Create(DateTimeOffset now, int seed) => Generate(now, seed);

    /// <summary>A demo user by UPN or object id (case-insensitive), or null.</summary>
    public UserRef? FindUser(string idOrUpn) =>
        Users.FirstOrDefault(u => string.Equals(u.Upn, idOrUpn, StringComparison.OrdinalIgnoreCase) || string.Equals(u.UserId, idOrUpn, StringComparison.OrdinalIgnoreCase));

    /// <summary>A demo user by UPN or object id; throws with the list of valid UPNs when there is none.</summary>
    public UserRef GetUser(string idOrUpn) =>
        FindUser(idOrUpn) ?? throw new ArgumentException($"'{idOrUpn}' is not a demo user. Demo users: {string.Join(", ", Users.Select(u => u.Upn))}.", nameof(idOrUpn));

    // ---- simulated changes (feed calendarView/delta) --------------------------------------------------------------

    /// <summary>Moves every copy of a meeting (by iCalUId); an occurrence becomes an exception. False when unknown.</summary>
    public bool RescheduleMeeting(string iCalUId, TimeSpan by) =>
        Change(iCalUId, (e, v) => e with { Start = e.Start + by, End = e.End + by, Type = e.Type == "occurrence" ? "exception" : e.Type, Version = v });

    /// <summary>Cancels every copy of a meeting, as the organizer cancelling it would. False when unknown.</summary>
    public bool CancelMeeting(string iCalUId) =>
        Change(iCalUId, (e, v) => e with { IsCancelled = true, ShowAs = "free", Subject = e.Subject.StartsWith("Canceled: ", StringComparison.Ordinal) ? e.Subject : "Canceled: " + e.Subject, Version = v });

    /// <summary>Deletes every copy of a meeting (delta reports it as removed). False when unknown.</summary>
    public bool DeleteMeeting(string iCalUId) => Change(iCalUId, (e, v) => e with { IsDeleted = true, Version = v });

    private bool Change(string iCalUId, Func<DemoEvent, long, DemoEvent> change)
    {
        lock (_gate)
        {
            var version = _version + 1;
            var found = false;
            foreach (var list in _events.Values)
            {
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i].ICalUId == iCalUId && !list[i].IsDeleted && list[i].Type != "seriesMaster")
                    {
                        var changed = change(list[i], version);
                        list[i] = changed with { LastModified = Now.AddSeconds(version), Etag = _ids.Etag(changed.Id, version) };
                        found = true;
                    }
                }
            }

            if (found)
            {
                _version = version;
            }

            return found;
        }
    }

    // ---- read access for the sandbox ------------------------------------------------------------------------------

    internal long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    internal IReadOnlyList<DemoEvent> EventsOf(string userId)
    {
        lock (_gate)
        {
            return _events.TryGetValue(userId, out var list) ? [.. list] : [];
        }
    }

    internal IReadOnlyList<DemoMessage> MessagesOf(string userId) =>
        _messages.TryGetValue(userId, out var list) ? list : [];
}
