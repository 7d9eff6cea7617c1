using MeetingPrep.Connectors.Graph;
using MeetingPrep.Core.Sources;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit;

namespace MeetingPrep.Connectors.Tests.Graph;

/// <summary>The user's time zone from their mailbox settings, as Graph answers it (Windows or IANA ids), cached per user.</summary>
public sealed class GraphMailboxTimeZoneTests : IDisposable
{
    // No SDK retries: an outage is seen on its first answer.
    private readonly GraphFake _graph = new(o => o.MaxRetries = 0);
    private readonly GraphMailboxTimeZone _zones;

    public GraphMailboxTimeZoneTests() => _zones = new GraphMailboxTimeZone(_graph.Client, _graph.Caller, _graph.Clock);

    public void Dispose() => _graph.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private void Serve(string body, int status = 200) =>
        _graph.Server.Given(Request.Create().WithPath(_graph.UserPath + "/mailboxSettings").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    [Theory]
    [InlineData("W. Europe Standard Time")]
    [InlineData("Europe/Berlin")]
    public async Task The_mailbox_zone_is_read_once_and_reused_until_it_expires(string zone)
    {
        Serve($$"""{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#users('x')/mailboxSettings(timeZone)","timeZone":"{{zone}}"}""");

        Assert.Equal(zone, await _zones.GetTimeZoneAsync(GraphFake.User, Ct));
        Assert.Equal(zone, await _zones.GetTimeZoneAsync(GraphFake.User, Ct));
        var read = Assert.Single(_graph.Wire.To("/mailboxSettings"));
        Assert.Contains("$select=timeZone", Uri.UnescapeDataString(read.Uri.Query), StringComparison.Ordinal);

        _graph.Clock.Advance(GraphMailboxTimeZone.Lifetime);
        await _zones.GetTimeZoneAsync(GraphFake.User, Ct);
        Assert.Equal(2, _graph.Wire.To("/mailboxSettings").Count);
    }

    [Fact]
    public async Task A_zone_of_outlooks_own_or_none_is_no_zone()
    {
        Serve("""{"timeZone":"Customized Time Zone"}""");
        Assert.Null(await _zones.GetTimeZoneAsync(GraphFake.User, Ct));
    }

    [Fact]
    public async Task A_refusal_is_remembered_as_no_zone_but_an_outage_is_asked_again()
    {
        Serve("""{"error":{"code":"ErrorAccessDenied","message":"Access is denied. Check credentials and try again."}}""", 403);
        Assert.Null(await _zones.GetTimeZoneAsync(GraphFake.User, Ct));
        Assert.Null(await _zones.GetTimeZoneAsync(GraphFake.User, Ct));
        Assert.Single(_graph.Wire.To("/mailboxSettings"));

        var other = GraphFake.User with { UserId = "9a8b7c6d-0000-4000-8000-000000000002" };
        _graph.Server.Given(Request.Create().WithPath($"{new Uri(_graph.BaseUrl).AbsolutePath}/users/{other.UserId}/mailboxSettings").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"ServiceUnavailable","message":"scripted"}}"""));
        var outage = await Assert.ThrowsAsync<SourceUnavailableException>(() => _zones.GetTimeZoneAsync(other, Ct));
        Assert.True(outage.IsTransient);
        await Assert.ThrowsAsync<SourceUnavailableException>(() => _zones.GetTimeZoneAsync(other, Ct));
        Assert.Equal(3, _graph.Wire.To("/mailboxSettings").Count);
    }
}
