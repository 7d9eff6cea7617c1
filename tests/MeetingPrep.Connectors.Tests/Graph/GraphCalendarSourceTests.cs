using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Graph;

public sealed class GraphCalendarSourceTests : IDisposable
{
    private static readonly DateTimeOffset From = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = new(2025, 3, 15, 8, 0, 0, TimeSpan.Zero);
    private const string Me = "adelev@contoso.com";
    private readonly GraphFake _graph = new();

    public void Dispose() => _graph.Dispose();

    private void ServeOrganization() =>
        _graph.Server.Given(Request.Create().WithPath("/v1.0/organization").UsingGet())
            .RespondWith(Json(_graph.Fixture("organization-verifieddomains.json")));

    private void ServeCalendarView(string body, int priority = 10) =>
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/calendarView").UsingGet()).AtPriority(priority)
            .RespondWith(Json(body));

    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    [Fact]
    public async Task Pages_are_followed_and_the_request_has_the_documented_shape()
    {
        ServeOrganization();
        var page1 = _graph.Fixture("calendarview-page1.json")
            .Replace(_graph.BaseUrl + "/me/calendarView", _graph.BaseUrl + $"/users/{GraphFake.UserId}/calendarView", StringComparison.Ordinal);
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/calendarView").WithParam("$skip", "3").UsingGet()).AtPriority(1)
            .RespondWith(Json(_graph.Fixture("calendarview-page2.json")));
        ServeCalendarView(page1);

        var meetings = await _graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken);

        Assert.Equal(6, meetings.Count);
        var views = _graph.Wire.To("/calendarView");
        Assert.Equal(2, views.Count);
        var first = views[0];
        Assert.Equal("2025-03-10T08:00:00.0000000Z", first.Query("startDateTime"));
        Assert.Equal("2025-03-15T08:00:00.0000000Z", first.Query("endDateTime"));
        Assert.Equal(
            "id,iCalUId,subject,body,bodyPreview,start,end,isAllDay,organizer,attendees,isOnlineMeeting,onlineMeeting,onlineMeetingProvider,location,seriesMasterId,type,isCancelled,isOrganizer,responseStatus,categories,sensitivity,showAs,webLink",
            first.Query("$select"));
        Assert.Equal("start/dateTime", first.Query("$orderby"));
        Assert.Equal("250", first.Query("$top"));
        Assert.Equal("outlook.timezone=\"UTC\"", first.Prefer);

        // The nextLink is followed as is, and the Prefer header is sent again (links do not carry headers).
        Assert.Equal("3", views[1].Query("$skip"));
        Assert.Equal("outlook.timezone=\"UTC\"", views[1].Prefer);
        Assert.Equal(3, _graph.Wire.Exchanges.Count);

