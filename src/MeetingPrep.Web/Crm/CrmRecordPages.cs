using System.Net;
using System.Text;
using MeetingPrep.Storage.Crm;
using MeetingPrep.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeetingPrep.Web.Crm;

/// <summary>
/// A page per built-in CRM record, so every citation of the built-in store opens something a person can read.
/// Every value is HTML-encoded: CRM text is untrusted.
/// </summary>
public static class CrmRecordPages
{
    public static IEndpointRouteBuilder MapCrmRecordPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/crm/{kind}/{id}", ShowAsync).RequireAuthorization(MeetingPrepClaims.UserPolicy);
        return app;
    }

    internal static async Task<Results<ContentHttpResult, NotFound>> ShowAsync(string kind, string id, BuiltInCrmRecords records, CancellationToken cancellationToken)
    {
        var record = await records.FindAsync(kind, id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(record.Title))
            .Append("</title><style>body{font:15px system-ui,sans-serif;margin:2rem;max-width:48rem;color:#242424}")
            .Append("dt{font-weight:600;margin-top:.6rem}dd{margin:0;white-space:pre-wrap}small{color:#616161}</style></head><body>")
            .Append("<small>Built-in CRM · ").Append(WebUtility.HtmlEncode(record.Kind)).Append("</small><h1>")
            .Append(WebUtility.HtmlEncode(record.Title)).Append("</h1><dl>");
        foreach (var (label, value) in record.Fields)
        {
            html.Append("<dt>").Append(WebUtility.HtmlEncode(label)).Append("</dt><dd>").Append(WebUtility.HtmlEncode(value)).Append("</dd>");
        }

        html.Append("</dl></body></html>");
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }
}
