using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Xunit;

namespace MeetingPrep.Demo.Tests;

/// <summary>Talks to the sandbox the way a Graph client does: real HttpClient, absolute nextLinks followed as given.</summary>
internal sealed class SandboxClient : IDisposable
{
    public SandboxClient(DemoTenant tenant)
    {
        Tenant = tenant;
        Handler = new GraphSandboxHandler(tenant);
        Http = new HttpClient(Handler) { BaseAddress = new Uri(GraphSandboxHandler.BaseUrl + "/") };
    }

    public DemoTenant Tenant { get; }

    public GraphSandboxHandler Handler { get; }

    public HttpClient Http { get; }

    public static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public async Task<(HttpResponseMessage Response, JsonElement Json)> GetAsync(string url, string? prefer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }

        var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(text);
        return (response, doc.RootElement.Clone());
    }

    public async Task<string> GetRawAsync(string url, string? prefer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (prefer is not null)
        {
            request.Headers.TryAddWithoutValidation("Prefer", prefer);
        }

        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    public async Task<(HttpResponseMessage Response, JsonElement Json)> PostJsonAsync(string url, string body)
    {
        using var content = new StringContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var response = await Http.PostAsync(url, content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var doc = JsonDocument.Parse(text);
        return (response, doc.RootElement.Clone());
    }

    /// <summary>All events of a calendarView window, following @odata.nextLink; also returns the number of pages.</summary>
    public async Task<(List<JsonElement> Events, int Pages)> CalendarViewAsync(string user, DateTimeOffset start, DateTimeOffset end, int top = 50, string? prefer = null, string? select = null)
    {
        var url = $"users/{Uri.EscapeDataString(user)}/calendarView?startDateTime={Uri.EscapeDataString(Iso(start))}&endDateTime={Uri.EscapeDataString(Iso(end))}"
            + (select is null ? string.Empty : "&%24select=" + Uri.EscapeDataString(select))
            + "&%24orderby=start%2FdateTime&%24top=" + top.ToString(CultureInfo.InvariantCulture);
        var events = new List<JsonElement>();
        var pages = 0;
        string? next = url;
        while (next is not null)
        {
            var (response, json) = await GetAsync(next, prefer);
            Assert.Equal(200, (int)response.StatusCode);
            pages++;
            events.AddRange(json.GetProperty("value").EnumerateArray());
            next = json.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            Assert.True(pages < 1000, "paging does not end");
        }

        return (events, pages);
    }

    public void Dispose()
    {
        Http.Dispose();
        Handler.Dispose();
    }
}
