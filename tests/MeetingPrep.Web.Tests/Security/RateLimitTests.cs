using System.Net;

namespace MeetingPrep.Web.Tests.Security;

/// <summary>The rate limiter engages per signed-in user on the API and per address for anonymous callers.</summary>
public sealed class RateLimitTests
{
    // An hour-long window: the test never races the window's end, whatever the machine's load.
    private static readonly Dictionary<string, string?> Limits = new()
    {
        ["RateLimit:UserPerWindow"] = "3",
        ["RateLimit:AnonymousPerWindow"] = "2",
        ["RateLimit:WindowSeconds"] = "3600",
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_user_over_the_limit_gets_429_with_retry_after_while_a_colleague_is_still_served()
    {
        await using var app = new MeetingPrepApp(Limits);
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.GetAsync("/api/me/recipe?as=lena.vogt@contoso.com", Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal(TimeSpan.FromHours(1), response.Headers.RetryAfter?.Delta);
            }
        }

        using var colleague = await client.GetAsync("/api/me/recipe?as=marcus.reed@contoso.com", Ct);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, colleague.StatusCode);
    }

    [Fact]
    public async Task Anonymous_callers_are_limited_by_address_and_liveness_never_is()
    {
        await using var app = new MeetingPrepApp(new Dictionary<string, string?>(Limits)
        {
            ["Bot:AppId"] = "00000000-0000-0000-0000-00000000b07",
            ["Bot:AppPassword"] = "test-secret",
            ["Bot:TenantId"] = "11111111-1111-1111-1111-111111111111",
            ["Graph:TenantId"] = "11111111-1111-1111-1111-111111111111",
            ["Graph:ClientId"] = "22222222-2222-2222-2222-222222222222",
            ["Graph:ClientSecret"] = "test-secret",
        }, environment: "Production");
        using var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetAsync("/outlook/config.json", Ct);
            statuses.Add(response.StatusCode);
        }

        for (var i = 0; i < 5; i++)
        {
            using var alive = await client.GetAsync("/alive", Ct);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
