namespace MeetingPrep.Core.Sources;

/// <summary>What kind of system a fact was read from.</summary>
public enum SourceKind
{
    Email,
    Meeting,
    CrmAccount,
    CrmContact,
    Opportunity,
    Note,
    Case,
    Metric,
}

/// <summary>
/// Where a fact came from, so a person can check it. <see cref="Id"/> is stable across runs
/// (kind-prefixed, e.g. "email:AAMk…"), <see cref="Url"/> opens the record in its own system.
/// </summary>
public sealed record SourceRef(SourceKind Kind, string Id, string Title, DateTimeOffset? Timestamp, Uri? Url);
