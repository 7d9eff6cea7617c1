using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using MeetingPrep.Core.Briefings.Audit;
using MeetingPrep.Storage.Crm;
using MeetingPrep.Web.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MeetingPrep.Web.Tests.Security;

/// <summary>
/// The production composition with Entra bearer tokens minted by a test key (the issuer's keys are the only thing
/// replaced): what anonymous callers, signed-in users and admins each get.
/// </summary>
public sealed class ProductionAccessTests : IAsyncLifetime
{
    private const string Tenant = "11111111-1111-1111-1111-111111111111";
    private const string ClientId = "22222222-2222-2222-2222-222222222222";
    private const string Ana = "33333333-3333-3333-3333-333333333333";
    private const string Ben = "44444444-4444-4444-4444-444444444444";

    private readonly RSA _key = RSA.Create(2048);
    private ProductionApp _app = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _app = new ProductionApp(new RsaSecurityKey(_key) { KeyId = "test" });
        _client = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        _key.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_shows_anonymous_callers_only_the_overall_status()
    {
        using var response = await _client.GetAsync("/health", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        using var doc = JsonDocument.Parse(body);
        Assert.Equal(["status"], doc.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("graph.microsoft.com", body, StringComparison.Ordinal);
        Assert.DoesNotContain("BuiltIn", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_details_are_for_signed_in_admins_only()
    {
        using var user = await GetAsync("/health", Token());
        using var admin = await GetAsync("/health", Token(role: "MeetingPrep.TeamAdmin"));

        using var userDoc = JsonDocument.Parse(await user.Content.ReadAsStringAsync(Ct));
        using var adminDoc = JsonDocument.Parse(await admin.Content.ReadAsStringAsync(Ct));
        Assert.False(userDoc.RootElement.TryGetProperty("checks", out _));
        var checks = adminDoc.RootElement.GetProperty("checks");
        Assert.StartsWith("https://graph.microsoft.com/v1.0;", checks.GetProperty("graph").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_leaders_may_opt_in_to_the_weekly_team_report()
    {
        using var user = await SendAsync(HttpMethod.Put, "/api/me/team-report", "{\"weekly\":true}", Token());
        using var reader = await SendAsync(HttpMethod.Put, "/api/me/team-report", "{\"weekly\":true,\"timeZone\":\"Europe/Berlin\"}", Token(role: "MeetingPrep.Reader"));
        using var badZone = await SendAsync(HttpMethod.Put, "/api/me/team-report", "{\"weekly\":true,\"timeZone\":\"Mars/Olympus\"}", Token(role: "MeetingPrep.TeamAdmin"));

        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reader.StatusCode);
        Assert.Contains("\"timeZone\":\"Europe/Berlin\"", await reader.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badZone.StatusCode);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string json, string token)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task A_signed_in_user_cannot_open_a_crm_record_by_id_but_a_crm_admin_can()
    {
        using var user = await GetAsync("/crm/accounts/x", Token());
        using var admin = await GetAsync("/crm/accounts/x", Token(role: "MeetingPrep.CrmAdmin"));

        Assert.Equal(HttpStatusCode.Forbidden, user.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, admin.StatusCode);
    }

    [Fact]
    public async Task A_record_link_opens_for_the_user_it_was_cited_to_and_not_for_a_colleague_it_was_handed_to()
    {
        var path = "/crm/accounts/x?" + _app.Services.GetRequiredService<RecordLinkSigner>().Sign("accounts", "x", Ana);

        using var ana = await GetAsync(path, Token());
        using var browser = await _client.GetAsync(path, Ct);
        using var colleague = await GetAsync(path, Token(oid: Ben));
        using var renamed = await GetAsync(path.Replace("u=" + Ana, "u=" + Ben, StringComparison.Ordinal), Token(oid: Ben));

        // Past the access check a missing record is 404; refused callers never learn whether it exists.
        Assert.Equal(HttpStatusCode.NotFound, ana.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, browser.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, colleague.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, renamed.StatusCode);
    }

    [Fact]
    public async Task The_audit_trail_is_a_users_own_and_the_tenants_for_an_admin_only()
    {
        await using (var scope = _app.Services.CreateAllTenantsScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<IBriefingAuditLog>();
            foreach (var (tenant, user) in new[] { (Tenant, Ana), (Tenant, Ben), ("55555555-5555-5555-5555-555555555555", Ana) })
            {
                await audit.RecordAsync(new BriefingAuditRecord(tenant, user, "m1", DateTimeOffset.UtcNow.AddHours(1), DateTimeOffset.UtcNow, "extractive (no LLM)", null, false, []), Ct);
            }
        }

        using var own = await GetAsync("/api/me/briefings/m1/audit", Token());
        using var notAdmin = await GetAsync("/api/admin/audit", Token());
        using var admin = await GetAsync("/api/admin/audit", Token(role: "MeetingPrep.TeamAdmin"));
        using var anonymous = await _client.GetAsync("/api/me/briefings/m1/audit", Ct);

        Assert.Equal([(Tenant, Ana)], await UsersAsync(own));
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        Assert.Equal([(Tenant, Ana), (Tenant, Ben)], (await UsersAsync(admin)).Order());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<List<(string, string)>> UsersAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return [.. doc.RootElement.GetProperty("briefings").EnumerateArray().Select(r => (r.GetProperty("tenantId").GetString()!, r.GetProperty("userId").GetString()!))];
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _client.SendAsync(request, Ct);
    }

    private string Token(string? role = null, string oid = Ana)
    {
        var claims = new Dictionary<string, object>
        {
            ["oid"] = oid,
            ["tid"] = Tenant,
            ["preferred_username"] = "ana@contoso.com",
        };
        if (role is not null)
        {
            claims["roles"] = new[] { role };
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0",
            Audience = ClientId,
            Expires = DateTime.UtcNow.AddMinutes(30),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key) { KeyId = "test" }, SecurityAlgorithms.RsaSha256),
        });
    }

    private sealed class ProductionApp(SecurityKey key) : WebApplicationFactory<Program>
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("meetingprep-prod-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            foreach (var (name, value) in new Dictionary<string, string>
            {
                ["Storage:ConnectionString"] = $"Data Source={Path.Combine(_folder, "meetingprep.db")}",
                ["Scheduler:Enabled"] = "false",
                ["Bot:AppId"] = "00000000-0000-0000-0000-00000000b07",
                ["Bot:AppPassword"] = "test-secret",
                ["Bot:TenantId"] = Tenant,
                ["Graph:TenantId"] = Tenant,
                ["Graph:ClientId"] = ClientId,
                ["Graph:ClientSecret"] = "test-secret",
            })
            {
                builder.UseSetting(name, value);
            }

            // Entra's signing keys are the network boundary here: the app's own validation rules stay as configured.
            builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt =>
            {
                var configuration = new OpenIdConnectConfiguration { Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0" };
                configuration.SigningKeys.Add(key);
                jwt.Configuration = configuration;
                jwt.ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
            }));
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the temp cleaner.
            }
        }
    }
}
