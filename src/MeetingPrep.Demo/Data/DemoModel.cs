using MeetingPrep.Core.Meetings;

namespace MeetingPrep.Demo.Data;

/// <summary>An attendee as one calendar copy shows it (Graph wire values: "required"/"optional"/"resource", "accepted"...).</summary>
internal sealed record DemoAttendee(Person Person, string Type, string Response, DateTimeOffset? ResponseTime);

/// <summary>The recurrence of a series master (only masters carry it, as in Graph).</summary>
internal sealed record DemoRecurrence(string PatternType, IReadOnlyList<DayOfWeek> Days, DateOnly StartDate, DateOnly EndDate, string TimeZone);

/// <summary>One item in one user's calendar: an occurrence, an exception, a single instance or a series master.</summary>
internal sealed record DemoEvent
{
    public required string Id { get; init; }

    public required string ICalUId { get; init; }

    public required string OwnerUserId { get; init; }

    public required string Subject { get; init; }

    public required string BodyHtml { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>The organizer's zone (IANA id); all-day events are midnight to midnight in it.</summary>
    public required string OriginalZone { get; init; }

    public bool IsAllDay { get; init; }

    public bool IsCancelled { get; init; }

    public string Sensitivity { get; init; } = "normal";

    public string ShowAs { get; init; } = "busy";

    public string Type { get; init; } = "singleInstance";

    public string? SeriesMasterId { get; init; }

    public required Person Organizer { get; init; }

    public required IReadOnlyList<DemoAttendee> Attendees { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    public string? Location { get; init; }

    public string LocationType { get; init; } = "default";

    public string? LocationUri { get; init; }

    public string? JoinUrl { get; init; }

    public bool IsOrganizer { get; init; }

    public string Response { get; init; } = "none";

    public DateTimeOffset? ResponseTime { get; init; }

    public string Importance { get; init; } = "normal";

    public required DateTimeOffset Created { get; init; }

    public required DateTimeOffset LastModified { get; init; }

    public required string Etag { get; init; }

    public DemoRecurrence? Recurrence { get; init; }

    /// <summary>Change-log position of the last change; 0 for data as generated.</summary>
    public long Version { get; init; }

    /// <summary>A tombstone kept so delta can report "@removed".</summary>
    public bool IsDeleted { get; init; }

    /// <summary>Outlook's link to the item; null means the sandbox makes one from the id (scenario packs may give their own).</summary>
    public string? WebLink { get; init; }

    public bool IsOnlineMeeting => JoinUrl is not null;
}

/// <summary>One message in one user's mailbox.</summary>
internal sealed record DemoMessage
{
    public required string Id { get; init; }

    public required string OwnerUserId { get; init; }

    public required string ConversationId { get; init; }

    public required string Subject { get; init; }

    public required Person From { get; init; }

    public required IReadOnlyList<Person> To { get; init; }

    public required IReadOnlyList<Person> Cc { get; init; }

    public required DateTimeOffset Sent { get; init; }

    public required DateTimeOffset Received { get; init; }

    /// <summary>The whole HTML body, quoted history included.</summary>
    public required string BodyHtml { get; init; }

    /// <summary>Only what this message added (Graph's uniqueBody).</summary>
    public required string UniqueBodyHtml { get; init; }

    public bool HasAttachments { get; init; }

    public required string FolderId { get; init; }

    public required string InternetMessageId { get; init; }

    public string Importance { get; init; } = "normal";

    public bool IsRead { get; init; } = true;

    public required string Etag { get; init; }

    /// <summary>Outlook's link to the message; null means the sandbox makes one from the id.</summary>
    public string? WebLink { get; init; }

    public IEnumerable<Person> Participants => To.Concat(Cc).Append(From);
}
