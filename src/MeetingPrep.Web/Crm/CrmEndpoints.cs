using System.Text.Json;
using System.Text.Json.Serialization;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage.Crm.Csv;
using Microsoft.AspNetCore.Mvc;

namespace MeetingPrep.Web.Crm;

/// <summary>
/// The built-in CRM's CSV import and export over HTTP, for people holding the "CrmAdmin" policy. Both act in the caller's
/// tenant (<see cref="TenantScope"/>, entered from the signed-in user's <c>tid</c>): an admin imports, replaces and exports
/// their own tenant's records only, and a caller without a tenant is refused rather than writing rows of none.
/// </summary>
public static class CrmEndpoints
{
    public const string AdminPolicy = "CrmAdmin";

    public static IEndpointRouteBuilder MapCrmEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/crm").RequireAuthorization(AdminPolicy).AddEndpointFilter(InCallersTenantAsync);

        // Read by hand rather than bound, so a zip body and a multipart form both work; the API takes bearer tokens, not cookies, so no antiforgery.
        group.MapPost("/import", ImportAsync).DisableAntiforgery();
        group.MapGet("/export", ExportAsync);
        return endpoints;
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, CrmCsvImporter importer, string? mode, CancellationToken cancellationToken)
    {
        if (!TryParseMode(mode, out var importMode))
        {
            return Problem("Unknown import mode", $"mode must be 'merge' (the default) or 'replace', not '{mode}'.", []);
        }

        CrmImportOutcome outcome;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.Count == 0)
            {
                return Problem("No files", "Upload a .zip of CSV files, or the CSV files themselves, as multipart/form-data.", []);
            }

            var zips = form.Files.Where(f => f.FileName.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)).ToList();
            if (zips.Count > 1 || (zips.Count == 1 && form.Files.Count > 1))
            {
                return Problem("Mixed upload", "Upload either one .zip or CSV files, not both.", []);
            }

            if (zips.Count == 1)
            {
                await using var zip = zips[0].OpenReadStream();
                outcome = await importer.ImportZipAsync(zip, importMode, cancellationToken);
            }
            else
            {
                var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                var problems = new List<CsvProblem>();
                foreach (var file in form.Files)
                {
                    var name = Path.GetFileName(file.FileName);
                    using var buffer = new MemoryStream();
                    await file.CopyToAsync(buffer, cancellationToken);
                    try
                    {
                        if (!files.TryAdd(name, CrmCsvPackage.DecodeFile(name, buffer.ToArray())))
                        {
                            problems.Add(new CsvProblem(name, 0, null, null, "uploaded more than once"));
                        }
                    }
                    catch (InvalidDataException ex)
                    {
                        problems.Add(new CsvProblem(name, 0, null, null, ex.Message));
                    }
                }

                outcome = problems.Count > 0 ? new CrmImportOutcome(null, problems) : await importer.ImportAsync(files, importMode, cancellationToken);
            }
        }
        else if (request.ContentType?.StartsWith("application/zip", StringComparison.OrdinalIgnoreCase) == true)
        {
            // The zip reader needs a seekable stream.
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            buffer.Position = 0;
            outcome = await importer.ImportZipAsync(buffer, importMode, cancellationToken);
        }
        else
        {
            return Problem("Unsupported upload", "Send multipart/form-data (a .zip or CSV files) or an application/zip body.", []);
        }

        return outcome.Succeeded
            ? Results.Json(outcome.Counts!, CrmWebJsonContext.Default.CrmImportCounts)
            : Problem("The CRM import was rejected", $"{outcome.Problems.Count} problem(s) found; nothing was written.", outcome.Problems);
    }

    private static async Task ExportAsync(HttpContext context, CrmCsvImporter importer, TimeProvider time)
    {
        using var buffer = new MemoryStream();
        await importer.ExportZipAsync(buffer, context.RequestAborted);
        context.Response.ContentType = "application/zip";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"meetingprep-crm-{time.GetUtcNow():yyyyMMdd-HHmmss}.zip\"";
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static async ValueTask<object?> InCallersTenantAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<TenantScope>().TenantId is null
            ? Results.Problem("Sign in as a user of a tenant: the built-in CRM's records belong to one.", statusCode: StatusCodes.Status403Forbidden)
            : await next(context);

    private static bool TryParseMode(string? mode, out CrmImportMode result)
    {
        result = CrmImportMode.Merge;
        return string.IsNullOrEmpty(mode) || Enum.TryParse(mode, ignoreCase: true, out result);
    }

    private static IResult Problem(string title, string detail, IReadOnlyList<CsvProblem> problems)
    {
        var body = new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Detail = detail,
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        };
        body.Extensions["problems"] = problems.Select(p => new CrmImportProblem(p.File, p.Line, p.Column, p.ColumnName, p.Reason, p.ToString())).ToArray();
        return Results.Json(body, CrmWebJsonContext.Default.ProblemDetails, "application/problem+json", StatusCodes.Status400BadRequest);
    }
}

/// <summary>One problem of a rejected import, as the API reports it.</summary>
public sealed record CrmImportProblem(string File, int Line, int? Column, string? ColumnName, string Reason, string Message);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CrmImportCounts))]
[JsonSerializable(typeof(ProblemDetails))]
[JsonSerializable(typeof(CrmImportProblem[]))]
internal sealed partial class CrmWebJsonContext : JsonSerializerContext;
