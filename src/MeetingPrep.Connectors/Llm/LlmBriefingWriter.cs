using System.ClientModel;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Identity;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Recipes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Connectors.Llm;

/// <summary>
/// The LLM writer: one call per briefing (answers cached by a hash of the request, which holds the context and the
/// recipe), structured output, every claim checked by the verifier. Whatever goes wrong — timeout, 429, 5xx, refusal,
/// invalid JSON, an answer the verifier rejects too much of — the reader gets the extractive briefing with a note saying
/// it was written without the model and why; never an error.
/// </summary>
public sealed class LlmBriefingWriter(
    IChatClient chat,
    LlmOptions options,
    ExtractiveBriefingWriter extractive,
    TimeProvider time,
    ILogger<LlmBriefingWriter> logger) : IBriefingWriter
{
    private const string SchemaName = "briefing";
    private const string SchemaDescription = "A meeting briefing: cited claims";
    private static readonly TimeSpan DefaultPause = TimeSpan.FromSeconds(10);

    private readonly LlmAnswerCache _cache = new(time, TimeSpan.FromMinutes(options.CacheMinutes));
    private readonly Lock _gate = new();
    private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
    private string _last = "no briefing written yet";

    public string Name => options.WriterName;

    /// <summary>What <c>/health</c> says: the writer in use, the model, and how the last briefing went.</summary>
    public string Describe()
    {
        lock (_gate)
        {
            return $"LLM writer {Name} (every line checked against its sources; extractive fallback); last briefing: {_last}";
        }
    }

    public async Task<Briefing> WriteAsync(MeetingContext context, BriefingRecipe recipe, IReadOnlySet<string> suppressedItemKeys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(recipe);
        ArgumentNullException.ThrowIfNull(suppressedItemKeys);
        var fallback = extractive.Write(context, recipe, suppressedItemKeys);
        var candidates = ExtractiveBriefingWriter.Candidates(context, recipe, suppressedItemKeys);
        if (candidates.Count == 0)
        {
            // Nothing gathered to write from: the model could only invent.
            return fallback;
        }

        var prompt = LlmBriefingPrompt.Build(context, recipe, candidates, fallback, options.MaxInputTokens);
        var key = CacheKey(prompt);
        var started = time.GetTimestamp();
        var answerText = _cache.Get(key);
        var cached = answerText is not null;
        if (answerText is null)
        {
            var (text, failure) = await AskAsync(prompt, cancellationToken);
            if (text is null)
            {
                return Fallback(fallback, failure ?? Failure.Refused, time.GetElapsedTime(started));
            }

            answerText = text;
        }

        var answer = Parse(answerText);
        if (answer is null)
        {
            return Fallback(fallback, Failure.InvalidJson, time.GetElapsedTime(started));
        }

        var verified = LlmBriefingAssembler.Assemble(answer, prompt, context, recipe, fallback, suppressedItemKeys, Name, options.MaxRejectedShare, time.GetUtcNow());
        LlmMetrics.Claims(verified.Claims, verified.Rejected, verified.Unverified, verified.Relabelled);
        if (verified.Briefing is null)
        {
            return Fallback(fallback, new Failure("verifier", verified.Failure ?? "its answer did not hold up against the sources"), time.GetElapsedTime(started));
        }

        if (!cached)
        {
            _cache.Set(key, answerText);
        }

        var elapsed = time.GetElapsedTime(started);
        LlmMetrics.Outcome("ok", elapsed);
        Log.LlmBriefingWritten(logger, Name, (long)elapsed.TotalMilliseconds, cached, verified.Claims, verified.Rejected, verified.Unverified, verified.Relabelled);
        Remember($"written by the model at {time.GetUtcNow():HH:mm} UTC");
        return verified.Briefing;
    }

    private async Task<(string? Text, Failure? Failure)> AskAsync(LlmBriefingPrompt prompt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (time.GetUtcNow() < _pausedUntil)
            {
                return (null, new Failure("paused", string.Create(CultureInfo.InvariantCulture, $"it asked us to wait until {_pausedUntil:HH:mm:ss} UTC (rate limited)")));
            }
        }

        var schema = LlmBriefingPrompt.Schema(prompt.Sections);
        var chatOptions = new ChatOptions
        {
            ResponseFormat = ChatResponseFormat.ForJsonSchema(schema, SchemaName, SchemaDescription),
            MaxOutputTokens = options.MaxOutputTokens,

            // Strict structured output (the schema requires every property and allows no other), on both routes.
            RawRepresentationFactory = _ => new OpenAI.Chat.ChatCompletionOptions
            {
                ResponseFormat = OpenAI.Chat.ChatResponseFormat.CreateJsonSchemaFormat(
                    SchemaName, BinaryData.FromString(schema.GetRawText()), SchemaDescription, jsonSchemaIsStrict: true),
            },
        };

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.TimeoutSeconds), time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var response = await chat.GetResponseAsync(prompt.Messages, chatOptions, linked.Token);
            LlmMetrics.Tokens(response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount);
            if (response.FinishReason == ChatFinishReason.ContentFilter
                || response.Messages.SelectMany(m => m.Contents).OfType<ErrorContent>().Any()
                || string.IsNullOrWhiteSpace(response.Text))
            {
                return (null, Failure.Refused);
            }

            return (response.Text, null);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, new Failure("timeout", string.Create(CultureInfo.InvariantCulture, $"it did not answer within {options.TimeoutSeconds} s")));
        }
        catch (ClientResultException ex) when (ex.Status == 429)
        {
            var pause = RetryAfter(ex) ?? DefaultPause;
            if (pause > TimeSpan.FromSeconds(options.MaxPauseSeconds))
            {
                pause = TimeSpan.FromSeconds(options.MaxPauseSeconds);
            }

            lock (_gate)
            {
                _pausedUntil = time.GetUtcNow() + pause;
            }

            return (null, new Failure("rate_limited", string.Create(CultureInfo.InvariantCulture, $"it is rate limited (asked to retry after {pause.TotalSeconds:0} s)")));
        }
        catch (ClientResultException ex) when (ex.Status >= 500)
        {
            return (null, new Failure("server_error", string.Create(CultureInfo.InvariantCulture, $"it answered with a server error ({ex.Status})")));
        }
        catch (ClientResultException ex) when (ex.Status is 401 or 403)
        {
            return (null, new Failure("auth", "it refused our sign-in (check Llm:ApiKey or the managed identity's role)"));
        }
        catch (ClientResultException ex) when (ex.Status == 400 && ex.Message.Contains("content", StringComparison.OrdinalIgnoreCase) && ex.Message.Contains("filter", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Failure.Refused);
        }
        catch (ClientResultException ex)
        {
            return (null, new Failure("error", string.Create(CultureInfo.InvariantCulture, $"it answered with an error ({ex.Status})")));
        }
        catch (HttpRequestException)
        {
            return (null, new Failure("unreachable", "it could not be reached"));
        }
        catch (AuthenticationFailedException)
        {
            return (null, new Failure("auth", "signing in to it failed (managed identity)"));
        }
        catch (JsonException)
        {
            return (null, Failure.InvalidJson);
        }
