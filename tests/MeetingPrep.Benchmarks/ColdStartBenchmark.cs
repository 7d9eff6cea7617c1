using System.Diagnostics;
using MeetingPrep.Connectors.Graph;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Briefings.Writing;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Feedback;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Security;
using MeetingPrep.Core.Users;
using MeetingPrep.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingPrep.Benchmarks;

/// <summary>What the time-to-briefing benchmark runs: latencies, meeting sizes and how often.</summary>
internal sealed record ColdStartSettings(TimeSpan GraphLatency, TimeSpan CrmLatency, int HeadlineExternals, IReadOnlyList<int> Growth, int ColdRuns, int WarmRuns, int CpuRuns)
{
    /// <summary>The issue's setting: Graph at 120 ms per request, the CRM at 150 ms, a 10-attendee external meeting.</summary>
    public static ColdStartSettings For(RunSettings run) => new(
        TimeSpan.FromMilliseconds(120), TimeSpan.FromMilliseconds(150), 10, [1, 10, 25, 100, 300], run.Iterations(10), run.Iterations(20), run.Quick ? 20 : 100);
}

/// <summary>
/// One briefing's wire figures: HTTP exchanges, Graph requests (each inside a batch counted), sequential depth, 429s, and
/// the sources the briefing went without (a throttled mailbox costs the briefing its mail).
/// </summary>
internal sealed record WireFigures(int HttpRequests, int GraphRequests, int SequentialDepth, int Throttled, int MaxInFlightPerMailbox, int UnavailableSources);

/// <summary>A time-to-briefing figure beside the sequential baseline of the same run.</summary>
internal sealed record ColdStartFigure(
    string Name, int Externals, double MedianMs, double P95Ms, WireFigures Wire, double BaselineMedianMs, WireFigures BaselineWire)
{
    public double SpeedUp => BaselineMedianMs / Math.Max(MedianMs, 1e-9);
}

/// <summary>CPU and allocations per briefing, over many warm briefings, beside the sequential baseline's.</summary>
internal sealed record CpuFigure(string Name, int Briefings, double CpuMsPerBriefing, long AllocatedBytesPerBriefing, double BaselineCpuMsPerBriefing, long BaselineAllocatedBytesPerBriefing);

internal sealed record ColdStartReport(IReadOnlyList<ColdStartFigure> Figures, CpuFigure Cpu, IReadOnlyList<Row> Rows);

/// <summary>
/// 0. Time to briefing through the production <see cref="BriefingService.GetBriefingAsync"/> and the real Graph connector
/// over the <see cref="FakeGraph"/> (latency per request, batch inner requests included; 4 concurrent per mailbox, 429
/// beyond), the CRM behind a fixed latency: cold (a new process-level cache and a new mailbox each run) and warm (the same
/// mailbox again), the same two with the user's calendar mirror synced (beside them without it), CPU and allocations per
/// briefing, and growth with the meeting's size. The baseline, measured in the
/// same run, asks the same sources one after another and searches mail once per attendee.
/// </summary>
internal static class ColdStartBenchmark
{
    private const string TenantId = "2b1f6c3a-8e4d-4f71-9a62-c3d5e7f90a14";
    private static int s_mailboxes;

