using MeetingPrep.Connectors.Crm;
using MeetingPrep.Core.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MeetingPrep.Web.Hosting;

/// <summary>
/// <c>Crm:PublicBaseUrl</c> when set (behind a proxy or a custom domain it must be); otherwise the scheme, host and path
/// base of the request being served, and outside a request (the scheduler's briefings) the first address the server is
/// bound to, a wildcard host read as <c>localhost</c>.
/// </summary>
internal sealed class PublicBaseAddress(IOptions<CrmOptions> crm, IHttpContextAccessor http, IServer server) : IPublicBaseAddress
{
    private static readonly Uri Fallback = new("http://localhost:3978");

    public Uri Current
    {
        get
        {
            if (crm.Value.PublicBaseUrl is { Length: > 0 } configured)
            {
                return new Uri(configured);
            }

            if (http.HttpContext?.Request is { Host.HasValue: true } request)
            {
                return new Uri($"{request.Scheme}://{request.Host}{request.PathBase}");
            }

            var bound = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            return bound is not null && Uri.TryCreate(bound.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                ? new UriBuilder(uri) { Host = uri.Host is "0.0.0.0" or "[::]" ? "localhost" : uri.Host }.Uri
                : Fallback;
        }
    }
}