#pragma warning disable CA1031 // Whatever else the SDK throws, the reader gets the extractive briefing, never an error.
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Log.LlmModelFailed(logger, ex, Name, ex.GetType().Name);
            return (null, new Failure("error", "it could not be used"));
        }
    }

    private Briefing Fallback(Briefing extractiveBriefing, Failure failure, TimeSpan elapsed)
    {
        LlmMetrics.Outcome(failure.Code, elapsed);
        Log.LlmFellBack(logger, Name, failure.Code, (long)elapsed.TotalMilliseconds);
        Remember($"extractive fallback at {time.GetUtcNow():HH:mm} UTC ({failure.Code})");
        var note = $"Written without the model ({Name}): {failure.Reason}. This is the extractive briefing.";
        return extractiveBriefing with { Notes = [note, .. extractiveBriefing.Notes] };
    }

    private void Remember(string last)
    {
        lock (_gate)
        {
            _last = last;
        }
    }

    internal static LlmBriefingAnswer? Parse(string text)
    {
        var json = text.Trim();

        // Models without structured output sometimes fence their JSON; nothing else is forgiven.
        if (json.StartsWith("```", StringComparison.Ordinal))
        {
            var start = json.IndexOf('\n', StringComparison.Ordinal);
            var end = json.LastIndexOf("```", StringComparison.Ordinal);
            json = start > 0 && end > start ? json[(start + 1)..end] : json;
        }

        try
        {
            return JsonSerializer.Deserialize(json, LlmJsonContext.Default.LlmBriefingAnswer);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private TimeSpan? RetryAfter(ClientResultException ex)
    {
        var headers = ex.GetRawResponse()?.Headers;
        if (headers is null)
        {
            return null;
        }

        if (headers.TryGetValue("retry-after-ms", out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (!headers.TryGetValue("Retry-After", out var value) || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && at > time.GetUtcNow()
            ? at - time.GetUtcNow()
            : null;
    }

    private string CacheKey(LlmBriefingPrompt prompt)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(Name + "\n" + string.Join(",", prompt.Sections) + "\n" + prompt.Fingerprint));
        return Convert.ToHexString(bytes);
    }

    private sealed record Failure(string Code, string Reason)
    {
        public static readonly Failure InvalidJson = new("invalid_json", "its answer was not the JSON asked for");
        public static readonly Failure Refused = new("refused", "it declined to answer");
    }
}

/// <summary>Answers by request hash, kept for a while on the writer's clock; bounded, oldest out first.</summary>
internal sealed class LlmAnswerCache(TimeProvider time, TimeSpan lifetime)
{
    private const int Capacity = 512;
    private readonly Dictionary<string, (string Text, DateTimeOffset Expires)> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public string? Get(string key)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(key, out var entry) && entry.Expires > time.GetUtcNow() ? entry.Text : null;
        }
    }

    public void Set(string key, string text)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            return;
        }

        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_entries.Count >= Capacity)
            {
                foreach (var stale in _entries.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
                {
                    _entries.Remove(stale);
                }

                if (_entries.Count >= Capacity)
                {
                    _entries.Remove(_entries.MinBy(e => e.Value.Expires).Key);
                }
            }

            _entries[key] = (text, now + lifetime);
        }
    }
}

