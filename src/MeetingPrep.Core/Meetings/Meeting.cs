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
}

/// <summary>
/// One occurrence of a meeting as the asking user's calendar sees it. A recurring series' instance is its own meeting;
/// <see cref="Id"/> is the occurrence's id, which survives a reschedule, and <see cref="SeriesId"/> groups a series.
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
    Affiliation OrganizerAffiliation = Affiliation.Internal)
{
    /// <summary>People other than rooms, organizer included once.</summary>
    public IEnumerable<Attendee> People => Attendees.Where(a => !a.IsRoom);

    public IEnumerable<Attendee> ExternalAttendees => People.Where(a => a.IsExternal);

    /// <summary>Whether anyone from outside the tenant takes part, the organizer included.</summary>
    public bool HasExternalPeople => OrganizerAffiliation == Affiliation.External || ExternalAttendees.Any();

    public IEnumerable<Attendee> InternalAttendees => People.Where(a => !a.IsExternal);

    public bool IsRecurring => SeriesId is not null;

    /// <summary>Private and confidential meetings are never briefed: no text, no look-ups, no LLM.</summary>
    public bool IsPrivate => Sensitivity is Sensitivity.Private or Sensitivity.Confidential;

    /// <summary>
    /// The people who are coming: the organizer (whose side is <see cref="OrganizerAffiliation"/>) and every attendee who
    /// has not declined, rooms left out, each person once.
    /// </summary>
    public IReadOnlyList<(Person Person, Affiliation Affiliation, bool IsOrganizer)> Participants()
    {
        var list = new List<(Person, Affiliation, bool)> { (Organizer, OrganizerAffiliation, true) };
        foreach (var a in Attendees)
        {
            if (!a.IsRoom && a.Response != ResponseStatus.Declined && !list.Exists(p => p.Item1.Is(a.Person.Email)))
            {
                list.Add((a.Person, a.Affiliation, false));
            }
        }

        return list;
    }

    public bool Attends(string email) =>
        Organizer.Is(email) || Attendees.Any(a => a.Person.Is(email) && a.Response != ResponseStatus.Declined);
}
