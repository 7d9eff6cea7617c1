namespace MeetingPrep.Core.Crm;

/// <summary>Every CRM record can be opened in its own system (<c>Url</c>) and says when it last changed.</summary>
public sealed record CrmAccount(
    string Id,
    string Name,
    string? Domain,
    string? Tier,
    string? Industry,
    string? OwnerName,
    string? OwnerEmail,
    Uri? Url,
    DateTimeOffset LastModified);

public sealed record CrmContact(
    string Id,
    string? AccountId,
    string Name,
    string Email,
    string? JobTitle,
    string? Role,
    Uri? Url,
    DateTimeOffset LastModified);

/// <param name="IsWon">For a closed deal, whether it was won, when the CRM says so (Dataverse's state, Salesforce's IsWon,
/// HubSpot's hs_is_closed_won); null when it does not (the built-in store: its stage says "Closed Won" or "Closed Lost").</param>
public sealed record Opportunity(
    string Id,
    string AccountId,
    string Name,
    string Stage,
    decimal? Amount,
    string? Currency,
    DateOnly? CloseDate,
    bool IsClosed,
    DateTimeOffset? LastActivity,
    Uri? Url,
    DateTimeOffset LastModified,
    bool? IsWon = null);

public sealed record CrmNote(
    string Id,
    string AccountId,
    string Title,
    string Text,
    string? Author,
    DateTimeOffset Created,
    Uri? Url,
    DateTimeOffset LastModified);

public enum CasePriority
{
    Low,
    Normal,
    High,
    Critical,
}

public sealed record CrmCase(
    string Id,
    string AccountId,
    string Number,
    string Title,
    string Status,
    CasePriority Priority,
    bool IsOpen,
    bool IsEscalated,
    DateTimeOffset Opened,
    DateTimeOffset? EscalatedAt,
    string? OpenedByEmail,
    Uri? Url,
    DateTimeOffset LastModified);

public sealed record MetricPoint(DateOnly Period, decimal Value);

/// <summary>A performance series for an account, e.g. monthly spend or health score, oldest point first.</summary>
public sealed record MetricSeries(
    string Id,
    string AccountId,
    string Name,
    string Unit,
    bool HigherIsBetter,
    IReadOnlyList<MetricPoint> Points,
    Uri? Url,
    DateTimeOffset LastModified);

/// <summary>Everything a CRM knows that bears on one meeting.</summary>
public sealed record CrmContext(
    IReadOnlyList<CrmAccount> Accounts,
    IReadOnlyList<CrmContact> Contacts,
    IReadOnlyList<Opportunity> Opportunities,
    IReadOnlyList<CrmNote> Notes,
    IReadOnlyList<CrmCase> Cases,
    IReadOnlyList<MetricSeries> Metrics)
{
    public static CrmContext Empty { get; } = new([], [], [], [], [], []);

    /// <summary>The same records without their links, for a store that links records to its own pages.</summary>
    public CrmContext WithoutLinks() => new(
        [.. Accounts.Select(a => a with { Url = null })],
        [.. Contacts.Select(c => c with { Url = null })],
        [.. Opportunities.Select(o => o with { Url = null })],
        [.. Notes.Select(n => n with { Url = null })],
        [.. Cases.Select(c => c with { Url = null })],
        [.. Metrics.Select(m => m with { Url = null })]);
}

/// <summary>
/// What to ask a CRM for: the meeting's external attendees' addresses, and how far back to read notes and closed cases.
/// Accounts match by contact first, then by e-mail domain (never a personal mail domain).
/// </summary>
/// <param name="ForUserId">The reader (Entra object id): the built-in CRM's record links are signed for them alone.</param>
/// <param name="AccountIds">When set, these accounts are read by id instead of matching <paramref name="Emails"/> (the
/// outcome follow-up reads the same accounts as the snapshot at the meeting; no contacts come back).</param>
/// <param name="DealsClosedSince">When set, deals closed since then come back too (with <see cref="Opportunity.IsClosed"/>);
/// otherwise open deals only, as a briefing shows them.</param>
public sealed record CrmQuery(
    IReadOnlyList<string> Emails,
    DateTimeOffset NotesSince,
    DateTimeOffset CasesSince,
    int MaxRecordsPerKind,
    string? ForUserId = null,
    IReadOnlyList<string>? AccountIds = null,
    DateTimeOffset? DealsClosedSince = null);

/// <summary>One CRM (built-in store, Dataverse, Salesforce, HubSpot). Throws on failure; the gatherer records it as unavailable.</summary>
public interface ICrmSource
{
    /// <summary>A short name people recognise, used in "CRM (Salesforce) unavailable".</summary>
    string Name { get; }

    /// <summary>As whom the CRM is read (every connector signs in as the application; the built-in store is ours).</summary>
    Sources.SourceAccess Access => Sources.SourceAccess.Application;

    Task<CrmContext> GetContextAsync(CrmQuery query, CancellationToken cancellationToken);
}
