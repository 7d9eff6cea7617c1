using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MeetingPrep.Testing;
using MeetingPrep.Web.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;

namespace MeetingPrep.Web.Tests.Bot;

/// <summary>
/// End to end with Microsoft 365 Agents Playground (the real Teams-like client, from npm) driven in headless Chromium:
/// the user types "brief me on my next meeting" and the briefing card appears. The host runs on Kestrel in
/// Development with its demo tenant and no bot credentials, the only mode in which the playground's unsigned requests
/// are accepted; the playground's user maps to the default demo user.
/// </summary>
public sealed class PlaygroundEndToEndTests
{
    /// <summary>The tenant of the playground's built-in configuration (its activities name it).</summary>
    private const string PlaygroundTenant = "00000000-0000-0000-0000-0000000000001";

    private static string PlaygroundBin => Path.Combine(RepoPaths.Root, "tests", "tools", "node_modules", ".bin", "agentsplayground");

    [Fact]
    public async Task Brief_me_on_my_next_meeting_shows_the_briefing_card_in_the_playground()
    {
        await ConverseAsync(locale: null, prepare: null, talk: async page =>
        {
            // Typed only once the install is answered (as the French conversation does): a message typed while the
            // playground is still setting up its conversation once got no card in a loaded CI run.
            var welcome = page.Locator(".ac-adaptiveCard", new PageLocatorOptions { HasText = "MeetingPrep" });
            await welcome.First.WaitForAsync(new LocatorWaitForOptions { Timeout = (float)Wait.HangGuard.TotalMilliseconds });
            await SayAsync(page, "brief me on my next meeting");

            // The welcome card arrives on install; the briefing card is the one with feedback actions and sources.
            var card = page.Locator(".ac-adaptiveCard", new PageLocatorOptions { HasText = "Not helpful" });
            await card.First.WaitForAsync(new LocatorWaitForOptions { Timeout = (float)Wait.HangGuard.TotalMilliseconds });
            var screenshot = Path.Combine(RepoPaths.Artifacts, "playground-briefing-card.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });

            Assert.True(await card.First.IsVisibleAsync());
            Assert.True(new FileInfo(screenshot).Length > 0);
        });
    }

    /// <summary>
    /// The same conversation for a user who reads French: the welcome, the briefing and the answer to a follow-up question
    /// are French. Commands are still typed in English. The playground stamps "en-US" on every activity it sends
    /// (hard-coded in its activity generators, whatever its or the browser's locale), so the French reader is the one the
    /// README puts first: their language setting (the recipe's culture), saved before they install the app.
    /// </summary>
    [Fact]
    public async Task A_french_conversation_is_answered_in_french()
    {
        await ConverseAsync(locale: "fr-FR", prepare: ReadsFrenchAsync, talk: async page =>
        {
            var welcome = page.Locator(".ac-adaptiveCard", new PageLocatorOptions { HasText = "je suis MeetingPrep" });
            await welcome.First.WaitForAsync(new LocatorWaitForOptions { Timeout = (float)Wait.HangGuard.TotalMilliseconds });
            Assert.Contains("Avant chaque rendez-vous client", await welcome.First.InnerTextAsync(), StringComparison.Ordinal);

            await SayAsync(page, "brief me on my next meeting");
            var card = page.Locator(".ac-adaptiveCard", new PageLocatorOptions { HasText = "Pas utile" });
            await card.First.WaitForAsync(new LocatorWaitForOptions { Timeout = (float)Wait.HangGuard.TotalMilliseconds });
            var briefing = await card.First.InnerTextAsync();
            Assert.Contains("En bref", briefing, StringComparison.Ordinal);
            Assert.DoesNotContain("Not helpful", briefing, StringComparison.Ordinal);

            await SayAsync(page, "what is open with Fabrikam");
            var answer = page.GetByText("D’après votre briefing pour", new PageGetByTextOptions { Exact = false });
            await answer.First.WaitForAsync(new LocatorWaitForOptions { Timeout = (float)Wait.HangGuard.TotalMilliseconds });
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "playground-conversation-fr.png"), FullPage = true });
            Assert.True(await answer.First.IsVisibleAsync());
        });
    }

    /// <summary>
    /// Starts the host and the playground (with <paramref name="locale"/> as its own and its browser's language when
    /// given), opens the playground in headless Chromium and lets <paramref name="talk"/> converse; then checks that
    /// install, welcome and every message were answered without a server error. <paramref name="prepare"/> runs on the
    /// host before the playground starts.
    /// </summary>
    private static async Task ConverseAsync(string? locale, Func<BotHost, Task>? prepare, Func<IPage, Task> talk)
    {
        var chromium = Requires.Chromium();
        Requires.That(File.Exists(PlaygroundBin), "Microsoft 365 Agents Playground", "Run 'npm ci --prefix tests/tools' (or .ci/run).");
        var ct = TestContext.Current.CancellationToken;

        await using var connectorUnused = await FakeConnector.StartAsync();
        await using var host = new BotHost(channel: null, connectorUnused, withCredentials: false, demo: true, realDemoTenant: true);
        await host.EnsureSchemaAsync();
        host.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var botAddress = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        if (prepare is not null)
        {
            await prepare(host);
        }

        var scratch = Directory.CreateTempSubdirectory("meetingprep-playground-");
        var port = FreePort();
        var output = new StringBuilder();
        using var playground = StartPlayground(botAddress, port, scratch.FullName, output, locale);
        try
        {
            var playgroundUrl = await WaitForPlaygroundAsync(port, output, ct);

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = locale });
            await context.RouteAsync("**/*", async route =>
            {
                var uri = new Uri(route.Request.Url);
                if (uri.IsLoopback || uri.Scheme is "data" or "blob")
                {
                    await route.ContinueAsync();
                }
                else
                {
                    await route.AbortAsync();
                }
            });
            var page = await context.NewPageAsync();
            await page.GotoAsync(playgroundUrl.AbsoluteUri);

            await talk(page);

            // The playground's log panel lists each activity with our HTTP status: install and welcome must not fail.
            var log = await page.InnerTextAsync("body");
            Assert.DoesNotContain("installationUpdate 500", log, StringComparison.Ordinal);
            Assert.DoesNotContain("conversationUpdate 500", log, StringComparison.Ordinal);
            Assert.DoesNotContain("message 500", log, StringComparison.Ordinal);
            Assert.Contains("message 200", log, StringComparison.Ordinal);
        }
        finally
        {
            if (!playground.HasExited)
            {
                playground.Kill(entireProcessTree: true);
            }

            await playground.WaitForExitAsync(CancellationToken.None);
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>The playground's user (the default demo user, acting in the playground's tenant) sets French as their language.</summary>
    private static async Task ReadsFrenchAsync(BotHost host)
    {
        var user = host.Services.GetRequiredService<MeetingPrep.Web.Auth.DemoDirectory>().Default;
        await using var scope = host.Services.CreateTenantScope(PlaygroundTenant);
        await scope.ServiceProvider.GetRequiredService<MeetingPrep.Core.Recipes.IRecipeStore>()
            .SaveUserPatchAsync(PlaygroundTenant, user.UserId, new MeetingPrep.Core.Recipes.RecipePatch { Culture = "fr-FR" }, TestContext.Current.CancellationToken);
    }

    /// <summary>Types into the playground's message box (a rich-text editor) and sends.</summary>
    private static async Task SayAsync(IPage page, string text)
    {
        var box = page.Locator("[data-lexical-editor=\"true\"][role=textbox]");
        await box.WaitForAsync(new LocatorWaitForOptions { Timeout = (float)Wait.HangGuard.TotalMilliseconds });
        await box.ClickAsync();
        await page.Keyboard.TypeAsync(text);
        await page.Keyboard.PressAsync("Enter");
    }

    private static Process StartPlayground(string botAddress, int port, string workingDirectory, StringBuilder output, string? locale)
    {
        var info = new ProcessStartInfo(PlaygroundBin)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-e", botAddress.TrimEnd('/') + "/api/messages", "-c", "msteams", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dt", "--conversation-id", "meetingprep-e2e" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        if (locale is not null)
        {
            // The playground stamps its activities with its own locale (Node's Intl default, from the environment).
            var posix = locale.Replace('-', '_') + ".UTF-8";
            info.Environment["LANG"] = posix;
            info.Environment["LC_ALL"] = posix;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The playground did not start.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>The playground answers <c>/_debug/ping</c> when ready; if our port was taken it prints the one it chose.</summary>
    private static async Task<Uri> WaitForPlaygroundAsync(int port, StringBuilder output, CancellationToken ct)
    {
        // Readiness is probed until it answers; only the hang guard ends the wait, never a deadline a slow machine meets.
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(ct);
        guard.CancelAfter(Wait.HangGuard);
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        while (!guard.IsCancellationRequested)
        {
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            var match = System.Text.RegularExpressions.Regex.Match(text, @"http://(?:localhost|127\.0\.0\.1):(\d+)");
            var actual = match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : port;
            foreach (var candidate in new[] { actual, port }.Distinct())
            {
                try
                {
                    var pong = await http.GetStringAsync(new Uri($"http://127.0.0.1:{candidate}/_debug/ping"), guard.Token);
                    if (pong.Contains("pong", StringComparison.OrdinalIgnoreCase))
                    {
                        return new Uri($"http://127.0.0.1:{candidate}/");
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException) when (!guard.IsCancellationRequested)
                {
                }
            }

            try
            {
                await Task.Delay(250, guard.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                break;
            }
        }

        ct.ThrowIfCancellationRequested();
        throw new TimeoutException("The Agents Playground did not come up (a hang). Output:\n" + output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
