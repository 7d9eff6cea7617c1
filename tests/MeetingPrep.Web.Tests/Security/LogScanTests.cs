using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingPrep.Demo;
using MeetingPrep.Web.Auth;
using MeetingPrep.Web.Hosting;
using MeetingPrep.Web.Security;
using MeetingPrep.Web.Tests.Bot;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MeetingPrep.Web.Tests.Security;

/// <summary>
/// A full demo run at Debug level, every log line, scope and exception captured: every user's meetings, briefings and
/// cards, feedback with a comment, an export and a forget-me; then bot turns, the Outlook pane, a proactive send (one
/// post refused) and a CRM failing with an error that quotes addresses. None of the pack's addresses, subjects, mail
/// text, CRM note text, feedback text or record-link signatures it handled may appear in the logs; exceptions reach the
/// logger through the redacting logger factory (<see cref="Hosting.RedactingLogging"/>), whoever logs them: our code,
/// ASP.NET Core or Hangfire.
/// </summary>
[Collection(Scheduling.JobEngineGroup.Name)]
public sealed partial class LogScanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_demo_run_logs_no_mail_text_note_text_or_tokens()
    {
        var logs = new CapturingLoggerProvider();
        await using var app = new MeetingPrepApp(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Debug" });
        await using var logged = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        using var client = logged.CreateClient();
        var secrets = new HashSet<string>(StringComparer.Ordinal) { "A comment only the log scan knows about 7f3a" };
        var tenant = logged.Services.GetRequiredService<DemoTenant>();
        secrets.UnionWith(tenant.Crm.Notes.Select(n => n.Text));

        foreach (var user in logged.Services.GetRequiredService<DemoDirectory>().Users)
        {
            using var meetings = JsonDocument.Parse(await client.GetStringAsync($"/api/me/meetings?as={user.Upn}", Ct));
            foreach (var meeting in meetings.RootElement.GetProperty("meetings").EnumerateArray().Where(m => m.GetProperty("briefed").GetBoolean()))
            {
                var id = Uri.EscapeDataString(meeting.GetProperty("id").GetString()!);
                using var briefing = JsonDocument.Parse(await client.GetStringAsync($"/api/meetings/{id}/briefing?as={user.Upn}", Ct));
                foreach (var section in briefing.RootElement.GetProperty("sections").EnumerateArray())
                {
                    secrets.UnionWith(section.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("text").GetString()!));
                }

                var card = await client.GetStringAsync($"/api/meetings/{id}/card?host=teams&as={user.Upn}", Ct);
                secrets.UnionWith(Signature().Matches(card).Select(m => m.Groups[1].Value));
                using var feedback = await client.PostAsJsonAsync(
                    $"/api/meetings/{id}/feedback?as={user.Upn}", new { kind = "notHelpful", comment = "A comment only the log scan knows about 7f3a" }, Ct);
                feedback.EnsureSuccessStatusCode();
            }

            (await client.GetAsync($"/api/me/export?as={user.Upn}", Ct)).Dispose();
        }

        (await client.DeleteAsync($"/api/me/data?as={tenant.Users[0].Upn}", Ct)).Dispose();

        var text = string.Join('\n', logs.Lines);
        var checkedFragments = secrets.Select(Fragment).Where(f => f is not null).Distinct().ToList();
        Assert.True(logs.Lines.Count > 50, "The run logged too little for the scan to mean anything.");
        Assert.True(checkedFragments.Count > 20, "Too few mail, note and token fragments to look for.");
        Assert.All(checkedFragments, f => Assert.DoesNotContain(f!, text, StringComparison.Ordinal));
        Assert.DoesNotMatch(BearerToken(), text);
    }

    [Fact]
    public async Task Exceptions_that_hangfire_and_aspnetcore_log_themselves_carry_no_address_or_token()
    {
        const string Address = "lena.vogt@contoso.com";
        const string Token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsZW5hMTIzNDU2In0.c2lnbmF0dXJlMTIz";
        var failure = new InvalidOperationException($"Refused for {Address}; Authorization: Bearer {Token}");
        var jobDatabase = Path.Combine(Path.GetTempPath(), $"meetingprep-hangfire-test-{Guid.NewGuid():N}.db");
        var logs = new CapturingLoggerProvider();
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotHost(channel: null, connector, demo: true, realDemoTenant: true, extra: new()
        {
            ["Scheduler:Enabled"] = "true",
            ["Scheduler:JobDatabasePath"] = jobDatabase,
            ["Logging:LogLevel:Default"] = "Debug",
        });
        await bot.EnsureSchemaAsync();
        await using var host = bot.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            s.RemoveAll<Core.Security.IUserDataStore>();
            s.AddScoped<Core.Security.IUserDataStore>(_ => new FailingUserData(failure));
        }));
        using var client = host.CreateClient();
        try
        {
            // The purge job throws inside Hangfire's worker; the export throws inside ASP.NET Core's pipeline.
            host.Services.GetRequiredService<Hangfire.IRecurringJobManager>().Trigger(RetentionJob.RecurringJobId);
            var lena = host.Services.GetRequiredService<DemoTenant>().DefaultUser;
            using (var export = await client.GetAsync($"/api/me/export?as={lena.Upn}", Ct))
            {
                Assert.Equal(HttpStatusCode.InternalServerError, export.StatusCode);
            }

            await Wait.UntilAsync(() => logs.Lines.Any(l => l.StartsWith("Hangfire", StringComparison.Ordinal) && l.Contains(nameof(InvalidOperationException), StringComparison.Ordinal)), logs.Logged);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(jobDatabase);
        }

        var text = string.Join('\n', logs.Lines);
        Assert.Contains(logs.Lines, l => l.StartsWith("Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal) && l.Contains("InvalidOperationException: Refused for [address]", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("Hangfire", StringComparison.Ordinal) && l.Contains("Refused for [address]; Authorization: Bearer [secret]", StringComparison.Ordinal));
        Assert.DoesNotContain(Address, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Token[..30], text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_source_whose_error_names_a_mailbox_is_logged_without_the_address()
    {
        // What Graph answers for a mailbox it cannot open, and a CRM error quoting the address it looked up.
        const string Mailbox = "lena.vogt@contoso.com";
        var logs = new CapturingLoggerProvider();
        await using var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs))
            .AddRedactingLogging()
            .BuildServiceProvider();
        var factory = services.GetRequiredService<ILoggerFactory>();
        var gatherer = new Core.Briefings.ContextGatherer(
            new Bot.BotScenario.Calendar(),
            new FailingMail(new Core.Sources.SourceUnavailableException("mail", "the mailbox could not be read", new InvalidOperationException($"The mailbox {Mailbox} is not enabled for REST API."))),
            new FailingCrm(new HttpRequestException($"No contact for priya@fabrikam.com (owner {Mailbox})")),
            TimeProvider.System,
            Core.Briefings.GathererTimeouts.Default,
            factory.CreateLogger<Core.Briefings.ContextGatherer>());
        var user = new Core.Users.UserRef(Bot.BotScenario.Tenant, Bot.BotScenario.LenaOid, Mailbox, "Lena Vogt", "UTC", "en-US");

        var context = await gatherer.GatherAsync(user, Bot.BotScenario.Fabrikam, Core.Recipes.BriefingRecipe.Default, Ct);

        Assert.Equal(2, context.Unavailable.Count);
        var text = string.Join('\n', logs.Lines);
        Assert.Contains("InvalidOperationException: The mailbox [address] is not enabled", text, StringComparison.Ordinal);
        Assert.Contains("HttpRequestException: No contact for [address] (owner [address])", text, StringComparison.Ordinal);
        Assert.DoesNotContain(Mailbox, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("priya@fabrikam.com", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Bot_turns_the_pane_a_proactive_send_and_a_failing_source_log_no_address_subject_or_body()
    {
        var logs = new CapturingLoggerProvider();
        // Now (the channel's tokens are minted on the wall clock); the proactive send moves it to its meeting's lead time.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var crmFails = new FailureSwitch();
        await using var channel = await TestChannel.StartAsync();
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotHost(channel, connector, demo: true, realDemoTenant: true, extra: new() { ["Logging:LogLevel:Default"] = "Debug" });
        await bot.EnsureSchemaAsync();
        await using var host = bot.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.AddSingleton<ILoggerProvider>(logs);
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
            var crm = s.Last(d => d.ServiceType == typeof(Core.Crm.ICrmSource));
            s.Remove(crm);
            s.Add(ServiceDescriptor.Describe(typeof(Core.Crm.ICrmSource), sp => new SwitchableCrm(Create<Core.Crm.ICrmSource>(crm, sp), crmFails), crm.Lifetime));
        }));
        using var client = host.CreateClient();
        var tenant = host.Services.GetRequiredService<DemoTenant>();
        var lena = tenant.DefaultUser;
        connector.UpnByMemberId["29:lena"] = lena.Upn;

        // A bot turn in the personal chat: a briefing and a question.
        foreach (var (question, id) in new[] { ("brief me on my next meeting", "act-brief"), ("what is open with Fabrikam", "act-open") })
        {
            var activity = BotHost.Activity("message", connector.ServiceUrl, question, id: id);
            activity["from"]!["aadObjectId"] = lena.UserId;
            activity["conversation"]!["tenantId"] = lena.TenantId;
            activity["channelData"]!["tenant"]!["id"] = lena.TenantId;
            using var turn = await client.SendAsync(BotHost.Post(activity, channel.Mint(connector.ServiceUrl)), Ct);
            Assert.Equal(HttpStatusCode.OK, turn.StatusCode);
            await connector.Server.WaitForAsync(r => r.Path.EndsWith("/activities/" + id, StringComparison.Ordinal));
        }

        // The Outlook pane opens each briefed meeting and flags a line with a comment.
        using var meetings = JsonDocument.Parse(await client.GetStringAsync($"/api/me/meetings?as={lena.Upn}", Ct));
        var briefed = meetings.RootElement.GetProperty("meetings").EnumerateArray().Where(m => m.GetProperty("briefed").GetBoolean())
            .Select(m => m.GetProperty("id").GetString()!).ToList();
        foreach (var id in briefed)
        {
            using var pane = await client.PostAsJsonAsync($"/api/cards/action?host=outlook&as={lena.Upn}", new { verb = "refresh", data = new { meetingId = id } }, Ct);
            Assert.Equal(HttpStatusCode.OK, pane.StatusCode);
        }

        // A proactive send (the first post refused with a 503, then sent) and one with the CRM failing, quoting an address.
        Core.Meetings.Meeting next;
        await using (var scope = host.Services.CreateTenantScope(lena.TenantId))
        {
            var briefings = scope.ServiceProvider.GetRequiredService<Core.Briefings.BriefingService>();
            next = (await briefings.FindNextBriefedMeetingAsync(lena, clock.GetUtcNow(), Ct))!;
            var lead = (await briefings.GetRecipeAsync(lena, Ct)).LeadTimeMinutes;
            await scope.ServiceProvider.GetRequiredService<Core.Delivery.IConversationReferenceStore>().SaveAsync(
                new Core.Delivery.ConversationReference(lena.TenantId, "a:1lena-personal", connector.ServiceUrl, "msteams", "personal", "28:" + TestChannel.AppId,
                    "29:lena", lena.UserId, lena.Upn, lena.DisplayName, "en-US", "UTC", true, clock.GetUtcNow()),
                Ct);
            var due = next.Start.AddMinutes(-lead + 1);
            if (due > clock.GetUtcNow())
            {
                clock.SetUtcNow(due);
            }
        }

        connector.Failures.Enqueue(new ScriptedFailure(503));
        await RunDeliveryAsync(host.Services, lena);
        clock.Advance(TimeSpan.FromMinutes(2));
        await RunDeliveryAsync(host.Services, lena);
        Assert.Contains(connector.Activities, r => r.Method == "POST" && r.Body.Contains("a:1lena-personal", StringComparison.Ordinal));
        crmFails.Exception = new HttpRequestException($"CRM refused the lookup of {tenant.Crm.Contacts[0].Email} for {lena.Upn}");
        using (var failing = await client.PostAsJsonAsync($"/api/cards/action?host=outlook&as={lena.Upn}", new { verb = "refresh", data = new { meetingId = next.Id } }, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, failing.StatusCode);
        }

        var text = string.Join('\n', logs.Lines);
        Assert.Contains("[address]", text, StringComparison.Ordinal);
        var addresses = tenant.Users.Select(u => u.Upn)
            .Concat(tenant.Crm.Contacts.Select(c => c.Email).OfType<string>())
            .Concat(tenant.Threads.SelectMany(t => t.ExternalParticipants))
            .Where(a => a.Contains('@', StringComparison.Ordinal))
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var fragments = tenant.Meetings.Select(m => m.Subject).Concat(tenant.Threads.Select(t => t.Subject)).Concat(tenant.Crm.Notes.Select(n => n.Text))
            .Select(Fragment).OfType<string>().Distinct().ToList();
        Assert.True(addresses.Count > 10 && fragments.Count > 10, "Too few of the pack's addresses, subjects and bodies to look for.");
        Assert.All(addresses, a => Assert.DoesNotContain(a, text, StringComparison.OrdinalIgnoreCase));
        Assert.All(fragments, f => Assert.DoesNotContain(f, text, StringComparison.Ordinal));
        Assert.DoesNotMatch(BearerToken(), text);
    }

    private static async Task RunDeliveryAsync(IServiceProvider services, Core.Users.UserRef user)
    {
        await using var scope = services.CreateTenantScope(user.TenantId);
        await scope.ServiceProvider.GetRequiredService<Core.Delivery.ProactiveBriefingPlanner>().RunForUserAsync(user.TenantId, user.UserId, Ct);
    }

    private static T Create<T>(ServiceDescriptor descriptor, IServiceProvider services) =>
        (T)(descriptor.ImplementationInstance ?? descriptor.ImplementationFactory?.Invoke(services) ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!));

    /// <summary>Makes the CRM fail from the moment a test sets <see cref="Exception"/>.</summary>
    private sealed class FailureSwitch
    {
        public Exception? Exception { get; set; }
    }

    private sealed class SwitchableCrm(Core.Crm.ICrmSource inner, FailureSwitch failure) : Core.Crm.ICrmSource
    {
        public string Name => inner.Name;

        public Task<Core.Crm.CrmContext> GetContextAsync(Core.Crm.CrmQuery query, CancellationToken cancellationToken) =>
            failure.Exception is { } ex ? Task.FromException<Core.Crm.CrmContext>(ex) : inner.GetContextAsync(query, cancellationToken);
    }

    [Fact]
    public void A_redacted_exception_keeps_its_type_and_stack_and_loses_addresses_tokens_and_passwords()
    {
        Exception thrown;
        try
        {
            throw new InvalidOperationException(
                "Login failed for lena.vogt@contoso.com with Host=db;Password=hunter2;Database=x, token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsZW5hIn0.c2ln",
                new HttpRequestException("GET /crm/notes/1?exp=1&sig=AbCdEfGhIjKlMnOpQrStUvWx failed; Authorization: Bearer abc.def-ghi"));
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        var logged = Core.Security.LogRedaction.Redacted(thrown).ToString();

        Assert.StartsWith("System.InvalidOperationException: Login failed for [address] with Host=db;Password=[secret];Database=x, token [secret]", logged, StringComparison.Ordinal);
        Assert.Contains("System.Net.Http.HttpRequestException: GET /crm/notes/1?exp=1&sig=[secret] failed; Authorization: Bearer [secret]", logged, StringComparison.Ordinal);
        Assert.Contains(nameof(A_redacted_exception_keeps_its_type_and_stack_and_loses_addresses_tokens_and_passwords), logged, StringComparison.Ordinal);
        foreach (var secret in new[] { "lena.vogt", "hunter2", "eyJhbGci", "AbCdEfGh", "abc.def" })
        {
            Assert.DoesNotContain(secret, logged, StringComparison.Ordinal);
        }
    }

    private sealed class FailingMail(Exception failure) : Core.Mail.IMailSource
    {
        public Task<IReadOnlyList<Core.Mail.EmailMessage>> GetRecentMessagesAsync(
            Core.Users.UserRef user, IReadOnlyCollection<string> participants, DateTimeOffset since, int maxPerParticipant, CancellationToken cancellationToken) =>
            Task.FromException<IReadOnlyList<Core.Mail.EmailMessage>>(failure);
    }

    private sealed class FailingUserData(Exception failure) : Core.Security.IUserDataStore
    {
        public Task<Core.Security.PurgeSummary> PurgeOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
            Task.FromException<Core.Security.PurgeSummary>(failure);

        public Task<Core.Security.PurgeSummary> ForgetUserAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
            Task.FromException<Core.Security.PurgeSummary>(failure);

        public Task<Core.Security.UserDataExport> ExportAsync(string tenantId, string userId, CancellationToken cancellationToken) =>
            Task.FromException<Core.Security.UserDataExport>(failure);
    }

    private sealed class FailingCrm(Exception failure) : Core.Crm.ICrmSource
    {
        public string Name => "Test CRM";

        public Task<Core.Crm.CrmContext> GetContextAsync(Core.Crm.CrmQuery query, CancellationToken cancellationToken) =>
            Task.FromException<Core.Crm.CrmContext>(failure);
    }

    /// <summary>A distinctive stretch of a secret: short strings ("Renewal") could appear in logs innocently.</summary>
    private static string? Fragment(string secret)
    {
        var trimmed = secret.Trim();
        return trimmed.Length < 24 ? null : trimmed[..Math.Min(40, trimmed.Length)];
    }

    [GeneratedRegex(@"[?&]sig=([A-Za-z0-9_\-]{20,})")]
    private static partial Regex Signature();

    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}")]
    private static partial Regex BearerToken();

    private sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<string> Lines { get; } = new();

        /// <summary>Raised after each line.</summary>
        public Pulse Logged { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        /// <summary>A scope's values, not just its type name (our scopes are dictionaries).</summary>
        private static string Describe(object? scope) => scope is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : scope?.ToString() ?? "";

        private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => owner._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scopes = new List<string>();
                owner._scopes.ForEachScope((scope, list) => list.Add(Describe(scope)), scopes);
                owner.Lines.Enqueue($"{category} {formatter(state, exception)} {exception} {string.Join(" ", scopes)}");
                owner.Logged.Raise();
            }
        }
    }
}
