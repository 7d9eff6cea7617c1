using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using MeetingPrep.Testing;
using MeetingPrep.Web.Tests.Addin;
using Xunit;

namespace MeetingPrep.Web.Tests.Manifest;

/// <summary>
/// The unified app manifest (manifest/manifest.json): valid against the v1.29 schema we keep in shared/ and against
/// Microsoft's own validator (@microsoft/app-manifest), with the bot's commands, the Outlook add-in, sign-in and
/// permissions as designed, its icons as the store wants them, and a package.sh that builds exactly the package.
/// </summary>
public sealed class ManifestTests
{
    /// <summary>The chat intents the bot understands (IntentClassifier's kinds), in the order the menu shows them.</summary>
    public static readonly (string Title, string Intent)[] BotCommands =
    [
        ("brief me on my next meeting", "NextMeeting"),
        ("prep for", "PrepFor"),
        ("who is", "WhoIs"),
        ("what is open with", "OpenItems"),
        ("last emails with", "LastEmails"),
        ("settings", "Settings"),
        ("help", "Help"),
    ];

    private static readonly string SchemaPath = Path.Combine(RepoPaths.Shared, "schemas", "teams-manifest", "MicrosoftTeams.v1.29.schema.json");

    private static JsonObject Manifest() =>
        JsonNode.Parse(AppPackage.Substitute(File.ReadAllText(AppPackage.TemplatePath), AppPackage.SampleValues))!.AsObject();

