using MeetingPrep.Core.Crm;
using MeetingPrep.Core.Mail;
using MeetingPrep.Core.Meetings;
using MeetingPrep.Core.Recipes;
using MeetingPrep.Core.Users;

namespace MeetingPrep.Core.Briefings;

/// <summary>
/// Everything gathered for one meeting: the meeting itself, prior meetings with the same external people, mail with them,
/// and the CRM's view. Sources that failed are listed in <see cref="Unavailable"/> and their parts are empty.
/// <see cref="ClientMeeting"/> is set for a meeting with colleagues only that is about a client meeting: the context is
/// then that client's.
/// </summary>
public sealed record MeetingContext(
    UserRef User,
    Meeting Meeting,
    IReadOnlyList<Meeting> PriorMeetings,
    IReadOnlyList<EmailMessage> Emails,
    CrmContext Crm,
    IReadOnlyList<UnavailableSource> Unavailable,
    DateTimeOffset Now,
    Meeting? ClientMeeting = null)
{
    /// <summary>Every source read for this meeting, as whom and how it ended (the briefing's audit trail; no content).</summary>
    public IReadOnlyList<Audit.SourceRead> Reads { get; init; } = [];

    /// <summary>The last card this user was sent about the same accounts, to say what moved since (null when none).</summary>
    public Delivery.EarlierBriefing? Earlier { get; init; }
}

/// <summary>Turns gathered context into a briefing. The extractive writer is the default; an LLM writer plugs in behind this.</summary>
public interface IBriefingWriter
{
    /// <summary>A short name shown in the briefing's footer ("extractive", "azure-openai:gpt-4o").</summary>
    string Name { get; }

    Task<Briefing> WriteAsync(MeetingContext context, BriefingRecipe recipe, IReadOnlySet<string> suppressedItemKeys, CancellationToken cancellationToken);
}
