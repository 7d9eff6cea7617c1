using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Mail;

/// <summary>
/// A message reduced to clean text (HTML stripped, quoted replies and signatures trimmed).
/// The text is untrusted: it may contain instructions aimed at an LLM and must only ever be quoted, never obeyed.
/// </summary>
public sealed record EmailMessage(
    string Id,
    string ConversationId,
    string Subject,
    Person From,
    IReadOnlyList<Person> Recipients,
    DateTimeOffset Sent,
    string Text,
    Uri? WebLink,
    bool HasAttachments = false)
{
    /// <summary>
    /// Mail among colleagues only (<see cref="IMailSource.GetColleagueMessagesAsync"/>): what we say to each other about the
    /// account. Never shown to the customer's side (<see cref="Briefings.BriefingAudience"/>).
    /// </summary>
    public bool AmongColleagues { get; init; }
}

/// <summary>
/// What to read of the user's mail among colleagues about a client (<see cref="IMailSource.GetColleagueMessagesAsync"/>).
/// </summary>
/// <param name="User">The user's address: their own conversations, not what a list sent them.</param>
/// <param name="InternalDomains">Our organisation's domains as the meeting shows them (<see cref="ColleagueMail.Belongs"/>).</param>
/// <param name="Mentions">Words the message must mention, any one of them: the words of the account's name, its initials, the client's domain.</param>
/// <param name="Max">At most this many messages, newest first.</param>
public sealed record ColleagueMailQuery(
    string User, IReadOnlyCollection<string> InternalDomains, IReadOnlyCollection<string> Mentions, DateTimeOffset Since, int Max);

/// <summary>Reads recent mail between the user and given people (Graph `$search` on participants), and among colleagues about a client.</summary>
public interface IMailSource
{
    /// <summary>As whom the mailbox is read (the user's delegated token or the application's permission).</summary>
    Sources.SourceAccess Access => Sources.SourceAccess.Application;

    Task<IReadOnlyList<EmailMessage>> GetRecentMessagesAsync(
        UserRef user, IReadOnlyCollection<string> participants, DateTimeOffset since, int maxPerParticipant, CancellationToken cancellationToken);

    /// <summary>
    /// The user's recent mail that names the client of <paramref name="query"/>; the caller keeps what is among colleagues
    /// (<see cref="ColleagueMail.Belongs"/>). A source that cannot search this way reads none.
    /// </summary>
    Task<IReadOnlyList<EmailMessage>> GetColleagueMessagesAsync(UserRef user, ColleagueMailQuery query, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<EmailMessage>>([]);
}