    public static async Task<ColdStartReport> RunAsync(ColdStartSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await using var fake = await FakeGraph.StartAsync(settings.GraphLatency, DateTimeOffset.UtcNow, cancellationToken, maxConcurrentPerMailbox: 4);
        fake.MirroredMeetings = [settings.HeadlineExternals];
        output.WriteLine($"0. Time to briefing: BriefingService.GetBriefingAsync over the Graph connector and a fake Graph ({Format.Ms(settings.GraphLatency)} per request, each inside a $batch too; 4 concurrent per mailbox, 429 + Retry-After: 1 beyond), CRM {Format.Ms(settings.CrmLatency)}; baseline: the same sources in turn, mail searched per attendee");

        // Warm-up: JIT and the connection pool, outside every figure.
        Console.Error.WriteLine("   … warm-up");
        await using (var warmup = await Engine.CreateAsync(fake, settings, cancellationToken))
        {
            await warmup.BriefAsync(NewMailbox(), settings.HeadlineExternals, cancellationToken);
            await warmup.BaselineAsync(NewMailbox(), 1, cancellationToken);
        }

        var figures = new List<ColdStartFigure>();
        var rows = new List<Row>();
        var n = settings.HeadlineExternals;

        var (cold, coldWire) = await TimeAsync($"cold briefing, {n} externals", settings.ColdRuns, fake, settings, fresh: true, baseline: false, n, cancellationToken);
        var (coldBase, coldBaseWire) = await TimeAsync($"sequential baseline, cold, {n} externals", Math.Max(1, settings.ColdRuns / 2), fake, settings, fresh: true, baseline: true, n, cancellationToken);
        figures.Add(Figure(cold, coldWire, coldBase, coldBaseWire, n));
        var (warm, warmWire) = await TimeAsync($"warm briefing, {n} externals", settings.WarmRuns, fake, settings, fresh: false, baseline: false, n, cancellationToken);
        var (warmBase, warmBaseWire) = await TimeAsync($"sequential baseline, warm, {n} externals", Math.Max(1, settings.WarmRuns / 4), fake, settings, fresh: false, baseline: true, n, cancellationToken);
        figures.Add(Figure(warm, warmWire, warmBase, warmBaseWire, n));
        rows.Add(RowOf(figures[0], cold, coldBase));
        rows.Add(RowOf(figures[1], warm, warmBase));

        // The calendar mirror: the same briefings with the user's mirror synced just before (as the tick leaves it), beside
        // the same briefings without one (above) as their baseline.
        var (coldMirror, coldMirrorWire) = await TimeAsync($"cold briefing from the calendar mirror, {n} externals", settings.ColdRuns, fake, settings, fresh: true, baseline: false, n, cancellationToken, mirror: true);
        var (warmMirror, warmMirrorWire) = await TimeAsync($"warm briefing from the calendar mirror, {n} externals", settings.WarmRuns, fake, settings, fresh: false, baseline: false, n, cancellationToken, mirror: true);
        foreach (var (mirrored, mirroredWire, without, withoutWire) in new[] { (coldMirror, coldMirrorWire, cold, coldWire), (warmMirror, warmMirrorWire, warm, warmWire) })
        {
            var figure = Figure(mirrored, mirroredWire, without, withoutWire, n);
            figures.Add(figure);
            rows.Add(RowOf(figure, mirrored, without));
        }

        var cpu = await CpuAsync(fake, settings, n, cancellationToken);
        output.WriteLine($"   CPU per briefing (process CPU over {cpu.Briefings} warm briefings, the in-process fake Graph and Kestrel included): {Format.Num(cpu.CpuMsPerBriefing, "0.00")} ms, {Format.Bytes(cpu.AllocatedBytesPerBriefing)} allocated | baseline {Format.Num(cpu.BaselineCpuMsPerBriefing, "0.00")} ms, {Format.Bytes(cpu.BaselineAllocatedBytesPerBriefing)}");

        foreach (var size in settings.Growth)
        {
            var runs = size >= 100 ? 1 : Math.Max(1, settings.ColdRuns / 3);
            var (grown, grownWire) = await TimeAsync($"cold briefing, {size} externals", runs, fake, settings, fresh: true, baseline: false, size, cancellationToken);
            var (grownBase, grownBaseWire) = await TimeAsync($"sequential baseline, cold, {size} externals", 1, fake, settings, fresh: true, baseline: true, size, cancellationToken);
            var figure = Figure(grown, grownWire, grownBase, grownBaseWire, size);
            figures.Add(figure);
            rows.Add(RowOf(figure, grown, grownBase));
        }

        foreach (var f in figures)
        {
            output.WriteLine($"   {f.Name}: {Format.Ms(TimeSpan.FromMilliseconds(f.MedianMs))} (p95 {Format.Ms(TimeSpan.FromMilliseconds(f.P95Ms))}), {Describe(f.Wire)} | baseline {Format.Ms(TimeSpan.FromMilliseconds(f.BaselineMedianMs))}, {Describe(f.BaselineWire)} | speed-up {Format.Ratio(f.SpeedUp)}");
        }

        return new ColdStartReport(figures, cpu, rows);
    }

