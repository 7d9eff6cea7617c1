using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Graph;

/// <summary>
/// An invitation in the inbox resolved to the meeting in the user's own calendar: the eventMessage's event iCalUId, then
/// the user's event with that iCalUId, as Graph answers them.
/// </summary>
public sealed class GraphInvitationTests : IDisposable
{
    private const string MessageId = "AAMkAGI2TG93AAA-invitation_msg=";
    private const string ICalUId = "040000008200E00074C5B7101A82E00800000000D0B6A1F0'A1";
    private const string EventId = "AAMkAGI2TG93AAA-own_event=";

    private readonly GraphFake _graph = new();

    public void Dispose() => _graph.Dispose();

    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    [Fact]
    public async Task An_invitation_resolves_to_the_users_own_copy_of_its_meeting()
    {
        Serve(MessageId, Json($$"""
            {"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users('x')/messages(id,microsoft.graph.eventMessage/event(iCalUId))/$entity",
             "@odata.type":"#microsoft.graph.eventMessage","id":"{{MessageId}}","meetingMessageType":"meetingRequest",
             "event":{"@odata.etag":"W/\"1\"","id":"AAMkAGI2TG93AAA-organizers_copy=","iCalUId":"{{ICalUId}}"} }
            """));
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/events").UsingGet())
            .RespondWith(Json($$"""{"value":[{"id":"{{EventId}}"}]}"""));

        var id = await _graph.Calendar.FindInvitedMeetingIdAsync(GraphFake.User, MessageId, TestContext.Current.CancellationToken);

        Assert.Equal(EventId, id);
        var read = Assert.Single(_graph.Wire.Exchanges, e => e.Uri.AbsolutePath.Contains("/messages/", StringComparison.Ordinal));
        Assert.Contains("$expand=microsoft.graph.eventMessage/event($select=iCalUId)", Uri.UnescapeDataString(read.Uri.Query), StringComparison.Ordinal);
        var lookup = Assert.Single(_graph.Wire.To("/events"));
        // The iCalUId as an OData string literal: its quote doubled, so it cannot end the filter early.
        Assert.Contains("$filter=iCalUId eq '040000008200E00074C5B7101A82E00800000000D0B6A1F0''A1'", Uri.UnescapeDataString(lookup.Uri.Query).Replace('+', ' '), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plain_message_a_missing_message_or_a_meeting_not_in_the_calendar_resolves_to_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        Serve("AAMk-plain=", Json("""{"@odata.type":"#microsoft.graph.message","id":"AAMk-plain="}"""));
        Serve("AAMk-gone=", Json("""{"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store."}}""", 404));
        Serve("AAMk-elsewhere=", Json("""{"@odata.type":"#microsoft.graph.eventMessage","id":"AAMk-elsewhere=","event":{"id":"x","iCalUId":"uid-1"} }"""));
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/events").UsingGet()).RespondWith(Json("""{"value":[]}"""));

        Assert.Null(await _graph.Calendar.FindInvitedMeetingIdAsync(GraphFake.User, "AAMk-plain=", ct));
        Assert.Empty(_graph.Wire.To("/events")); // a plain message has no meeting to look for
        Assert.Null(await _graph.Calendar.FindInvitedMeetingIdAsync(GraphFake.User, "AAMk-gone=", ct));
        Assert.Null(await _graph.Calendar.FindInvitedMeetingIdAsync(GraphFake.User, "AAMk-elsewhere=", ct));
        Assert.Single(_graph.Wire.To("/events"));

        // Not an id at all (a dot segment would name another resource): Graph is not asked.
        var before = _graph.Wire.Exchanges.Count;
        Assert.Null(await _graph.Calendar.FindInvitedMeetingIdAsync(GraphFake.User, "..", ct));
        Assert.Equal(before, _graph.Wire.Exchanges.Count);
    }

    private void Serve(string messageId, IResponseBuilder response) =>
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/messages/" + messageId).UsingGet()).RespondWith(response);
}
