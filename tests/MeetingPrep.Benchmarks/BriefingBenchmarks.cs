using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingPrep.Benchmarks;

/// <summary>
/// 2. The production <see cref="ContextGatherer"/> (sources in parallel) over the demo's real sources with injected
/// latency, versus calling the same three sources one after another.
/// 3. Whole briefings for every briefed demo meeting through <see cref="BriefingService"/>, versus serializing each
/// meeting's gathered context to JSON (a reference cost measured in the same run).
/// </summary>
internal static class BriefingBenchmarks
{
    private static readonly TimeSpan CalendarLatency = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan MailLatency = TimeSpan.FromMilliseconds(60);
    private static readonly TimeSpan CrmLatency = TimeSpan.FromMilliseconds(30);

    public static async Task<IReadOnlyList<Row>> GatheringAsync(DemoWorld world, IReadOnlyList<(UserRef User, Meeting Meeting)> briefed, RunSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"2. Context gathering, ContextGatherer vs the same sources in turn; injected latency calendar {CalendarLatency.TotalMilliseconds:0} ms, mail {MailLatency.TotalMilliseconds:0} ms, CRM {CrmLatency.TotalMilliseconds:0} ms (floor: max {Format.Ms(MailLatency)} parallel, sum {Format.Ms(CalendarLatency + MailLatency + CrmLatency)} sequential)");
        var own = briefed.Where(b => b.User == world.Tenant.DefaultUser).ToList();
        var typical = own.OrderBy(b => Math.Abs(b.Meeting.ExternalAttendees.Count() - 3)).First();
        var largest = own.MaxBy(b => b.Meeting.ExternalAttendees.Count());
        return
        [
            await GatheringAsync(world, typical.User, typical.Meeting, "typical", settings, output, cancellationToken),
            await GatheringAsync(world, largest.User, largest.Meeting, "largest", settings, output, cancellationToken),
        ];
    }

    private static async Task<Row> GatheringAsync(DemoWorld world, UserRef user, Meeting meeting, string label, RunSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var recipe = BriefingRecipe.Default;
        var externalCount = meeting.ExternalAttendees.Count();
        var candidate = await Measure.Async($"gathering, {label} meeting ({externalCount} ext.), parallel", settings.Warmup(5), settings.Iterations(50), async ct =>
        {
            await using var scope = world.Services.CreateAsyncScope();
            var sources = Sources(scope.ServiceProvider);
            var gatherer = new ContextGatherer(sources.Calendar, sources.Mail, sources.Crm, TimeProvider.System, GathererTimeouts.Default);
            var context = await gatherer.GatherAsync(user, meeting, recipe, ct);
            if (context.Unavailable.Count > 0)
            {
                throw new InvalidOperationException("A source was unavailable: " + string.Join(", ", context.Unavailable.Select(u => u.Source + " " + u.Reason)));
            }
        }, cancellationToken);

        var baseline = await Measure.Async("same three sources in turn", settings.Warmup(5), settings.Iterations(50), async ct =>
        {
            await using var scope = world.Services.CreateAsyncScope();
            var sources = Sources(scope.ServiceProvider);
            var externals = meeting.ExternalAttendees.Select(a => a.Person.Email).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            var now = TimeProvider.System.GetUtcNow();
            var lookBack = recipe.LookBack;
            _ = await sources.Calendar.GetMeetingsWithAsync(user, externals, now.AddDays(-lookBack.MeetingDays), now < meeting.Start ? now : meeting.Start, ct);
            _ = await sources.Mail.GetRecentMessagesAsync(user, externals, now.AddDays(-lookBack.EmailDays), 10, ct);
            _ = await sources.Crm.GetContextAsync(new CrmQuery(externals, now.AddDays(-lookBack.NoteDays), now.AddDays(-lookBack.CaseDays), 50), ct);
        }, cancellationToken);

        var speedUp = baseline.MedianMs / candidate.MedianMs;
        output.WriteLine($"   {label}: \"{meeting.Subject}\" ({externalCount} externals): parallel {Format.Ms(candidate.Median)} (p95 {Format.Ms(candidate.P95)}) vs sequential {Format.Ms(baseline.Median)} (p95 {Format.Ms(baseline.P95)}); speed-up {Format.Ratio(speedUp)}");
        return new Row(candidate, baseline, $"speed-up {Format.Ratio(speedUp)}");
    }

    public static async Task<Row> WholeBriefingsAsync(DemoWorld world, IReadOnlyList<(UserRef User, Meeting Meeting)> briefed, RunSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine($"3. Whole briefings: {briefed.Count} briefed meetings of {world.Tenant.Users.Count} demo users (Graph sandbox in process, built-in CRM on SQLite in memory, extractive writer)");
        var recipe = BriefingRecipe.Default;

        async Task<Briefing> WriteAsync((UserRef User, Meeting Meeting) item, CancellationToken ct)
        {
            await using var scope = world.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<BriefingService>().WriteAsync(item.User, item.Meeting, recipe, ct);
        }

        // Warm-up over every meeting; it also checks that each briefing came out whole.
        foreach (var item in briefed)
        {
            var briefing = await WriteAsync(item, cancellationToken);
            if (briefing.Unavailable.Count > 0 || briefing.Sections.Count == 0)
            {
                throw new InvalidOperationException($"The briefing for \"{item.Meeting.Subject}\" is incomplete ({briefing.Unavailable.Count} sources unavailable, {briefing.Sections.Count} sections).");
            }
        }

        var rounds = settings.Quick ? 1 : 6;
        var samples = new List<TimeSpan>();
        var perMeeting = new Dictionary<(UserRef User, Meeting Meeting), List<TimeSpan>>();
        GC.Collect();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var wall = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var item in briefed)
            {
                var start = Stopwatch.GetTimestamp();
                await WriteAsync(item, cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(start);
                samples.Add(elapsed);
                if (!perMeeting.TryGetValue(item, out var list))
                {
                    perMeeting[item] = list = [];
                }

                list.Add(elapsed);
            }
        }

        wall.Stop();
        var candidate = Measure.FromSamples("whole briefing per demo meeting", samples, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
        var perSecond = samples.Count / wall.Elapsed.TotalSeconds;

        // The reference cost: the same meetings' gathered context, serialized to JSON.
        var contexts = new List<MeetingContext>();
        foreach (var item in briefed)
        {
            await using var scope = world.Services.CreateAsyncScope();
            contexts.Add(await scope.ServiceProvider.GetRequiredService<ContextGatherer>().GatherAsync(item.User, item.Meeting, recipe, cancellationToken));
        }

        long jsonBytes = 0;
        var index = 0;
        var baseline = Measure.Sync("JSON serialization of the context", contexts.Count, contexts.Count * rounds, () =>
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(contexts[index++ % contexts.Count], BenchJsonContext.Default.MeetingContext);
            jsonBytes += bytes.Length;
        });
        var averageJson = jsonBytes / Math.Max(1, contexts.Count * (rounds + 1));

        output.WriteLine($"   {samples.Count} briefings in {Format.Ms(wall.Elapsed)}: {Format.Num(perSecond)} briefings/s, median {Format.Ms(candidate.Median)}, p95 {Format.Ms(candidate.P95)}, {Format.Bytes(candidate.AllocatedBytesPerOp)} allocated per briefing");
        var writer = new MeetingPrep.Core.Briefings.Writing.ExtractiveBriefingWriter(TimeProvider.System);
        var writeIndex = 0;
        var writerOnly = Measure.Sync("extractive writer only", contexts.Count, contexts.Count * rounds, () =>
            _ = writer.Write(contexts[writeIndex++ % contexts.Count], recipe, new HashSet<string>()));
        var slowest = perMeeting.Select(p => (p.Key.User, p.Key.Meeting, Median: p.Value.Order().ElementAt(p.Value.Count / 2))).OrderByDescending(p => p.Median).Take(3).ToList();
        output.WriteLine($"   slowest meetings (median): {string.Join("; ", slowest.Select(s => $"\"{s.Meeting.Subject}\" ({s.Meeting.Attendees.Count} attendees, {s.User.DisplayName}) {Format.Ms(s.Median)}"))}");
        foreach (var (user, meeting, _) in slowest)
        {
            output.WriteLine("     " + await SourceBreakdownAsync(world, user, meeting, recipe, cancellationToken));
        }
        output.WriteLine($"   of which the extractive writer alone (on gathered contexts): median {Format.Ms(writerOnly.Median)}, p95 {Format.Ms(writerOnly.P95)}, {Format.Bytes(writerOnly.AllocatedBytesPerOp)} allocated");
        output.WriteLine($"   baseline: context JSON (avg {Format.Bytes(averageJson)}) median {Format.Ms(baseline.Median)}, p95 {Format.Ms(baseline.P95)}; a briefing costs {Format.Ratio(candidate.MedianMs / baseline.MedianMs)} its context's serialization");
        return new Row(candidate, baseline, $"{Format.Num(perSecond)} briefings/s; context JSON avg {Format.Bytes(averageJson)}");
    }

    /// <summary>Where one meeting's time goes: each real source alone (no injected latency), with what it returned.</summary>
    private static async Task<string> SourceBreakdownAsync(DemoWorld world, UserRef user, Meeting meeting, BriefingRecipe recipe, CancellationToken cancellationToken)
    {
        var externals = meeting.ExternalAttendees.Select(a => a.Person.Email).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var now = TimeProvider.System.GetUtcNow();
        var lookBack = recipe.LookBack;
        int priorCount = 0, mailCount = 0, crmCount = 0;
        long calendarRequests = 0, mailRequests = 0;
        var calendar = await Measure.Async("calendar", 1, 5, async ct =>
        {
            await using var scope = world.Services.CreateAsyncScope();
            var before = world.Sandbox.HttpRequestCount;
            priorCount = (await scope.ServiceProvider.GetRequiredService<ICalendarSource>().GetMeetingsWithAsync(user, externals, now.AddDays(-lookBack.MeetingDays), now < meeting.Start ? now : meeting.Start, ct)).Count;
            calendarRequests = world.Sandbox.HttpRequestCount - before;
        }, cancellationToken);
        var mail = await Measure.Async("mail", 1, 5, async ct =>
        {
            await using var scope = world.Services.CreateAsyncScope();
            var before = world.Sandbox.HttpRequestCount;
            mailCount = (await scope.ServiceProvider.GetRequiredService<IMailSource>().GetRecentMessagesAsync(user, externals, now.AddDays(-lookBack.EmailDays), 10, ct)).Count;
            mailRequests = world.Sandbox.HttpRequestCount - before;
        }, cancellationToken);
        var crm = await Measure.Async("crm", 1, 5, async ct =>
        {
            await using var scope = world.Services.CreateAsyncScope();
            var context = await scope.ServiceProvider.GetRequiredService<ICrmSource>().GetContextAsync(new CrmQuery(externals, now.AddDays(-lookBack.NoteDays), now.AddDays(-lookBack.CaseDays), 50), ct);
            crmCount = context.Accounts.Count + context.Contacts.Count + context.Opportunities.Count + context.Notes.Count + context.Cases.Count + context.Metrics.Count;
        }, cancellationToken);
        // The same mail searches posted straight to the sandbox: what the demo's fake Graph costs, apart from the SDK and connector.
        using var sandbox = new HttpClient(new MeetingPrep.Demo.GraphSandboxHandler(world.Tenant)) { BaseAddress = new Uri(MeetingPrep.Demo.GraphSandboxHandler.BaseUrl + "/") };
        var rawBytes = 0L;
        var raw = await Measure.Async("sandbox", 1, 5, async ct =>
        {
            rawBytes = 0;
            foreach (var chunk in externals.Chunk(20))
            {
                var requests = new System.Text.Json.Nodes.JsonArray();
                foreach (var (address, i) in chunk.Select((a, i) => (a, i)))
                {
                    requests.Add(new System.Text.Json.Nodes.JsonObject
                    {
                        ["id"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        ["method"] = "GET",
                        ["url"] = $"/users/{user.UserId}/messages?$search={Uri.EscapeDataString($"\"participants:{address}\"")}&$top=10&$select=id,conversationId,subject,from,toRecipients,ccRecipients,sentDateTime,body,webLink,hasAttachments",
                    });
                }

                using var content = new StringContent(new System.Text.Json.Nodes.JsonObject { ["requests"] = requests }.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
                using var response = await sandbox.PostAsync(new Uri("$batch", UriKind.Relative), content, ct);
                rawBytes += (await response.Content.ReadAsByteArrayAsync(ct)).Length;
            }
        }, cancellationToken);
        return $"\"{meeting.Subject}\": calendar {Format.Ms(calendar.Median)} ({priorCount} meetings, {calendarRequests} Graph requests, {Format.Bytes(calendar.AllocatedBytesPerOp)}), "
            + $"mail {Format.Ms(mail.Median)} ({mailCount} messages, {mailRequests} Graph requests, {Format.Bytes(mail.AllocatedBytesPerOp)}; sandbox alone {Format.Ms(raw.Median)}, {Format.Bytes(raw.AllocatedBytesPerOp)}, {Format.Bytes(rawBytes)} of JSON), CRM {Format.Ms(crm.Median)} ({crmCount} records, {Format.Bytes(crm.AllocatedBytesPerOp)})";
    }

    private static (ICalendarSource Calendar, IMailSource Mail, ICrmSource Crm) Sources(IServiceProvider services)
    {
        var crm = services.GetRequiredService<ICrmSource>();
        return (
            new SlowCalendar(services.GetRequiredService<ICalendarSource>(), CalendarLatency),
            new SlowMail(services.GetRequiredService<IMailSource>(), MailLatency),
            new SlowCrm(crm, CrmLatency));
    }

    private sealed class SlowCalendar(ICalendarSource inner, TimeSpan latency) : ICalendarSource
    {
        public async Task<IReadOnlyList<Meeting>> GetMeetingsAsync(UserRef user, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        {
            await Task.Delay(latency, cancellationToken);
            return await inner.GetMeetingsAsync(user, from, to, cancellationToken);
        }

        public async Task<Meeting?> GetMeetingAsync(UserRef user, string meetingId, CancellationToken cancellationToken)
        {
            await Task.Delay(latency, cancellationToken);
            return await inner.GetMeetingAsync(user, meetingId, cancellationToken);
        }

        public async Task<IReadOnlyList<Meeting>> GetMeetingsWithAsync(UserRef user, IReadOnlyCollection<string> attendeeEmails, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
        {
            await Task.Delay(latency, cancellationToken);
            return await inner.GetMeetingsWithAsync(user, attendeeEmails, from, to, cancellationToken);
        }

        public async Task<TenantDomains> GetTenantDomainsAsync(UserRef user, CancellationToken cancellationToken)
        {
            await Task.Delay(latency, cancellationToken);
            return await inner.GetTenantDomainsAsync(user, cancellationToken);
        }
    }

    private sealed class SlowMail(IMailSource inner, TimeSpan latency) : IMailSource
    {
        public async Task<IReadOnlyList<EmailMessage>> GetRecentMessagesAsync(UserRef user, IReadOnlyCollection<string> participants, DateTimeOffset since, int maxPerParticipant, CancellationToken cancellationToken)
        {
            await Task.Delay(latency, cancellationToken);
            return await inner.GetRecentMessagesAsync(user, participants, since, maxPerParticipant, cancellationToken);
        }
    }

    private sealed class SlowCrm(ICrmSource inner, TimeSpan latency) : ICrmSource
    {
        public string Name => inner.Name;

        public async Task<CrmContext> GetContextAsync(CrmQuery query, CancellationToken cancellationToken)
        {
            await Task.Delay(latency, cancellationToken);
            return await inner.GetContextAsync(query, cancellationToken);
        }
    }
}

[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(MeetingContext))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