    private static string Describe(WireFigures w) =>
        $"{w.HttpRequests} HTTP / {w.GraphRequests} Graph requests, depth {w.SequentialDepth}, {w.Throttled} throttled, max {w.MaxInFlightPerMailbox} in flight per mailbox"
        + (w.UnavailableSources > 0 ? $", {w.UnavailableSources} source(s) UNAVAILABLE" : string.Empty);

    private static ColdStartFigure Figure(Stats candidate, WireFigures wire, Stats baseline, WireFigures baselineWire, int externals) =>
        new(candidate.Name, externals, candidate.MedianMs, candidate.P95.TotalMilliseconds, wire, baseline.MedianMs, baselineWire);

    private static Row RowOf(ColdStartFigure figure, Stats candidate, Stats baseline) =>
        new(candidate, baseline, $"{figure.Wire.GraphRequests} req/depth {figure.Wire.SequentialDepth}/{figure.Wire.Throttled} 429 vs {figure.BaselineWire.GraphRequests} req/depth {figure.BaselineWire.SequentialDepth}; speed-up {Format.Ratio(figure.SpeedUp)}");

    private static string NewMailbox() => $"adele{Interlocked.Increment(ref s_mailboxes)}@{FakeGraph.OwnDomain}";

    /// <summary>
    /// Runs one kind of briefing <paramref name="runs"/> times. Fresh: a new engine (empty caches) and a new mailbox each run;
    /// otherwise one engine and mailbox, primed once. The wire figures are the last run's.
    /// </summary>
    private static async Task<(Stats Stats, WireFigures Wire)> TimeAsync(
        string name, int runs, FakeGraph fake, ColdStartSettings settings, bool fresh, bool baseline, int externals, CancellationToken cancellationToken, bool mirror = false)
    {
        Console.Error.WriteLine($"   … {name}");
        var samples = new List<TimeSpan>();
        var wire = new WireFigures(0, 0, 0, 0, 0, 0);
        long allocated = 0;
        Engine? shared = null;
        var mailbox = NewMailbox();
        try
        {
            if (!fresh)
            {
                shared = await Engine.CreateAsync(fake, settings, cancellationToken);
                if (mirror)
                {
                    await shared.SyncMirrorAsync(mailbox, cancellationToken);
                }

                await RunOnceAsync(shared, mailbox, baseline, externals, cancellationToken);
            }

            for (var i = 0; i < runs; i++)
            {
                var engine = shared ?? await Engine.CreateAsync(fake, settings, cancellationToken);
                try
                {
                    if (fresh)
                    {
                        mailbox = NewMailbox();
                        if (mirror)
                        {
                            await engine.SyncMirrorAsync(mailbox, cancellationToken);
                        }
                    }

                    engine.Wire.Reset();
                    fake.Reset();
                    var before = GC.GetTotalAllocatedBytes(precise: true);
                    var start = Stopwatch.GetTimestamp();
                    var unavailable = await RunOnceAsync(engine, mailbox, baseline, externals, cancellationToken);
                    samples.Add(Stopwatch.GetElapsedTime(start));
                    allocated += GC.GetTotalAllocatedBytes(precise: true) - before;
                    wire = new WireFigures(engine.Wire.Requests, fake.Requests, engine.Wire.RoundTrips, fake.Throttled, fake.MaxInFlightPerMailbox, unavailable);
                }
                finally
                {
                    if (shared is null)
                    {
                        await engine.DisposeAsync();
                    }
                }
            }
        }
        finally
        {
            if (shared is not null)
            {
                await shared.DisposeAsync();
            }
        }

        return (Measure.FromSamples(name, samples, allocated), wire);
    }

