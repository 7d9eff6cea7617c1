using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Demo;
using MeetingPrep.Testing;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace MeetingPrep.Web.Tests.Llm;

/// <summary>
/// The host with <c>Llm:*</c> set, against a fake OpenAI-compatible model on 127.0.0.1: <c>/health</c> names the writer
/// in use, briefings and cards say which lines the model wrote, planted fabrications never show, a failing model never
/// fails a briefing, and <c>eval</c> scores the LLM writer against the extractive one on the repository's packs.
/// </summary>
public sealed class LlmWriterHostTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private static string LlmHealth(JsonElement health) => health.GetProperty("checks").GetProperty("llm").GetProperty("description").GetString()!;

    /// <summary>The first demo user's briefed meetings, as the API lists them.</summary>
    private static async Task<(string Upn, List<string> Ids)> BriefedMeetingsAsync(MeetingPrepApp app, HttpClient client)
    {
        var upn = app.Services.GetRequiredService<DemoTenant>().Users[0].Upn;
        var list = await GetJsonAsync(client, $"/api/me/meetings?as={upn}");
        var ids = list.GetProperty("meetings").EnumerateArray()
            .Where(m => m.GetProperty("briefed").GetBoolean())
            .Select(m => m.GetProperty("id").GetString()!)
            .ToList();
        Assert.NotEmpty(ids);
        return (upn, ids);
    }

    [Fact]
    public async Task Health_names_the_model_and_briefings_and_cards_mark_the_lines_it_wrote_while_planted_fabrications_never_show()
    {
        await using var model = await FakeModel.StartAsync();
        model.Plant = 1;
        await using var app = new MeetingPrepApp(model.Settings(), clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));
        using var client = app.CreateClient();

        Assert.Contains("LLM writer openai-compatible:echo-model", LlmHealth(await GetJsonAsync(client, "/health")), StringComparison.Ordinal);

        var (upn, ids) = await BriefedMeetingsAsync(app, client);
        var byModel = 0;
        foreach (var id in ids.Take(4))
        {
            var briefing = await GetJsonAsync(client, $"/api/meetings/{Uri.EscapeDataString(id)}/briefing?as={upn}");
            // The card in English, as a client reading in English asks for it (the demo user's stored locale is German).
            using var cardRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/meetings/{Uri.EscapeDataString(id)}/card?host=teams&as={upn}");
            cardRequest.Headers.AcceptLanguage.ParseAdd("en-US");
            using var cardResponse = await client.SendAsync(cardRequest, Ct);
            var card = await cardResponse.Content.ReadAsStringAsync(Ct);
            var items = briefing.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray()).ToList();
            var text = string.Join("\n", items.Select(i => i.GetProperty("text").GetString()));
            foreach (var (_, fabrication) in FakeModel.Fabrications)
            {
                Assert.DoesNotContain(fabrication[..20], text, StringComparison.Ordinal);
                Assert.DoesNotContain(fabrication[..20], card, StringComparison.Ordinal);
            }

            Assert.DoesNotContain("evil.example", card, StringComparison.Ordinal);
            if (briefing.GetProperty("writer").GetString() == "openai-compatible:echo-model")
            {
                byModel++;
                Assert.Contains(items, i => i.TryGetProperty("writtenByModel", out var w) && w.GetBoolean());
                Assert.Contains("(AI", card, StringComparison.Ordinal);
                Assert.Contains("Lines marked AI were written by the model", card, StringComparison.Ordinal);
            }
            else
            {
                Assert.StartsWith("Written without the model", briefing.GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
            }
        }

        Assert.True(byModel > 0, "no briefing was written by the model");
        Assert.Contains("last briefing: written by the model", LlmHealth(await GetJsonAsync(client, "/health")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Across_every_demo_users_briefings_the_model_lines_are_cited_cards_stay_valid_and_nothing_planted_or_injected_shows()
    {
        string[] injected = ["ignore previous instructions", "ignore all previous", "system prompt", "you are now", "evil.example"];
        await using var model = await FakeModel.StartAsync();
        model.Plant = 2;
        await using var app = new MeetingPrepApp(model.Settings(), clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));
        using var client = app.CreateClient();
        var byModel = 0;
        foreach (var user in app.Services.GetRequiredService<DemoTenant>().Users)
        {
            var list = await GetJsonAsync(client, $"/api/me/meetings?as={user.Upn}");
            foreach (var id in list.GetProperty("meetings").EnumerateArray().Where(m => m.GetProperty("briefed").GetBoolean()).Select(m => m.GetProperty("id").GetString()!))
            {
                var briefing = await GetJsonAsync(client, $"/api/meetings/{Uri.EscapeDataString(id)}/briefing?as={user.Upn}");
                var sources = briefing.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToHashSet();
                foreach (var item in briefing.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("items").EnumerateArray()))
                {
                    var citations = item.GetProperty("citations").EnumerateArray().Select(c => c.GetString()!).ToList();
                    Assert.NotEmpty(citations);
                    Assert.All(citations, c => Assert.Contains(c, sources));
                    byModel += item.TryGetProperty("writtenByModel", out var w) && w.GetBoolean() ? 1 : 0;
                }

                foreach (var host in new[] { "teams", "outlook" })
                {
                    using var response = await client.GetAsync($"/api/meetings/{Uri.EscapeDataString(id)}/card?host={host}&as={user.Upn}", Ct);
                    var card = await response.Content.ReadAsStringAsync(Ct);
                    Assert.True(System.Text.Encoding.UTF8.GetByteCount(card) < 28 * 1024, $"{user.Upn} {id} {host}: too large");
                    if (host == "teams")
                    {
                        var errors = AdaptiveCardSchema.Validate(card);
                        Assert.True(errors.Count == 0, string.Join("; ", errors));
                    }

                    var everything = briefing.ToString() + card;
                    Assert.DoesNotContain(FakeModel.Fabrications, f => everything.Contains(f.Text[..20], StringComparison.Ordinal));
                    Assert.DoesNotContain(injected, m => everything.Contains(m, StringComparison.OrdinalIgnoreCase));
                }
            }
        }

        Assert.True(byModel > 20, $"only {byModel} lines written by the model");
    }

    [Fact]
    public async Task A_model_that_fails_never_fails_a_briefing_the_extractive_one_comes_with_a_note()
    {
        await using var model = await FakeModel.StartAsync();
        model.FailWith = 503;
        await using var app = new MeetingPrepApp(model.Settings(), clock: new FakeTimeProvider(MeetingPrepApp.FixedNow));
        using var client = app.CreateClient();
        var (upn, ids) = await BriefedMeetingsAsync(app, client);

        var briefing = await GetJsonAsync(client, $"/api/meetings/{Uri.EscapeDataString(ids[0])}/briefing?as={upn}");
        using var cardResponse = await client.GetAsync($"/api/meetings/{Uri.EscapeDataString(ids[0])}/card?as={upn}", Ct);

        Assert.Equal("extractive (no LLM)", briefing.GetProperty("writer").GetString());
        Assert.Equal("Written without the model (openai-compatible:echo-model): it answered with a server error (503). This is the extractive briefing.", briefing.GetProperty("notes")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, cardResponse.StatusCode);
        Assert.Contains("Written without the model", await cardResponse.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("extractive fallback", LlmHealth(await GetJsonAsync(client, "/health")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_Llm_settings_health_says_the_extractive_writer_is_in_use()
    {
        await using var app = new MeetingPrepApp();
        using var client = app.CreateClient();

        Assert.Equal("off: extractive (no LLM) writer", LlmHealth(await GetJsonAsync(client, "/health")));
    }

    /// <summary>
    /// <c>eval</c> on the repository's packs, once as configured by default and once with <c>Llm__*</c> pointing at the
    /// fake model, which restates the rule-based writer's lines and plants two fabrications in every answer (each pack's
    /// meetings get mustNotSay patterns for them): the LLM writer scores at least as well and shows none of them.
    /// </summary>
    [Fact]
    public async Task Eval_with_the_LLM_writer_catches_every_planted_fabrication_and_scores_at_least_as_well_as_the_extractive_writer()
    {
        var packs = Directory.CreateTempSubdirectory("meetingprep-eval-llm-");
        try
        {
            CopyPacksWithFabricationGuards(Path.Combine(RepoPaths.Root, "samples", "scenarios"), packs.FullName);
            await using var model = await FakeModel.StartAsync();
            model.Plant = 2;

            var extractive = await EvalAsync(packs.FullName, "extractive.json", []);
            var llm = await EvalAsync(packs.FullName, "llm.json", [.. model.Settings().Select(s => (s.Key.Replace(":", "__", StringComparison.Ordinal), s.Value!))]);

            Assert.Equal("extractive (no LLM)", (string)extractive["writer"]!);
            Assert.NotEqual((string)extractive["writer"]!, (string)llm["writer"]!);
            var (before, after) = (extractive["totals"]!, llm["totals"]!);
            Assert.True((double)after["keyPointRecall"]! >= (double)before["keyPointRecall"]!, $"recall {after["keyPointRecall"]} < {before["keyPointRecall"]}");
            Assert.True((double)after["leadRecall"]! >= (double)before["leadRecall"]!, $"lead {after["leadRecall"]} < {before["leadRecall"]}");
            Assert.True((int)after["wrong"]! <= (int)before["wrong"]!, $"wrong {after["wrong"]} > {before["wrong"]}: {llm}");
            Assert.Equal(1.0, (double)after["cited"]!);
            Assert.True(model.Server.Requests.Count >= (int)after["meetings"]! / 2, $"{model.Server.Requests.Count} calls to the model");
        }
        finally
        {
            packs.Delete(recursive: true);
        }
    }

    private static async Task<JsonNode> EvalAsync(string packs, string name, (string Key, string Value)[] variables)
    {
        var json = Path.Combine(packs, name);
        var (exitCode, stdout, stderr) = await HostProcess.RunAsync("Development", variables, "eval", packs, "--json", json);
        await File.WriteAllTextAsync(Path.Combine(RepoPaths.Artifacts, "eval-" + Path.GetFileNameWithoutExtension(name) + ".txt"), stdout, Ct);
        Assert.True(exitCode == 0, $"eval exited {exitCode}{Environment.NewLine}{stdout}{Environment.NewLine}{stderr}");
        return JsonNode.Parse(await File.ReadAllTextAsync(json, Ct))!;
    }

    /// <summary>Copies every pack, adding to each expected meeting's mustNotSay a pattern for every planted fabrication.</summary>
    private static void CopyPacksWithFabricationGuards(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        foreach (var expect in Directory.EnumerateFiles(to, "expect.json", SearchOption.AllDirectories))
        {
            var root = JsonNode.Parse(File.ReadAllText(expect))!;
            foreach (var meeting in root["meetings"]!.AsArray())
            {
                var guards = meeting!["mustNotSay"] as JsonArray ?? [];
                foreach (var (kind, fabrication) in FakeModel.Fabrications)
                {
                    guards.Add(new JsonObject
                    {
                        ["id"] = "planted-" + kind.Replace(' ', '-'),
                        ["why"] = "a fabrication the fake model planted: " + kind,
                        ["pattern"] = System.Text.RegularExpressions.Regex.Escape(fabrication[..20]),
                    });
                }

                guards.Add(new JsonObject { ["id"] = "planted-host", ["why"] = "the injected link's host", ["pattern"] = "evil\\.example" });
                meeting["mustNotSay"] = guards;
            }

            File.WriteAllText(expect, root.ToJsonString());
        }
    }
}
