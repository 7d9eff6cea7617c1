using System.Text.Json.Nodes;

namespace MeetingPrep.Connectors.Tests.Graph;

/// <summary>Builds Graph wire-format JSON (event and message resources) for cases the shared fixtures do not cover.</summary>
internal static class GraphJson
{
    public static JsonObject Event(
        string id,
        string start,
        string end,
        string timeZone = "UTC",
        string subject = "Meeting",
        string sensitivity = "normal",
        string type = "singleInstance",
        string? seriesMasterId = null,
        IEnumerable<(string Name, string Address, string Type, string Response)>? attendees = null,
        bool isAllDay = false,
        bool isCancelled = false,
        string organizer = "alex.kim@fabrikam.com") =>
        new()
        {
            ["id"] = id,
            ["iCalUId"] = "ical-" + id,
            ["subject"] = subject,
            ["bodyPreview"] = "Preview of " + subject,
            ["isAllDay"] = isAllDay,
            ["isCancelled"] = isCancelled,
            ["sensitivity"] = sensitivity,
            ["showAs"] = "busy",
            ["type"] = type,
            ["seriesMasterId"] = seriesMasterId,
            ["categories"] = new JsonArray("Customer"),
            ["webLink"] = "https://outlook.office365.com/owa/?itemid=" + id,
            ["start"] = new JsonObject { ["dateTime"] = start, ["timeZone"] = timeZone },
            ["end"] = new JsonObject { ["dateTime"] = end, ["timeZone"] = timeZone },
            ["location"] = new JsonObject { ["displayName"] = "Room 1" },
            ["onlineMeeting"] = new JsonObject { ["joinUrl"] = "https://teams.microsoft.com/l/meetup-join/" + id },
            ["organizer"] = Address(organizer, organizer),
            ["attendees"] = new JsonArray(
                [
                    .. (attendees ?? []).Select(a => (JsonNode)new JsonObject
                    {
                        ["type"] = a.Type,
                        ["status"] = new JsonObject { ["response"] = a.Response, ["time"] = "0001-01-01T00:00:00Z" },
                        ["emailAddress"] = new JsonObject { ["name"] = a.Name, ["address"] = a.Address },
                    }),
                ]),
        };

    public static JsonObject Message(
        string id, string sent, string from, string[] to, string body, string contentType = "html", string? conversationId = null) =>
        new()
        {
            ["id"] = id,
            ["conversationId"] = conversationId ?? "conv-" + id,
            ["subject"] = "Subject " + id,
            ["sentDateTime"] = sent,
            ["hasAttachments"] = false,
            ["webLink"] = "https://outlook.office365.com/owa/?ItemID=" + id,
            ["uniqueBody"] = new JsonObject { ["contentType"] = contentType, ["content"] = body },
            ["from"] = Address(from, from),
            ["toRecipients"] = new JsonArray([.. to.Select(t => (JsonNode)Address(t, t))]),
            ["ccRecipients"] = new JsonArray(),
        };

    public static string Page(IEnumerable<JsonObject> items, string? nextLink = null, string? deltaLink = null)
    {
        var page = new JsonObject { ["value"] = new JsonArray([.. items]) };
        if (nextLink is not null)
        {
            page["@odata.nextLink"] = nextLink;
        }

        if (deltaLink is not null)
        {
            page["@odata.deltaLink"] = deltaLink;
        }

        return page.ToJsonString();
    }

    private static JsonObject Address(string name, string address) =>
        new() { ["emailAddress"] = new JsonObject { ["name"] = name, ["address"] = address } };
}
