using System.Globalization;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Sources;
using MeetingPrep.Core.Users;
using GraphAttendeeType = Microsoft.Graph.Models.AttendeeType;
using GraphBodyType = Microsoft.Graph.Models.BodyType;
using GraphEvent = Microsoft.Graph.Models.Event;
using GraphEventType = Microsoft.Graph.Models.EventType;
using GraphFreeBusy = Microsoft.Graph.Models.FreeBusyStatus;
using GraphResponseType = Microsoft.Graph.Models.ResponseType;
using GraphSensitivity = Microsoft.Graph.Models.Sensitivity;
using DateTimeTimeZone = Microsoft.Graph.Models.DateTimeTimeZone;

namespace MeetingPrep.Connectors.Graph;

/// <summary>Graph <c>event</c> to Core <see cref="Meeting"/>. Private and confidential events lose all their text here.</summary>
internal static class GraphEventMapper
{
    public const string PrivateSubject = "Private appointment";

    /// <summary>
    /// The calendarView select list (graph-and-crm.md 1.2): only what a briefing uses. <c>body</c> carries the agenda,
    /// which <c>bodyPreview</c> (255 characters) often cuts off.
    /// </summary>
    public static readonly string[] Select =
    [
        "id", "iCalUId", "subject", "body", "bodyPreview", "start", "end", "isAllDay", "organizer", "attendees", "isOnlineMeeting",
        "onlineMeeting", "onlineMeetingProvider", "location", "seriesMasterId", "type", "isCancelled", "isOrganizer",
        "responseStatus", "categories", "sensitivity", "showAs", "webLink",
    ];

