using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage.Crm;
using MeetingPrep.Web.Auth;
using Microsoft.Extensions.Localization;

namespace MeetingPrep.Web.Crm;

/// <summary>
/// A page per built-in CRM record, so every citation of the built-in store opens something a person can read.
/// Every value is HTML-encoded: CRM text is untrusted.
/// </summary>
/// <remarks>
/// Record-level access: a page opens with the signed, short-lived link a briefing cited it with (see
/// <see cref="RecordLinkSigner"/>: briefings are only written for meetings the reader attends, so the signature is the
/// proof, checked without a session or a calendar read), or for a caller holding the <c>MeetingPrep.CrmAdmin</c> app role.
/// Being signed in is not enough: ids are guessable, and any colleague could otherwise read any account. A link names
/// the user it was cited to; a caller signed in as someone else is refused even with a valid signature. A browser without
/// a token (a citation opened from Teams) cannot be told apart, so there the link stays a capability until it expires.
/// </remarks>
public static class CrmRecordPages
{
    public static IEndpointRouteBuilder MapCrmRecordPages(this IEndpointRouteBuilder app)
    {
        // Anonymous at the routing level: a browser following a citation has no bearer token; the handler decides.
        app.MapGet("/crm/{kind}/{id}", ShowAsync).AllowAnonymous();
        return app;
    }

    internal static async Task<IResult> ShowAsync(
        string kind, string id, string? t, string? u, string? exp, string? sig, HttpContext context, RecordLinkSigner signer, BuiltInCrmRecords records,
        IStringLocalizer<WebText> text, CancellationToken cancellationToken)
    {
        context.Response.Headers.CacheControl = "no-store";
        // The page's words, dates and times in the reader's language (the values themselves stay as the CRM wrote them).
        var (culture, zone) = Reader(context);
        CultureInfo.CurrentUICulture = culture;
        var link = signer.Verify(kind, id, exp, sig, u, t);

        // A link names the user it was cited to: a signed-in colleague who was handed it is not that user.
        if (link == RecordLinkCheck.Valid && u is not null && !context.User.HasClaim(MeetingPrepClaims.DemoDefaultUser, "true")
            && MeetingPrepClaims.ToUser(context.User) is { } caller && caller.UserId != u)
        {
            link = RecordLinkCheck.OtherUser;
        }

        if (link != RecordLinkCheck.Valid && !IsCrmAdmin(context.User))
        {
            return link switch
            {
                RecordLinkCheck.Expired => Page(StatusCodes.Status403Forbidden, text, "Crm.Expired", culture),
                RecordLinkCheck.OtherUser => Page(StatusCodes.Status403Forbidden, text, "Crm.OtherUser", culture),
                RecordLinkCheck.Invalid => Page(StatusCodes.Status403Forbidden, text, "Crm.Invalid", culture),
                _ when context.User.Identity?.IsAuthenticated != true => Page(StatusCodes.Status401Unauthorized, text, "Crm.FromBriefing", culture),
                _ => Page(StatusCodes.Status403Forbidden, text, "Crm.FromBriefing", culture),
            };
        }

        // A signed-in caller (or CRM admin) reads in their own tenant only. A browser without sign-in that follows a valid
        // link reads in the tenant the signature names (ids repeat across tenants); a link naming none opens nothing.
        var tenant = context.RequestServices.GetRequiredService<TenantScope>();
        if (tenant.TenantId is null && link == RecordLinkCheck.Valid && !string.IsNullOrEmpty(t))
        {
            tenant.Enter(t);
        }

        var record = await records.FindAsync(kind, id, cancellationToken);
        if (record is null)
        {
            return Page(StatusCodes.Status404NotFound, text, "Crm.NotFound", culture);
        }

        var html = new StringBuilder();
        Open(html, record.Title, culture);
        html.Append("<small>").Append(WebUtility.HtmlEncode(text["Crm.BuiltIn"])).Append(" · ").Append(WebUtility.HtmlEncode(text[$"Crm.Kind.{record.Kind}"])).Append("</small><h1>")
            .Append(WebUtility.HtmlEncode(record.Title)).Append("</h1><dl>");
        foreach (var field in record.Fields)
        {
            // A field's name in the reader's language; a label with no translation (a metric's period) as it is.
            var label = text[$"Crm.Field.{field.Label}"];
            html.Append("<dt>").Append(WebUtility.HtmlEncode(label.ResourceNotFound ? field.Label : label.Value)).Append("</dt><dd>");
            if (field.At is { } at)
            {
                // When it happened in the reader's zone and culture; the exact instant stays machine-readable.
                html.Append("<time datetime=\"").Append(at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)).Append("\">")
                    .Append(WebUtility.HtmlEncode(TimeZoneInfo.ConvertTime(at, zone).ToString("f", culture) + " (" + ZoneName(zone) + ")")).Append("</time>");
            }
            else if (field.Flag is { } flag)
            {
                html.Append(WebUtility.HtmlEncode(text[flag ? "Crm.Yes" : "Crm.No"]));
            }
            else
            {
                html.Append(WebUtility.HtmlEncode(field.Text));
            }

            html.Append("</dd>");
        }

        html.Append("</dl></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8");
    }

    /// <summary>
    /// The culture and zone times are shown in: a signed-in reader's own, else the browser's language (Accept-Language)
    /// and UTC, said so on the page (a citation opened from Teams carries no zone).
    /// </summary>
    private static (CultureInfo Culture, TimeZoneInfo Zone) Reader(HttpContext context)
    {
        var language = context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1).Select(l => l.Value.Value).FirstOrDefault();
        if (context.User.Identity?.IsAuthenticated == true && MeetingPrepClaims.ToUser(context.User) is { } user)
        {
            return (BriefingFormat.InterfaceCulture(language, user.Culture), user.ResolveTimeZone());
        }

        return (BriefingFormat.InterfaceCulture(language), TimeZoneInfo.Utc);
    }

    private static string ZoneName(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;

    /// <summary>The app role itself, in every mode: the demo's "everyone may import" shortcut does not open every record.</summary>
    private static bool IsCrmAdmin(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && user.HasClaim("roles", MeetingPrepClaims.CrmAdminRole);

    /// <summary>A page saying why there is no record to show: <c>{key}.Title</c> and <c>{key}.Detail</c>.</summary>
    private static IResult Page(int status, IStringLocalizer<WebText> text, string key, CultureInfo culture)
    {
        var (title, detail) = (text[$"{key}.Title"].Value, text[$"{key}.Detail"].Value);
        var html = new StringBuilder();
        Open(html, title, culture);
        html.Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1><p>").Append(WebUtility.HtmlEncode(detail)).Append("</p></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static void Open(StringBuilder html, string title, CultureInfo culture) =>
        html.Append("<!doctype html><html lang=\"").Append(culture.TwoLetterISOLanguageName).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(title))
            .Append("</title><style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:48rem;color:#242424}")
            .Append("dt{font-weight:600;margin-top:.6rem}dd{margin:0;white-space:pre-wrap}small{color:#616161}</style></head><body>");
}
