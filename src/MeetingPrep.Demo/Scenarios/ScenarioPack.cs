using MeetingPrep.Core.Users;
using MeetingPrep.Demo.Data;

namespace MeetingPrep.Demo.Scenarios;

/// <summary>
/// What is wrong where in a scenario pack: the file (relative to the pack folder), a location inside it (a JSON path such
/// as <c>$[3].start.dateTime</c>, or <c>line 4, column 2 (account_id)</c> for CSV), and the reason.
/// </summary>
public sealed record ScenarioProblem(string File, string? Location, string Message)
{
    public override string ToString() => Location is null ? $"{File}: {Message}" : $"{File} {Location}: {Message}";
}

/// <summary>Thrown when a pack cannot be served; carries every problem found, so an author fixes them in one pass.</summary>
public sealed class ScenarioPackException(string folder, IReadOnlyList<ScenarioProblem> problems)
    : Exception($"Scenario pack '{folder}' has {problems.Count} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => "  " + p)))
{
    public string Folder { get; } = folder;

    public IReadOnlyList<ScenarioProblem> Problems { get; } = problems;
}

/// <summary>
/// A tenant in a folder (format version 1, see README "Scenario packs"): the organization, its users and a fixed clock,
/// each user's calendar and mailbox as parsed from Graph v1.0 JSON, the CRM CSV files as text (the built-in CRM's importer
/// judges them), and <c>expect.json</c> when present.
/// </summary>
public sealed class ScenarioPack
{
    public const int FormatVersion = 1;

    internal ScenarioPack(
        string folder,
        string title,
        DateTimeOffset now,
        string organizationName,
        IReadOnlyList<string> domains,
        string tenantId,
        IReadOnlyList<UserRef> users,
        IReadOnlyDictionary<string, List<DemoEvent>> events,
        IReadOnlyDictionary<string, List<DemoMessage>> messages,
        IReadOnlyDictionary<string, string> crmFiles,
        ScenarioExpectations? expectations)
    {
        Folder = folder;
        Title = title;
        Now = now;
        OrganizationName = organizationName;
        Domains = domains;
        TenantId = tenantId;
        Users = users;
        Events = events;
        Messages = messages;
        CrmFiles = crmFiles;
        Expectations = expectations;
    }

    public string Folder { get; }

    public string Title { get; }

    /// <summary>The clock of the whole run.</summary>
    public DateTimeOffset Now { get; }

    public string OrganizationName { get; }

    /// <summary>The organization's domains: who is internal.</summary>
    public IReadOnlyList<string> Domains { get; }

    public string TenantId { get; }

    public IReadOnlyList<UserRef> Users { get; }

    /// <summary>CRM files by name (e.g. <c>accounts.csv</c>), as text.</summary>
    public IReadOnlyDictionary<string, string> CrmFiles { get; }

    public ScenarioExpectations? Expectations { get; }

    /// <summary>Events by owner user id.</summary>
    internal IReadOnlyDictionary<string, List<DemoEvent>> Events { get; }

    /// <summary>Messages by owner user id.</summary>
    internal IReadOnlyDictionary<string, List<DemoMessage>> Messages { get; }

    public UserRef? FindUser(string upn) => Users.FirstOrDefault(u => string.Equals(u.Upn, upn, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every message id in any mailbox of the pack, and every event id in any calendar.</summary>
    public IReadOnlySet<string> MessageIds => Messages.Values.SelectMany(l => l).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);

    public IReadOnlySet<string> EventIds => Events.Values.SelectMany(l => l).Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
}
