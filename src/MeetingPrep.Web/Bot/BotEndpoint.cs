using System.Buffers;
using System.Text.Json;
using MeetingPrep.Teams.Bot;
using MeetingPrep.Teams.Bot.Auth;
using MeetingPrep.Teams.Bot.Routing;
using MeetingPrep.Teams.Bot.Schema;

namespace MeetingPrep.Web.Bot;

/// <summary>
/// The messaging endpoint. Order matters: the token is validated before the body is even read; then the body is read
/// up to <c>Bot:MaxRequestBytes</c> (413 beyond), parsed (400 when it is not an activity or names no conversation; 413 for a
/// text over <c>Bot:MaxMessageTextChars</c>), checked against the token's
/// serviceurl claim, and only then handed to the turn processor. Failures carry no detail.
/// </summary>
internal static class BotEndpoint
{
    public static async Task HandleAsync(
        HttpContext context, BotTokenValidator validator, BotTurnProcessor processor, BotOptions options, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("MeetingPrep.Bot.Endpoint");
        var cancellationToken = context.RequestAborted;
        var check = await validator.ValidateAsync(context.Request.Headers.Authorization.ToString(), cancellationToken);
        if (check.Verdict != TokenVerdict.Valid)
        {
            Reject(context, logger, check);
            return;
        }

        var body = await ReadBoundedAsync(context.Request, options.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            Log.BotRequestRejected(logger, StatusCodes.Status413PayloadTooLarge, "the body is larger than Bot:MaxRequestBytes");
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body, BotJsonContext.Default.Activity);
        }
        catch (JsonException)
        {
            activity = null;
        }

        if (activity is null || string.IsNullOrWhiteSpace(activity.Type))
        {
            Log.BotRequestRejected(logger, StatusCodes.Status400BadRequest, "the body is not an activity");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // Every activity we route is answered in its conversation; Teams always names one.
        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            Log.BotRequestRejected(logger, StatusCodes.Status400BadRequest, "the activity names no conversation");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        // Teams caps a message at about 28 KB; a longer text is not from Teams and would only cost parsing time.
        if (activity.Text is { Length: var length } && length > options.MaxMessageTextChars)
        {
            Log.BotRequestRejected(logger, StatusCodes.Status413PayloadTooLarge, "the message text is longer than Bot:MaxMessageTextChars");
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        check = check.ForActivity(activity.ServiceUrl, activity.ChannelId);
        if (check.Verdict != TokenVerdict.Valid)
        {
            Reject(context, logger, check);
            return;
        }

        var outcome = await processor.ProcessAsync(activity, check.IsAnonymous, context.RequestServices, cancellationToken);
        context.Response.StatusCode = outcome.Status;
        if (outcome.Body is { } json)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(context.Response.Body, json, BotJsonContext.Default.JsonNode, cancellationToken);
        }
    }

    private static void Reject(HttpContext context, ILogger logger, TokenCheck check)
    {
        var status = check.Verdict == TokenVerdict.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
        Log.BotRequestRejected(logger, status, check.Reason ?? "invalid token");
        context.Response.StatusCode = status;
    }

    /// <summary>The body, or null when it exceeds <paramref name="limit"/> bytes (declared or actual).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var length ? (int)length! : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }
    }
}
