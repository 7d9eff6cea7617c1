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
    bool HasAttachments = false);

/// <summary>Reads recent mail between the user and given people (Graph `$search` on participants).</summary>
public interface IMailSource
{
    /// <summary>As whom the mailbox is read (the user's delegated token or the application's permission).</summary>
    Sources.SourceAccess Access => Sources.SourceAccess.Application;

    Task<IReadOnlyList<EmailMessage>> GetRecentMessagesAsync(
        UserRef user, IReadOnlyCollection<string> participants, DateTimeOffset since, int maxPerParticipant, CancellationToken cancellationToken);
}
