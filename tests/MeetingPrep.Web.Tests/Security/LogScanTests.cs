using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingPrep.Demo;
using MeetingPrep.Web.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Web.Tests.Security;

/// <summary>
/// A full demo run at Debug level, every log line, scope and exception captured: every user's meetings, briefings and
/// cards, feedback with a comment, an export and a forget-me. None of the mail text, CRM note text, feedback text or
/// record-link signatures it handled may appear in the logs.
/// </summary>
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
    public async Task A_failing_source_whose_error_names_a_mailbox_is_logged_without_the_address()
    {
        // What Graph answers for a mailbox it cannot open, and a CRM error quoting the address it looked up.
        const string Mailbox = "lena.vogt@contoso.com";
        var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
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

    private sealed class FailingMail(Exception failure) : Core.Mail.IMailSource
    {
        public Task<IReadOnlyList<Core.Mail.EmailMessage>> GetRecentMessagesAsync(
            Core.Users.UserRef user, IReadOnlyCollection<string> participants, DateTimeOffset since, int maxPerParticipant, CancellationToken cancellationToken) =>
            Task.FromException<IReadOnlyList<Core.Mail.EmailMessage>>(failure);
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
            }
        }
    }
}
