using Microsoft.AspNetCore.Http.Features;

namespace MeetingPrep.Web.Hosting;

/// <summary>
/// Request body limits and security headers for every response, in one place so a new endpoint is covered without
/// remembering to opt in.
/// </summary>
public static class HttpHardening
{
    /// <summary>Largest body of any API call not listed below: a card action, a recipe, a feedback item.</summary>
    public const long DefaultBodyBytes = 64 * 1024;

    /// <summary>Graph's notification collections are small; anything bigger is not Graph.</summary>
    public const long WebhookBodyBytes = 1024 * 1024;

    /// <summary>Outlook hosts the task pane in a frame on these origins (Outlook on the web, new Outlook, Teams/M365 app).</summary>
    public const string PaneFrameAncestors =
        "'self' https://outlook.office.com https://outlook.office365.com https://*.outlook.office.com https://outlook.live.com "
        + "https://outlook.cloud.microsoft https://*.cloud.microsoft https://*.office.com https://*.office365.com "
        + "https://teams.microsoft.com https://*.teams.microsoft.com";

    // Office.js comes from Microsoft's CDN (and loads its host scripts from there); MSAL signs in against Entra.
    private const string PaneCsp =
        "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com https://ajax.aspnetcdn.com; "
        + "style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self' https://login.microsoftonline.com; "
        + "frame-src 'self' https://appsforoffice.microsoft.com https://login.microsoftonline.com; object-src 'none'; base-uri 'self'; "
        + "form-action 'self'; frame-ancestors " + PaneFrameAncestors;

    // The adaptivecards renderer sets inline styles; card images may be on any https host.
    private const string DemoCsp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Record pages are server-rendered text with one inline style block and nothing else.
    private const string CrmPageCsp =
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private const string ApiCsp = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>The body limit of a path, or null when its endpoint bounds the body itself (bot, CRM import).</summary>
    public static long? BodyLimitFor(PathString path)
    {
        if (path.StartsWithSegments("/api/messages", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/api/crm/import", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return path.StartsWithSegments("/api/graph/notifications", StringComparison.OrdinalIgnoreCase) ? WebhookBodyBytes : DefaultBodyBytes;
    }

    public static WebApplication UseHttpHardening(this WebApplication app)
    {
        app.Use(static (context, next) =>
        {
            context.Response.OnStarting(static state => AddHeaders((HttpContext)state), context);
            if (BodyLimitFor(context.Request.Path) is not { } limit)
            {
                return next(context);
            }

            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return Task.CompletedTask;
            }

            // Kestrel enforces the feature; the wrapper covers servers without it and chunked bodies either way.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }

            context.Request.Body = new BoundedReadStream(context.Request.Body, limit);
            return next(context);
        });
        return app;
    }

    private static Task AddHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        var path = context.Request.Path;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (path.StartsWithSegments("/jobs", StringComparison.OrdinalIgnoreCase))
        {
            // The Hangfire dashboard (Development, loopback only) relies on inline scripts.
            return Task.CompletedTask;
        }

        if (path.StartsWithSegments("/outlook", StringComparison.OrdinalIgnoreCase))
        {
            // Framed by Outlook: frame-ancestors says by whom; X-Frame-Options cannot list origins, so it is not sent.
            headers.ContentSecurityPolicy = PaneCsp;
            return Task.CompletedTask;
        }

        headers.XFrameOptions = "DENY";
        var html = context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true;
        headers.ContentSecurityPolicy = path.StartsWithSegments("/crm", StringComparison.OrdinalIgnoreCase) ? CrmPageCsp
            : html ? DemoCsp
            : ApiCsp;
        return Task.CompletedTask;
    }

    /// <summary>Reads through to the inner stream and fails with a 413 once more than the limit has been read.</summary>
    private sealed class BoundedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            _read += read;
            return _read > limit
                ? throw new BadHttpRequestException($"The request body is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge)
                : read;
        }
    }
}
