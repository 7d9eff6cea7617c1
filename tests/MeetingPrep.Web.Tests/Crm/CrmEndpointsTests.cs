using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage;
using MeetingPrep.Storage.Crm;
using MeetingPrep.Web.Auth;
using MeetingPrep.Web.Crm;
using MeetingPrep.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace MeetingPrep.Web.Tests.Crm;

/// <summary>
/// The CRM import/export API and verb on a real Kestrel host (127.0.0.1, dynamic port) over a SQLite file, with the app's
/// tenant middleware: every call acts in its caller's tenant.
/// </summary>
public sealed class CrmEndpointsTests : IAsyncLifetime
{
    private const string TenantA = "aaaaaaaa-0000-4000-8000-00000000000a";
    private const string TenantB = "bbbbbbbb-0000-4000-8000-00000000000b";

    private const string Accounts = "id,name,domain\nacc-1,Fabrikam,fabrikam.com\n";
    private const string Contacts = "id,account_id,name,email\ncon-1,acc-1,Alex Kim,alex@fabrikam.com\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("crm-web-").FullName;
    private WebApplication? _app;
    private HttpClient? _http;

    private HttpClient Http => _http!;

    private IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddStorage(new StorageOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "crm.db")}" });
        builder.Services.AddBuiltInCrm();
        builder.Services.AddLocalization(o => o.ResourcesPath = WebText.ResourcesPath); // the record pages speak the reader's language
        builder.Services.AddSingleton(new RecordLinkSigner(new byte[32], TimeSpan.FromHours(1), TimeProvider.System));
        builder.Services.AddAuthentication("Test").AddScheme<AuthenticationSchemeOptions, HeaderAuthHandler>("Test", null);
        builder.Services.AddAuthorizationBuilder().AddPolicy(CrmEndpoints.AdminPolicy, p => p.RequireRole("crm-admin"));
        builder.Services.AddSingleton(new TenantAllowList([TenantA, TenantB], null));
        _app = builder.Build();
        _app.UseAuthentication();
        _app.UseTenantScope();
        _app.UseAuthorization();
        _app.MapCrmEndpoints();
        _app.MapCrmRecordPages();
        await using (var scope = _app.Services.CreateAllTenantsScope())
        {
            await scope.ServiceProvider.GetRequiredService<MeetingPrepDbContext>().Database.EnsureCreatedAsync();
        }

        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Import_needs_the_CrmAdmin_policy()
    {
        using var anonymous = await Http.PostAsync("/api/crm/import", Files(("accounts.csv", Accounts)), Ct);
        using var reader = await Send(HttpMethod.Post, "/api/crm/import", Files(("accounts.csv", Accounts)), role: "reader");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
    }

    [Fact]
    public async Task Csv_files_import_with_counts()
    {
        using var response = await Send(HttpMethod.Post, "/api/crm/import", Files(("accounts.csv", Accounts), ("contacts.csv", Contacts)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, body.RootElement.GetProperty("accounts").GetInt32());
        Assert.Equal(1, body.RootElement.GetProperty("contacts").GetInt32());
        await using var scope = Services.CreateAllTenantsScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<IBuiltInCrmStore>().IsEmptyAsync(Ct));
    }

    [Fact]
    public async Task A_bad_upload_is_400_problem_details_listing_each_problem_and_nothing_is_written()
    {
        using var response = await Send(HttpMethod.Post, "/api/crm/import", Files(("accounts.csv", Accounts), ("contacts.csv", "id,account_id,name,email\ncon-1,acc-2,Alex,alex@fabrikam.com\n")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var problem = Assert.Single(body.RootElement.GetProperty("problems").EnumerateArray());
        Assert.Equal(("contacts.csv", 2, 2, "account_id"), (problem.GetProperty("file").GetString(), problem.GetProperty("line").GetInt32(), problem.GetProperty("column").GetInt32(), problem.GetProperty("columnName").GetString()));
        await using var scope = Services.CreateAllTenantsScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<IBuiltInCrmStore>().IsEmptyAsync(Ct));
    }

    [Fact]
    public async Task A_zip_imports_and_export_returns_a_zip_with_every_file()
    {
        using var zip = new ByteArrayContent(Zip(("accounts.csv", Accounts), ("contacts.csv", Contacts)));
        zip.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var imported = await Send(HttpMethod.Post, "/api/crm/import?mode=replace", zip);
        using var exported = await Send(HttpMethod.Get, "/api/crm/export", null);

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(HttpStatusCode.OK, exported.StatusCode);
        Assert.Equal("application/zip", exported.Content.Headers.ContentType?.MediaType);
        await using var archive = new ZipArchive(await exported.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(["accounts.csv", "cases.csv", "contacts.csv", "metrics.csv", "notes.csv", "opportunities.csv"], archive.Entries.Select(e => e.Name).Order());
        using var accounts = new StreamReader(await archive.GetEntry("accounts.csv")!.OpenAsync(Ct));
        Assert.Contains("acc-1,Fabrikam,fabrikam.com", await accounts.ReadToEndAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_verb_imports_a_folder_reports_problems_and_exports()
    {
        var input = Directory.CreateDirectory(Path.Combine(_folder, "in")).FullName;
        await File.WriteAllTextAsync(Path.Combine(input, "accounts.csv"), Accounts, Ct);
        await File.WriteAllTextAsync(Path.Combine(input, "contacts.csv"), "id,account_id,name,email\ncon-1,acc-1,Alex,not-mail\n", Ct);
        var output = new StringWriter();

        var rejected = await CrmImportVerb.ImportAsync(Services, TenantA, input, replace: false, output);
        await File.WriteAllTextAsync(Path.Combine(input, "contacts.csv"), Contacts, Ct);
        var done = await CrmImportVerb.ImportAsync(Services, TenantA, input, replace: true, output);
        var zipPath = Path.Combine(_folder, "out", "crm.zip");
        var exported = await CrmImportVerb.ExportAsync(Services, TenantA, zipPath, output);

        Assert.Equal((1, 0, 0), (rejected, done, exported));
        var text = output.ToString();
        Assert.Contains("contacts.csv line 2, column 4 (email): 'not-mail' is not an e-mail address", text, StringComparison.Ordinal);
        Assert.Contains("Imported 1 accounts, 1 contacts", text, StringComparison.Ordinal);
        Assert.True(File.Exists(zipPath));
    }

    [Fact]
    public async Task Export_by_api_and_verb_writes_formulas_as_text_and_they_import_back_unchanged()
    {
        const string formula = "=HYPERLINK(\"https://evil.example/\",\"Click\")";
        var accounts = "id,name,domain,tier\nacc-1,\"" + formula.Replace("\"", "\"\"", StringComparison.Ordinal) + "\",fabrikam.com,@SUM(1+1)\n";
        using (var imported = await Send(HttpMethod.Post, "/api/crm/import?mode=replace", Files(("accounts.csv", accounts))))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        using var exported = await Send(HttpMethod.Get, "/api/crm/export", null);
        var apiCsv = await ReadEntryAsync(await exported.Content.ReadAsByteArrayAsync(Ct), "accounts.csv");
        var zipPath = Path.Combine(_folder, "verb", "crm.zip");
        Assert.Equal(0, await CrmImportVerb.ExportAsync(Services, TenantA, zipPath, new StringWriter()));
        var verbCsv = await ReadEntryAsync(await File.ReadAllBytesAsync(zipPath, Ct), "accounts.csv");

        foreach (var csv in new[] { apiCsv, verbCsv })
        {
            Assert.Contains("\"'=HYPERLINK(", csv, StringComparison.Ordinal);
            Assert.Contains(",'@SUM(1+1)", csv, StringComparison.Ordinal);
            Assert.DoesNotContain(",=", csv, StringComparison.Ordinal);
            Assert.DoesNotContain(",@", csv, StringComparison.Ordinal);
        }

        // The exported file imports back to the same values.
        using (var again = await Send(HttpMethod.Post, "/api/crm/import?mode=replace", Files(("accounts.csv", apiCsv))))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        await using var scope = Services.CreateAllTenantsScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IBuiltInCrmStore>().ExportAsync(Ct);
        Assert.Equal((formula, "@SUM(1+1)"), (stored.Accounts.Single().Name, stored.Accounts.Single().Tier));
    }

    [Fact]
    public async Task A_record_page_opens_without_a_signed_link_only_for_the_CrmAdmin_role()
    {
        using (var imported = await Send(HttpMethod.Post, "/api/crm/import", Files(("accounts.csv", Accounts))))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        using var anonymous = await Http.GetAsync("/crm/accounts/acc-1", Ct);
        using var reader = await Send(HttpMethod.Get, "/crm/accounts/acc-1", null, role: "reader");
        using var admin = await Send(HttpMethod.Get, "/crm/accounts/acc-1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("<h1>Fabrikam</h1>", await admin.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_tenant_reads_imports_and_replaces_only_its_own_records()
    {
        using (var a = await Send(HttpMethod.Post, "/api/crm/import", Files(("accounts.csv", Accounts), ("contacts.csv", Contacts)), tenant: TenantA))
        {
            Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        }

        // B replaces everything it has with its own account: A's rows are not B's to delete.
        using (var b = await Send(HttpMethod.Post, "/api/crm/import?mode=replace", Files(("accounts.csv", "id,name,domain\nacc-b,Northwind,northwind.com\n")), tenant: TenantB))
        {
            Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        }

        using var exportB = await Send(HttpMethod.Get, "/api/crm/export", null, tenant: TenantB);
        using var pageB = await Send(HttpMethod.Get, "/crm/accounts/acc-1", null, tenant: TenantB);
        using var exportA = await Send(HttpMethod.Get, "/api/crm/export", null, tenant: TenantA);
        using var pageA = await Send(HttpMethod.Get, "/crm/accounts/acc-1", null, tenant: TenantA);
        using var noTenant = await Send(HttpMethod.Get, "/api/crm/export", null, tenant: null);

        var accountsB = await ReadEntryAsync(await exportB.Content.ReadAsByteArrayAsync(Ct), "accounts.csv");
        var contactsB = await ReadEntryAsync(await exportB.Content.ReadAsByteArrayAsync(Ct), "contacts.csv");
        Assert.Contains("acc-b,Northwind", accountsB, StringComparison.Ordinal);
        Assert.DoesNotContain("Fabrikam", accountsB, StringComparison.Ordinal);
        Assert.DoesNotContain("alex@fabrikam.com", contactsB, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, pageB.StatusCode);
        var accountsA = await ReadEntryAsync(await exportA.Content.ReadAsByteArrayAsync(Ct), "accounts.csv");
        Assert.Contains("acc-1,Fabrikam", accountsA, StringComparison.Ordinal);
        Assert.DoesNotContain("Northwind", accountsA, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pageA.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noTenant.StatusCode);
        await using var scope = Services.CreateAllTenantsScope();
        var rows = await scope.ServiceProvider.GetRequiredService<MeetingPrepDbContext>().Set<CrmAccountEntity>().OrderBy(e => e.Id).Select(e => new { e.Id, e.TenantId }).ToListAsync(Ct);
        Assert.Equal([("acc-1", TenantA), ("acc-b", TenantB)], rows.Select(r => (r.Id, r.TenantId)));
    }

    [Fact]
    public async Task Two_tenants_import_the_same_ids_and_a_signed_link_opens_its_own_tenants_record_without_sign_in()
    {
        using (var a = await Send(HttpMethod.Post, "/api/crm/import", Files(("accounts.csv", Accounts)), tenant: TenantA))
        {
            Assert.Equal(HttpStatusCode.OK, a.StatusCode);
        }

        using (var b = await Send(HttpMethod.Post, "/api/crm/import", Files(("accounts.csv", "id,name,domain\nacc-1,Northwind,northwind.com\n")), tenant: TenantB))
        {
            Assert.Equal(HttpStatusCode.OK, b.StatusCode);
        }

        // A browser without a token, following each tenant's citation link (as a briefing in that tenant signs it).
        var signer = Services.GetRequiredService<RecordLinkSigner>();
        using var linkA = await Http.GetAsync("/crm/accounts/acc-1?" + signer.Sign("accounts", "acc-1", "user-a", TenantA), Ct);
        using var linkB = await Http.GetAsync("/crm/accounts/acc-1?" + signer.Sign("accounts", "acc-1", "user-b", TenantB), Ct);
        using var swapped = await Http.GetAsync("/crm/accounts/acc-1?" + signer.Sign("accounts", "acc-1", "user-b", TenantB).Replace("t=" + TenantB, "t=" + TenantA, StringComparison.Ordinal), Ct);
        using var noTenant = await Http.GetAsync("/crm/accounts/acc-1?" + signer.Sign("accounts", "acc-1", "user-a"), Ct);

        Assert.Contains("<h1>Fabrikam</h1>", await linkA.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Contains("<h1>Northwind</h1>", await linkB.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, swapped.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noTenant.StatusCode);
        await using var scope = Services.CreateAllTenantsScope();
        var rows = await scope.ServiceProvider.GetRequiredService<MeetingPrepDbContext>().Set<CrmAccountEntity>().Select(e => new { e.Id, e.TenantId }).ToListAsync(Ct);
        Assert.Equal([("acc-1", TenantA), ("acc-1", TenantB)], rows.Select(r => (r.Id, r.TenantId)).Order());
    }

    [Theory]
    [InlineData("de-DE", "lang=\"de\"", "Integriertes CRM · Kunde", "<dt>Domäne</dt><dd>fabrikam.com</dd>", "Öffnen Sie diesen Datensatz aus einem Briefing")]
    [InlineData("ja-JP", "lang=\"ja\"", "組み込み CRM · 取引先", "<dt>ドメイン</dt><dd>fabrikam.com</dd>", "このレコードはブリーフィングから開いてください")]
    public async Task A_record_page_speaks_the_readers_language_and_keeps_the_records_words(string language, string lang, string kind, string field, string refusal)
    {
        using (var imported = await Send(HttpMethod.Post, "/api/crm/import", Files(("accounts.csv", Accounts))))
        {
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, "/crm/accounts/acc-1");
        request.Headers.Add(HeaderAuthHandler.Header, "crm-admin");
        request.Headers.Add(HeaderAuthHandler.TenantHeader, TenantA);
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var page = await Http.SendAsync(request, Ct);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct)); // "ä" is written &#228;
        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "/crm/accounts/acc-1");
        anonymous.Headers.AcceptLanguage.ParseAdd(language);
        using var refused = await Http.SendAsync(anonymous, Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(lang, html, StringComparison.Ordinal);
        Assert.Contains(kind, html, StringComparison.Ordinal);
        Assert.Contains(field, html, StringComparison.Ordinal);
        Assert.Contains("<h1>Fabrikam</h1>", html, StringComparison.Ordinal); // the record's own words stay as written
        Assert.DoesNotContain("Built-in CRM", html, StringComparison.Ordinal);
        Assert.Contains(refusal, WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    private static async Task<string> ReadEntryAsync(byte[] zip, string name)
    {
        await using var archive = new ZipArchive(new MemoryStream(zip));
        using var reader = new StreamReader(await archive.GetEntry(name)!.OpenAsync(Ct));
        return await reader.ReadToEndAsync(Ct);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> Send(HttpMethod method, string path, HttpContent? content, string role = "crm-admin", string? tenant = TenantA)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add(HeaderAuthHandler.Header, role);
        if (tenant is not null)
        {
            request.Headers.Add(HeaderAuthHandler.TenantHeader, tenant);
        }

        return await Http.SendAsync(request, Ct);
    }

    private static MultipartFormDataContent Files(params (string Name, string Text)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, text) in files)
        {
            var part = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(part, "files", name);
        }

        return form;
    }

    private static byte[] Zip(params (string Name, string Text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Authenticates whoever sends <see cref="Header"/>, with that header's value as their role, as a user of the tenant in
    /// <see cref="TenantHeader"/> (none without it).
    /// </summary>
    private sealed class HeaderAuthHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Header = "X-Test-Role";
        public const string TenantHeader = "X-Test-Tenant";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(Header, out var role))
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            List<Claim> claims = [new(ClaimTypes.Name, "tester"), new(ClaimTypes.Role, role.ToString()), new("roles", role == "crm-admin" ? "MeetingPrep.CrmAdmin" : role.ToString())];
            if (Request.Headers.TryGetValue(TenantHeader, out var tenant))
            {
                claims.AddRange([new(MeetingPrepClaims.TenantId, tenant.ToString()), new(MeetingPrepClaims.ObjectId, "admin-" + tenant), new(MeetingPrepClaims.PreferredUsername, "admin@" + tenant + ".example")]);
            }

            var identity = new ClaimsIdentity(claims, Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
