using System.IO.Compression;
using System.Text;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Security;
using MeetingPrep.Storage.Crm;
using MeetingPrep.Storage.Crm.Csv;
using MeetingPrep.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Xunit;

namespace MeetingPrep.Storage.Tests.Crm;

/// <summary>The built-in CRM against a real database; run once on SQLite and once on PostgreSQL.</summary>
public abstract class BuiltInCrmTests : IAsyncDisposable
{
    private static readonly Uri PublicBase = new("https://meetingprep.example.com/");
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<IAsyncDisposable> _owned = [];

    protected abstract Task<MeetingPrepDbContext> NewContextAsync();

    protected void Own(IAsyncDisposable disposable) => _owned.Add(disposable);

    /// <summary>The built-in CRM's rows belong to a tenant: these tests act in one.</summary>
    protected static TenantScope InTenant()
    {
        var scope = new TenantScope();
        scope.Enter("aaaaaaaa-0000-4000-8000-000000000001");
        return scope;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var d in Enumerable.Reverse(_owned))
        {
            await d.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Answers_a_meeting_by_email_and_domain_with_links_and_windows()
    {
        var db = await NewContextAsync();
        await new EfBuiltInCrmStore(db).ReplaceAllAsync(Seed(), Ct);
        var source = Source(db);

        // Mixed case, a non-UTC offset for the windows, and a personal address whose domain an account (wrongly) claims.
        var context = await source.GetContextAsync(
            new CrmQuery(
                ["ALEX.KIM@fabrikam.com", "priya@Northwind.com", "someone@gmail.com", "not-an-address"],
                new DateTimeOffset(2026, 10, 1, 2, 0, 0, TimeSpan.FromHours(2)),
                new DateTimeOffset(2026, 10, 1, 2, 0, 0, TimeSpan.FromHours(2)),
                10),
            Ct);

        Assert.Equal("Built-in CRM", source.Name);
        Assert.Equal(["alex"], context.Contacts.Select(c => c.Id));
        Assert.Equal(["fab", "nw"], context.Accounts.Select(a => a.Id));
        var fab = context.Accounts[0];
        Assert.Equal(new Uri("https://meetingprep.example.com/crm/accounts/fab"), fab.Url);
        Assert.Equal(T0, fab.LastModified);
        Assert.Equal(new Uri("https://crm.example.com/nw"), context.Accounts[1].Url);

        Assert.Equal(["opp-soon", "opp-nw", "opp-undated"], context.Opportunities.Select(o => o.Id));
        Assert.Equal(["note-new"], context.Notes.Select(n => n.Id));
        Assert.Equal("Spoke about the renewal,\nand SSO.", context.Notes[0].Text);
        Assert.Equal(["case-open", "case-closed-recently"], context.Cases.Select(c => c.Id));
        Assert.Equal(CasePriority.Critical, context.Cases[0].Priority);
        var series = Assert.Single(context.Metrics);
        Assert.Equal([new DateOnly(2026, 8, 1), new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1)], series.Points.Select(p => p.Period));
        Assert.Equal(new Uri("https://meetingprep.example.com/crm/metrics/spend-fab"), series.Url);
    }

    [Theory]
    [InlineData("https://crm.example.com/nw", "crm.example.com", true)]
    [InlineData("https://eu.crm.example.com/nw", "*.crm.example.com", true)]
    [InlineData("https://crm.example.com.evil.example/nw", "crm.example.com", false)]
    [InlineData("https://evil.example/login", "crm.example.com", false)]
    [InlineData("http://crm.example.com/nw", "crm.example.com", false)]
    [InlineData("https://user@crm.example.com/nw", "crm.example.com", false)]
    public async Task A_records_own_url_is_cited_only_on_the_crms_own_hosts(string stored, string linkHost, bool kept)
    {
        var db = await NewContextAsync();
        var seed = Seed();
        await new EfBuiltInCrmStore(db).ReplaceAllAsync(seed with { Accounts = [.. seed.Accounts.Select(a => a.Id == "nw" ? a with { Url = new Uri(stored) } : a)] }, Ct);

        var context = await Source(db, null, linkHost).GetContextAsync(new CrmQuery(["priya@northwind.com"], T0.AddYears(-1), T0.AddYears(-1), 10), Ct);

        // Anything else could be a phishing link labelled as the record: the record's page in MeetingPrep is cited instead.
        Assert.Equal(kept ? new Uri(stored) : new Uri("https://meetingprep.example.com/crm/accounts/nw"), context.Accounts.Single(a => a.Id == "nw").Url);
    }

    [Fact]
    public async Task Links_to_record_pages_are_signed_for_that_record_and_expire()
    {
        var db = await NewContextAsync();
        await new EfBuiltInCrmStore(db).ReplaceAllAsync(Seed(), Ct);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0);
        var signer = new RecordLinkSigner(new byte[32], TimeSpan.FromDays(7), clock);

