using System.Net;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using Xunit;

namespace MeetingPrep.Web.Tests;

/// <summary>
/// The production composition (no demo data) in both Graph auth modes: it starts, every API needs a bearer token,
/// and delegated mode has Microsoft.Identity.Web's token acquisition for on-behalf-of calls.
/// </summary>
public sealed class ProductionCompositionTests
{
    private static Dictionary<string, string?> Settings(string authMode) => new()
    {
        ["Bot:AppId"] = "00000000-0000-0000-0000-00000000b07",
        ["Bot:AppPassword"] = "test-secret",
        ["Bot:TenantId"] = "11111111-1111-1111-1111-111111111111",
        ["Graph:TenantId"] = "11111111-1111-1111-1111-111111111111",
        ["Graph:ClientId"] = "22222222-2222-2222-2222-222222222222",
        ["Graph:ClientSecret"] = "test-secret",
        ["Graph:AuthMode"] = authMode,
    };

    [Theory]
    [InlineData("Application")]
    [InlineData("Delegated")]
    public async Task Production_starts_without_demo_data_and_every_api_needs_a_token(string authMode)
    {
        await using var app = new MeetingPrepApp(Settings(authMode), environment: "Production");
        using var client = app.CreateClient();

        foreach (var path in new[] { "/api/me/meetings", "/api/meetings/x/briefing", "/api/meetings/x/card", "/api/me/recipe", "/api/team/recipe", "/crm/cases/x" })
        {
            using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var demoUsers = await client.GetAsync("/api/demo/users", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, demoUsers.StatusCode);
        Assert.NotNull(app.Services.GetRequiredService<ICalendarSource>());
        Assert.Null(app.Services.GetService<MeetingPrep.Demo.DemoTenant>());
    }

    [Fact]
    public async Task Delegated_mode_can_acquire_tokens_on_behalf_of_the_caller()
    {
        await using var app = new MeetingPrepApp(Settings("Delegated"), environment: "Production");
        await using var scope = app.Services.CreateAllTenantsScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<ITokenAcquisition>());
    }
}
