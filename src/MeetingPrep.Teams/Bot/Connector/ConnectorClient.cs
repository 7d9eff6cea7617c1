using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MeetingPrep.Teams.Bot.Auth;
using MeetingPrep.Teams.Bot.Schema;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Teams.Bot.Connector;

/// <summary>
/// The Bot Connector REST API (paths relative to a conversation's serviceUrl): reply, send, update, delete, create a 1:1
/// conversation, read a member. Typed client: the token is attached by <see cref="BotAuthenticationHandler"/>, which
/// also refuses hosts off the allow-list. Calls are paced per conversation and per tenant (the activity's); 429 (with Retry-After), 412 and
/// 502–504 are retried for GET, PUT and DELETE; a POST is retried only on answers proving it was not accepted (429, 412)
/// and only with an idempotency key, so a retry never posts a second copy.
/// </summary>
public sealed class ConnectorClient(
    HttpClient http,
    ServiceUrlPolicy policy,
    ConnectorPacer pacer,
    SendLedger ledger,
    BotOptions options,
    TimeProvider time,
    ILogger<ConnectorClient> logger)
{
    public Task<ResourceResponseResult> ReplyAsync(string serviceUrl, string conversationId, string replyToId, OutboundActivity activity, string? idempotencyKey, CancellationToken cancellationToken) =>
        PostActivityAsync(serviceUrl, conversationId, $"v3/conversations/{Esc(conversationId)}/activities/{Esc(replyToId)}", activity with { ReplyToId = replyToId }, idempotencyKey, cancellationToken);

    public Task<ResourceResponseResult> SendAsync(string serviceUrl, string conversationId, OutboundActivity activity, string? idempotencyKey, CancellationToken cancellationToken) =>
        PostActivityAsync(serviceUrl, conversationId, $"v3/conversations/{Esc(conversationId)}/activities", activity, idempotencyKey, cancellationToken);

    public async Task<string?> UpdateAsync(string serviceUrl, string conversationId, string activityId, OutboundActivity activity, CancellationToken cancellationToken)
    {
        var body = activity with { Id = activityId, Conversation = activity.Conversation ?? new ConversationAccount { Id = conversationId } };
        var response = await SendWithRetryAsync(
            HttpMethod.Put, serviceUrl, conversationId, body.Conversation?.TenantId, $"v3/conversations/{Esc(conversationId)}/activities/{Esc(activityId)}", body, BotJsonContext.Default.OutboundActivity, retryable: true, cancellationToken);
        return response?.Id;
    }

    public async Task DeleteAsync(string serviceUrl, string conversationId, string activityId, CancellationToken cancellationToken) =>
        await SendWithRetryAsync<object>(
            HttpMethod.Delete, serviceUrl, conversationId, null, $"v3/conversations/{Esc(conversationId)}/activities/{Esc(activityId)}", null, null, retryable: true, cancellationToken);

    /// <summary>Creates (or, as Teams does for 1:1, returns the existing) personal conversation with a user.</summary>
    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        // Teams returns the existing 1:1 conversation for the same bot and user, so retrying a throttled create is safe.
        var uri = Resolve(serviceUrl, "v3/conversations");
        using var response = await SendCoreAsync(HttpMethod.Post, uri, parameters.TenantId, null, parameters, BotJsonContext.Default.ConversationParameters, retryable: true, cancellationToken);
        return await ReadAsync(response, BotJsonContext.Default.ConversationResourceResponse, cancellationToken)
            ?? throw new ConnectorException((int)response.StatusCode, "EmptyResponse", "The connector answered without a conversation id.");
    }

    public async Task<TeamsMember?> GetMemberAsync(string serviceUrl, string conversationId, string memberId, CancellationToken cancellationToken)
    {
        var uri = Resolve(serviceUrl, $"v3/conversations/{Esc(conversationId)}/members/{Esc(memberId)}");
        using var response = await SendCoreAsync<object>(HttpMethod.Get, uri, null, conversationId, null, null, retryable: true, cancellationToken);
        return await ReadAsync(response, BotJsonContext.Default.TeamsMember, cancellationToken);
    }

    private async Task<ResourceResponseResult> PostActivityAsync(
        string serviceUrl, string conversationId, string path, OutboundActivity activity, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var body = activity with { Conversation = activity.Conversation ?? new ConversationAccount { Id = conversationId } };
        if (idempotencyKey is null)
        {
            var once = await SendWithRetryAsync(HttpMethod.Post, serviceUrl, conversationId, body.Conversation?.TenantId, path, body, BotJsonContext.Default.OutboundActivity, retryable: false, cancellationToken);
            return new ResourceResponseResult(once?.Id, false);
        }

        var result = await ledger.SendOnceAsync(idempotencyKey, async () =>
        {
            var response = await SendWithRetryAsync(HttpMethod.Post, serviceUrl, conversationId, body.Conversation?.TenantId, path, body, BotJsonContext.Default.OutboundActivity, retryable: true, cancellationToken);
            return response?.Id;
        });
        if (result.WasDuplicate)
        {
            Log.DuplicateSendSkipped(logger, idempotencyKey, result.ActivityId);
        }

        return result;
    }

    private async Task<ResourceResponse?> SendWithRetryAsync<T>(
        HttpMethod method, string serviceUrl, string conversationId, string? tenantId, string path, T? body, JsonTypeInfo<T>? typeInfo, bool retryable, CancellationToken cancellationToken)
    {
        var uri = Resolve(serviceUrl, path);
        using var response = await SendCoreAsync(method, uri, tenantId, conversationId, body, typeInfo, retryable, cancellationToken);
        return method == HttpMethod.Delete ? null : await ReadAsync(response, BotJsonContext.Default.ResourceResponse, cancellationToken);
    }

    /// <summary>One call with pacing and the retry rules; returns a successful response or throws <see cref="ConnectorException"/>.</summary>
    private async Task<HttpResponseMessage> SendCoreAsync<T>(
        HttpMethod method, Uri uri, string? tenantId, string? conversationId, T? body, JsonTypeInfo<T>? typeInfo, bool retryable, CancellationToken cancellationToken)
    {
        var operation = OperationName(uri);
        for (var attempt = 0; ; attempt++)
        {
            await pacer.WaitAsync(tenantId, conversationId, cancellationToken);
            using var request = new HttpRequestMessage(method, uri);
            if (body is not null && typeInfo is not null)
            {
                request.Content = JsonContent.Create(body, typeInfo, new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" });
            }

            var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var status = (int)response.StatusCode;
            var mayRetry = attempt < options.MaxRetries && (method == HttpMethod.Post
                ? retryable && status is 429 or 412
                : status is 429 or 412 or 502 or 503 or 504);
            var delay = mayRetry ? RetryDelay(response, attempt) : null;
            if (delay is { } wait)
            {
                Log.Throttled(logger, method.Method, operation, status, attempt + 1, (long)wait.TotalMilliseconds);
                response.Dispose();
                await Task.Delay(wait, time, cancellationToken);
                continue;
            }

            using (response)
            {
                var error = await ReadErrorAsync(response, cancellationToken);
                Log.ConnectorFailed(logger, method.Method, operation, status, error?.Code);
                throw new ConnectorException(status, error?.Code, $"The connector answered {status} to {method.Method} {operation}.");
            }
        }
    }

    /// <summary>Retry-After (seconds or a date) when given, capped; otherwise exponential backoff with jitter. Null: do not wait that long.</summary>
    private TimeSpan? RetryDelay(HttpResponseMessage response, int attempt)
    {
        var retryAfter = response.Headers.RetryAfter;
        TimeSpan delay;
        if (retryAfter?.Delta is { } delta)
        {
            delay = delta;
        }
        else if (retryAfter?.Date is { } date)
        {
            delay = date - time.GetUtcNow();
        }
        else
        {
            var backoff = TimeSpan.FromMilliseconds(500 * Math.Pow(2, attempt));
            delay = backoff + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250));
        }

        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }

        return delay > TimeSpan.FromSeconds(options.MaxRetryAfterSeconds) ? null : delay;
    }

    private Uri Resolve(string serviceUrl, string path)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var root) || !policy.IsAllowed(root))
        {
            throw new ServiceUrlNotAllowedException(root?.Host ?? "(invalid)");
        }

        var baseUri = root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/");
        return new Uri(baseUri, path);
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        if (response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0)
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<ConnectorError?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadFromJsonAsync(BotJsonContext.Default.ConnectorErrorBody, cancellationToken);
            return body?.Error;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The path with ids blanked, safe for logs ("v3/conversations/{id}/activities/{id}").</summary>
    private static string OperationName(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var start = Array.IndexOf(segments, "v3");
        var parts = segments.Skip(Math.Max(0, start)).Select(s => s is "v3" or "conversations" or "activities" or "members" ? s : "{id}");
        return string.Join('/', parts);
    }

    private static string Esc(string segment) => Uri.EscapeDataString(segment);
}
