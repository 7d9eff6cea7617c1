using MeetingPrep.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeetingPrep.Web.Api;

/// <summary>Demo mode only: who you can be. Mapped only when the demo tenant is on.</summary>
public static class DemoApi
{
    public static IEndpointRouteBuilder MapDemoApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/demo/users", (DemoDirectory directory) =>
            TypedResults.Ok(directory.Users.Select(u => new DemoUserResponse(u.Upn, u.DisplayName, u.TimeZone)).ToList()));
        return app;
    }
}

public sealed record DemoUserResponse(string Upn, string DisplayName, string TimeZone);
