using MeetingPrep.Core.Crm;
using MeetingPrep.Demo;
using MeetingPrep.Demo.Scenarios;
using MeetingPrep.Storage.Crm.Csv;

namespace MeetingPrep.Web.Scenarios;

/// <summary>A pack read and judged whole, as the tenant the Graph sandbox and the built-in CRM serve.</summary>
public sealed record LoadedScenario(ScenarioPack Pack, DemoTenant Tenant);

/// <summary>
/// Loads a scenario pack: its Graph files through <see cref="ScenarioPackReader"/>, its CRM files through the built-in
/// CRM's own CSV reader (the rules of <c>crm import</c>), with every problem of both listed before anything is served.
/// </summary>
public static class ScenarioLoader
{
    /// <exception cref="ScenarioPackException">The pack has problems; each is located by file and JSON path or CSV line and column.</exception>
    public static LoadedScenario Load(string folder)
    {
        CrmContext crm = CrmContext.Empty;
        var pack = ScenarioPackReader.Read(folder, (files, now) =>
        {
            var result = CrmCsvReader.Read(files, now, new HashSet<string>(StringComparer.Ordinal));
            if (result.Data is { } data && result.Problems.Count == 0)
            {
                crm = data;
            }

            return result.Problems.Select(p => new ScenarioProblem($"{ScenarioPackReader.CrmFolder}/{p.File}", Location(p), p.Reason));
        });
        return new LoadedScenario(pack, DemoTenant.FromPack(pack, crm));
    }

    private static string Location(CsvProblem problem) =>
        problem.Column is null
            ? $"line {problem.Line}"
            : $"line {problem.Line}, column {problem.Column}" + (problem.ColumnName is null ? string.Empty : $" ({problem.ColumnName})");
}

/// <summary>
/// The clock of a scenario: the pack's <c>now</c>, then running on in real time so the scheduler's ticks still see time
/// pass; frozen at <c>now</c> when asked (eval wants every briefing written at exactly the pack's instant).
/// </summary>
public sealed class ScenarioClock(DateTimeOffset now, bool frozen, TimeProvider? real = null) : TimeProvider
{
    private readonly TimeProvider _real = real ?? System;
    private readonly long _started = (real ?? System).GetTimestamp();

    public DateTimeOffset Start { get; } = now;

    public override DateTimeOffset GetUtcNow() => frozen ? Start : Start + _real.GetElapsedTime(_started);
}