        // The tenant domains are read beside the first page, not before it.
        Assert.Equal(2, _graph.Wire.RoundTrips);
    }

    [Fact]
    public async Task Fixture_events_map_to_core_meetings_with_affiliation_recurrence_and_redaction()
    {
        ServeOrganization();
        var page1 = _graph.Fixture("calendarview-page1.json")
            .Replace(_graph.BaseUrl + "/me/calendarView", _graph.BaseUrl + $"/users/{GraphFake.UserId}/calendarView", StringComparison.Ordinal);
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/calendarView").WithParam("$skip", "3").UsingGet()).AtPriority(1)
            .RespondWith(Json(_graph.Fixture("calendarview-page2.json")));
        ServeCalendarView(page1);

        var meetings = await _graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken);

        var renewal = meetings[0];
        Assert.Equal("Fabrikam renewal review", renewal.Subject);
        Assert.Equal(new DateTimeOffset(2025, 3, 10, 16, 0, 0, TimeSpan.Zero), renewal.Start); // 09:00 PDT (DST began 9 March)
        Assert.Equal(MeetingType.SingleInstance, renewal.Type);
        Assert.Equal("alex.kim@fabrikam.com", renewal.Organizer.Email);
        // The customer organised it: the organizer is one of them, counted once, first.
        Assert.Equal(Affiliation.External, renewal.OrganizerAffiliation);
        Assert.Equal(["alex.kim@fabrikam.com", "priya.n@fabrikam.com"], renewal.ExternalAttendees.Select(a => a.Person.Email));
        Assert.Equal(AttendeeType.Optional, renewal.Attendees.Single(a => a.Person.Email == "diegos@contoso.com").Type);
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", renewal.JoinUrl!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(["Customer"], renewal.Categories);
        Assert.Equal("Microsoft Teams Meeting", renewal.Location);
        Assert.Equal(ShowAs.Busy, renewal.ShowAs);

        var occurrence = meetings.Single(m => m.Type == MeetingType.Occurrence);
        var exception = meetings.Single(m => m.Type == MeetingType.Exception);
        Assert.NotNull(occurrence.SeriesId);
        Assert.Equal(occurrence.SeriesId, exception.SeriesId);
        Assert.NotEqual(occurrence.Id, exception.Id);
        Assert.Equal(new DateTimeOffset(2025, 3, 13, 21, 0, 0, TimeSpan.Zero), exception.Start); // moved to 2 pm PDT
        Assert.Equal(ResponseStatus.Declined, occurrence.Attendees.Single(a => a.Person.Email == "priya.n@fabrikam.com").Response);

        var dentist = meetings.Single(m => m.Sensitivity == Sensitivity.Private);
        Assert.True(dentist.IsPrivate);
        Assert.Equal("Private appointment", dentist.Subject);
        Assert.Empty(dentist.Attendees);
        Assert.Empty(dentist.Categories);
        Assert.Null(dentist.BodyPreview);
        Assert.Null(dentist.Location);
        Assert.Null(dentist.JoinUrl);
        Assert.DoesNotContain(meetings, m => (m.BodyPreview ?? string.Empty).Contains("Okafor", StringComparison.Ordinal)
            || (m.Location ?? string.Empty).Contains("Dental", StringComparison.Ordinal));

        var cancelled = meetings.Single(m => m.IsCancelled);
        Assert.StartsWith("Canceled:", cancelled.Subject, StringComparison.Ordinal);

        var internalOnly = meetings.Single(m => m.Subject == "Q2 pipeline review (internal)");
        Assert.Empty(internalOnly.ExternalAttendees);
        Assert.Equal(Affiliation.Internal, internalOnly.Attendees.Single(a => a.Person.Email == "lina.moreau@eu.contoso.com").Affiliation);
        Assert.True(internalOnly.Attendees.Single(a => a.Person.Email == "rainier@contoso.com").IsRoom);
    }

    [Fact]
    public async Task A_customer_organised_meeting_is_external_declined_people_are_not_coming_and_the_agenda_is_read()
    {
        ServeOrganization();
        var ev = GraphJson.Event(
            "evt-cust",
            "2025-03-11T15:00:00",
            "2025-03-11T16:00:00",
            subject: "Renewal check-in",
            organizer: "ben.carter@fabrikam.com",
            attendees:
            [
                ("Adele Vance", Me, "required", "accepted"),
                ("Diego Siciliani", "diegos@contoso.com", "required", "declined"),
                ("Ben Carter", "ben.carter@fabrikam.com", "required", "organizer"),
                ("Olivia Chen", "olivia.chen@fabrikam.com", "optional", "none"),
            ]);
        ev["body"] = new System.Text.Json.Nodes.JsonObject
        {
            ["contentType"] = "html",
            ["content"] = "<html><body><div>Agenda: 1) Renewal quote 2) Outage credit</div><br>"
                + "<div><span>________________________________________________________________________________</span></div>"
                + "<div><span>Microsoft Teams meeting</span></div><div><a href=\"https://teams.microsoft.com/l/meetup-join/x\">Click here to join the meeting</a></div>"
                + "<div>Meeting ID: 284 615 903 277</div></body></html>",
        };
        ServeCalendarView(GraphJson.Page([ev]));

        var meeting = Assert.Single(await _graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken));

        Assert.Equal(Affiliation.External, meeting.OrganizerAffiliation);
        Assert.True(meeting.HasExternalPeople);
        Assert.Equal(["ben.carter@fabrikam.com", "olivia.chen@fabrikam.com"], meeting.ExternalAttendees.Select(a => a.Person.Email));
        Assert.Equal([Me], meeting.InternalAttendees.Select(a => a.Person.Email));
        Assert.Equal(["diegos@contoso.com"], meeting.Declined.Select(a => a.Person.Email));
        Assert.Equal("Agenda: 1) Renewal quote 2) Outage credit", meeting.Body);
    }

    [Fact]
    public async Task Tenant_domains_are_fetched_once_and_cached()
    {
        ServeOrganization();
        ServeCalendarView(GraphJson.Page([]));

        await _graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken);
        var domains = await _graph.Calendar.GetTenantDomainsAsync(GraphFake.User, TestContext.Current.CancellationToken);
        await _graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken);

        var org = Assert.Single(_graph.Wire.To("/organization"));
        Assert.Equal("id,displayName,verifiedDomains", org.Query("$select"));
        Assert.Contains("eu.contoso.com", domains.Domains);
        Assert.Equal(Affiliation.Internal, domains.Classify("someone@litware.com"));
        Assert.Equal(Affiliation.External, domains.Classify("alex.kim@fabrikam.com"));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task Throttling_outside_a_batch_is_retried_after_Retry_After(int status)
    {
        ServeOrganization();
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/calendarView").UsingGet())
            .InScenario("throttle").WillSetStateTo("served")
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Retry-After", "1").WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"ApplicationThrottled","message":"Application is over its MailboxConcurrency limit."}}"""));
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/calendarView").UsingGet())
            .InScenario("throttle").WhenStateIs("served")
            .RespondWith(Json(GraphJson.Page([GraphJson.Event("e1", "2025-03-11T10:00:00.0000000", "2025-03-11T11:00:00.0000000")])));

        var meetings = await _graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken);

        // The SDK's retry handler waits out the Retry-After (on the real clock, its own); the retry follows the answer.
        Assert.Single(meetings);
        var calls = _graph.Wire.To("/calendarView");
        Assert.Equal([status, 200], calls.Select(e => e.Status));
        Assert.True(calls[1].Started > calls[0].Finished);
    }

    [Theory]
    [InlineData(429, "11")]
    [InlineData(503, "600")]
    public async Task A_Retry_After_longer_than_the_cap_outside_a_batch_is_not_waited_out(int status, string retryAfter)
    {
        // Graph:MaxRetryAfterSeconds keeps its default (10 s); the call timeout is longer, so only the cap can end this early.
        using var graph = new GraphFake(o => o.TimeoutSeconds = 120);
        graph.Server.Given(Request.Create().WithPath("/v1.0/organization").UsingGet())
            .RespondWith(Json(graph.Fixture("organization-verifieddomains.json")));
        graph.Server.Given(Request.Create().WithPath(graph.UserPath + "/calendarView").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Retry-After", retryAfter).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"ApplicationThrottled","message":"Application is over its MailboxConcurrency limit."}}"""));

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(
            () => graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken));

        Assert.True(ex.IsTransient);
        Assert.DoesNotContain("did not answer", ex.Message, StringComparison.Ordinal);
        Assert.Equal([status], graph.Wire.To("/calendarView").Select(e => e.Status));
    }

    [Fact]
    public async Task Persistent_503_becomes_a_transient_unavailable_source_after_bounded_retries()
    {
        ServeOrganization();
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/calendarView").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "1"));

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(
            () => _graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken));

        Assert.True(ex.IsTransient);
        Assert.Equal("calendar", ex.SourceName);
        Assert.Equal(_graph.Options.MaxRetries + 1, _graph.Wire.To("/calendarView").Count);
    }

    [Fact]
    public async Task A_slow_answer_times_out_as_unavailable()
    {
        using var graph = new GraphFake(o => o.TimeoutSeconds = 1);
        graph.Server.Given(Request.Create().WithPath("/v1.0/organization").UsingGet())
            .RespondWith(Json(graph.Fixture("organization-verifieddomains.json")));
        graph.Server.Given(Request.Create().WithPath(graph.UserPath + "/calendarView").UsingGet())
            .RespondWith(Json(GraphJson.Page([])).WithDelay(TimeSpan.FromSeconds(30)));
        var ct = TestContext.Current.CancellationToken;

        // Once the calendar request is out (the tenant's domains already read), the call's second passes on its clock.
        var reading = graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, ct);
        await graph.Wire.SentAsync("/calendarView").WaitAsync(ct);
        await graph.Wire.FinishedAsync("/organization").WaitAsync(ct);
        graph.Clock.Advance(TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(() => reading);

        Assert.Contains("did not answer within 1 seconds", ex.Message, StringComparison.Ordinal);
        Assert.Empty(graph.Wire.To("/calendarView"));
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_an_outage()
    {
        ServeOrganization();
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/calendarView").UsingGet())
            .RespondWith(Json(GraphJson.Page([])).WithDelay(TimeSpan.FromSeconds(30)));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var reading = _graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, cts.Token);
        await _graph.Wire.SentAsync("/calendarView").WaitAsync(TestContext.Current.CancellationToken);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    [Fact]
    public async Task Malformed_json_is_an_unavailable_source_with_a_safe_message()
    {
        ServeOrganization();
        ServeCalendarView("""{"value":[{"id":"x","start":{"dateTime":""" );

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(
            () => _graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken));

        Assert.Equal("Microsoft Graph sent an answer that could not be read.", ex.Message);
    }

    [Fact]
    public async Task Forbidden_mailbox_says_an_administrator_must_grant_access()
    {
        ServeOrganization();
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/calendarView").UsingGet())
            .RespondWith(Json("""{"error":{"code":"ErrorAccessDenied","message":"Access is denied."}}""", 403));

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(
            () => _graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken));

        Assert.False(ex.IsTransient);
        Assert.Contains("administrator", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Time_zones_and_DST_boundaries_convert_to_utc()
    {
        ServeOrganization();
        ServeCalendarView(GraphJson.Page(
        [
            // Europe/Berlin switches to CEST at 02:00 on 30 March 2025 and back at 03:00 on 26 October 2025.
            GraphJson.Event("before-spring", "2025-03-30T01:30:00.0000000", "2025-03-30T03:30:00.0000000", "Europe/Berlin"),
            GraphJson.Event("after-spring", "2025-03-31T09:00:00.0000000", "2025-03-31T10:00:00.0000000", "W. Europe Standard Time"),
            GraphJson.Event("before-autumn", "2025-10-25T12:00:00.0000000", "2025-10-25T13:00:00.0000000", "W. Europe Standard Time"),
            GraphJson.Event("after-autumn", "2025-10-26T12:00:00.0000000", "2025-10-26T13:00:00.0000000", "Europe/Berlin"),
            GraphJson.Event("pacific", "2025-03-08T09:00:00.0000000", "2025-03-08T10:00:00.0000000", "Pacific Standard Time"),
            GraphJson.Event("utc", "2025-03-12T09:00:00.0000000", "2025-03-12T10:00:00.0000000", "UTC"),
            GraphJson.Event("all-day", "2025-03-12T00:00:00.0000000", "2025-03-13T00:00:00.0000000", "UTC", isAllDay: true),
        ]));

        var byId = (await _graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken)).ToDictionary(m => m.Id);

        Assert.Equal(new DateTimeOffset(2025, 3, 30, 0, 30, 0, TimeSpan.Zero), byId["before-spring"].Start);
        Assert.Equal(new DateTimeOffset(2025, 3, 30, 1, 30, 0, TimeSpan.Zero), byId["before-spring"].End); // 03:30 CEST
        Assert.Equal(TimeSpan.FromHours(1), byId["before-spring"].End - byId["before-spring"].Start);
        Assert.Equal(new DateTimeOffset(2025, 3, 31, 7, 0, 0, TimeSpan.Zero), byId["after-spring"].Start);
        Assert.Equal(new DateTimeOffset(2025, 10, 25, 10, 0, 0, TimeSpan.Zero), byId["before-autumn"].Start);
        Assert.Equal(new DateTimeOffset(2025, 10, 26, 11, 0, 0, TimeSpan.Zero), byId["after-autumn"].Start);
        Assert.Equal(new DateTimeOffset(2025, 3, 8, 17, 0, 0, TimeSpan.Zero), byId["pacific"].Start); // PST, DST starts 9 March
        Assert.Equal(new DateTimeOffset(2025, 3, 12, 9, 0, 0, TimeSpan.Zero), byId["utc"].Start);
        Assert.True(byId["all-day"].IsAllDay);
        Assert.Equal(TimeSpan.FromDays(1), byId["all-day"].End - byId["all-day"].Start);
        Assert.All(byId.Values, m => Assert.Equal(TimeSpan.Zero, m.Start.Offset));
    }

    [Fact]
    public async Task An_unknown_time_zone_is_reported_not_guessed()
    {
        ServeOrganization();
        ServeCalendarView(GraphJson.Page([GraphJson.Event("x", "2025-03-12T09:00:00.0000000", "2025-03-12T10:00:00.0000000", "Mars/Olympus_Mons")]));

        var ex = await Assert.ThrowsAsync<SourceUnavailableException>(
            () => _graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken));
        Assert.Contains("unknown time zone", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_150_attendee_meeting_keeps_everyone_classified_and_a_private_one_keeps_no_one()
    {
        ServeOrganization();
        var attendees = Enumerable.Range(0, 150).Select(i => i % 3 == 0
            ? ($"Internal {i}", $"person{i}@contoso.com", "required", "accepted")
            : ($"Guest {i}", $"guest{i}@northwind{i % 7}.example", "optional", "none")).ToList();
        ServeCalendarView(GraphJson.Page(
        [
            GraphJson.Event("big", "2025-03-12T16:00:00.0000000", "2025-03-12T17:00:00.0000000", subject: "All-hands with partners", attendees: attendees),
            GraphJson.Event("big-private", "2025-03-13T16:00:00.0000000", "2025-03-13T17:00:00.0000000", subject: "Board", sensitivity: "confidential", attendees: attendees),
        ]));

        var meetings = await _graph.Calendar.GetMeetingsAsync(GraphFake.User, From, To, TestContext.Current.CancellationToken);

        var big = meetings.Single(m => m.Id == "big");
        Assert.Equal(150, big.Attendees.Count);
        Assert.Equal(50, big.InternalAttendees.Count());
        Assert.Equal(101, big.ExternalAttendees.Count()); // the 100 guests and the external organizer
        var secret = meetings.Single(m => m.Id == "big-private");
        Assert.Equal(Sensitivity.Confidential, secret.Sensitivity);
        Assert.Empty(secret.Attendees);
        Assert.Equal("Private appointment", secret.Subject);
        Assert.Equal(GraphFake.User.Upn, secret.Organizer.Email);
    }

    [Fact]
    public async Task One_meeting_by_id_and_a_missing_one_is_null()
    {
        ServeOrganization();
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/events/known").UsingGet())
            .RespondWith(Json(GraphJson.Event("known", "2025-03-12T09:00:00.0000000", "2025-03-12T10:00:00.0000000", "Pacific Standard Time").ToJsonString()));
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/events/gone").UsingGet())
            .RespondWith(Json("""{"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store."}}""", 404));

        var known = await _graph.Calendar.GetMeetingAsync(GraphFake.User, "known", TestContext.Current.CancellationToken);
        var gone = await _graph.Calendar.GetMeetingAsync(GraphFake.User, "gone", TestContext.Current.CancellationToken);

        Assert.Equal(new DateTimeOffset(2025, 3, 12, 16, 0, 0, TimeSpan.Zero), known!.Start);
        Assert.Null(gone);
        var request = _graph.Wire.To("/events/known").Single();
        Assert.StartsWith("id,iCalUId,subject", request.Query("$select"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_cold_the_event_and_the_tenant_domains_are_read_side_by_side()
    {
        // The organization answer is slow: read one after the other, the event would start only after it.
        _graph.Server.Given(Request.Create().WithPath("/v1.0/organization").UsingGet())
            .RespondWith(Json(_graph.Fixture("organization-verifieddomains.json")).WithDelay(TimeSpan.FromSeconds(1)));
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/events/known").UsingGet())
            .RespondWith(Json(GraphJson.Event("known", "2025-03-12T09:00:00.0000000", "2025-03-12T10:00:00.0000000", "Pacific Standard Time").ToJsonString()));

        var known = await _graph.Calendar.GetMeetingAsync(GraphFake.User, "known", TestContext.Current.CancellationToken);

        Assert.NotNull(known);
        Assert.Equal(2, _graph.Wire.Exchanges.Count);
        Assert.Equal(1, _graph.Wire.RoundTrips);
    }

    [Fact]
    public async Task A_history_read_started_early_is_the_one_the_briefing_then_uses()
    {
        ServeOrganization();
        var alex = ("Alex Kim", "alex.kim@fabrikam.com", "required", "accepted");
        ServeCalendarView(GraphJson.Page([GraphJson.Event("recent", "2025-03-10T07:00:00.0000000", "2025-03-10T07:30:00.0000000", attendees: [alex], organizer: Me)]));
        var since = From.AddDays(-90);

        _graph.Calendar.StartReadingHistory(GraphFake.User, since, From);
        var prior = await _graph.Calendar.GetMeetingsWithAsync(GraphFake.User, ["alex.kim@fabrikam.com"], since, From, TestContext.Current.CancellationToken);

        Assert.Equal(["recent"], prior.Select(m => m.Id));
        Assert.Single(_graph.Wire.To("/calendarView"));
    }

    [Fact]
    public async Task Prior_meetings_with_people_are_newest_first_and_skip_declined_cancelled_and_private()
    {
        ServeOrganization();
        var alex = ("Alex Kim", "alex.kim@fabrikam.com", "required", "accepted");
        var alexDeclined = ("Alex Kim", "alex.kim@fabrikam.com", "required", "declined");
        var other = ("Someone", "someone@northwind.example", "required", "accepted");
        ServeCalendarView(GraphJson.Page(
        [
            GraphJson.Event("old", "2025-01-10T09:00:00.0000000", "2025-01-10T10:00:00.0000000", attendees: [alex], organizer: Me),
            GraphJson.Event("newer", "2025-02-10T09:00:00.0000000", "2025-02-10T10:00:00.0000000", attendees: [alex], organizer: Me),
            GraphJson.Event("declined", "2025-02-11T09:00:00.0000000", "2025-02-11T10:00:00.0000000", attendees: [alexDeclined], organizer: Me),
            GraphJson.Event("cancelled", "2025-02-12T09:00:00.0000000", "2025-02-12T10:00:00.0000000", attendees: [alex], isCancelled: true, organizer: Me),
            GraphJson.Event("private", "2025-02-13T09:00:00.0000000", "2025-02-13T10:00:00.0000000", attendees: [alex], sensitivity: "private", organizer: Me),
            GraphJson.Event("unrelated", "2025-02-14T09:00:00.0000000", "2025-02-14T10:00:00.0000000", attendees: [other], organizer: Me),
        ]));

        // Addresses compare case-insensitively.
        var prior = await _graph.Calendar.GetMeetingsWithAsync(
            GraphFake.User, ["ALEX.KIM@fabrikam.com"], new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), From, TestContext.Current.CancellationToken);

        Assert.Equal(["newer", "old"], prior.Select(m => m.Id));
        var request = _graph.Wire.To("/calendarView").Single();
        Assert.Equal("2025-01-01T00:00:00.0000000Z", request.Query("startDateTime"));
    }

    [Fact]
    public async Task Briefings_minutes_apart_share_one_read_of_the_past_window_cut_to_their_own_bounds()
    {
        ServeOrganization();
        var alex = ("Alex Kim", "alex.kim@fabrikam.com", "required", "accepted");
        ServeCalendarView(GraphJson.Page(
        [
            GraphJson.Event("early", "2025-01-01T06:00:00.0000000", "2025-01-01T07:00:00.0000000", attendees: [alex], organizer: Me),
            GraphJson.Event("recent", "2025-03-10T07:00:00.0000000", "2025-03-10T07:30:00.0000000", attendees: [alex], organizer: Me),
        ]));
        var since = new DateTimeOffset(2025, 1, 1, 5, 0, 0, TimeSpan.Zero);

        var first = await _graph.Calendar.GetMeetingsWithAsync(GraphFake.User, ["alex.kim@fabrikam.com"], since, From, TestContext.Current.CancellationToken);
        var later = await _graph.Calendar.GetMeetingsWithAsync(GraphFake.User, ["alex.kim@fabrikam.com"], since.AddHours(2), From.AddMinutes(3), TestContext.Current.CancellationToken);

        Assert.Equal(["recent", "early"], first.Select(m => m.Id));
        Assert.Equal(["recent"], later.Select(m => m.Id));
        var request = Assert.Single(_graph.Wire.To("/calendarView"));
        Assert.Equal("2025-01-01T00:00:00.0000000Z", request.Query("startDateTime"));
        Assert.Equal("2025-03-10T09:00:00.0000000Z", request.Query("endDateTime"));
    }
}
