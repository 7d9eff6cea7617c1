using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace MeetingPrep.Connectors.Tests.Llm;

/// <summary>One chat-completions request as the fake server saw it.</summary>
internal sealed record ModelRequest(string Path, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Headers, JsonObject Body)
{
    public string System => Messages.First(m => m["role"]!.GetValue<string>() == "system")["content"]!.GetValue<string>();

    public string User => Messages.First(m => m["role"]!.GetValue<string>() == "user")["content"]!.GetValue<string>();

    public IEnumerable<JsonObject> Messages => Body["messages"]!.AsArray().Select(m => m!.AsObject());

    /// <summary>The JSON between &lt;data&gt; and &lt;/data&gt; in the user message.</summary>
    public JsonObject Data
    {
        get
        {
            var user = User;
            var start = user.IndexOf("<data>", StringComparison.Ordinal) + "<data>".Length;
            var end = user.IndexOf("</data>", StringComparison.Ordinal);
            return JsonNode.Parse(user[start..end])!.AsObject();
        }
    }

    /// <summary>The short id the request gave a source whose title contains <paramref name="titlePart"/>.</summary>
    public string SourceId(string titlePart) =>
        Data["sources"]!.AsArray().First(s => s!["title"]!.GetValue<string>().Contains(titlePart, StringComparison.Ordinal))!["id"]!.GetValue<string>();

    public IEnumerable<(string Section, string Text, string Label, List<string> Sources)> Candidates =>
        Data["candidates"]!.AsArray().Select(c => (
            c!["section"]!.GetValue<string>(),
            c["text"]!.GetValue<string>(),
            c["label"]!.GetValue<string>(),
            c["sources"]!.AsArray().Select(s => s!.GetValue<string>()).ToList()));
}

/// <summary>A scripted reply: status, body and headers; <see cref="Hold"/> keeps the request open until the server is disposed.</summary>
internal sealed record ModelReply(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, bool Hold = false)
{
    /// <summary>A chat completion whose assistant message is <paramref name="content"/>.</summary>
    public static ModelReply Completion(string content, string finishReason = "stop") => new(200, new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion",
        ["created"] = 1_795_000_000,
        ["model"] = "fake-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = finishReason,
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 1200, ["completion_tokens"] = 300, ["total_tokens"] = 1500 },
    }.ToJsonString());

    /// <summary>A structured-output refusal: no content, a refusal message.</summary>
    public static ModelReply Refusal() => new(200, new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion",
        ["created"] = 1_795_000_000,
        ["model"] = "fake-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = null, ["refusal"] = "I'm sorry, I cannot help with that." },
            ["finish_reason"] = "stop",
        }),
    }.ToJsonString());

    public static ModelReply Error(int status, string code, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, new JsonObject { ["error"] = new JsonObject { ["message"] = code, ["type"] = code, ["code"] = code } }.ToJsonString(), headers);
}

