using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Security;
using MeetingPrep.Core.Users;
using MeetingPrep.Storage;
using MeetingPrep.Web.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MeetingPrep.Testing;

namespace MeetingPrep.Web.Tests.Bot;

/// <summary>
/// The real host (Program) configured as a bot whose channel is <see cref="TestChannel"/> and whose connector is
/// <see cref="FakeConnector"/>, on its own in-memory SQLite database. One per test.
/// </summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly TestChannel? _channel;
    private readonly FakeConnector _connector;
    private readonly bool _withCredentials;
    private readonly string _database = "bot-" + Guid.NewGuid().ToString("N");
    private readonly SqliteConnection _keepAlive;
    private readonly Dictionary<string, string?> _extra;
    private readonly bool _demo;
    private readonly bool _realDemoTenant;
    private readonly Action<IServiceCollection>? _services;

    /// <param name="demo">Demo mode (Development, demo directory) instead of production mode with real settings.</param>
    /// <param name="realDemoTenant">Keep the host's own demo tenant (users, calendars, mail, CRM) instead of <see cref="BotScenario"/>.</param>
    public BotHost(TestChannel? channel, FakeConnector connector, bool withCredentials = true, bool demo = false, Dictionary<string, string?>? extra = null, bool realDemoTenant = false, Action<IServiceCollection>? services = null)
    {
        _services = services;
        _demo = demo;
        _realDemoTenant = realDemoTenant;
        _channel = channel;
        _connector = connector;
        _withCredentials = withCredentials;
        _extra = extra ?? [];
        _keepAlive = new SqliteConnection(ConnectionString);
        _keepAlive.Open();
    }

    private string ConnectionString => $"Data Source=file:{_database}?mode=memory&cache=shared";

    /// <summary>The jobs this host's Hangfire server performed (with <c>Scheduler:Enabled</c>).</summary>
    public JobsPerformed Jobs { get; } = new();

    /// <summary>The app database (in memory, kept while this host or another connection to it is open).</summary>
    public string StorageConnectionString => ConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:ConnectionString"] = ConnectionString,
            ["Storage:MigrateOnStart"] = "false",
            ["Bot:AllowedServiceUrlHosts:0"] = $"127.0.0.1:{_connector.Server.BaseUri.Port}",
            ["Bot:RequireHttpsMetadata"] = "false",
            ["Bot:ChannelAuthority"] = _connector.Authority,
            ["Bot:TypingAfterMilliseconds"] = "5000",
            ["Scheduler:Enabled"] = "false",
            ["Demo:Enabled"] = _demo ? "true" : "false",
        };
        if (!_demo)
        {
            // Production mode needs these to start; the sources themselves are replaced below.
            settings["Graph:TenantId"] = BotScenario.Tenant;
            settings["Graph:ClientId"] = "00000000-0000-4000-8000-0000000c11e7";
            settings["Graph:ClientSecret"] = "not-used";
            settings["Graph:BaseUrl"] = "http://127.0.0.1:9/v1.0";
        }

        if (_withCredentials)
        {
            settings["Bot:AppId"] = TestChannel.AppId;
            settings["Bot:AppPassword"] = "test-secret-not-real";
            settings["Bot:TenantId"] = TestChannel.BotTenant;
        }

        if (_channel is not null)
        {
            settings["Bot:OpenIdMetadataUrl"] = _channel.MetadataUrl.AbsoluteUri;
            settings["Bot:EntraOpenIdMetadataUrl"] = _channel.MetadataUrl.AbsoluteUri;
        }

        foreach (var (key, value) in _extra)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // Hangfire's server takes its filters from the container: this host's jobs report to Jobs.
            services.AddSingleton<Hangfire.Common.IJobFilterProvider>(Jobs);

            // MSAL reaches the fake authority over TLS; only the bot's token client trusts the test certificate.
            services.AddHttpClient(MeetingPrep.Web.Bot.BotHostingExtensions.TokenClient).ConfigurePrimaryHttpMessageHandler(TestCertificate.TrustingHandler);
        });

        if (_realDemoTenant)
        {
            return;
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<ICalendarSource>();
            services.RemoveAll<IMailSource>();
            services.RemoveAll<ICrmSource>();
            services.RemoveAll<DemoDirectory>();
            if (_demo)
            {
                services.AddSingleton(new DemoDirectory([new UserRef(BotScenario.Tenant, BotScenario.LenaOid, BotScenario.LenaUpn, "Lena Vogt", "UTC", "en-US")]));
            }
            services.AddSingleton<ICalendarSource, BotScenario.Calendar>();
            services.AddSingleton<IMailSource, BotScenario.Mail>();
            services.AddSingleton<BotScenario.Crm>();
            services.AddSingleton<ICrmSource>(sp => sp.GetRequiredService<BotScenario.Crm>());
            _services?.Invoke(services);
        });
    }

    /// <summary>Starts the host and creates the schema (the lead generates migrations; tests use the model directly).</summary>
    public async Task<HttpClient> StartAsync()
    {
        await EnsureSchemaAsync();
        return CreateClient();
    }

    /// <summary>Creates the schema from the model before the host starts (demo seeding at start-up needs the tables).</summary>
    public async Task EnsureSchemaAsync()
    {
        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<SqliteMeetingPrepDbContext>();
        Microsoft.EntityFrameworkCore.SqliteDbContextOptionsBuilderExtensions.UseSqlite(options, _keepAlive);
        await using var db = new SqliteMeetingPrepDbContext(options.Options, TenantScope.AllTenants());
        await db.Database.EnsureCreatedAsync();
    }

    public static HttpRequestMessage Post(JsonObject activity, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static JsonObject Activity(string type, string serviceUrl, string? text = null, string id = "act-1", string conversationId = "a:1lena-personal")
    {
        var activity = new JsonObject
        {
            ["type"] = type,
            ["id"] = id,
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = BotScenario.LenaTeamsId, ["name"] = "Lena Vogt", ["aadObjectId"] = BotScenario.LenaOid },
            ["recipient"] = new JsonObject { ["id"] = BotScenario.BotId, ["name"] = "MeetingPrep" },
            ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = BotScenario.Tenant },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = BotScenario.Tenant } },
            ["locale"] = "en-US",
        };
        if (text is not null)
        {
            activity["text"] = text;
        }

        return activity;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _keepAlive.Dispose();
        }
    }
}