/// <summary>Tokens, latency, outcomes and verifier verdicts of the LLM writer, on the <c>MeetingPrep.Llm</c> meter.</summary>
public static class LlmMetrics
{
    public const string MeterName = "MeetingPrep.Llm";

    private static readonly System.Diagnostics.Metrics.Meter Meter = new(MeterName);
    private static readonly System.Diagnostics.Metrics.Counter<long> Calls = Meter.CreateCounter<long>("meetingprep.llm.briefings", description: "Briefings by outcome (ok, or why the extractive fallback was used)");
    private static readonly System.Diagnostics.Metrics.Histogram<double> Latency = Meter.CreateHistogram<double>("meetingprep.llm.latency", "ms", "Time to a briefing through the LLM writer");
    private static readonly System.Diagnostics.Metrics.Counter<long> TokenCount = Meter.CreateCounter<long>("meetingprep.llm.tokens", description: "Tokens used, by direction");
    private static readonly System.Diagnostics.Metrics.Counter<long> ClaimCount = Meter.CreateCounter<long>("meetingprep.llm.claims", description: "The model's lines by verifier verdict");

    internal static void Outcome(string outcome, TimeSpan elapsed)
    {
        var tag = new KeyValuePair<string, object?>("outcome", outcome);
        Calls.Add(1, tag);
        Latency.Record(elapsed.TotalMilliseconds, tag);
    }

    internal static void Tokens(long? input, long? output)
    {
        if (input is { } i)
        {
            TokenCount.Add(i, new KeyValuePair<string, object?>("direction", "input"));
        }

        if (output is { } o)
        {
            TokenCount.Add(o, new KeyValuePair<string, object?>("direction", "output"));
        }
    }

    internal static void Claims(int total, int rejected, int unverified, int relabelled)
    {
        ClaimCount.Add(total - rejected - unverified, new KeyValuePair<string, object?>("verdict", "verified"));
        ClaimCount.Add(rejected, new KeyValuePair<string, object?>("verdict", "rejected"));
        ClaimCount.Add(unverified, new KeyValuePair<string, object?>("verdict", "unverified"));
        ClaimCount.Add(relabelled, new KeyValuePair<string, object?>("verdict", "relabelled"));
    }
}