        var fab = (await Source(db, signer).GetContextAsync(new CrmQuery(["alex.kim@fabrikam.com"], T0.AddYears(-1), T0.AddYears(-1), 10), Ct)).Accounts[0];

        Assert.Equal("/crm/accounts/fab", fab.Url!.AbsolutePath);
        var query = System.Web.HttpUtility.ParseQueryString(fab.Url.Query);
        var tenant = db.Tenant.TenantId;

        // The link names the records' tenant (ids repeat across tenants): another tenant's is another signature.
        Assert.False(string.IsNullOrEmpty(tenant));
        Assert.Equal(tenant, query["t"]);
        Assert.Equal(RecordLinkCheck.Valid, signer.Verify("accounts", "fab", query["exp"], query["sig"], tenantId: tenant));
        Assert.Equal(RecordLinkCheck.Invalid, signer.Verify("accounts", "fab", query["exp"], query["sig"], tenantId: "another-tenant"));
        Assert.Equal(RecordLinkCheck.Invalid, signer.Verify("accounts", "fab", query["exp"], query["sig"]));
        Assert.Equal(RecordLinkCheck.Invalid, signer.Verify("accounts", "nw", query["exp"], query["sig"], tenantId: tenant));
        Assert.Equal(RecordLinkCheck.Invalid, signer.Verify("accounts", "fab", (long.Parse(query["exp"]!, System.Globalization.CultureInfo.InvariantCulture) + 3600).ToString(System.Globalization.CultureInfo.InvariantCulture), query["sig"], tenantId: tenant));
        Assert.Equal(RecordLinkCheck.Missing, signer.Verify("accounts", "fab", null, null));
        clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(RecordLinkCheck.Expired, signer.Verify("accounts", "fab", query["exp"], query["sig"], tenantId: tenant));
    }

    [Fact]
    public async Task Caps_each_kind_and_answers_nothing_for_no_addresses()
    {
        var db = await NewContextAsync();
        await new EfBuiltInCrmStore(db).ReplaceAllAsync(Seed(), Ct);
        var source = Source(db);

        var capped = await source.GetContextAsync(new CrmQuery(["alex.kim@fabrikam.com"], T0.AddYears(-1), T0.AddYears(-1), 1), Ct);
        var none = await source.GetContextAsync(new CrmQuery(["", "   "], T0, T0, 10), Ct);
        var personal = await source.GetContextAsync(new CrmQuery(["someone@gmail.com"], T0, T0, 10), Ct);

        Assert.Single(capped.Opportunities);
        Assert.Single(capped.Notes);
        Assert.Single(capped.Cases);
        Assert.Same(CrmContext.Empty, none);
        Assert.Empty(personal.Accounts);
    }

    [Fact]
    public async Task Invalid_data_is_rejected_whole_and_the_store_is_unchanged()
    {
        var db = await NewContextAsync();
        var store = new EfBuiltInCrmStore(db);
        await store.ReplaceAllAsync(Seed(), Ct);
        var bad = Seed() with { Contacts = [.. Seed().Contacts, new CrmContact("ghost", "no-such-account", "Ghost", "g@x.com", null, null, null, T0)] };

        var ex = await Assert.ThrowsAsync<CrmDataException>(() => store.ReplaceAllAsync(bad, Ct));

        Assert.Contains(ex.Problems, p => p.Contains("unknown account 'no-such-account'", StringComparison.Ordinal));
        CrmAssert.Same(Seed(), await store.ExportAsync(Ct));
        Assert.False(await store.IsEmptyAsync(Ct));
    }

    [Fact]
    public async Task Upsert_overwrites_by_id_keeps_the_rest_and_replaces_a_series_points()
    {
        var db = await NewContextAsync();
        var store = new EfBuiltInCrmStore(db);
        await store.ReplaceAllAsync(Seed(), Ct);
        var renamed = Seed().Accounts[0] with { Name = "Fabrikam Group" };
        var series = Seed().Metrics[0] with { Points = [new MetricPoint(new DateOnly(2026, 11, 1), 99m)] };

        await store.UpsertAsync(new CrmContext([renamed], [], [], [], [], [series]), Ct);

        var after = await store.ExportAsync(Ct);
        Assert.Equal("Fabrikam Group", after.Accounts.Single(a => a.Id == "fab").Name);
        Assert.Equal(Seed().Contacts.Count, after.Contacts.Count);
        Assert.Equal(Seed().Opportunities.Count, after.Opportunities.Count);
        Assert.Equal([new MetricPoint(new DateOnly(2026, 11, 1), 99m)], after.Metrics.Single().Points);
    }

    [Fact]
    public async Task Csv_import_from_a_folder_writes_everything()
    {
        var db = await NewContextAsync();
        var importer = Importer(db);
        var folder = Directory.CreateTempSubdirectory("crm-csv-");
        try
        {
            foreach (var (name, text) in CrmCsvTests.ValidFiles())
            {
                await File.WriteAllTextAsync(Path.Combine(folder.FullName, name), text, Ct);
            }

            var outcome = await importer.ImportPathAsync(folder.FullName, CrmImportMode.Replace, Ct);

            Assert.True(outcome.Succeeded, string.Join("\n", outcome.Problems));
            Assert.Equal(new CrmImportCounts(2, 2, 1, 1, 1, 1, 3), outcome.Counts);
            var context = await Source(db).GetContextAsync(new CrmQuery(["alex.kim@fabrikam.com"], T0.AddYears(-1), T0.AddYears(-1), 10), Ct);
            Assert.Equal("Renewal, 2027", Assert.Single(context.Opportunities).Name);
            Assert.Equal("Line one, with a comma\nLine \"two\"", Assert.Single(context.Notes).Text);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_broken_import_writes_nothing_and_reports_every_problem()
    {
        var db = await NewContextAsync();
        var store = new EfBuiltInCrmStore(db);
        await store.ReplaceAllAsync(Seed(), Ct);
        var files = CrmCsvTests.ValidFiles();
        files["notes.csv"] = "id,account_id,title,text,created\nn-1,acc-1,Fine,ok,2026-11-01T00:00:00Z\nn-2,acc-1,Bad date,ok,yesterday\n";
        files["opportunities.csv"] = "id,account_id,name,stage,amount\nopp-9,acc-404,Lost,Open,12x\n";

        var outcome = await Importer(db).ImportAsync(files, CrmImportMode.Replace, Ct);

        Assert.False(outcome.Succeeded);
        Assert.Equal(
            [
                "notes.csv line 3, column 5 (created): 'yesterday' is not an ISO 8601 date and time (use e.g. 2026-11-27T09:30:00Z)",
                "opportunities.csv line 2, column 2 (account_id): unknown account reference 'acc-404' (not in accounts.csv nor stored)",
                "opportunities.csv line 2, column 5 (amount): '12x' is not a number (use digits with a '.' decimal point and no thousands separators)",
            ],
            outcome.Problems.Select(p => p.ToString()).Order(StringComparer.Ordinal));
        CrmAssert.Same(Seed(), await store.ExportAsync(Ct));
    }

    [Fact]
    public async Task Csv_import_from_a_zip_and_export_round_trip()
    {
        var db = await NewContextAsync();
        var importer = Importer(db);
        using var zip = new MemoryStream();
        await using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in CrmCsvTests.ValidFiles())
            {
                // Folders inside the zip do not matter; a spreadsheet's BOM does not either.
                await using var entry = await archive.CreateEntry("export/" + name).OpenAsync(Ct);
                await entry.WriteAsync(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray(), Ct);
            }
        }

        zip.Position = 0;
        var imported = await importer.ImportZipAsync(zip, CrmImportMode.Replace, Ct);
        Assert.True(imported.Succeeded, string.Join("\n", imported.Problems));
        var before = await new EfBuiltInCrmStore(db).ExportAsync(Ct);

        using var exported = new MemoryStream();
        await importer.ExportZipAsync(exported, Ct);
        await new EfBuiltInCrmStore(db).ReplaceAllAsync(Seed(), Ct);
        exported.Position = 0;
        var again = await importer.ImportZipAsync(exported, CrmImportMode.Replace, Ct);

        Assert.True(again.Succeeded, string.Join("\n", again.Problems));
        CrmAssert.Same(before, await new EfBuiltInCrmStore(db).ExportAsync(Ct));
    }

    [Fact]
    public async Task A_file_that_is_not_a_zip_is_a_problem_not_a_crash()
    {
        var db = await NewContextAsync();
        using var notZip = new MemoryStream(Encoding.UTF8.GetBytes("id,name\n1,x\n"));

        var outcome = await Importer(db).ImportZipAsync(notZip, CrmImportMode.Merge, Ct);

        Assert.Contains("not a readable zip", Assert.Single(outcome.Problems).Reason, StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BuiltInCrmSource Source(MeetingPrepDbContext db, RecordLinkSigner? signer = null, params string[] linkHosts) =>
        new(db, Options.Create(new BuiltInCrmOptions { PublicBaseUrl = PublicBase, LinkHosts = linkHosts.Length > 0 ? linkHosts : ["crm.example.com"], LinkSigner = signer }));

    private static CrmCsvImporter Importer(MeetingPrepDbContext db) => new(db, new EfBuiltInCrmStore(db), TimeProvider.System);

    internal static CrmContext Seed() => new(
        [
            new CrmAccount("fab", "Fabrikam", "fabrikam.com", "Strategic", "Manufacturing", "Dana", "dana@contoso.com", null, T0),
            new CrmAccount("nw", "Northwind", "NORTHWIND.com", "Gold", "Retail", null, null, new Uri("https://crm.example.com/nw"), T0),
            new CrmAccount("gm", "Misfiled", "gmail.com", null, null, null, null, null, T0),
        ],
        [
            new CrmContact("alex", "fab", "Alex Kim", "Alex.Kim@Fabrikam.com", "CTO", "Decision maker", null, T0),
            new CrmContact("solo", null, "Solo", "solo@independent.io", null, null, null, T0),
        ],
        [
            new Opportunity("opp-undated", "fab", "Undated", "Qualify", null, null, null, false, null, null, T0),
            new Opportunity("opp-soon", "fab", "Renewal", "Propose", 120000.50m, "EUR", new DateOnly(2026, 12, 15), false, T0, null, T0),
            new Opportunity("opp-won", "fab", "Won", "Closed Won", 10m, "EUR", new DateOnly(2026, 1, 15), true, null, null, T0),
            new Opportunity("opp-nw", "nw", "Expansion", "Negotiate", 5m, "USD", new DateOnly(2027, 2, 1), false, null, null, T0),
        ],
        [
            new CrmNote("note-new", "fab", "Call", "Spoke about the renewal,\nand SSO.", "Dana", new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero), null, T0),
            new CrmNote("note-old", "fab", "Old", "Ancient.", null, new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero), null, T0),
        ],
        [
            new CrmCase("case-open", "fab", "C-1", "Outage", "New", CasePriority.Critical, true, true, T0, T0.AddHours(1), "alex.kim@fabrikam.com", null, T0),
            new CrmCase("case-closed-recently", "fab", "C-2", "Bug", "Resolved", CasePriority.Low, false, false, T0.AddMonths(-2), null, null, null, new DateTimeOffset(2026, 10, 5, 0, 0, 0, TimeSpan.Zero)),
            new CrmCase("case-closed-long-ago", "fab", "C-3", "Old bug", "Resolved", CasePriority.Normal, false, false, T0.AddYears(-1), null, null, null, new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero)),
        ],
        [
            new MetricSeries(
                "spend-fab",
                "fab",
                "Monthly spend",
                "EUR",
                true,
                [new MetricPoint(new DateOnly(2026, 10, 1), 130m), new MetricPoint(new DateOnly(2026, 8, 1), 100.25m), new MetricPoint(new DateOnly(2026, 9, 1), 120m)],
                null,
                T0),
        ]);
}

