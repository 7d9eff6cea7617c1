using System.Text.RegularExpressions;

namespace MeetingPrep.Demo.Scenarios;

/// <summary><c>expect.json</c>: what a director who knows the accounts wants each named briefing to say, and not to say.</summary>
public sealed record ScenarioExpectations(IReadOnlyList<MeetingExpectation> Meetings);

/// <summary>One meeting of one user: whether it is briefed, who is on which side, its key points and its forbidden lines.</summary>
public sealed record MeetingExpectation(
    string User,
    string Event,
    bool Briefed,
    Regex? ReasonMatch,
    AttendeeExpectation? Attendees,
    IReadOnlyList<KeyPointExpectation> KeyPoints,
    IReadOnlyList<ForbiddenText> MustNotSay);

/// <summary>E-mail addresses the briefing must count as external, as internal (colleagues who attend), and as absent.</summary>
public sealed record AttendeeExpectation(IReadOnlyList<string> External, IReadOnlyList<string> Internal, IReadOnlyList<string> Absent);

/// <summary>
/// A key point is covered when one briefing item cites one of <see cref="Sources"/> and its text holds, for every inner
/// list of <see cref="Mentions"/>, at least one of its terms (case-insensitive). A lead point must be covered in the summary.
/// </summary>
public sealed record KeyPointExpectation(string Id, string? Why, IReadOnlyList<string> Sources, IReadOnlyList<IReadOnlyList<string>> Mentions, bool Lead);

/// <summary>A .NET regular expression that no item text, section title or header line may match.</summary>
public sealed record ForbiddenText(string Id, string? Why, Regex Pattern);
