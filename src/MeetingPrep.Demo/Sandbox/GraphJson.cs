using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Demo.Data;

namespace MeetingPrep.Demo.Sandbox;

/// <summary>How a response should render times and bodies, from the request's Prefer header.</summary>
internal sealed record Rendering(TimeZoneInfo Zone, string ZoneName, bool TextBodies);

/// <summary>Writes events, messages and errors in Microsoft Graph v1.0's JSON shapes, honouring <c>$select</c>.</summary>
internal static class GraphJson
{
    public static readonly IReadOnlySet<string> EventProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "originalStartTimeZone", "originalEndTimeZone",
        "iCalUId", "uid", "reminderMinutesBeforeStart", "isReminderOn", "hasAttachments", "subject", "bodyPreview", "importance",
        "sensitivity", "isAllDay", "isCancelled", "isOrganizer", "responseRequested", "seriesMasterId", "showAs", "type", "webLink",
        "onlineMeetingUrl", "isOnlineMeeting", "onlineMeetingProvider", "allowNewTimeProposals", "isDraft", "hideAttendees",
        "responseStatus", "body", "start", "end", "location", "locations", "recurrence", "attendees", "organizer", "onlineMeeting",
    };

    public static readonly IReadOnlySet<string> MessageProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "id", "createdDateTime", "lastModifiedDateTime", "changeKey", "categories", "receivedDateTime", "sentDateTime", "hasAttachments",
        "internetMessageId", "subject", "bodyPreview", "importance", "parentFolderId", "conversationId", "isDeliveryReceiptRequested",
        "isReadReceiptRequested", "isRead", "isDraft", "webLink", "inferenceClassification", "body", "uniqueBody", "sender", "from",
        "toRecipients", "ccRecipients", "bccRecipients", "replyTo", "flag",
    };

    public static readonly IReadOnlySet<string> OrganizationProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "id", "displayName", "verifiedDomains", "tenantType", "countryLetterCode", "preferredLanguage", "createdDateTime",
    };

    /// <summary>Runs <paramref name="write"/> against a fresh writer and returns the UTF-8 JSON.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Error(string code, string message, string requestId, DateTimeOffset date) => Write(w =>
    {
        w.WriteStartObject();
        w.WriteStartObject("error");
        w.WriteString("code", code);
        w.WriteString("message", message);
        w.WriteStartObject("innerError");
        w.WriteString("date", date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        w.WriteString("request-id", requestId);
        w.WriteString("client-request-id", requestId);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
    });

    public static string LocalDateTime(DateTime local) => local.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string UtcPrecise(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static readonly IReadOnlySet<string> MailboxSettingsProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "timeZone", "language", "workingHours", "dateFormat", "timeFormat",
    };

    /// <summary>A zone as Outlook's mailbox settings name it: the Windows id (what Exchange stores), else the id as given.</summary>
    public static string WindowsZone(string iana) =>
        TimeZoneInfo.TryConvertIanaIdToWindowsId(iana, out var windows) ? windows : iana;

    public static void WriteRemovedEvent(Utf8JsonWriter w, string id)
    {
        w.WriteStartObject();
        w.WriteString("@odata.type", "#microsoft.graph.event");
        w.WriteString("id", id);
        w.WriteStartObject("@removed");
        w.WriteString("reason", "deleted");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    /// <summary>An event; <paramref name="context"/> is set when it is the whole response (a single entity).</summary>
    public static void WriteEvent(Utf8JsonWriter w, DemoEvent e, IReadOnlySet<string>? select, Rendering rendering, bool withType = false, string? context = null)
    {
        bool S(string name) => select is null || select.Contains(name);
        w.WriteStartObject();
        if (context is not null)
        {
            w.WriteString("@odata.context", context);
        }

        if (withType)
        {
            w.WriteString("@odata.type", "#microsoft.graph.event");
        }

        w.WriteString("@odata.etag", e.Etag);
        w.WriteString("id", e.Id);
        if (S("createdDateTime"))
        {
            w.WriteString("createdDateTime", UtcPrecise(e.Created));
        }

        if (S("lastModifiedDateTime"))
        {
            w.WriteString("lastModifiedDateTime", UtcPrecise(e.LastModified));
        }

        if (S("changeKey"))
        {
            w.WriteString("changeKey", e.Etag[3..^1]);
        }

        if (S("categories"))
        {
            w.WriteStartArray("categories");
            foreach (var c in e.Categories)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
        }

        if (S("originalStartTimeZone"))
        {
            w.WriteString("originalStartTimeZone", WindowsZone(e.OriginalZone));
        }

        if (S("originalEndTimeZone"))
        {
            w.WriteString("originalEndTimeZone", WindowsZone(e.OriginalZone));
        }

        if (S("iCalUId"))
        {
            w.WriteString("iCalUId", e.ICalUId);
        }

        if (S("uid"))
        {
            w.WriteString("uid", e.ICalUId);
        }

        if (S("reminderMinutesBeforeStart"))
        {
            w.WriteNumber("reminderMinutesBeforeStart", e.IsAllDay ? 1080 : 15);
        }

        if (S("isReminderOn"))
        {
            w.WriteBoolean("isReminderOn", !e.IsCancelled);
        }

        if (S("hasAttachments"))
        {
            w.WriteBoolean("hasAttachments", false);
        }

        if (S("subject"))
        {
            w.WriteString("subject", e.Subject);
        }

        if (S("bodyPreview"))
        {
            w.WriteString("bodyPreview", HtmlText.Preview(e.BodyHtml));
        }

        if (S("importance"))
        {
            w.WriteString("importance", e.Importance);
        }

        if (S("sensitivity"))
        {
            w.WriteString("sensitivity", e.Sensitivity);
        }

        if (S("isAllDay"))
        {
            w.WriteBoolean("isAllDay", e.IsAllDay);
        }

        if (S("isCancelled"))
        {
            w.WriteBoolean("isCancelled", e.IsCancelled);
        }

        if (S("isOrganizer"))
        {
            w.WriteBoolean("isOrganizer", e.IsOrganizer);
        }

        if (S("responseRequested"))
        {
            w.WriteBoolean("responseRequested", true);
        }

        if (S("seriesMasterId"))
        {
            WriteNullableString(w, "seriesMasterId", e.SeriesMasterId);
        }

        if (S("showAs"))
        {
            w.WriteString("showAs", e.ShowAs);
        }

        if (S("type"))
        {
            w.WriteString("type", e.Type);
        }

        if (S("webLink"))
        {
            w.WriteString("webLink", e.WebLink ?? "https://outlook.office365.com/owa/?itemid=" + Uri.EscapeDataString(e.Id) + "&exvsurl=1&path=/calendar/item");
        }

        if (S("onlineMeetingUrl"))
        {
            w.WriteNull("onlineMeetingUrl");
        }

        if (S("isOnlineMeeting"))
        {
            w.WriteBoolean("isOnlineMeeting", e.IsOnlineMeeting);
        }

        if (S("onlineMeetingProvider"))
        {
            w.WriteString("onlineMeetingProvider", e.IsOnlineMeeting ? "teamsForBusiness" : "unknown");
        }

        if (S("allowNewTimeProposals"))
        {
            w.WriteBoolean("allowNewTimeProposals", true);
        }

        if (S("isDraft"))
        {
            w.WriteBoolean("isDraft", false);
        }

        if (S("hideAttendees"))
        {
            w.WriteBoolean("hideAttendees", false);
        }

        if (S("responseStatus"))
        {
            w.WriteStartObject("responseStatus");
            w.WriteString("response", e.Response);
            w.WriteString("time", e.ResponseTime is { } t ? Utc(t) : "0001-01-01T00:00:00Z");
            w.WriteEndObject();
        }

        if (S("body"))
        {
            WriteBody(w, "body", e.BodyHtml, rendering.TextBodies);
        }

        if (S("start"))
        {
            WriteTime(w, "start", e, e.Start, rendering);
        }

        if (S("end"))
        {
            WriteTime(w, "end", e, e.End, rendering);
        }

        if (S("location"))
        {
            w.WritePropertyName("location");
            WriteLocation(w, e);
        }

        if (S("locations"))
        {
            w.WriteStartArray("locations");
            if (e.Location is not null)
            {
                WriteLocation(w, e);
            }

            w.WriteEndArray();
        }

        if (S("recurrence"))
        {
            WriteRecurrence(w, e.Recurrence);
        }

        if (S("attendees"))
        {
            w.WriteStartArray("attendees");
            foreach (var a in e.Attendees)
            {
                w.WriteStartObject();
                w.WriteString("type", a.Type);
                w.WriteStartObject("status");
                w.WriteString("response", a.Response);
                w.WriteString("time", a.ResponseTime is { } t ? Utc(t) : "0001-01-01T00:00:00Z");
                w.WriteEndObject();
                WriteEmailAddress(w, a.Person);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (S("organizer"))
        {
            WriteRecipient(w, "organizer", e.Organizer);
        }

        if (S("onlineMeeting"))
        {
            if (e.JoinUrl is null)
            {
                w.WriteNull("onlineMeeting");
            }
            else
            {
                w.WriteStartObject("onlineMeeting");
                w.WriteString("joinUrl", e.JoinUrl);
                w.WriteEndObject();
            }
        }

        w.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter w, string name, DemoEvent e, DateTimeOffset instant, Rendering rendering)
    {
        DateTime local;
        if (e.IsAllDay)
        {
            // All-day events float: midnight of the organizer's date, labelled with whatever zone was asked for.
            var date = TimeZoneInfo.ConvertTime(instant, Zones.Find(e.OriginalZone)).Date;
            local = date;
        }
        else
        {
            local = TimeZoneInfo.ConvertTime(instant, rendering.Zone).DateTime;
        }

        w.WriteStartObject(name);
        w.WriteString("dateTime", LocalDateTime(local));
        w.WriteString("timeZone", rendering.ZoneName);
        w.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter w, DemoEvent e)
    {
        w.WriteStartObject();
        w.WriteString("displayName", e.Location ?? string.Empty);
        w.WriteString("locationType", e.LocationType);
        if (e.LocationUri is not null)
        {
            w.WriteString("locationUri", e.LocationUri);
        }

        if (e.Location is not null)
        {
            w.WriteString("uniqueId", e.LocationUri ?? e.Location);
            w.WriteString("uniqueIdType", e.LocationUri is null ? "private" : "directory");
        }

        w.WriteEndObject();
    }

    private static void WriteRecurrence(Utf8JsonWriter w, DemoRecurrence? r)
    {
        if (r is null)
        {
            w.WriteNull("recurrence");
            return;
        }

        w.WriteStartObject("recurrence");
        w.WriteStartObject("pattern");
        w.WriteString("type", r.PatternType);
        w.WriteNumber("interval", 1);
        w.WriteNumber("month", 0);
        w.WriteNumber("dayOfMonth", 0);
        w.WriteStartArray("daysOfWeek");
        foreach (var d in r.Days)
        {
            w.WriteStringValue(d.ToString().ToLowerInvariant());
        }

        w.WriteEndArray();
        w.WriteString("firstDayOfWeek", "sunday");
        w.WriteString("index", "first");
        w.WriteEndObject();
        w.WriteStartObject("range");
        w.WriteString("type", "endDate");
        w.WriteString("startDate", r.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("endDate", r.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("recurrenceTimeZone", WindowsZone(r.TimeZone));
        w.WriteNumber("numberOfOccurrences", 0);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static void WriteMessage(Utf8JsonWriter w, DemoMessage m, IReadOnlySet<string>? select, Rendering rendering)
    {
        bool S(string name) => select is null || select.Contains(name);
        w.WriteStartObject();
        w.WriteString("@odata.etag", m.Etag);
        w.WriteString("id", m.Id);
        if (S("createdDateTime"))
        {
            w.WriteString("createdDateTime", Utc(m.Received));
        }

        if (S("lastModifiedDateTime"))
        {
            w.WriteString("lastModifiedDateTime", Utc(m.Received.AddMinutes(1)));
        }

        if (S("changeKey"))
        {
            w.WriteString("changeKey", m.Etag[3..^1]);
        }

        if (S("categories"))
        {
            w.WriteStartArray("categories");
            w.WriteEndArray();
        }

        if (S("receivedDateTime"))
        {
            w.WriteString("receivedDateTime", Utc(m.Received));
        }

        if (S("sentDateTime"))
        {
            w.WriteString("sentDateTime", Utc(m.Sent));
        }

        if (S("hasAttachments"))
        {
            w.WriteBoolean("hasAttachments", m.HasAttachments);
        }

        if (S("internetMessageId"))
        {
            w.WriteString("internetMessageId", m.InternetMessageId);
        }

        if (S("subject"))
        {
            w.WriteString("subject", m.Subject);
        }

        if (S("bodyPreview"))
        {
            w.WriteString("bodyPreview", HtmlText.Preview(m.BodyHtml));
        }

        if (S("importance"))
        {
            w.WriteString("importance", m.Importance);
        }

        if (S("parentFolderId"))
        {
            w.WriteString("parentFolderId", m.FolderId);
        }

        if (S("conversationId"))
        {
            w.WriteString("conversationId", m.ConversationId);
        }

        if (S("isDeliveryReceiptRequested"))
        {
            w.WriteBoolean("isDeliveryReceiptRequested", false);
        }

        if (S("isReadReceiptRequested"))
        {
            w.WriteBoolean("isReadReceiptRequested", false);
        }

        if (S("isRead"))
        {
            w.WriteBoolean("isRead", m.IsRead);
        }

        if (S("isDraft"))
        {
            w.WriteBoolean("isDraft", false);
        }

        if (S("webLink"))
        {
            w.WriteString("webLink", m.WebLink ?? "https://outlook.office365.com/owa/?ItemID=" + Uri.EscapeDataString(m.Id) + "&exvsurl=1&viewmodel=ReadMessageItem");
        }

        if (S("inferenceClassification"))
        {
            w.WriteString("inferenceClassification", "focused");
        }

        if (S("body"))
        {
            WriteBody(w, "body", m.BodyHtml, rendering.TextBodies);
        }

        if (S("uniqueBody"))
        {
            WriteBody(w, "uniqueBody", m.UniqueBodyHtml, rendering.TextBodies);
        }

        if (S("sender"))
        {
            WriteRecipient(w, "sender", m.From);
        }

        if (S("from"))
        {
            WriteRecipient(w, "from", m.From);
        }

        if (S("toRecipients"))
        {
            WriteRecipients(w, "toRecipients", m.To);
        }

        if (S("ccRecipients"))
        {
            WriteRecipients(w, "ccRecipients", m.Cc);
        }

        if (S("bccRecipients"))
        {
            WriteRecipients(w, "bccRecipients", []);
        }

        if (S("replyTo"))
        {
            WriteRecipients(w, "replyTo", []);
        }

        if (S("flag"))
        {
            w.WriteStartObject("flag");
            w.WriteString("flagStatus", "notFlagged");
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteBody(Utf8JsonWriter w, string name, string html, bool asText)
    {
        w.WriteStartObject(name);
        w.WriteString("contentType", asText ? "text" : "html");
        w.WriteString("content", asText ? HtmlText.ToText(html).Replace("\n", "\r\n", StringComparison.Ordinal) : html);
        w.WriteEndObject();
    }

    private static void WriteRecipients(Utf8JsonWriter w, string name, IEnumerable<Person> people)
    {
        w.WriteStartArray(name);
        foreach (var p in people)
        {
            w.WriteStartObject();
            WriteEmailAddress(w, p);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteRecipient(Utf8JsonWriter w, string name, Person person)
    {
        w.WriteStartObject(name);
        WriteEmailAddress(w, person);
        w.WriteEndObject();
    }

    private static void WriteEmailAddress(Utf8JsonWriter w, Person person)
    {
        w.WriteStartObject("emailAddress");
        w.WriteString("name", person.Name);
        w.WriteString("address", person.Email);
        w.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