/// <summary>
/// A fake OpenAI-compatible server on 127.0.0.1, speaking the real wire format. It answers only on the route of the
/// configured flavour — Azure OpenAI (<c>/openai/deployments/{deployment}/chat/completions?api-version=…</c> with an
/// <c>api-key</c> or bearer header) or OpenAI (<c>/v1/chat/completions</c> with <c>Authorization: Bearer</c>) — and
/// anything else gets 404, so a wrong request shape shows as a fallback. Replies come from a script of the request.
/// </summary>
internal sealed class FakeModelServer : IDisposable
{
    private readonly ConcurrentQueue<ModelRequest> _requests = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _expectedPath;
    private readonly Func<ModelRequest, bool> _authorized;
    private TaskCompletionSource<ModelRequest> _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeModelServer(WireMockServer server, string url, string expectedPath, Func<ModelRequest, bool> authorized)
    {
        Server = server;
        Url = url;
        _expectedPath = expectedPath;
        _authorized = authorized;
        server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(Handle));
    }

    public WireMockServer Server { get; }

    public string Url { get; }

    /// <summary>What to answer; the default is a 500 so a test that forgot to script fails visibly.</summary>
    public Func<ModelRequest, ModelReply> Script { get; set; } = _ => ModelReply.Error(500, "unscripted");

    public IReadOnlyList<ModelRequest> Requests => [.. _requests];

    /// <summary>Completes when the next request arrives (an event, not a wait on the clock).</summary>
    public Task<ModelRequest> NextRequest => _arrived.Task;

    public static FakeModelServer AzureOpenAI(string deployment, string? apiKey, string? bearer = null) =>
        Start($"/openai/deployments/{deployment}/chat/completions", r =>
            r.Query.ContainsKey("api-version")
            && (apiKey is null || (r.Headers.TryGetValue("api-key", out var key) && key == apiKey))
            && (bearer is null || (r.Headers.TryGetValue("Authorization", out var auth) && auth == "Bearer " + bearer)));

    public static FakeModelServer OpenAI(string apiKey) =>
        Start("/v1/chat/completions", r => r.Headers.TryGetValue("Authorization", out var auth) && auth == "Bearer " + apiKey);

    private static FakeModelServer Start(string path, Func<ModelRequest, bool> authorized)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = FreePort();
            try
            {
                var url = $"http://127.0.0.1:{port}";
                return new FakeModelServer(WireMockServer.Start(new WireMockServerSettings { Urls = [url] }), url, path, authorized);
            }
            catch (IOException) when (attempt < 3)
            {
                // Another process took the port between probing and binding; try another.
            }
        }
    }

    private ResponseMessage Handle(IRequestMessage message)
    {
        var request = new ModelRequest(
            message.Path,
            message.Query?.ToDictionary(q => q.Key, q => string.Join(",", q.Value), StringComparer.OrdinalIgnoreCase) ?? [],
            message.Headers?.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase) ?? [],
            JsonNode.Parse(message.Body ?? "{}")?.AsObject() ?? []);
        _requests.Enqueue(request);
        Interlocked.Exchange(ref _arrived, new TaskCompletionSource<ModelRequest>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(request);

        ModelReply reply;
        if (message.Method != "POST" || message.Path != _expectedPath)
        {
            reply = ModelReply.Error(404, "DeploymentNotFound");
        }
        else if (!_authorized(request))
        {
            reply = ModelReply.Error(401, "invalid_api_key");
        }
        else
        {
            reply = Script(request);
        }

        if (reply.Hold)
        {
            // A reply slower than any deadline: held until the test ends, never by the clock.
            _released.Task.Wait();
        }

        var headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") };
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = new WireMockList<string>(value);
        }

        return new ResponseMessage
        {
            StatusCode = reply.Status,
            Headers = headers,
            BodyData = new BodyData { BodyAsString = reply.Body, DetectedBodyType = BodyType.String },
        };
    }

    public void Dispose()
    {
        _released.TrySetResult();
        Server.Stop();
        Server.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Builds the model's JSON answers the way a model would, from the request it was sent.</summary>
internal static class Answers
{
    public static string Json(IEnumerable<(string Text, string[] Sources, string Label)> summary, params (string Kind, (string Text, string[] Sources, string Label)[] Claims)[] sections) =>
        new JsonObject
        {
            ["summary"] = new JsonArray([.. summary.Select(Claim)]),
            ["sections"] = new JsonArray([.. sections.Select(s => (JsonNode)new JsonObject
            {
                ["kind"] = s.Kind,
                ["claims"] = new JsonArray([.. s.Claims.Select(Claim)]),
            })]),
        }.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>A faithful answer: the top candidates of each section restated with their own sources and labels.</summary>
    public static string Faithful(ModelRequest request, int perSection = 3)
    {
        var candidates = request.Candidates.ToList();
        var sections = candidates.GroupBy(c => c.Section)
            .Select(g => (g.Key, g.Take(perSection).Select(c => (c.Text, c.Sources.ToArray(), c.Label)).ToArray()))
            .ToArray();
        var summary = candidates.Where(c => c.Section is "OpenIssues" or "Opportunities" or "Risks").Take(2)
            .Select(c => (c.Text, c.Sources.ToArray(), c.Label));
        return Json(summary, sections);
    }

    private static JsonNode Claim((string Text, string[] Sources, string Label) c) => new JsonObject
    {
        ["text"] = c.Text,
        ["sources"] = new JsonArray([.. c.Sources.Select(s => (JsonNode)JsonValue.Create(s))]),
        ["label"] = c.Label,
    };
}