public sealed class SqliteBuiltInCrmTests : BuiltInCrmTests
{
    protected override async Task<MeetingPrepDbContext> NewContextAsync()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        Own(connection);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var db = new SqliteMeetingPrepDbContext(new DbContextOptionsBuilder<SqliteMeetingPrepDbContext>().UseSqlite(connection).Options, InTenant());
        Own(db);
        await db.Database.EnsureCreatedAsync(TestContext.Current.CancellationToken);
        return db;
    }
}

/// <summary>A database of its own for the test class, created on first use and dropped afterwards.</summary>
public sealed class PostgresCrmDatabase : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _admin;
    private string? _name;

    public string? ConnectionString { get; private set; }

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var admin = Requires.PostgreSql();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (ConnectionString is null)
            {
                _admin = admin;
                _name = "meetingprep_crm_" + Guid.NewGuid().ToString("N")[..12];
                await using (var connection = new NpgsqlConnection(admin))
                {
                    await connection.OpenAsync(cancellationToken);
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_name}\"", connection);
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }

                ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = _name }.ConnectionString;
                await using var db = PostgresBuiltInCrmTests.Context(ConnectionString);
                await db.Database.EnsureCreatedAsync(cancellationToken);
            }

            return ConnectionString;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_name is not null && _admin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        _gate.Dispose();
    }
}

public sealed class PostgresBuiltInCrmTests(PostgresCrmDatabase database) : BuiltInCrmTests, IClassFixture<PostgresCrmDatabase>
{
    internal static PostgresMeetingPrepDbContext Context(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresMeetingPrepDbContext>().UseNpgsql(connectionString).Options, InTenant());

    protected override async Task<MeetingPrepDbContext> NewContextAsync()
    {
        var db = Context(await database.GetAsync(TestContext.Current.CancellationToken));
        Own(db);

        // Tests share the class's database; start each from nothing.
        await new EfBuiltInCrmStore(db).ReplaceAllAsync(CrmContext.Empty, TestContext.Current.CancellationToken);
        return db;
    }
}