    /// <summary>Null for series masters, which are templates rather than meetings (calendarView never returns them; delta may).</summary>
    public static Meeting? Map(GraphEvent ev, TenantDomains domains, UserRef owner)
    {
        if (ev.Type == GraphEventType.SeriesMaster)
        {
            return null;
        }

        if (string.IsNullOrEmpty(ev.Id))
        {
            throw Unreadable("an event without an id");
        }

        var start = ToUtc(ev.Start) ?? throw Unreadable("an event without a start time");
        var end = ToUtc(ev.End) ?? start;
        var sensitivity = ev.Sensitivity switch
        {
            GraphSensitivity.Personal => Sensitivity.Personal,
            GraphSensitivity.Private => Sensitivity.Private,
            GraphSensitivity.Confidential => Sensitivity.Confidential,
            _ => Sensitivity.Normal,
        };
        var type = ev.Type switch
        {
            GraphEventType.Occurrence => MeetingType.Occurrence,
            GraphEventType.Exception => MeetingType.Exception,
            _ => MeetingType.SingleInstance,
        };
        var showAs = ev.ShowAs switch
        {
            GraphFreeBusy.Free => ShowAs.Free,
            GraphFreeBusy.Tentative => ShowAs.Tentative,
            GraphFreeBusy.Busy => ShowAs.Busy,
            GraphFreeBusy.Oof => ShowAs.Oof,
            GraphFreeBusy.WorkingElsewhere => ShowAs.WorkingElsewhere,
            _ => ShowAs.Unknown,
        };

        if (sensitivity is Sensitivity.Private or Sensitivity.Confidential)
        {
            // Exchange gives app-only callers the full private item; nothing of its text or people may leave this method.
            return new Meeting(
                ev.Id, ev.ICalUId ?? string.Empty, ev.SeriesMasterId, type, PrivateSubject, start, end, ev.IsAllDay ?? false,
                ev.IsCancelled ?? false, sensitivity, showAs, new Person(owner.DisplayName, owner.Upn), [], [], null, null,
                ToUri(ev.WebLink), null);
        }

        var organizer = ToPerson(ev.Organizer?.EmailAddress) ?? new Person(string.Empty, string.Empty);

        // The organizer is classified by domain like everyone else: a customer who organises makes the meeting external.
        // Without an address (rare: some room or shared-mailbox items) they cannot be placed and count as one of us.
        var organizerAffiliation = organizer.Email.Length == 0 ? Affiliation.Internal : domains.Classify(organizer.Email);
        var attendees = new List<Attendee>(ev.Attendees?.Count ?? 0);
        foreach (var a in ev.Attendees ?? [])
        {
            var person = ToPerson(a.EmailAddress);
            if (person is null)
            {
                continue;
            }

            var attendeeType = a.Type switch
            {
                GraphAttendeeType.Optional => AttendeeType.Optional,
                GraphAttendeeType.Resource => AttendeeType.Resource,
                _ => AttendeeType.Required,
            };
            var response = a.Status?.Response switch
            {
                GraphResponseType.Organizer => ResponseStatus.Organizer,
                GraphResponseType.TentativelyAccepted => ResponseStatus.TentativelyAccepted,
                GraphResponseType.Accepted => ResponseStatus.Accepted,
                GraphResponseType.Declined => ResponseStatus.Declined,
                GraphResponseType.NotResponded => ResponseStatus.NotResponded,
                _ => ResponseStatus.None,
            };
            attendees.Add(new Attendee(person, attendeeType, response, domains.Classify(person.Email)));
        }

        return new Meeting(
            ev.Id,
            ev.ICalUId ?? string.Empty,
            ev.SeriesMasterId,
            type,
            ev.Subject ?? string.Empty,
            start,
            end,
            ev.IsAllDay ?? false,
            ev.IsCancelled ?? false,
            sensitivity,
            showAs,
            organizer,
            attendees,
            ev.Categories?.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c!).ToList() ?? [],
            string.IsNullOrWhiteSpace(ev.Location?.DisplayName) ? null : ev.Location.DisplayName,
            ToUri(ev.OnlineMeeting?.JoinUrl),
            ToUri(ev.WebLink),
            string.IsNullOrWhiteSpace(ev.BodyPreview) ? null : ev.BodyPreview,
            organizerAffiliation,
            MeetingBodyText.Clean(ev.Body?.Content, ev.Body?.ContentType != GraphBodyType.Text));
    }

    /// <summary>
    /// Graph's <c>dateTime</c> has no offset; <c>timeZone</c> (Windows or IANA id) says where it is wall-clock time.
    /// In a DST gap or overlap the standard offset is used, which is what Exchange stores for such times.
    /// </summary>
    public static DateTimeOffset? ToUtc(DateTimeTimeZone? value)
    {
        if (value?.DateTime is not { Length: > 0 } text)
        {
            return null;
        }

        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.RoundtripKind, out var parsed))
        {
            throw Unreadable("an event with an unreadable time");
        }

        if (parsed.Kind != DateTimeKind.Unspecified)
        {
            // The value carried its own offset ("Z" or "+01:00"): that wins over the zone name.
            return new DateTimeOffset(parsed.ToUniversalTime(), TimeSpan.Zero);
        }

        var zone = ResolveZone(value.TimeZone);
        var offset = zone.GetUtcOffset(parsed);
        if (zone.IsInvalidTime(parsed))
        {
            offset = zone.BaseUtcOffset;
        }

        return new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified), offset).ToUniversalTime();
    }

    private static TimeZoneInfo ResolveZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id is "UTC" or "Etc/UTC" or "tzone://Microsoft/Utc" or "Coordinated Universal Time")
        {
            return TimeZoneInfo.Utc;
        }

        // .NET maps Windows ids to IANA (and back) through ICU, so both kinds Graph uses resolve on Linux and Windows.
        if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        throw Unreadable("an event in an unknown time zone");
    }

    private static Person? ToPerson(Microsoft.Graph.Models.EmailAddress? address)
    {
        var email = address?.Address?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return null;
        }

        var name = string.IsNullOrWhiteSpace(address!.Name) ? email : address.Name.Trim();
        return new Person(name, email);
    }

    private static Uri? ToUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

    private static SourceUnavailableException Unreadable(string what) =>
        new("calendar", $"Microsoft Graph returned {what}.");
}
