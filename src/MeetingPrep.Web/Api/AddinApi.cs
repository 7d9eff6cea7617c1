using MeetingPrep.Web.Hosting;

namespace MeetingPrep.Web.Api;

/// <summary>
/// The Outlook add-in's task pane (wwwroot/outlook) and what it needs to sign in. Production serves only the pane's
/// files (the demo page stays a demo); the pane reads <c>/outlook/config.json</c> to choose between nested app
/// authentication for our API and, in demo mode, a demo user header.
/// </summary>
public static class AddinApi
{
    /// <summary>The scope the pane asks for; the Entra app must expose it (see docs-deploy.md).</summary>
    public const string ApiScopeName = "access_as_user";

    private static readonly string[] PaneFolders = ["/outlook", "/lib", "/shared"];

    /// <summary>Serves the pane's static files outside demo mode too (demo mode serves all of wwwroot already).</summary>
    public static WebApplication UseOutlookAddinFiles(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<MeetingPrepSettings>();
        if (!settings.IsDemo)
        {
            app.UseWhen(
                context => PaneFolders.Any(folder => context.Request.Path.StartsWithSegments(folder, StringComparison.OrdinalIgnoreCase)),
                branch => branch.UseStaticFiles());
        }

        return app;
    }

    public static IEndpointRouteBuilder MapOutlookAddin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/outlook/config.json", (MeetingPrepSettings settings) => TypedResults.Ok(Describe(settings)))
            .AllowAnonymous();
        return app;
    }

    /// <summary>Public values only: a client id and a scope are not secrets.</summary>
    internal static AddinConfigResponse Describe(MeetingPrepSettings settings) =>
        settings.IsDemo
            ? new AddinConfigResponse("demo", null, null, null)
            : new AddinConfigResponse(
                "naa",
                settings.Graph.ClientId,
                $"https://login.microsoftonline.com/{settings.Graph.TenantId}",
                [$"api://{settings.Graph.ClientId}/{ApiScopeName}"]);
}

/// <summary><c>mode</c> is <c>demo</c> (no sign-in; localhost only) or <c>naa</c> (MSAL nested app authentication).</summary>
public sealed record AddinConfigResponse(string Mode, string? ClientId, string? Authority, IReadOnlyList<string>? Scopes);
