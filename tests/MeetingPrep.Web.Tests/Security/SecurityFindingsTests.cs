using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MeetingPrep.Web.Api;
using MeetingPrep.Web.Graph;
using MeetingPrep.Web.Security;

namespace MeetingPrep.Web.Tests.Security;

/// <summary>
/// The findings of the security review (issue 13) that the demo host shows, each as it was reported: bad input answered
/// with a clean 4xx instead of a 500, size limits on what one person stores, and security headers.
/// </summary>
public sealed class SecurityFindingsTests : IAsyncLifetime
{
    private readonly MeetingPrepApp _app = new();
    private HttpClient _client = null!;
    private string _meetingId = null!;

    public async ValueTask InitializeAsync()
    {
        _client = _app.CreateClient();
        using var doc = JsonDocument.Parse(await _client.GetStringAsync("/api/me/meetings", Ct));
        _meetingId = doc.RootElement.GetProperty("meetings").EnumerateArray().First(m => m.GetProperty("briefed").GetBoolean()).GetProperty("id").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    public async Task A_dot_segment_meeting_id_on_the_card_action_api_is_a_400(string meetingId)
    {
        using var response = await _client.PostAsJsonAsync("/api/cards/action?host=outlook", new { verb = "refresh", data = new { meetingId } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_card_action_body_over_64_KB_is_a_413_with_or_without_a_declared_length()
    {
        var big = JsonSerializer.Serialize(new { verb = "settings.save", data = new { instructions = new string('x', 70 * 1024) } });

        using var declared = await _client.PostAsync("/api/cards/action?host=outlook", new StringContent(big, Encoding.UTF8, "application/json"), Ct);
        using var chunked = await _client.PostAsync("/api/cards/action?host=outlook", Chunked(big), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
    }

    [Fact]
    public async Task A_webhook_body_over_1_MB_is_a_413()
    {
        var big = "{\"value\":[" + string.Join(',', Enumerable.Repeat("{\"a\":\"" + new string('x', 1000) + "\"}", 1100)) + "]}";

        using var declared = await _client.PostAsync(GraphNotificationEndpoints.Path, new StringContent(big, Encoding.UTF8, "application/json"), Ct);
        using var chunked = await _client.PostAsync(GraphNotificationEndpoints.Path, Chunked(big), Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
    }

    [Theory]
    [InlineData("from=9999-12-31T23:59:59Z")]
    [InlineData("from=0001-01-01T00:00:00Z")]
    [InlineData("to=9999-12-31T23:59:59Z")]
    public async Task A_far_off_meetings_window_is_a_400(string query)
    {
        using var response = await _client.GetAsync("/api/me/meetings?" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"kind":"bogus"}""")]
    [InlineData("""{"kind":7}""")]
    [InlineData("""{"kind":"helpful","comment":5}""")]
    public async Task Feedback_with_an_unknown_kind_is_a_400(string body)
    {
        using var response = await _client.PostAsync($"/api/meetings/{Uri.EscapeDataString(_meetingId)}/feedback", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_feedback_item_key_over_512_characters_is_refused_and_not_stored()
    {
        using var tooLong = await _client.PostAsJsonAsync($"/api/meetings/{Uri.EscapeDataString(_meetingId)}/feedback", new { kind = "wrong", itemKey = new string('k', 513) }, Ct);
        using var fits = await _client.PostAsJsonAsync($"/api/meetings/{Uri.EscapeDataString(_meetingId)}/feedback", new { kind = "wrong", itemKey = new string('k', 512) }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, fits.StatusCode);
        await using var scope = _app.Services.CreateAllTenantsScope();
        var db = scope.ServiceProvider.GetRequiredService<MeetingPrep.Storage.MeetingPrepDbContext>();
        Assert.DoesNotContain(db.Feedback, f => f.ItemKey != null && f.ItemKey.Length > 512);
    }

    [Fact]
    public async Task A_huge_recipe_patch_is_refused_and_nothing_is_stored()
    {
        var megabytes = new { mutedSeries = Enumerable.Range(0, 5000).Select(i => $"series-{i}-" + new string('s', 1000)).ToArray() };
        var tooMany = new { excludeKeywords = Enumerable.Range(0, 300).Select(i => $"k{i}").ToArray() };

        using var huge = await _client.PutAsJsonAsync("/api/me/recipe", megabytes, Ct);
        using var many = await _client.PutAsJsonAsync("/api/me/recipe", tooMany, Ct);
        using var fine = await _client.PutAsJsonAsync("/api/me/recipe", new { excludeKeywords = new[] { "lunch" } }, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
        using var stored = JsonDocument.Parse(await _client.GetStringAsync("/api/me/recipe", Ct));
        Assert.Equal(["lunch"], stored.RootElement.GetProperty("own").GetProperty("excludeKeywords").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task The_demo_page_the_outlook_pane_and_crm_pages_carry_security_headers()
    {
        using var demo = await _client.GetAsync("/", Ct);
        using var pane = await _client.GetAsync("/outlook/taskpane.html", Ct);
        using var crm = await _client.GetAsync("/crm/accounts/fabrikam", Ct);
        using var api = await _client.GetAsync("/api/me/meetings", Ct);

        foreach (var response in new[] { demo, pane, crm, api })
        {
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Contains("frame-ancestors", Header(response, "Content-Security-Policy"), StringComparison.Ordinal);
        }

        Assert.Contains("script-src 'self';", Header(demo, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", Header(demo, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("DENY", Header(demo, "X-Frame-Options"));
        Assert.Contains("frame-ancestors 'none'", Header(crm, "Content-Security-Policy"), StringComparison.Ordinal);

        // The pane is framed by Outlook, so it names Outlook's origins rather than refusing every frame.
        var paneCsp = Header(pane, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'self' https://outlook.office.com", paneCsp, StringComparison.Ordinal);
        Assert.Contains("https://appsforoffice.microsoft.com", paneCsp, StringComparison.Ordinal);
        Assert.False(pane.Headers.Contains("X-Frame-Options"));
    }

    [Fact]
    public async Task The_webhook_echoes_a_validation_token_as_nosniff_text_and_refuses_a_long_one()
    {
        using var echo = await _client.PostAsync(GraphNotificationEndpoints.Path + "?validationToken=" + Uri.EscapeDataString("<html><script>alert(1)</script>"), new StringContent(string.Empty), Ct);
        using var tooLong = await _client.PostAsync(GraphNotificationEndpoints.Path + "?validationToken=" + new string('a', GraphNotificationEndpoints.MaxValidationTokenLength + 1), new StringContent(string.Empty), Ct);

        Assert.Equal(HttpStatusCode.OK, echo.StatusCode);
        Assert.Equal("text/plain", echo.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Header(echo, "X-Content-Type-Options"));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : string.Empty;

    /// <summary>A body with no Content-Length (chunked), so only the reading side can enforce a limit.</summary>
    private static StreamContent Chunked(string text)
    {
        var content = new StreamContent(new NonSeekable(Encoding.UTF8.GetBytes(text)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private sealed class NonSeekable(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
