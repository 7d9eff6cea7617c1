using System.Net;
using System.Text.Json;
using MeetingPrep.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace MeetingPrep.Web.Tests.Addin;

/// <summary>
/// The Office dialog's sign-in page (<c>/outlook/signin.html</c>, the fallback when Outlook has neither nested app
/// authentication nor Office SSO) in headless Chromium against the real host: the Office.js stand-in records
/// <c>messageParent</c>, and a fake Entra ID at login.microsoftonline.com answers MSAL in its own wire format
/// (tests/tools/signin-page-check.js).
/// </summary>
public sealed class SignInPageTests
{
    private const string ClientId = "0d9c8b7a-6e5f-4a3b-9c2d-1e0f2a3b4c5d";
    private const string TenantId = "72f988bf-86f1-41af-91ab-2d7cd011db47";

    [Fact]
    public async Task Signs_in_by_redirect_and_hands_the_token_to_the_pane()
    {
        await using var app = new MeetingPrepApp(
            new Dictionary<string, string?>
            {
                ["Bot:AppId"] = "6a0f3e4d-1b2c-4d5e-8f90-112233445566",
                ["Bot:AppPassword"] = "not-a-real-secret",
                ["Bot:TenantId"] = TenantId,
                ["Graph:TenantId"] = TenantId,
                ["Graph:ClientId"] = ClientId,
                ["Graph:ClientSecret"] = "not-a-real-secret",
            },
            environment: "Production");

        using var report = await CheckAsync(app, "outlook-signin-dialog.png");
        var root = report.RootElement;

        // MSAL went to the tenant's authorize endpoint for our API, with PKCE, and came back to this very page.
        var authorize = root.GetProperty("authorize");
        Assert.Equal(ClientId, authorize.GetProperty("client_id").GetString());
        Assert.Contains($"api://{ClientId}/access_as_user", authorize.GetProperty("scope").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/outlook/signin.html", authorize.GetProperty("redirect_uri").GetString(), StringComparison.Ordinal);
        Assert.Equal("S256", authorize.GetProperty("code_challenge_method").GetString());
        var token = root.GetProperty("token");
        Assert.Equal("authorization_code", token.GetProperty("grant_type").GetString());
        Assert.False(string.IsNullOrEmpty(token.GetProperty("code_verifier").GetString()));

        var message = Assert.Single(root.GetProperty("messages").EnumerateArray());
        Assert.Equal("fake-access-token", message.GetProperty("accessToken").GetString());
        Assert.True(message.GetProperty("expiresOn").GetInt64() > 0);
        Assert.Equal("Signing you in to MeetingPrep…", root.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Without_sign_in_settings_it_tells_the_pane_what_is_wrong()
    {
        // The demo host publishes no NAA settings: the page must say so to the pane instead of starting a redirect.
        await using var app = new MeetingPrepApp();

        using var report = await CheckAsync(app, "outlook-signin-dialog-not-set-up.png");
        var root = report.RootElement;

        Assert.Equal(JsonValueKind.Null, root.GetProperty("authorize").ValueKind);
        var message = Assert.Single(root.GetProperty("messages").EnumerateArray());
        Assert.Equal("The service has no sign-in settings for the add-in. Ask your administrator.", message.GetProperty("error").GetString());
    }

    /// <summary>Runs the page on Kestrel and returns the check's report after its common assertions.</summary>
    private static async Task<JsonDocument> CheckAsync(MeetingPrepApp app, string screenshotName)
    {
        var chromium = Requires.Chromium();
        var tools = NodeTools.Require("playwright-core");
        var ct = TestContext.Current.CancellationToken;
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var screenshot = Path.Combine(RepoPaths.Artifacts, screenshotName);

        var run = await ProcessRun.RunAsync(
            NodeTools.Node,
            [Path.Combine(tools, "signin-page-check.js"), "--base", baseUrl, "--chromium", chromium, "--screenshot", screenshot],
            ct);
        Assert.True(run.ExitCode == 0, run.ToString());
        var report = JsonDocument.Parse(run.Stdout);
        var root = report.RootElement;
        Assert.True(root.GetProperty("pageErrors").GetArrayLength() == 0, root.ToString());
        Assert.True(root.GetProperty("officeJsServed").GetBoolean(), "the page did not load Office.js from Microsoft's CDN URL");
        Assert.Equal(0, root.GetProperty("blocked").GetArrayLength());
        Assert.Equal(0, root.GetProperty("unexpected").GetArrayLength());
        Assert.Equal("en-GB", root.GetProperty("lang").GetString());
        Assert.True(new FileInfo(screenshot).Length > 1000);
        return report;
    }
}
