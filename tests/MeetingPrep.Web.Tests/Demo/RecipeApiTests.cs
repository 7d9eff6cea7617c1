using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace MeetingPrep.Web.Tests.Demo;

/// <summary>Recipes over HTTP: team defaults under each user's own settings, and nobody else's.</summary>
public sealed class RecipeApiTests
{
    private const string Lena = "lena.vogt@contoso.com";
    private const string Marcus = "marcus.reed@contoso.com";

    [Fact]
    public async Task A_users_setting_wins_over_the_team_default_which_wins_over_the_built_in_one()
    {
        await using var app = new MeetingPrepApp();
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        (await client.PutAsJsonAsync($"/api/team/recipe?as={Lena}", new { itemsPerSection = 6, emailDays = 14 }, ct)).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync($"/api/me/recipe?as={Lena}", new { itemsPerSection = 2, length = "Detailed" }, ct)).EnsureSuccessStatusCode();

        using var lena = JsonDocument.Parse(await client.GetStringAsync($"/api/me/recipe?as={Lena}", ct));
        using var marcus = JsonDocument.Parse(await client.GetStringAsync($"/api/me/recipe?as={Marcus}", ct));

        var lenaRecipe = lena.RootElement.GetProperty("effective");
        Assert.Equal(2, lenaRecipe.GetProperty("itemsPerSection").GetInt32());
        Assert.Equal("Detailed", lenaRecipe.GetProperty("length").GetString());
        Assert.Equal(14, lenaRecipe.GetProperty("lookBack").GetProperty("emailDays").GetInt32());
        var marcusRecipe = marcus.RootElement.GetProperty("effective");
        Assert.Equal(6, marcusRecipe.GetProperty("itemsPerSection").GetInt32());
        Assert.Equal("Standard", marcusRecipe.GetProperty("length").GetString());
    }

    [Fact]
    public async Task The_morning_digest_and_quiet_hours_are_set_through_the_api_and_malformed_ones_are_refused()
    {
        await using var app = new MeetingPrepApp();
        using var client = app.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var body = new { digest = true, digestAt = "07:30", workingDays = new[] { "Monday", "Tuesday" }, quietFrom = "22:00", quietUntil = "07:00", timeZone = "America/New_York" };
        (await client.PutAsJsonAsync($"/api/me/recipe?as={Lena}", body, ct)).EnsureSuccessStatusCode();

        using var lena = JsonDocument.Parse(await client.GetStringAsync($"/api/me/recipe?as={Lena}", ct));
        var delivery = lena.RootElement.GetProperty("effective").GetProperty("delivery");
        Assert.True(delivery.GetProperty("digest").GetBoolean());
        Assert.Equal(("07:30:00", "22:00:00", "07:00:00"), (delivery.GetProperty("digestAt").GetString(), delivery.GetProperty("quietFrom").GetString(), delivery.GetProperty("quietUntil").GetString()));
        Assert.Equal(["Monday", "Tuesday"], delivery.GetProperty("workingDays").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("America/New_York", delivery.GetProperty("timeZone").GetString());

        foreach (var bad in new object[] { new { timeZone = "Mars/Olympus" }, new { digestAt = "8 o'clock" }, new { quietFrom = "25:00" } })
        {
            using var refused = await client.PutAsJsonAsync($"/api/me/recipe?as={Lena}", bad, ct);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        // A PUT replaces the user's own settings: opting out and clearing the quiet hours.
        (await client.PutAsJsonAsync($"/api/me/recipe?as={Lena}", new { digest = false, quietFrom = "" }, ct)).EnsureSuccessStatusCode();
        using var after = JsonDocument.Parse(await client.GetStringAsync($"/api/me/recipe?as={Lena}", ct));
        var now = after.RootElement.GetProperty("effective").GetProperty("delivery");
        Assert.False(now.GetProperty("digest").GetBoolean());
        Assert.True(!now.TryGetProperty("quietFrom", out var from) || from.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task An_unknown_demo_user_is_not_signed_in()
    {
        await using var app = new MeetingPrepApp();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/me/recipe?as=mallory@evil.example", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains(Lena, body, StringComparison.Ordinal);
        Assert.Contains(Marcus, body, StringComparison.Ordinal);
    }
}
