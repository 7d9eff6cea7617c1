namespace MeetingPrep.Core.Meetings;

public enum MeetingType
{
    SingleInstance,
    Occurrence,
    Exception,
}

public enum Sensitivity
{
    Normal,
    Personal,
    Private,
    Confidential,
}

public enum ShowAs
{
    Unknown,
    Free,
    Tentative,
    Busy,
    Oof,
    WorkingElsewhere,
}

public enum AttendeeType
{
    Required,
    Optional,
    Resource,
}

public enum ResponseStatus
{
    None,
    Organizer,
    TentativelyAccepted,
    Accepted,
    Declined,
    NotResponded,
}

/// <summary>Whether a person belongs to our tenant (a verified domain or a subdomain of one) or not.</summary>
public enum Affiliation
{
    Internal,
    External,
}

/// <summary>A person by name and e-mail address; the address is the identity and is compared case-insensitively.</summary>
public sealed record Person(string Name, string Email)
{
    public string Domain => Email.Contains('@', StringComparison.Ordinal) ? Email[(Email.LastIndexOf('@') + 1)..].ToLowerInvariant() : string.Empty;

    public bool Is(string email) => string.Equals(Email, email, StringComparison.OrdinalIgnoreCase);
}

public sealed record Attendee(Person Person, AttendeeType Type, ResponseStatus Response, Affiliation Affiliation)
{
    public bool IsRoom => Type == AttendeeType.Resource;

    public bool IsExternal => Affiliation == Affiliation.External && !IsRoom;

    /// <summary>A person (not a room) who has not declined. Tentative and unanswered invitations count as coming.</summary>
    public bool IsComing => !IsRoom && Response != ResponseStatus.Declined;
}

/// <summary>
/// One occurrence of a meeting as the asking user's calendar sees it. A recurring series' instance is its own meeting;
/// <see cref="Id"/> is the occurrence's id, which survives a reschedule, and <see cref="SeriesId"/> groups a series.
/// <see cref="Body"/> is the invitation's own text (usually the agenda) as plain text, join boilerplate removed; like
/// mail it is untrusted and only ever quoted. <see cref="BodyPreview"/> is Graph's first ~255 characters of it.
/// </summary>
public sealed record Meeting(
    string Id,
    string ICalUId,
    string? SeriesId,
    MeetingType Type,
    string Subject,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool IsAllDay,
    bool IsCancelled,
    Sensitivity Sensitivity,
    ShowAs ShowAs,
    Person Organizer,
    IReadOnlyList<Attendee> Attendees,
    IReadOnlyList<string> Categories,
    string? Location,
    Uri? JoinUrl,
    Uri? WebLink,
    string? BodyPreview,
    Affiliation OrganizerAffiliation = Affiliation.Internal,
    string? Body = null)
{
    /// <summary>
    /// Everyone who is coming, each once: the organizer (classified by domain like everyone else) and every attendee who
    /// has not declined. Rooms are not people. People no longer on the invitation are simply not in it.
    /// </summary>
    public IReadOnlyList<Attendee> People
    {
        get
        {
            var people = new List<Attendee>(Attendees.Count + 1);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (Organizer.Email.Length > 0 && seen.Add(Organizer.Email))
            {
                people.Add(new Attendee(Organizer, AttendeeType.Required, ResponseStatus.Organizer, OrganizerAffiliation));
            }

            foreach (var attendee in Attendees)
            {
                if (attendee.IsComing && seen.Add(attendee.Person.Email))
                {
                    people.Add(attendee);
                }
            }

            return people;
        }
    }

    /// <summary>Invited people (not rooms, not the organizer) who declined: they are not coming.</summary>
    public IEnumerable<Attendee> Declined =>
        Attendees.Where(a => !a.IsRoom && a.Response == ResponseStatus.Declined && !Organizer.Is(a.Person.Email));

    /// <summary>People from outside the tenant who are coming, the organizer included.</summary>
    public IEnumerable<Attendee> ExternalAttendees => People.Where(a => a.IsExternal);

    /// <summary>Whether anyone from outside the tenant takes part, the organizer included.</summary>
    public bool HasExternalPeople => ExternalAttendees.Any();

    /// <summary>Colleagues who are coming, the organizer included when they are one of us.</summary>
    public IEnumerable<Attendee> InternalAttendees => People.Where(a => !a.IsExternal);

    public bool IsRecurring => SeriesId is not null;

    /// <summary>Private and confidential meetings are never briefed: no text, no look-ups, no LLM.</summary>
    public bool IsPrivate => Sensitivity is Sensitivity.Private or Sensitivity.Confidential;

    public bool Attends(string email) =>
        Organizer.Is(email) || Attendees.Any(a => a.Person.Is(email) && a.Response != ResponseStatus.Declined);
}
