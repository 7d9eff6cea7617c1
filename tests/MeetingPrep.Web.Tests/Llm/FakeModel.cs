using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingPrep.Web.Tests.Bot;
using Microsoft.AspNetCore.Http;

namespace MeetingPrep.Web.Tests.Llm;

/// <summary>
/// A fake OpenAI-compatible model on 127.0.0.1 (<c>POST /v1/chat/completions</c>, bearer key), speaking the real wire
/// format. By default it answers like a faithful model: the lines the request marks as the rule-based writer's choice,
/// restated with their own sources (same-text lines merged). <see cref="Plant"/> adds fabricated lines to each answer.
/// </summary>
internal sealed class FakeModel : IAsyncDisposable
{
    public const string Key = "sk-fake";

    /// <summary>Planted fabrications, by kind: what each one says (for mustNotSay patterns and assertions).</summary>
    public static readonly IReadOnlyList<(string Kind, string Text)> Fabrications =
    [
        ("amount", "The account committed to €987,654 of new spend"),
        ("person", "Zebulon Quartermaine signed off on the plan"),
        ("missing source", "A confidential merger with Northwind is planned"),
        ("link", "Confirm the details at https://evil.example/verify"),
    ];

    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    private FakeModel(LocalServer server) => Server = server;

    public LocalServer Server { get; }

    /// <summary>How many fabrications each answer carries (0: none), taken in turn from <see cref="Fabrications"/>.</summary>
    public int Plant { get; set; }

    /// <summary>When set, every request is answered with this status and an error body.</summary>
    public int? FailWith { get; set; }

    /// <summary>When set, requests are held open until the model is disposed (a reply slower than any deadline).</summary>
    public bool Hold { get; set; }

    /// <summary>
    /// How chat questions (schema "answer") are answered, from the question and the request's data block; the default
    /// restates the first two data lines with their sources.
    /// </summary>
    public Func<string, JsonObject, IEnumerable<(string Text, string[] Sources, string Label)>> Chat { get; set; } =
        (_, data) => data["lines"]!.AsArray().Take(2).Select(l => (
            l!["text"]!.GetValue<string>(),
            l["sources"]!.AsArray().Select(s => s!.GetValue<string>()).ToArray(),
            "fact"));

    /// <summary>The chat questions' requests, as sent (messages with their roles).</summary>
    public List<JsonObject> ChatRequests { get; } = [];

    public string Endpoint => new Uri(Server.BaseUri, "v1").ToString();

    public IReadOnlyDictionary<string, string?> Settings(string model = "echo-model") => new Dictionary<string, string?>
    {
        ["Llm:Enabled"] = "true",
        ["Llm:Provider"] = "OpenAICompatible",
        ["Llm:Endpoint"] = Endpoint,
        ["Llm:Model"] = model,
        ["Llm:ApiKey"] = Key,
    };

    public static async Task<FakeModel> StartAsync()
    {
        FakeModel? model = null;
        var server = await LocalServer.StartAsync((request, context) => model!.RespondAsync(request, context));
        model = new FakeModel(server);
        return model;
    }

    private async Task RespondAsync(RecordedRequest request, HttpContext context)
    {
        context.Response.ContentType = "application/json";
        if (request.Method != "POST" || request.Path != "/v1/chat/completions" || request.Authorization != "Bearer " + Key)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("""{"error":{"message":"not found","type":"invalid_request_error"}}""", context.RequestAborted);
            return;
        }

        if (FailWith is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("""{"error":{"message":"scripted failure","type":"server_error"}}""", context.RequestAborted);
            return;
        }

        if (Hold)
        {
            await _released.Task.WaitAsync(context.RequestAborted);
        }

        var n = Interlocked.Increment(ref _requests);
        var body = JsonNode.Parse(request.Body)!.AsObject();
        var content = (string?)body["response_format"]?["json_schema"]?["name"] == "answer" ? ChatAnswer(body) : Answer(body, n);
        var completion = new JsonObject
        {
            ["id"] = "chatcmpl-" + n,
            ["object"] = "chat.completion",
            ["created"] = 1_795_000_000,
            ["model"] = "echo-model",
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
                ["finish_reason"] = "stop",
            }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 1000, ["completion_tokens"] = 200, ["total_tokens"] = 1200 },
        };
        await context.Response.WriteAsync(completion.ToJsonString(), Encoding.UTF8, context.RequestAborted);
    }

    private string Answer(JsonObject request, int n)
    {
        var user = request["messages"]!.AsArray().Select(m => m!.AsObject()).First(m => (string?)m["role"] == "user")["content"]!.GetValue<string>();
        var start = user.IndexOf("<data>", StringComparison.Ordinal) + "<data>".Length;
        var data = JsonNode.Parse(user[start..user.IndexOf("</data>", StringComparison.Ordinal)])!.AsObject();
        var candidates = data["candidates"]!.AsArray().Select(c => c!.AsObject()).ToList();

        JsonObject Claim(string text, IEnumerable<string> sources, string label) => new()
        {
            ["text"] = text,
            ["sources"] = new JsonArray([.. sources.Distinct().Select(s => (JsonNode)JsonValue.Create(s))]),
            ["label"] = label,
        };

        // Same-text lines of a section become one claim citing all their sources, as the rule-based writer merges them.
        IEnumerable<JsonObject> Claims(IEnumerable<JsonObject> lines) => lines
            .GroupBy(c => c["text"]!.GetValue<string>())
            .Select(g => Claim(g.Key, g.SelectMany(c => c["sources"]!.AsArray().Select(s => s!.GetValue<string>())), g.First()["label"]!.GetValue<string>()));

        var summary = Claims(candidates.Where(c => (string?)c["chosen"] == "summary")).ToList();
        var sections = candidates.Where(c => (string?)c["chosen"] == "section")
            .GroupBy(c => c["section"]!.GetValue<string>())
            .Select(g => (JsonNode)new JsonObject { ["kind"] = g.Key, ["claims"] = new JsonArray([.. Claims(g)]) })
            .ToList();

        var firstSource = candidates.Count > 0 ? candidates[0]["sources"]!.AsArray()[0]!.GetValue<string>() : "S1";
        for (var i = 0; i < Plant; i++)
        {
            var (kind, text) = Fabrications[(n + i) % Fabrications.Count];
            summary.Add(Claim(text, [kind == "missing source" ? "S999" : firstSource], "fact"));
        }

        return new JsonObject { ["summary"] = new JsonArray([.. summary]), ["sections"] = new JsonArray([.. sections]) }
            .ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private string ChatAnswer(JsonObject request)
    {
        lock (ChatRequests)
        {
            ChatRequests.Add(request);
        }

        var user = request["messages"]!.AsArray().Select(m => m!.AsObject()).Last(m => (string?)m["role"] == "user")["content"]!.GetValue<string>();
        var start = user.IndexOf("<data>", StringComparison.Ordinal);
        var data = JsonNode.Parse(user[(start + "<data>".Length)..user.IndexOf("</data>", StringComparison.Ordinal)])!.AsObject();
        var lines = Chat(user[..start].Trim(), data).Select(l => (JsonNode)new JsonObject
        {
            ["text"] = l.Text,
            ["sources"] = new JsonArray([.. l.Sources.Select(x => (JsonNode)JsonValue.Create(x))]),
            ["label"] = l.Label,
        });
        return new JsonObject { ["lines"] = new JsonArray([.. lines]) }
            .ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        return Server.DisposeAsync();
    }
}
