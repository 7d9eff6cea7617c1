using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using MeetingPrep.Core.Briefings;
using MeetingPrep.Core.Security;
using MeetingPrep.Demo.Scenarios;
using MeetingPrep.Teams.Cards;
using MeetingPrep.Web.Hosting;

namespace MeetingPrep.Web.Scenarios;

/// <summary>The floors <c>eval</c> holds the line with; a null floor is not checked.</summary>
public sealed record EvalFloors(double? MinRecall, double? MinLead, int? MaxWrong, double? MinCited, int? MaxRepeated);

/// <summary>Everything one <c>eval</c> run measured, as printed and as written with <c>--json</c>.</summary>
public sealed record EvalReport(string Writer, IReadOnlyList<MeetingScore> Meetings, ScoreTotals Totals, EvalFloors Floors, IReadOnlyList<string> FloorsMissed)
{
    public bool Passed => FloorsMissed.Count == 0;
}

/// <summary>
/// <c>eval PACK|FOLDER-OF-PACKS [--json FILE] [--min-recall R] [--min-lead R] [--max-wrong N] [--min-cited R] [--max-repeated N]</c>:
/// serves each pack through the same composition as the host (Graph sandbox, built-in CRM, the configured writer) on the
/// pack's clock, briefs every meeting its <c>expect.json</c> names, and prints the scores with every missed key point and
/// every wrong line. Exit code 0 when every floor holds, 1 when one is missed, 2 for wrong usage or a pack with problems.
/// </summary>
public static class EvalCommand
{
    public const string Name = "eval";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true, TypeInfoResolver = EvalJsonContext.Default };

    /// <summary>Scores <paramref name="packs"/> (a pack or a folder of packs); the command line parsed and checked the values.</summary>
    public static async Task<int> RunAsync(string packs, string? json, EvalFloors floors, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(packs);
        ArgumentNullException.ThrowIfNull(floors);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var root = CommandLinePaths.Resolve(packs);
        var found = FindPacks(root);
        if (found.Count == 0)
        {
            await errors.WriteLineAsync($"No scenario pack in '{root}': a pack is a folder with {ScenarioPackReader.ScenarioFile}.");
            return 2;
        }

        var scores = new List<MeetingScore>();
        var writer = "unknown";
        var failed = false;
        foreach (var pack in found)
        {
            var result = await EvaluatePackAsync(pack, errors, cancellationToken);
            if (result is null)
            {
                failed = true;
                continue;
            }

            writer = result.Value.Writer;
            scores.AddRange(result.Value.Scores);
        }

        if (failed)
        {
            return 2;
        }

        var totals = ScoreTotals.Of(scores);
        var report = new EvalReport(writer, scores, totals, floors, CheckFloors(totals, floors));
        await PrintAsync(report, output);
        if (json is not null)
        {
            json = CommandLinePaths.Resolve(json);
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, JsonOptions), cancellationToken);
            await output.WriteLineAsync($"Scores written to {json}.");
        }

        return report.Passed ? 0 : 1;
    }

    /// <summary>The folder itself when it is a pack, otherwise every pack directly inside it, in name order.</summary>
    public static IReadOnlyList<string> FindPacks(string root) =>
        ScenarioPackReader.IsPack(root) ? [root]
        : Directory.Exists(root) ? [.. Directory.EnumerateDirectories(root).Where(ScenarioPackReader.IsPack).Order(StringComparer.Ordinal)]
        : [];

    /// <summary>Briefs every meeting the pack's <c>expect.json</c> names, through a host composed for that pack alone.</summary>
    public static async Task<(string Writer, IReadOnlyList<MeetingScore> Scores)?> EvaluatePackAsync(string packFolder, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var work = Directory.CreateTempSubdirectory("meetingprep-eval-");
        try
        {
            var overrides = new Dictionary<string, string?>
            {
                ["Demo:Enabled"] = "true",
                ["Demo:ScenarioPath"] = packFolder,
                ["Demo:FreezeClock"] = "true",
                ["Storage:Provider"] = "Sqlite",
                ["Storage:ConnectionString"] = $"Data Source={Path.Combine(work.FullName, "eval.db")}",
                ["Scheduler:Enabled"] = "false",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:MeetingPrep"] = "Warning",
            };
            var options = new WebApplicationOptions { EnvironmentName = Environments.Development, ContentRootPath = AppContext.BaseDirectory };
            await using var app = AppComposition.Build(options, overrides, errors);
            if (app is null)
            {
                return null;
            }

            await app.PrepareStorageAsync();
            var scenario = app.Services.GetRequiredService<LoadedScenario>();
            var pack = scenario.Pack;
            if (pack.Expectations is not { } expectations)
            {
                await errors.WriteLineAsync($"{packFolder}: no {ScenarioPackReader.ExpectFile}, nothing to score.");
                return ("none", []);
            }

            var known = KnownSourceIds(scenario);
            var name = Path.GetFileName(packFolder);
            var scores = new List<MeetingScore>();
            var writerName = "extractive";
            foreach (var expected in expectations.Meetings)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var briefings = scope.ServiceProvider.GetRequiredService<BriefingService>();
                var user = pack.FindUser(expected.User)!;
                scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(user.TenantId);
                var result = await briefings.GetBriefingAsync(user, expected.Event, cancellationToken);
                string? card = null;
                if (result.Briefing is { } briefing)
                {
                    writerName = briefing.Writer;
                    card = AdaptiveCardSerializer.Serialize(BriefingCardRenderer.Render(briefing, user, CardHost.Teams));
                }

                scores.Add(ScenarioScorer.Score(name, expected, result.Briefing, result.Reason, card, known, result.Meeting?.Subject));
            }

            return (writerName, scores);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                work.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }

    /// <summary>Source ids of every record the pack holds, as the briefing JSON spells them.</summary>
    public static IReadOnlySet<string> KnownSourceIds(LoadedScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var crm = scenario.Tenant.Crm;
        return crm.Accounts.Select(a => "account:" + a.Id)
            .Concat(crm.Contacts.Select(c => "contact:" + c.Id))
            .Concat(crm.Opportunities.Select(o => "opportunity:" + o.Id))
            .Concat(crm.Notes.Select(n => "note:" + n.Id))
            .Concat(crm.Cases.Select(c => "case:" + c.Id))
            .Concat(crm.Metrics.Select(m => "metric:" + m.Id))
            .Concat(scenario.Pack.MessageIds.Select(id => "email:" + id))
            .Concat(scenario.Pack.EventIds.Select(id => "meeting:" + id))
            .ToHashSet(StringComparer.Ordinal);
    }

    public static IReadOnlyList<string> CheckFloors(ScoreTotals totals, EvalFloors floors)
    {
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(floors);
        var missed = new List<string>();
        if (floors.MinRecall is { } recall && totals.KeyPointRecall < recall)
        {
            missed.Add(F($"key-point recall {totals.KeyPointRecall:P1} is below the floor {recall:P1}"));
        }

        if (floors.MinLead is { } lead && totals.LeadRecall < lead)
        {
            missed.Add(F($"lead recall {totals.LeadRecall:P1} is below the floor {lead:P1}"));
        }

        if (floors.MaxWrong is { } wrong && totals.Wrong > wrong)
        {
            missed.Add(F($"{totals.Wrong} wrong, more than the {wrong} allowed"));
        }

        if (floors.MinCited is { } cited && totals.Cited < cited)
        {
            missed.Add(F($"cited {totals.Cited:P1} is below the floor {cited:P1}"));
        }

        if (floors.MaxRepeated is { } repeated && totals.RepeatedLines > repeated)
        {
            missed.Add(F($"{totals.RepeatedLines} repeated card lines, more than the {repeated} allowed"));
        }

        return missed;
    }

    public static async Task PrintAsync(EvalReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        await output.WriteLineAsync($"Writer: {report.Writer}");
        await output.WriteLineAsync(F($"{"Pack / meeting",-58} {"Recall",7} {"Lead",6} {"Wrong",5} {"Cited",6} {"Rep",4} {"Bytes",6}"));
        foreach (var s in report.Meetings)
        {
            var label = Cut($"{s.Pack} / {s.Subject}", 58);
            await output.WriteLineAsync(F($"{label,-58} {Frac(s.KeyPointsCovered, s.KeyPoints),7} {Frac(s.LeadPointsCovered, s.LeadPoints),6} {s.Wrong,5} {Percent(s.CitedItems, s.Items),6} {s.RepeatedLines,4} {s.CardBytes,6}"));
            foreach (var line in s.Missed)
            {
                await output.WriteLineAsync("    missed: " + line);
            }

            foreach (var line in s.WrongLines)
            {
                await output.WriteLineAsync("    wrong:  " + line);
            }
        }

        var t = report.Totals;
        await output.WriteLineAsync(new string('-', 94));
        await output.WriteLineAsync(F($"{$"Total ({t.Meetings} meetings)",-58} {t.KeyPointRecall,7:P0} {t.LeadRecall,6:P0} {t.Wrong,5} {t.Cited,6:P0} {t.RepeatedLines,4} {t.MaxCardBytes,6}"));
        await output.WriteLineAsync(F($"key points {t.KeyPointsCovered}/{t.KeyPoints}, lead {t.LeadPointsCovered}/{t.LeadPoints}, items cited {t.CitedItems}/{t.Items}, largest card {t.MaxCardBytes} bytes"));
        foreach (var miss in report.FloorsMissed)
        {
            await output.WriteLineAsync("FLOOR MISSED: " + miss);
        }

        await output.WriteLineAsync(report.Passed ? "All floors hold." : "Some floors are missed.");
    }

    private static string Frac(int covered, int total) => total == 0 ? "-" : F($"{covered}/{total}");

    private static string Percent(int part, int whole) => whole == 0 ? "-" : F($"{(double)part / whole:P0}");

    private static string Cut(string text, int width) => text.Length <= width ? text : text[..(width - 3)] + "...";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(EvalReport))]
internal sealed partial class EvalJsonContext : JsonSerializerContext;
