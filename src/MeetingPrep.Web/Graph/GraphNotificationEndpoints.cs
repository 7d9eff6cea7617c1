using System.Text;
using MeetingPrep.Connectors.Graph.Notifications;
using Microsoft.AspNetCore.Http.Features;

namespace MeetingPrep.Web.Graph;

/// <summary>
/// The Microsoft Graph webhook (change and lifecycle notifications share it). Graph wants 2xx within 3 s and flags slow
/// endpoints, so this only validates and enqueues; <see cref="GraphNotificationChannel"/>'s reader does the work.
/// Graph calls it without a token: trust comes from the clientState secret, checked by <see cref="GraphNotificationProcessor"/>.
/// </summary>
public static class GraphNotificationEndpoints
{
    public const string Path = "/api/graph/notifications";

    // A notification collection is small; anything bigger is not Graph (HttpHardening also bounds it, for every server).
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>Longest validation token echoed.</summary>
    public const int MaxValidationTokenLength = 1024;

    public static IEndpointRouteBuilder MapGraphNotifications(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Path, HandleAsync).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> HandleAsync(HttpContext context, GraphNotificationProcessor processor)
    {
        // The handshake: echo the (already URL-decoded) token as text/plain with nosniff (added for every response), so a
        // crafted token is never rendered as HTML; Graph's tokens are short, so a long one is not Graph.
        if (GraphNotificationProcessor.ValidationResponse(context.Request.Query["validationToken"]) is { } token)
        {
            return token.Length > MaxValidationTokenLength
                ? Results.BadRequest()
                : Results.Text(token, "text/plain", Encoding.UTF8, StatusCodes.Status200OK);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        string body;
        using (var reader = new StreamReader(context.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        GraphNotificationResult result;
        try
        {
            result = processor.Handle(body);
        }
        catch (FormatException)
        {
            return Results.BadRequest();
        }

        // 503 makes Graph retry later; rejected (wrong clientState) items are dropped with a 202 so they are not re-sent.
        return result.QueueFull ? Results.StatusCode(StatusCodes.Status503ServiceUnavailable) : Results.Accepted();
    }
}