    private static Task<int> RunOnceAsync(Engine engine, string mailbox, bool baseline, int externals, CancellationToken cancellationToken) =>
        baseline ? engine.BaselineAsync(mailbox, externals, cancellationToken) : engine.BriefAsync(mailbox, externals, cancellationToken);

    /// <summary>Process CPU time and allocations over many warm briefings in a row (concurrency 1), and the same for the baseline.</summary>
    private static async Task<CpuFigure> CpuAsync(FakeGraph fake, ColdStartSettings settings, int externals, CancellationToken cancellationToken)
    {
        async Task<(double CpuMs, long Bytes)> MeasureAsync(bool baseline, int runs)
        {
            await using var engine = await Engine.CreateAsync(fake, settings, cancellationToken);
            var mailbox = NewMailbox();
            await RunOnceAsync(engine, mailbox, baseline, externals, cancellationToken);
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var bytesBefore = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < runs; i++)
            {
                await RunOnceAsync(engine, mailbox, baseline, externals, cancellationToken);
            }

            process.Refresh();
            return ((process.TotalProcessorTime - cpuBefore).TotalMilliseconds / runs, (GC.GetTotalAllocatedBytes(precise: true) - bytesBefore) / runs);
        }

        var candidate = await MeasureAsync(baseline: false, settings.CpuRuns);
        var reference = await MeasureAsync(baseline: true, Math.Max(1, settings.CpuRuns / 10));
        return new CpuFigure($"warm briefing, {externals} externals", settings.CpuRuns, candidate.CpuMs, candidate.Bytes, reference.CpuMs, reference.Bytes);
    }

    /// <summary>The engine as the host wires it, over the fake Graph: one per "process" (its caches are process-wide).</summary>
    private sealed class Engine : IAsyncDisposable
    {
        private readonly ServiceProvider _services;
        private readonly SqliteConnection _keepAlive;

        private Engine(ServiceProvider services, SqliteConnection keepAlive, WireRecorder wire)
        {
            _services = services;
            _keepAlive = keepAlive;
            Wire = wire;
        }

        public WireRecorder Wire { get; }

        public static async Task<Engine> CreateAsync(FakeGraph fake, ColdStartSettings settings, CancellationToken cancellationToken)
        {
            var connectionString = $"Data Source=cold-{Guid.NewGuid():N};Mode=Memory;Cache=Shared";
            var keepAlive = new SqliteConnection(connectionString);
            await keepAlive.OpenAsync(cancellationToken);
            var wire = new WireRecorder(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
            var services = new ServiceCollection();
            services.AddLogging(l => l.SetMinimumLevel(LogLevel.Error));
            services.AddSingleton(TimeProvider.System);
            services.AddGraphConnector(new GraphOptions { BaseUrl = fake.BaseUrl, TimeoutSeconds = 60 }, _ => wire, anonymous: true);
            services.AddStorage(new StorageOptions { ConnectionString = connectionString });
            services.AddSingleton<ICrmSource>(new LatencyCrm(settings.CrmLatency));
            services.AddSingleton(GathererTimeouts.Default with { Mail = TimeSpan.FromSeconds(60), Calendar = TimeSpan.FromSeconds(60) });
            services.AddScoped<ContextGatherer>();
            services.AddScoped<IBriefingWriter, ExtractiveBriefingWriter>();
            services.AddScoped<BriefingService>();
            var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
            await using (var scope = provider.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<SqliteMeetingPrepDbContext>().Database.EnsureCreatedAsync(cancellationToken);
            }

            return new Engine(provider, keepAlive, wire);
        }

        private static UserRef User(string mailbox) => new(TenantId, mailbox, mailbox, "Adele Vance", "UTC", "en-US");

        private static string MeetingId(int externals) => $"meeting-{externals}";

        /// <summary>The production path: the meeting by id, the policy, the recipe, feedback, gathering, the writer; the sources it went without.</summary>
        public async Task<int> BriefAsync(string mailbox, int externals, CancellationToken cancellationToken)
        {
            await using var scope = _services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(TenantId);
            var result = await scope.ServiceProvider.GetRequiredService<BriefingService>().GetBriefingAsync(User(mailbox), MeetingId(externals), cancellationToken);
            return Check(result.Briefing, result.Reason);
        }

        /// <summary>One calendar sync round for the mailbox (what a tick or a change notification runs), outside the timing.</summary>
        public async Task SyncMirrorAsync(string mailbox, CancellationToken cancellationToken)
        {
            await using var scope = _services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(TenantId);
            var (from, to) = CalendarMirrorWindow.At(DateTimeOffset.UtcNow);
            await scope.ServiceProvider.GetRequiredService<ICalendarChangeSource>().SyncAsync(User(mailbox), from, to, cancellationToken);
        }

        /// <summary>The same sources in turn, nothing cached between steps, mail searched once per attendee.</summary>
        public async Task<int> BaselineAsync(string mailbox, int externals, CancellationToken cancellationToken)
        {
            await using var scope = _services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            sp.GetRequiredService<TenantScope>().Enter(TenantId);
            var user = User(mailbox);
            var calendar = sp.GetRequiredService<ICalendarSource>();
            _ = await calendar.GetTenantDomainsAsync(user, cancellationToken);
            var meeting = await calendar.GetMeetingAsync(user, MeetingId(externals), cancellationToken) ?? throw new InvalidOperationException("The fake Graph lost the meeting.");
            var briefings = sp.GetRequiredService<BriefingService>();
            var recipe = await briefings.GetRecipeAsync(user, cancellationToken);
            var suppressed = await sp.GetRequiredService<IFeedbackStore>().GetSuppressedItemKeysAsync(TenantId, mailbox, cancellationToken);
            var now = DateTimeOffset.UtcNow;
            var people = meeting.ExternalAttendees.Select(a => a.Person.Email).ToArray();
            var prior = await calendar.GetMeetingsWithAsync(user, people, now.AddDays(-recipe.LookBack.MeetingDays), now, cancellationToken);
            var mail = sp.GetRequiredService<IMailSource>();
            var emails = new List<EmailMessage>();
            foreach (var person in people)
            {
                emails.AddRange(await mail.GetRecentMessagesAsync(user, [person], now.AddDays(-recipe.LookBack.EmailDays), 10, cancellationToken));
            }

            var crm = await sp.GetRequiredService<ICrmSource>().GetContextAsync(new CrmQuery(people, now.AddDays(-recipe.LookBack.NoteDays), now.AddDays(-recipe.LookBack.CaseDays), 50, user.UserId), cancellationToken);
            var context = new MeetingContext(user, meeting, [.. prior], emails, crm, [], now, null);
            return Check(await sp.GetRequiredService<IBriefingWriter>().WriteAsync(context, recipe, suppressed, cancellationToken), null);
        }

        /// <summary>A briefing must come out; a source it went without is a figure (a throttled mailbox), not a crash.</summary>
        private static int Check(Briefing? briefing, string? reason)
        {
            if (briefing is null || briefing.Sections.Count == 0)
            {
                throw new InvalidOperationException($"No briefing came out: {reason}");
            }

            return briefing.Unavailable.Count;
        }

        public async ValueTask DisposeAsync()
        {
            await _services.DisposeAsync();
            await _keepAlive.DisposeAsync();
        }
    }

    /// <summary>The CRM's round trip without its records: the benchmark is about Graph and the engine, not the CRM's data.</summary>
    private sealed class LatencyCrm(TimeSpan latency) : ICrmSource
    {
        public string Name => "Benchmark CRM";

        public async Task<CrmContext> GetContextAsync(CrmQuery query, CancellationToken cancellationToken)
        {
            await Task.Delay(latency, cancellationToken);
            return CrmContext.Empty;
        }
    }
}