    [Fact]
    public void Manifest_is_valid_against_the_v1_29_schema()
    {
        var errors = ValidateWithSchema(Manifest());
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public void The_schema_check_catches_a_broken_manifest()
    {
        var manifest = Manifest();
        manifest["bots"]![0]!["botId"] = "not-a-guid";
        manifest["extensions"]![0]!["runtimes"]![0]!["code"]!["page"] = "http://insecure.example.com/pane.html";
        manifest.Remove("accentColor");

        var errors = ValidateWithSchema(manifest);

        Assert.Contains(errors, e => e.Contains("/bots/0/botId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("/extensions/0/runtimes/0/code/page", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("accentColor", StringComparison.Ordinal));
    }

    [Fact]
    public void Manifest_declares_v1_29_which_the_local_schema_and_microsofts_validator_both_cover()
    {
        var manifest = Manifest();
        Assert.Equal("1.29", manifest["manifestVersion"]!.GetValue<string>());
        Assert.Equal("https://developer.microsoft.com/json-schemas/teams/v1.29/MicrosoftTeams.schema.json", manifest["$schema"]!.GetValue<string>());
        using var schema = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        Assert.Equal("1.29", schema.RootElement.GetProperty("properties").GetProperty("manifestVersion").GetProperty("const").GetString());
    }

    [Fact]
    public async Task Microsofts_validator_accepts_the_manifest_offline_and_rejects_a_broken_one()
    {
        var tools = NodeTools.Require("@microsoft/app-manifest");
        var ct = TestContext.Current.CancellationToken;
        var good = Stage(Manifest());
        var bad = Manifest();
        bad["bots"]![0]!["scopes"] = new JsonArray("everywhere");
        ((JsonObject)bad["extensions"]![0]!["ribbons"]![0]!["tabs"]![0]!["groups"]![0]!["controls"]![0]!).Remove("supertip");
        var broken = Stage(bad);
        try
        {
            var ok = await ProcessRun.RunAsync(NodeTools.Node, [Path.Combine(AppPackage.Folder, "validate.js"), good, "--tools", tools], ct);
            Assert.True(ok.ExitCode == 0, ok.ToString());
            Assert.Equal("{\"errors\":[]}", ok.Stdout.Trim());

            var no = await ProcessRun.RunAsync(NodeTools.Node, [Path.Combine(AppPackage.Folder, "validate.js"), broken, "--tools", tools], ct);
            Assert.Equal(1, no.ExitCode);
            var errors = JsonDocument.Parse(no.Stdout).RootElement.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.Contains(errors, e => e.Contains("/bots/0/scopes/0", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.Contains("supertip", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(good, recursive: true);
            Directory.Delete(broken, recursive: true);
        }
    }

    [Fact]
    public void Bot_is_personal_and_its_one_command_list_matches_the_chat_intents()
    {
        var bots = Manifest()["bots"]!.AsArray();
        var bot = Assert.Single(bots)!;
        Assert.Equal(AppPackage.SampleValues["BOT_ID"], bot["botId"]!.GetValue<string>());
        Assert.Equal(["personal"], bot["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        var list = Assert.Single(bot["commandLists"]!.AsArray())!;
        Assert.Equal(["personal"], list["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        var commands = list["commands"]!.AsArray();
        Assert.Equal(BotCommands.Select(c => c.Title), commands.Select(c => c!["title"]!.GetValue<string>()));
        Assert.All(commands, c => Assert.False(string.IsNullOrWhiteSpace(c!["description"]?.GetValue<string>())));
        Assert.Equal(BotCommands.Length, BotCommands.Select(c => c.Intent).Distinct().Count());
    }

    [Fact]
    public void Outlook_extension_opens_our_pane_on_meeting_and_read_surfaces()
    {
        var manifest = Manifest();
        var extension = Assert.Single(manifest["extensions"]!.AsArray())!;
        Assert.Equal(["mail"], extension["requirements"]!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        var mailbox = Assert.Single(extension["requirements"]!["capabilities"]!.AsArray())!;
        Assert.Equal("Mailbox", mailbox["name"]!.GetValue<string>());
        Assert.Equal("1.3", mailbox["minVersion"]!.GetValue<string>()); // convertToRestId and add-in commands

        var runtime = Assert.Single(extension["runtimes"]!.AsArray())!;
        var page = new Uri(runtime["code"]!["page"]!.GetValue<string>());
        Assert.Equal("https", page.Scheme);
        Assert.Equal(AppPackage.SampleValues["APP_DOMAIN"], page.Host);
        Assert.True(File.Exists(Path.Combine(AppPackage.WwwRoot, page.AbsolutePath.TrimStart('/'))), $"{page.AbsolutePath} is not in wwwroot");
        var action = Assert.Single(runtime["actions"]!.AsArray())!;
        Assert.Equal("openPage", action["type"]!.GetValue<string>());

        var ribbon = Assert.Single(extension["ribbons"]!.AsArray())!;
        Assert.Equal(["mailRead", "meetingDetailsOrganizer", "meetingDetailsAttendee"], ribbon["contexts"]!.AsArray().Select(s => s!.GetValue<string>()));
        var group = Assert.Single(Assert.Single(ribbon["tabs"]!.AsArray())!["groups"]!.AsArray())!;
        var control = Assert.Single(group["controls"]!.AsArray())!;
        Assert.Equal(action["id"]!.GetValue<string>(), control["actionId"]!.GetValue<string>());

        foreach (var icon in group["icons"]!.AsArray().Concat(control["icons"]!.AsArray()))
        {
            var url = new Uri(icon!["url"]!.GetValue<string>());
            var size = icon["size"]!.GetValue<int>();
            var file = Path.Combine(AppPackage.WwwRoot, url.AbsolutePath.TrimStart('/'));
            Assert.True(File.Exists(file), $"{url.AbsolutePath} is not in wwwroot");
            var png = AppPackage.ReadPng(file);
            Assert.Equal((size, size), (png.Width, png.Height));
        }

        Assert.Equal([16, 32, 80], control["icons"]!.AsArray().Select(i => i!["size"]!.GetValue<int>()).Order());
    }

    [Fact]
    public void Sign_in_domains_and_permissions_are_minimal_and_consistent()
    {
        var manifest = Manifest();
        var clientId = AppPackage.SampleValues["AAD_APP_CLIENT_ID"];
        var domain = AppPackage.SampleValues["APP_DOMAIN"];
        var app = manifest["webApplicationInfo"]!;
        Assert.Equal(clientId, app["id"]!.GetValue<string>());
        Assert.Equal($"api://{clientId}", app["resource"]!.GetValue<string>());
        var naa = Assert.Single(app["nestedAppAuthInfo"]!.AsArray())!;
        Assert.Equal($"brk-multihub://{domain}", naa["redirectUri"]!.GetValue<string>());

        // The same scope the host publishes to the pane (AddinApi) and the API accepts (audience api://<client id>).
        Assert.Equal([$"api://{clientId}/{Api.AddinApi.ApiScopeName}"], naa["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));

        Assert.Equal([domain], manifest["validDomains"]!.AsArray().Select(s => s!.GetValue<string>()));
        var permission = Assert.Single(manifest["authorization"]!["permissions"]!["resourceSpecific"]!.AsArray())!;
        Assert.Equal(("MailboxItem.Read.User", "Delegated"), (permission["name"]!.GetValue<string>(), permission["type"]!.GetValue<string>()));
        Assert.Null(manifest["permissions"]);
    }

    [Fact]
    public void Every_placeholder_is_documented_in_the_readme()
    {
        var readme = File.ReadAllText(Path.Combine(AppPackage.Folder, "README.md"));
        var names = AppPackage.Placeholder().Matches(File.ReadAllText(AppPackage.TemplatePath)).Select(m => m.Groups[1].Value).Distinct().Order().ToList();
        Assert.Equal(AppPackage.SampleValues.Keys.Order(), names);
        Assert.All(names, name => Assert.Contains($"`{name}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Icons_are_192_color_and_32_white_on_transparent_outline()
    {
        var color = AppPackage.ReadPng(Path.Combine(AppPackage.Folder, "color.png"));
        Assert.Equal((192, 192), (color.Width, color.Height));

        var outline = AppPackage.ReadPng(Path.Combine(AppPackage.Folder, "outline.png"));
        Assert.Equal((32, 32), (outline.Width, outline.Height));
        Assert.Equal(6, outline.ColorType); // RGBA
        var alphas = Enumerable.Range(0, 32 * 32).Select(i => outline.Rgba[(i * 4) + 3]).ToList();
        Assert.Contains(alphas, a => a == 0);   // a transparent background
        Assert.Contains(alphas, a => a == 255); // and a solid glyph
        for (var i = 0; i < 32 * 32; i++)
        {
            if (outline.Rgba[(i * 4) + 3] > 0)
            {
                Assert.True(outline.Rgba[i * 4] == 255 && outline.Rgba[(i * 4) + 1] == 255 && outline.Rgba[(i * 4) + 2] == 255, $"pixel {i} is not white");
            }
        }
    }

    [Fact]
    public async Task Committed_icons_are_exactly_what_make_icons_draws()
    {
        NodeTools.Require();
        var temp = Directory.CreateTempSubdirectory("mp-icons-").FullName;
        try
        {
            var run = await ProcessRun.RunAsync(NodeTools.Node, [Path.Combine(AppPackage.Folder, "make-icons.js"), "--manifest", temp, "--ribbon", temp], TestContext.Current.CancellationToken);
            Assert.True(run.ExitCode == 0, run.ToString());
            foreach (var name in new[] { "color.png", "outline.png" })
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(AppPackage.Folder, name)), File.ReadAllBytes(Path.Combine(temp, name)));
            }

            foreach (var size in new[] { 16, 32, 80 })
            {
                Assert.Equal(File.ReadAllBytes(Path.Combine(AppPackage.WwwRoot, "outlook", "icons", $"icon-{size}.png")), File.ReadAllBytes(Path.Combine(temp, $"icon-{size}.png")));
            }
        }
        finally
        {
            Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>
    /// The schema says draft-04 but uses draft-06 keywords (const); it is evaluated as draft-07, which reads its
    /// draft-04 keywords the same way (it has no boolean exclusiveMinimum/Maximum and no bare id).
    /// </summary>
    internal static List<string> ValidateWithSchema(JsonObject manifest)
    {
        var root = JsonNode.Parse(File.ReadAllText(SchemaPath))!.AsObject();
        root["$schema"] = "http://json-schema.org/draft-07/schema#";
        var schema = JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(manifest.ToJsonString());
        return [.. JsonSchemaErrors.Of(schema, document.RootElement)];
    }

    /// <summary>A package folder (manifest.json + the committed icons) for validate.js.</summary>
    private static string Stage(JsonObject manifest)
    {
        var folder = Directory.CreateTempSubdirectory("mp-manifest-").FullName;
        File.WriteAllText(Path.Combine(folder, "manifest.json"), manifest.ToJsonString());
        File.Copy(Path.Combine(AppPackage.Folder, "color.png"), Path.Combine(folder, "color.png"));
        File.Copy(Path.Combine(AppPackage.Folder, "outline.png"), Path.Combine(folder, "outline.png"));
        return folder;
    }
}
