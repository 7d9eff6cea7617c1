using System.Collections;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Resources;
using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Demo;
using MeetingPrep.Teams;
using MeetingPrep.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MeetingPrep.Web.Tests.Addin;

/// <summary>
/// Interface text in English, German, French and Japanese (each assembly's resx), the pane's words as the host serves
/// them, and the pane's follow-up question box answered through the chat answerer.
/// </summary>
public sealed partial class PaneLanguageTests : IAsyncLifetime
{
    private readonly MeetingPrepApp _app = new();
    private HttpClient _client = null!;
    private string _meetingId = null!;

    public async ValueTask InitializeAsync()
    {
        _client = _app.CreateClient();
        var user = _app.Services.GetRequiredService<DemoTenant>().DefaultUser;
        _client.DefaultRequestHeaders.Add("X-MeetingPrep-User", user.Upn);
        await using var scope = _app.Services.CreateAllTenantsScope();
        var briefings = scope.ServiceProvider.GetRequiredService<BriefingService>();
        _meetingId = (await briefings.FindNextBriefedMeetingAsync(user, DateTimeOffset.UtcNow, TestContext.Current.CancellationToken))!.Id;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("MeetingPrep.Teams.Resources.TeamsText", typeof(TeamsText))]
    [InlineData("MeetingPrep.Web.Resources.WebText", typeof(WebText))]
    public void Every_interface_string_has_a_translation_in_every_language(string resources, Type home)
    {
        var manager = new ResourceManager(resources, home.Assembly);
        var neutral = manager.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        Assert.True(neutral.Count > 20, $"{resources}: only {neutral.Count} strings");
        var gaps = new List<string>();
        foreach (var language in BriefingFormat.InterfaceLanguages.Where(l => l != BriefingFormat.English))
        {
            var set = manager.GetResourceSet(CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: false);
            foreach (var (key, english) in neutral)
            {
                var translated = set?.GetString(key);
                if (string.IsNullOrWhiteSpace(translated))
                {
                    gaps.Add($"{language}: {key} has no translation");
                }
                else if (!Placeholders(english).SetEquals(Placeholders(translated)))
                {
                    gaps.Add($"{language}: {key} has other placeholders than the English");
                }
            }
        }

        Assert.True(gaps.Count == 0, string.Join("\n", gaps));
    }

    [Fact]
    public async Task The_pane_gets_its_words_in_outlooks_display_language()
    {
        var ct = TestContext.Current.CancellationToken;
        var japanese = await _client.GetFromJsonAsync<Dictionary<string, string>>(new Uri("/outlook/text?lang=ja-JP", UriKind.Relative), ct);
        Assert.Equal("会議が見つかりません", japanese!["Error.NotFound.Title"]);

        // A language without interface text reads English, as does no language at all.
        var spanish = await _client.GetFromJsonAsync<Dictionary<string, string>>(new Uri("/outlook/text?lang=es-ES", UriKind.Relative), ct);
        Assert.Equal("Meeting not found", spanish!["Error.NotFound.Title"]);
        Assert.Equal(japanese.Keys.Order(), spanish.Keys.Order());
    }

    [Fact]
    public async Task The_card_follows_the_clients_language()
    {
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/meetings/{Uri.EscapeDataString(_meetingId)}/card?host=outlook");
        request.Headers.AcceptLanguage.ParseAdd("ja-JP");
        using var response = await _client.SendAsync(request, ct);
        var card = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"役に立った\"", card, StringComparison.Ordinal);
        Assert.DoesNotContain("Open in Outlook", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_follow_up_question_is_answered_about_the_meeting_beside_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var asked = await _client.PostAsJsonAsync(new Uri($"/api/meetings/{Uri.EscapeDataString(_meetingId)}/ask", UriKind.Relative), new { question = "what is open" }, ct);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var answer = await asked.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("text").GetString()));

        using var empty = await _client.PostAsJsonAsync(new Uri($"/api/meetings/{Uri.EscapeDataString(_meetingId)}/ask", UriKind.Relative), new { question = " " }, ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        // Someone else's meeting: the answerer is never asked.
        using var foreign = await _client.PostAsJsonAsync(new Uri("/api/meetings/AAMkAGNvbnRvc28-b3RoZXI_bWVldGluZw==/ask", UriKind.Relative), new { question = "what is open" }, ct);
        Assert.True(foreign.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, foreign.StatusCode.ToString());
    }

    private static HashSet<string> Placeholders(string text) => PlaceholderRegex().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderRegex();
}
